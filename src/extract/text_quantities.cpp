// Figures in running text and their units (text_labels.cpp names them).
#include <algorithm>

#include "extract/fused_rows.h"
#include "extract/paragraph.h"
#include "model/ids.h"
#include "text/numerals.h"
#include "text/swar.h"
#include "text/utf8.h"

namespace budgetlens::extract::detail {
namespace {

// What a paragraph's reader works in. The readers of a document's paragraphs take it in turn,
// each finding it empty: the room of its vectors is kept from one paragraph to the next, where each
// reader grew its own vectors (and moved its figures as they grew).
struct ParagraphRoom {
  std::vector<int> masks;
  std::vector<bool> masked;
  std::vector<std::pair<size_t, size_t>> codes;
  std::vector<Found> found;
  std::vector<size_t> sentence_ends;
  std::vector<int> hits;

  ParagraphRoom& cleared() {
    masks.clear();
    masked.clear();
    codes.clear();
    found.clear();
    sentence_ends.clear();
    hits.clear();
    return *this;
  }
};

class ParagraphReader {
 public:
  ParagraphReader(const DocumentContext& ctx, TextRange range, int section, ParagraphRoom& room)
      : ctx_(ctx),
        g_(ctx.grammar),
        section_(section),
        masks_(room.cleared().masks),
        f_(text::fold(ctx.slice(range), range.begin, text::FoldMode::kMatch, ctx.source.traditional)),
        interruptions_(cut_interruptions(f_, g_.figures, masks_)),
        masked_(room.masked),
        codes_(room.codes),
        found_(room.found),
        sentence_ends_(room.sentence_ends),
        hits_(room.hits),
        text_{ctx, f_, interruptions_, room.sentence_ends} {}

  void run(QuantityList& out, std::deque<FigureContext>& contexts, int block) {
    const std::string& s = f_.text;
    masked_.assign(s.size(), false);
    apply_masks();
    read_fused();
    find_figures();
    // Usually found in order already; a Found is a dozen fields, each moved by every swap of a sort.
    auto before = [](const Found& a, const Found& b) { return a.figure.begin < b.figure.begin; };
    auto not_before = [](const Found& a, const Found& b) { return a.figure.begin >= b.figure.begin; };
    if (std::adjacent_find(found_.begin(), found_.end(), not_before) != found_.end()) {
      std::sort(found_.begin(), found_.end(), before);
    }
    if (found_.empty()) return;
    part_fused_heads();
    find_sentence_ends();
    decide_units();
    std::erase_if(found_, [](const Found& f) { return f.unit == nullptr; });
    label_figures(text_, codes_, found_, hits_);
    Position at;
    // The last use of what was found: its words move into the records.
    for (Found& f : found_) {
      contexts.push_back(context(f, block, at));
      out.push_back(record(std::move(f)));
    }
  }

 private:
  void mask(size_t b, size_t e) {
    for (size_t i = b; i < e && i < masked_.size(); ++i) masked_[i] = true;
  }

  void apply_masks() {
    const std::string& s = f_.text;
    for (int k : masks_) {
      const grammar::Pattern& pattern = g_.figures.masks[k].pattern;
      for (size_t from = 0; from <= s.size();) {
        std::optional<grammar::Match> hit = pattern.find(s, from);
        if (!hit) break;
        mask(hit->key_begin, hit->key_end);
        from = std::max(hit->end, hit->begin + 1);
      }
    }
    if (!g_.figures.code.valid()) return;
    for (size_t from = 0; from < s.size();) {
      std::optional<grammar::Match> hit = g_.figures.code.find(s, from);
      if (!hit) break;
      from = std::max(hit->end, hit->begin + 1);
      size_t after = hit->key_end;
      while (after < s.size() && s[after] == ' ') ++after;
      std::string_view rest = std::string_view(s).substr(after);
      bool unit_follows = g_.units.unit_at(rest) != nullptr;
      for (const grammar::ApproxWord& a : g_.units.approx) unit_follows |= rest.substr(0, a.word.size()) == a.word;
      if (unit_follows) continue;
      codes_.push_back({hit->key_begin, hit->key_end});
      mask(hit->key_begin, hit->key_end);
    }
  }

