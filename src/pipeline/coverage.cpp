// The accounting of a document's characters (Coverage in model/records.h): each character of the
// text that is not a space gets the one place the stages put it — a heading, a paragraph, a cell of
// a table record — or the reason it was left out. A web page's text nodes that are not shown were
// counted by source/ as it rendered the page.
#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <vector>

#include "pipeline/records.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace budgetlens::pipeline {
namespace {

// What a byte of the text belongs to. kTable: inside a table block, not yet in a cell. A byte left
// out for a reason is kIgnored + the reason's index: one byte says both.
enum Place : uint8_t { kNone, kHeading, kParagraph, kCell, kTable, kIgnored };

bool counts(char32_t c) {
  return !text::is_blank(c) && c != 0x200C && c != 0x200D;
}

class Ledger {
 public:
  Ledger(const source::SourceText& source, Coverage& out)
      : text_(source.text),
        counted_(counted_bytes(source.text)),
        place_(source.text.size(), kNone),
        out_(out) {}

  // Puts [range) in a block; a character already in another block is counted as overlapping.
  void block(TextRange range, uint8_t place) {
    uint64_t overlapping = 0;
    for_each(range, [&](uint8_t& at, uint8_t counted) {
      const bool taken = at != kNone;
      overlapping += counted & taken;
      at = taken ? at : place;
    });
    out_.overlapping += overlapping;
  }

  void ignore(TextRange range, const std::string& reason) { block(range, ignored_place(reason)); }

  // A table record's cell: the characters it holds of its table block. One in another cell too, or
  // outside every table block, is counted as overlapping.
  void cell(TextRange range) {
    uint64_t overlapping = 0;
    for_each(range, [&](uint8_t& at, uint8_t counted) {
      const bool table = at == kTable;
      overlapping += counted & !table;
      at = table ? uint8_t{kCell} : at;
    });
    out_.overlapping += overlapping;
  }

  // Characters of a table block that no cell takes, for `reason`.
  void leave_out(TextRange range, const std::string& reason) {
    const uint8_t left_out = ignored_place(reason);
    for_each(range, [&](uint8_t& at, uint8_t) { at = at == kTable ? left_out : at; });
  }

  // The '|' of flattened rows (the commas and quotes of CSV records) that no cell took are the
  // table's rules; anything else left in the block is unaccounted.
  void close_table(TextRange range, std::string_view rules) {
    const uint8_t rule = ignored_place("table_rule");
    size_t end = std::min<size_t>(range.end, text_.size());
    for (size_t i = range.begin; i < end; ++i) {
      if (place_[i] == kTable && rules.find(text_[i]) != std::string_view::npos) place_[i] = rule;
    }
  }

  void total() {
    // How many characters that count each place holds. counted_ is 0 or 1 a byte, and places come
    // in long runs: eight bytes of one place are added at once (the sum of eight 0/1 bytes).
    std::array<uint64_t, 256> in_place{};
    const size_t n = text_.size();
    const uint8_t* place = place_.data();
    const uint8_t* counted = counted_.data();
    constexpr uint64_t kOnes = 0x0101010101010101ull;
    size_t at = 0;
    for (; at + 8 <= n; at += 8) {
      uint64_t places, counts;
      std::memcpy(&places, place + at, 8);
      std::memcpy(&counts, counted + at, 8);
      if (places == place[at] * kOnes) {
        in_place[place[at]] += (counts * kOnes) >> 56;
        continue;
      }
      for (size_t k = at; k < at + 8; ++k) in_place[place[k]] += counted[k];
    }
    for (; at < n; ++at) in_place[place[at]] += counted[at];
    for (uint64_t chars : in_place) out_.chars += chars;
    out_.heading += in_place[kHeading];
    out_.paragraph += in_place[kParagraph];
    out_.cell += in_place[kCell];
    out_.unaccounted += in_place[kTable] + in_place[kNone];
    for (size_t r = 0; r < reasons_.size(); ++r) {
      if (in_place[kIgnored + r]) out_.ignored[reasons_[r]] += in_place[kIgnored + r];
    }
  }

