#include <algorithm>
#include <set>

#include "sections/document_meta.h"
#include "sections/sections.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace budgetlens::sections {
namespace {

using layout::Block;
using layout::BlockKind;

std::string_view slice(const source::SourceText& s, TextRange r) {
  return std::string_view(s.text).substr(r.begin, r.size());
}

// A title without the marks around it: ":市委政法委概况" -> 市委政法委概况, "办公室。" -> 办公室.
std::string clean_title(std::string title) {
  static constexpr std::u32string_view kMarks = U":：。.、,，;；";
  while (!title.empty()) {
    size_t i = 0;
    if (kMarks.find(text::next_char(title, i)) == std::u32string_view::npos) break;
    title.erase(0, i);
  }
  while (!title.empty()) {
    size_t i = title.size();
    if (kMarks.find(text::prev_char(title, i)) == std::u32string_view::npos) break;
    title.resize(i);
  }
  return std::string(text::trim(title));
}

// Marks the blocks of a table of contents: a 目录 line and the run of headings after it, up to the
// first heading that repeats one of them. Also catches a contents list without its 目录 line: three
// or more headings in a row whose first reappears later.
void mark_toc(const layout::Layout& layout, const source::SourceText& source, const grammar::Grammar& grammar,
              std::vector<bool>& in_toc) {
  const auto& blocks = layout.blocks;
  // Each heading folded for comparison ("第一部分市委政法委概况").
  std::vector<std::string> heading_key(blocks.size());
  std::string buffer;
  for (size_t b = 0; b < blocks.size(); ++b) {
    if (blocks[b].kind == BlockKind::kHeading)
      heading_key[b] = layout::block_key(layout, source, blocks[b], buffer);
  }
  for (size_t i = 0; i < blocks.size(); ++i) {
    bool titled = blocks[i].kind == BlockKind::kParagraph &&
                  grammar.sections.toc.match_full(layout::block_key(layout, source, blocks[i], buffer));
    size_t first = titled ? i + 1 : i;
    size_t j = first;
    std::set<std::string> entries;
    while (j < blocks.size() && blocks[j].kind == BlockKind::kHeading) {
      const std::string& key = heading_key[j];
      if (entries.count(key)) break;
      entries.insert(key);
      ++j;
    }
    size_t run = j - first;
    bool repeats = j < blocks.size() && blocks[j].kind == BlockKind::kHeading && entries.count(heading_key[j]);
    if ((titled && run >= 1) || (run >= 3 && repeats)) {
      for (size_t k = i; k < j; ++k) in_toc[k] = true;
      i = j - 1;
    }
  }
}

}  // namespace

Outline build_outline(const layout::Layout& layout, const source::SourceText& source, const grammar::Grammar& grammar) {
  Outline out;
  const auto& blocks = layout.blocks;
  out.in_toc.assign(blocks.size(), false);
  out.section_of_block.assign(blocks.size(), -1);
  mark_toc(layout, source, grammar, out.in_toc);

  auto is_top = [&](const std::string& style) {
    for (const auto& s : grammar.sections.styles) {
      if (s.id == style) return s.top;
    }
    return false;
  };

  std::vector<int> open;  // indices of the sections on the current path, outermost first
  for (size_t b = 0; b < blocks.size(); ++b) {
    const Block& block = blocks[b];
    if (block.kind == BlockKind::kHeading && !out.in_toc[b]) {
      // Close what this heading ends: everything after an open section of the same style, or all
      // of it for a top-level style.
      if (is_top(block.style)) {
        open.clear();
      } else {
        for (size_t k = 0; k < open.size(); ++k) {
          if (out.sections[open[k]].style == block.style) {
            open.resize(k);
            break;
          }
        }
      }
      Section s;
      s.parent = open.empty() ? -1 : open.back();
      s.level = static_cast<int>(open.size()) + 1;
      s.style = block.style;
      s.marker = block.marker;
      s.title = clean_title(text::display(slice(source, block.body)));
      s.heading_block = b;
      s.heading = block.range;
      open.push_back(static_cast<int>(out.sections.size()));
      out.sections.push_back(std::move(s));
    }
    out.section_of_block[b] = open.empty() ? -1 : open.back();
  }

  // A section ends where the next heading at its level or above begins.
  for (size_t i = 0; i < out.sections.size(); ++i) {
    Section& s = out.sections[i];
    s.end_block = blocks.size();
    for (size_t j = i + 1; j < out.sections.size(); ++j) {
      if (out.sections[j].level <= s.level) {
        s.end_block = out.sections[j].heading_block;
        break;
      }
    }
    size_t last = s.end_block - 1;
    while (last > s.heading_block && out.in_toc[last]) --last;
    s.range = {s.heading.begin, std::max(s.heading.end, blocks[last].range.end)};
  }

  describe_document(source, layout, grammar, out);
  return out;
}

}  // namespace budgetlens::sections