  // Rows of a table whose cells ran together: their figures carry the document's money unit.
  void read_fused() {
    std::vector<FusedFigure> fused = read_fused_rows(f_.text, masked_, g_);
    const grammar::UnitWord* unit = g_.units.money(ctx_.default_unit);
    for (const FusedFigure& ff : fused) {
      Found f;
      f.figure.begin = f.figure.number_begin = ff.begin;
      f.figure.end = f.figure.number_end = ff.end;
      f.figure.value = ff.value;
      f.figure.decimals = ff.decimals;
      f.unit = unit;
      f.unit_source = "document";
      if (ff.rate) {  // no cell of the table's rows: a figure of the text, its unit printed
        f.figure.end = ff.end + 1;
        f.figure.unit = f.unit = g_.units.unit_at(text_.view(ff.end, f_.text.size()));
        f.unit_source = "printed";
      }
      f.label = text_.shown(ff.label_begin, ff.label_end);
      f.subject = f.label;
      f.labelled = true;
      f.fused_row = ff.rate ? -1 : ff.row;
      f.fused_col = ff.rate ? -1 : ff.column;
      found_.push_back(std::move(f));
    }
    for (const FusedFigure& ff : fused) mask(ff.begin, ff.rate ? ff.end + 1 : ff.end);
  }