 private:
  // 1 at the first byte of each character that counts: the text is decoded once, not once for
  // each block, cell and rule that goes over it. The text is well-formed UTF-8 (source/ made it so).
  static std::vector<uint8_t> counted_bytes(const std::string& s) {
    const size_t n = s.size();
    std::vector<uint8_t> counted(n);
    const unsigned char* b = reinterpret_cast<const unsigned char*>(s.data());
    // Every first byte of a character but the ASCII blanks (\t \n \v \f \r and the space), in a
    // pass the compiler runs over many bytes at once.
    for (size_t i = 0; i < n; ++i) {
      const unsigned char c = b[i];
      counted[i] = (c >= 0xC0) | ((c < 0x80) & (c != ' ') & ((c < '\t') | (c > '\r')));
    }
    // Then the characters of more than one byte that may not count, found by their first byte: the
    // spaces text::is_blank knows (U+00A0; U+2000..200B, U+202F, U+205F; U+3000; U+FEFF) and the
    // joiners U+200C, U+200D. Each is decoded and asked.
    for (char lead : {'\xC2', '\xE2', '\xE3', '\xEF'}) {
      for (const char* p = s.data(); (p = static_cast<const char*>(std::memchr(p, lead, s.data() + n - p)));
           ++p) {
        size_t i = static_cast<size_t>(p - s.data());
        const size_t at = i;
        counted[at] = counts(text::next_char(s, i));
      }
    }
    return counted;
  }

  // Calls f(place, counted) on each byte of [range), with counted 1 on the first byte of a character
  // that is not a space and 0 elsewhere: what f does to the other bytes counts for nothing, which
  // lets a pass go over a range without a branch on every byte.
  template <typename F>
  void for_each(TextRange range, F f) {
    const size_t end = std::min<size_t>(range.end, text_.size());
    uint8_t* __restrict place = place_.data();
    const uint8_t* __restrict counted = counted_.data();
    for (size_t i = range.begin; i < end; ++i) f(place[i], counted[i]);
  }

  // The place of a byte left out for `reason`: kIgnored + the reason's index. The reasons are the
  // few that account_for() gives.
  uint8_t ignored_place(const std::string& reason) {
    size_t k = 0;
    while (k < reasons_.size() && reasons_[k] != reason) ++k;
    if (k == reasons_.size()) reasons_.push_back(reason);
    return static_cast<uint8_t>(kIgnored + k);
  }

  const std::string& text_;
  std::vector<uint8_t> counted_;
  std::vector<uint8_t> place_;  // a Place, or kIgnored + a reason
  std::vector<std::string> reasons_;
  Coverage& out_;
};

}  // namespace

Coverage account_for(const source::SourceText& source, const layout::Layout& layout, const sections::Outline& outline,
                     const std::vector<tables::Grid>& grids, const grammar::Grammar& grammar) {
  Coverage out;
  Ledger ledger(source, out);
  const grammar::Pattern& furniture = grammar.sections.page_furniture;
  std::string buffer;
  for (size_t b = 0; b < layout.blocks.size(); ++b) {
    const layout::Block& block = layout.blocks[b];
    if (block.kind == layout::BlockKind::kTable) {
      ledger.block(block.range, kTable);  // its cells are table records even in a table of contents
    } else if (b < outline.in_toc.size() && outline.in_toc[b]) {
      ledger.ignore(block.range, "toc");
    } else if (block.kind == layout::BlockKind::kHeading) {
      ledger.block(block.range, kHeading);
    } else if (furniture.valid() && furniture.match_full(layout::block_key(layout, source, block, buffer))) {
      ledger.ignore(block.range, "page_furniture");
    } else {
      ledger.block(block.range, kParagraph);
    }
  }
  for (const tables::Grid& g : grids) {
    for (const tables::Cell& c : g.cells) {
      if (c.pieces.empty()) {
        ledger.cell(c.range);
      } else {
        for (TextRange piece : c.pieces) ledger.cell(piece);
      }
    }
  }
  for (const tables::Grid& g : grids) {
    for (TextRange r : g.repeated_headers) ledger.leave_out(r, "repeated_header");
  }
  for (const layout::Block& block : layout.blocks) {
    if (block.kind == layout::BlockKind::kTable) ledger.close_table(block.range, block.layout == layout::TableLayout::kCsv ? ",\"" : "|");
  }
  ledger.total();
  if (source.page) {
    for (const auto& [reason, chars] : source.page->hidden_chars) {
      out.chars += chars;
      out.ignored[reason] += chars;
    }
  }
  return out;
}

}  // namespace budgetlens::pipeline