  void find_figures() {
    const std::string& s = f_.text;
    for (size_t i = 0; i < s.size(); ++i) {
      i = text::next_digit_candidate(s, i);  // most of a paragraph holds no digit
      if (i >= s.size()) break;
      if (s[i] < '0' || s[i] > '9' || masked_[i]) continue;
      if (i > 0 && (text::is_ascii_alnum(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == '_')) continue;
      size_t start = i;
      if (i > 0 && s[i - 1] == '-' && (i == 1 || !text::is_ascii_alnum(s[i - 2]))) start = i - 1;
      std::optional<units::Figure> f = units::read_figure(s, start, g_.units);
      if (!f) {
        while (i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') ++i;
        continue;
      }
      bool hit_mask = false;
      for (size_t k = f->number_begin; k < f->number_end; ++k) hit_mask |= masked_[k];
      // The head of a run of two points or more ("310.2154.741050"): cells fused that the fused
      // rows did not part with certainty, no figure.
      const bool fused = f->number_end + 1 < s.size() && s[f->number_end] == '.' &&
                         s[f->number_end + 1] >= '0' && s[f->number_end + 1] <= '9';
      if (fused) {
        while (i + 1 < s.size() && ((s[i + 1] >= '0' && s[i + 1] <= '9') || s[i + 1] == '.')) ++i;
        continue;
      }
      if (!hit_mask && !(f->number_end < s.size() && text::is_ascii_alnum(s[f->number_end]))) {
        Found found;
        found.figure = *f;
        found_.push_back(std::move(found));
      }
      i = std::max(i, f->end > 0 ? f->end - 1 : i);
    }
  }

  // Two figures of one unit with nothing between them are two cells of a form run together, and
  // when the first ends in the digits of the second ("415万元15万元": a weight 4, then a target and
  // a result of 15万元 each), its head is a cell of another kind: the first is the second's digits.
  void part_fused_heads() {
    const std::string& s = f_.text;
    for (size_t k = 0; k + 1 < found_.size(); ++k) {
      units::Figure& a = found_[k].figure;
      const units::Figure& b = found_[k + 1].figure;
      if (!a.unit || a.unit != b.unit || a.end != b.begin || a.negative || b.negative) continue;
      const std::string_view head(s.data() + a.number_begin, a.number_end - a.number_begin);
      const std::string_view tail(s.data() + b.number_begin, b.number_end - b.number_begin);
      if (head.size() <= tail.size() || !head.ends_with(tail)) continue;
      const size_t cut = head.size() - tail.size();
      if (!std::all_of(head.begin(), head.begin() + cut, [](char c) { return text::is_ascii_digit(c); }))
        continue;
      a.begin = a.number_begin = a.number_begin + cut;
      found_[k].fused_head = cut;
      a.value = b.value;
      a.decimals = b.decimals;
      a.separators = b.separators;
      a.trailing_point = b.trailing_point;
    }
  }

  // Where each sentence ends (。;!?), read once: a paragraph may hold thousands of figures, and
  // asking "is there a sentence end between these two" by reading the text between them each
  // time made a long paragraph cost the cube of its length.
  void find_sentence_ends() {
    // By bytes: in UTF-8 no character holds the byte of ; ! ? nor the bytes of 。 but these.
    const std::string& s = f_.text;
    using namespace text::swar;
    for (size_t i = 0; i < s.size(); ++i) {
      while (i + 8 <= s.size()) {
        const uint64_t w = load(s.data() + i);
        if (any_equal(w, ';') | any_equal(w, '!') | any_equal(w, '?') | any_equal(w, 0xE3)) break;
        i += 8;
      }
      if (i >= s.size()) break;
      char c = s[i];
      if (c == ';' || c == '!' || c == '?' || (c == '\xE3' && s.compare(i, 3, "。") == 0)) sentence_ends_.push_back(i);
    }
  }

  bool looks_like_amount(const units::Figure& f) const { return f.decimals > 0 || f.separators; }

  // The unit a paragraph states: only with the word that makes a statement one (单位：万元); a
  // bracketed unit in a sentence is no statement.
  std::string unit_statement() const {
    const std::string& stated_by = g_.tables.unit_stated_by;
    if (stated_by.empty() || text::find_word(f_.text, stated_by, 0) == std::string_view::npos) return {};
    int u = g_.tables.unit_statements.first_matching(grammar::Anchor::kAnywhere, f_.text);
    return u < 0 ? std::string() : std::string(g_.tables.unit_statements[u].find(f_.text)->key);
  }

  // For each figure, the first figure after it that prints a unit with nothing but list
  // separators between them ("4125.49,4143.91万元"), or none: worked out from the last figure back,
  // so a list of any length is read once.
  std::vector<const units::Figure*> list_units() const {
    std::vector<const units::Figure*> out(found_.size(), nullptr);
    for (size_t k = found_.size(); k-- > 1;) {
      const Found& next = found_[k];
      if (!text_.only_list_separators(found_[k - 1].figure.end, next.figure.begin)) continue;
      out[k - 1] = next.figure.unit ? &next.figure : out[k];
    }
    return out;
  }

  // A figure printed without a unit takes one only from evidence close by.
  void decide_units() {
    std::string stated = unit_statement();
    const grammar::UnitWord* stated_unit = stated.empty() ? nullptr : g_.units.money(stated);
    std::vector<const units::Figure*> list_unit = list_units();
    // The last figure so far whose unit is money, and the earliest end of it and every figure
    // after it: the figure before that a unitless amount takes its unit from, unless a sentence
    // ends between (the figures read back one by one, in a single step).
    const grammar::UnitWord* last_money = nullptr;
    size_t earliest_end_since = 0;
    for (size_t k = 0; k < found_.size(); ++k) {
      Found& f = found_[k];
      if (!f.unit && f.figure.unit) {
        f.unit = f.figure.unit;
        f.unit_source = "printed";
      }
      if (!f.unit) {  // not decided already (fused rows), nor printed
        // "4125.49,4143.91万元": the unit written once after a list.
        if (const units::Figure* listed = list_unit[k];
            listed && listed->unit->kind != grammar::UnitKind::kCount) {
          f.unit = listed->unit;
          f.unit_source = "inferred";
        } else if (looks_like_amount(f.figure) && last_money &&
                   !text_.sentence_break(earliest_end_since, f.figure.begin)) {
          // "593.99万元其中593.71为…": an amount in the same sentence as one that carries its unit.
          f.unit = last_money;
          f.unit_source = "inferred";
        } else if (stated_unit && looks_like_amount(f.figure)) {
          f.unit = stated_unit;
          f.unit_source = "table";
        }
      }
      if (f.unit && f.unit->kind == grammar::UnitKind::kMoney) {
        last_money = f.unit;
        earliest_end_since = f.figure.end;
      } else if (last_money) {
        earliest_end_since = std::min(earliest_end_since, f.figure.end);
      }
    }
  }

  // How far context() has read: the figures come in order, so the item markers before each are
  // counted from where the previous one stopped (a paragraph of any length is read once, not once
  // per figure).
  struct Position {
    std::optional<grammar::Match> marker;  // the next item marker not yet passed
    bool marker_sought = false;
    int item = 0;
  };

  // Takes the parts of f's label; its label itself stays, for record().
  FigureContext context(Found& f, int block, Position& at) const {
    FigureContext c;
    c.block = block;
    c.subject = std::move(f.subject);
    c.relation = std::move(f.relation);
    c.attribute = std::move(f.attribute);
    c.range = f_.source_range(f.figure.begin, f.figure.end);
    c.fused_row = f.fused_row;
    c.fused_col = f.fused_col;
    // The sentences ended before the figure (find_sentence_ends).
    c.sentence =
        static_cast<int>(std::lower_bound(sentence_ends_.begin(), sentence_ends_.end(), f.figure.begin) -
                         sentence_ends_.begin());
    if (g_.labels.item_marker.valid()) {
      if (!at.marker_sought) at.marker = g_.labels.item_marker.find(f_.text, 0), at.marker_sought = true;
      while (at.marker && at.marker->end <= f.figure.begin) {
        at.item = text::marker_ordinal(text_.view(at.marker->begin, at.marker->end));
        at.marker = g_.labels.item_marker.find(f_.text, std::max(at.marker->end, at.marker->begin + 1));
      }
      c.item = at.item;
    }
    // A year ("2023年") in the folded label: only a label that prints 年 can hold one (the source is
    // NFKC-normalised, so no other form of the character is left to fold into it).
    std::string key = f.label.find("年") == std::string::npos
                          ? std::string()
                          : text::match_key(f.label, ctx_.source.traditional);
    // Found from each 年 back: a label has one or two of them, and many places that start with 1 or 2.
    for (size_t y = text::find_word(key, "年"); y != std::string::npos;
         y = text::find_word(key, "年", y + 1)) {
      if (y < 4) continue;
      const size_t i = y - 4;
      if ((key[i] == '1' && key[i + 1] == '9') || (key[i] == '2' && key[i + 1] == '0')) {
        if (text::is_ascii_digit(key[i + 2]) && text::is_ascii_digit(key[i + 3])) {
          c.year = std::stoi(key.substr(i, 4));
          break;
        }
      }
    }
    return c;
  }

  QuantityRecord record(Found&& f) const {
    QuantityRecord q;
    q.section = section_id(section_);
    q.context = "text";
    q.label = std::move(f.label);
    q.code = std::move(f.code);
    TextRange r = f_.source_range(f.figure.begin, f.figure.end);
    q.raw = std::string(ctx_.slice(r));
    q.span = ctx_.source.span_of(r);
    set_value(q, f.figure, f.unit, f.unit_source);
    return q;
  }

  const DocumentContext& ctx_;
  const grammar::Grammar& g_;
  int section_;
  std::vector<int>& masks_;  // the masks that match f_ (grammar: figures)
  text::FoldedText f_;
  Interruptions interruptions_;  // taken out of f_ as it was folded, or left in it
  std::vector<bool>& masked_;
  std::vector<std::pair<size_t, size_t>>& codes_;
  std::vector<Found>& found_;
  std::vector<size_t>& sentence_ends_;
  std::vector<int>& hits_;  // patterns of a set that match, reused by every query
  ParagraphText text_;
};

// Whether folded text of s can hold an ASCII digit: s has one, or a full-width one (０-９, which
// folding writes as ASCII). Every figure starts at a digit, so a paragraph without one has none —
// and needs neither folding nor masking.
bool may_hold_digits(std::string_view s) {
  for (size_t i = text::next_digit_candidate(s, 0); i < s.size(); i = text::next_digit_candidate(s, i + 1)) {
    if (text::digit_length_at(s, i)) return true;
  }
  return false;
}

// A note under a table: the only cell printed in the table's last row, holding a sentence with a
// figure.
bool is_note(const tables::Grid& g, size_t index) {
  const tables::Cell& cell = g.cells[index];
  if (cell.header || cell.row != g.n_rows - 1 || cell.row < g.header_rows || cell.figure ||
      cell.text.find("。") == std::string::npos) {
    return false;
  }
  for (int c = 0; c < g.n_cols; ++c) {
    const int a = g.at[static_cast<size_t>(cell.row) * g.n_cols + c];
    if (a >= 0 && static_cast<size_t>(a) != index && g.cells[a].row == cell.row) return false;
  }
  return may_hold_digits(cell.text);
}

}  // namespace

void read_table_notes(const DocumentContext& ctx, const std::vector<tables::Grid>& grids, QuantityList& out,
                      std::deque<FigureContext>& contexts) {
  ParagraphRoom room;
  for (const tables::Grid& g : grids) {
    for (size_t i = 0; i < g.cells.size(); ++i) {
      if (!is_note(g, i)) continue;
      ParagraphReader(ctx, g.cells[i].range, g.section, room)
          .run(out, contexts, static_cast<int>(g.blocks.front()));
    }
  }
}

void read_paragraphs(const DocumentContext& ctx, const layout::Layout& layout, QuantityList& out,
                     std::deque<FigureContext>& contexts) {
  ParagraphRoom room;
  for (size_t b = 0; b < layout.blocks.size(); ++b) {
    const layout::Block& block = layout.blocks[b];
    if (block.kind != layout::BlockKind::kParagraph || ctx.outline.in_toc[b]) continue;
    if (!may_hold_digits(ctx.slice(block.range))) continue;
    ParagraphReader(ctx, block.range, ctx.outline.section_of_block[b], room)
        .run(out, contexts, static_cast<int>(b));
  }
}

}  // namespace budgetlens::extract::detail
