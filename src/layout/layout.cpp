#include "layout/layout.h"

#include <algorithm>
#include <map>
#include <set>

#include "layout/aligned_table.h"
#include "layout/csv_table.h"
#include "layout/html_table.h"
#include "layout/lines.h"
#include "layout/spaced_table.h"
#include "text/fold.h"
#include "text/numerals.h"
#include "text/utf8.h"

namespace budgetlens::layout {

using detail::Line;
using detail::LineKind;

std::string_view layout_name(TableLayout layout) {
  switch (layout) {
    case TableLayout::kPipe: return "pipe";
    case TableLayout::kCellLines: return "cell_lines";
    case TableLayout::kTab: return "tab";
    case TableLayout::kBareLines: return "bare_lines";
    case TableLayout::kHtml: return "html";
    case TableLayout::kCsv: return "csv";
    case TableLayout::kAligned:
      return "aligned";
    case TableLayout::kSpaced:
      return "spaced";
  }
  return "pipe";
}

namespace {

// A bare-lines table cell longer than this is running text; two in a row end the table.
constexpr uint32_t kLongCellChars = 60;
// Header cells of a bare-lines table are at most this long.
constexpr uint32_t kHeaderRunChars = 20;

bool ends_sentence(std::string_view key) {
  static constexpr std::u32string_view kFinal = U"。!?;:！？；：";
  if (key.empty()) return false;
  size_t i = key.size();
  char32_t c = text::prev_char(key, i);
  return kFinal.find(c) != std::u32string_view::npos;
}

// The line length (in characters) at which a PDF export wrapped running text, or 0 when the
// document is not hard-wrapped: the commonest length of long text lines, if it is common enough.
uint32_t wrap_width(const std::vector<Line>& lines) {
  std::map<uint32_t, int> counts;
  int total = 0;
  for (const Line& l : lines) {
    if (l.kind != LineKind::kText || l.chars < 16) continue;
    ++counts[l.chars];
    ++total;
  }
  if (total < 5) return 0;
  uint32_t best = 0;
  int best_count = 0;
  for (const auto& [len, n] : counts) {
    // Count lengths within one character together: wrapped lines differ by a narrow glyph or so.
    int near = n + (counts.count(len + 1) ? counts.at(len + 1) : 0);
    if (near > best_count) best = len, best_count = near;
  }
  return best_count * 10 >= total * 3 ? best : 0;
}

class Builder {
 public:
  Builder(const source::SourceText& source, const grammar::Grammar& grammar)
      : source_(source), grammar_(grammar), lines_(detail::classify_lines(source, grammar, source.traditional)) {
    if (source.page) read_page(*source.page);
    wrap_ = wrap_width(lines_);
  }

  Layout run() {
    size_t i = 0;
    while (i < lines_.size()) {
      const Line& line = lines_[i];
      size_t next = i + 1;
      switch (line.kind) {
        case LineKind::kBlank:
        case LineKind::kBlankCell:
          break;
        case LineKind::kPipe:
          next = take_pipe_table(i);
          break;
        case LineKind::kCell:
        case LineKind::kBars:
          next = take_cell_table(i);
          break;
        case LineKind::kTab:
          next = take_tab_table(i);
          break;
        case LineKind::kCsv:
          next = take_csv_table(i);
          break;
        case LineKind::kAligned:
          next = take_aligned_table(i);
          break;
        case LineKind::kSpaced:
          next = take_spaced_table(i);
          break;
        case LineKind::kText:
          next = line.header_word ? take_bare_table(i) : i;
          if (next == i) next = take_text(i);
          break;
        case LineKind::kHtmlTable:
          next = take_html_table(i);
          break;
      }
      i = next;
    }
    layout_.line_keys.reserve(lines_.size());
    for (Line& line : lines_) layout_.line_keys.push_back(std::move(line.key));
    return std::move(layout_);
  }

 private:
  std::string_view text(TextRange r) const { return std::string_view(source_.text).substr(r.begin, r.size()); }

  // What a web page's markup says of its lines: where its blocks begin, which lines are rows of its
  // tables, which are headings.
  void read_page(const source::Page& page) {
    block_start_.assign(lines_.size(), false);
    for (uint32_t l : page.block_lines) {
      if (l < lines_.size()) block_start_[l] = true;
    }
    for (size_t t = 0; t < page.tables.size(); ++t) {
      const source::HtmlTable& table = page.tables[t];
      if (table.first_line >= lines_.size()) continue;
      for (uint32_t l = table.first_line; l <= table.last_line && l < lines_.size(); ++l) {
        lines_[l].kind = LineKind::kHtmlTable;
        lines_[l].style.clear();
      }
      html_tables_[table.first_line] = &table;
    }
    // The first numbered heading: an unnumbered <h1>–<h6> above it that reads as the page's title
    // is that title, not a section.
    size_t first_numbered = lines_.size();
    for (size_t l = 0; l < lines_.size() && first_numbered == lines_.size(); ++l) {
      if (lines_[l].kind == LineKind::kText && !lines_[l].style.empty() && lines_[l].title_like) first_numbered = l;
    }
    const grammar::DocumentGrammar& docs = grammar_.documents;
    for (const source::HtmlHeading& h : page.headings) {
      Line& line = lines_[source_.line_index(h.range.begin)];
      if (line.kind != LineKind::kText) continue;
      line.title_like = true;  // the markup says it is a heading, whatever its text looks like
      line.inline_title_end = 0;
      if (!line.style.empty()) continue;
      bool title = docs.title.valid() && docs.title.find(line.key) &&
                   !docs.not_title.any(grammar::Anchor::kAnywhere, line.key);
      if (title && source_.line_index(h.range.begin) < first_numbered) {
        line.title_like = false;
        continue;
      }
      line.style = {'h', static_cast<char>('0' + std::clamp(h.level, 1, 6))};
      line.marker_end = line.trimmed.begin;
    }
  }

  size_t take_html_table(size_t i) {
    auto it = html_tables_.find(static_cast<uint32_t>(i));
    if (it == html_tables_.end()) return i + 1;
    const source::HtmlTable& table = *it->second;
    size_t last = std::min<size_t>(table.last_line, lines_.size() - 1);
    std::vector<RawRow> rows = detail::html_table_rows(table, source_);
    if (rows.empty()) return last + 1;
    Block& b = open_block(BlockKind::kTable, i, last);
    b.layout = TableLayout::kHtml;
    b.range = {rows.front().range.begin, rows.front().range.end};
    for (const RawRow& r : rows) {
      b.range.begin = std::min(b.range.begin, r.range.begin);
      b.range.end = std::max(b.range.end, r.range.end);
    }
    b.rows = std::move(rows);
    return last + 1;
  }

  Block& open_block(BlockKind kind, size_t first, size_t last) {
    Block& b = layout_.blocks.emplace_back();
    b.kind = kind;
    b.first_line = static_cast<uint32_t>(first);
    b.last_line = static_cast<uint32_t>(last);
    b.range = {lines_[first].trimmed.begin, lines_[last].trimmed.end};
    b.body = b.range;
    return b;
  }

  RawCell cell_of(TextRange r) const {
    std::string_view s = text(r);
    std::string_view t = text::trim(s);
    RawCell c;
    c.range = {static_cast<uint32_t>(r.begin + (t.data() - s.data())),
               static_cast<uint32_t>(r.begin + (t.data() - s.data()) + t.size())};
    c.text = t;
    c.blank = t.empty();
    return c;
  }

  // Splits [begin, end) of the source at '|' into cells; pieces after the last non-empty one are
  // padding and dropped, as is the piece before a leading bar.
  std::vector<RawCell> split_bars(TextRange r, bool leading_bar) const {
    std::vector<RawCell> cells;
    std::string_view s = text(r);
    size_t start = 0;
    bool first = true;
    while (start <= s.size()) {
      size_t bar = s.find('|', start);
      size_t end = bar == std::string_view::npos ? s.size() : bar;
      if (!(first && leading_bar)) {
        cells.push_back(cell_of({static_cast<uint32_t>(r.begin + start), static_cast<uint32_t>(r.begin + end)}));
      }
      first = false;
      if (bar == std::string_view::npos) break;
      start = bar + 1;
    }
    while (!cells.empty() && cells.back().blank) cells.pop_back();
    return cells;
  }

  bool pipe_like(const Line& l, bool markdown) const {
    if (l.kind == LineKind::kPipe || l.kind == LineKind::kBars || l.kind == LineKind::kCell) return true;
    return markdown && l.kind == LineKind::kText;  // a cell of a markdown row holding a line break
  }

  size_t take_pipe_table(size_t i) {
    bool markdown = lines_[i].starts_with_bar;
    size_t end = i;
    std::map<int, int> bar_counts;
    while (end < lines_.size() && pipe_like(lines_[end], markdown)) {
      if (lines_[end].kind == LineKind::kPipe) ++bar_counts[lines_[end].bars];
      ++end;
    }
    int full = 0, best = 0;
    for (const auto& [bars, n] : bar_counts) {
      if (n > best || (n == best && bars > full)) full = bars, best = n;
    }
    std::vector<RawRow> rows;
    for (size_t j = i; j < end;) {
      // A row spans lines until their bars add up to a full row (a cell held a line break).
      size_t k = j;
      int bars = lines_[j].bars;
      while (bars < full && k + 1 < end && bars + lines_[k + 1].bars <= full &&
             (lines_[k + 1].kind != LineKind::kPipe || markdown)) {
        ++k;
        bars += lines_[k].bars;
      }
      if (bars != full) k = j, bars = lines_[j].bars;  // a short row of its own
      RawRow row;
      row.range = {lines_[j].trimmed.begin, lines_[k].trimmed.end};
      row.cells = split_bars(row.range, lines_[j].starts_with_bar);
      row.width = lines_[j].starts_with_bar ? full - 1 : full;
      rows.push_back(std::move(row));
      j = k + 1;
    }
    if (rows.size() < 2) return take_text(i);
    Block& b = open_block(BlockKind::kTable, i, end - 1);
    b.layout = TableLayout::kPipe;
    b.rows = std::move(rows);
    return end;
  }

  size_t take_cell_table(size_t i) {
    size_t end = i;
    while (end < lines_.size() && (lines_[end].kind == LineKind::kCell || lines_[end].kind == LineKind::kBars)) ++end;
    size_t cells = 0;
    for (size_t j = i; j < end; ++j) cells += lines_[j].kind == LineKind::kCell;
    if (cells < 2) return take_text(i);
    Block& b = open_block(BlockKind::kTable, i, end - 1);
    b.layout = TableLayout::kCellLines;
    RawRow row;
    row.range.begin = lines_[i].trimmed.begin;
    for (size_t j = i; j < end; ++j) {
      const Line& l = lines_[j];
      if (l.kind == LineKind::kBars) {
        row.closer = l.bars;
        row.range.end = l.trimmed.end;
        b.rows.push_back(std::move(row));
        row = RawRow{};
        row.range.begin = j + 1 < end ? lines_[j + 1].trimmed.begin : l.trimmed.end;
        continue;
      }
      std::string_view s = text(l.trimmed);
      size_t bar = s.rfind('|');
      row.cells.push_back(cell_of({l.trimmed.begin, static_cast<uint32_t>(l.trimmed.begin + bar)}));
      row.range.end = l.trimmed.end;
    }
    if (!row.cells.empty()) b.rows.push_back(std::move(row));
    return end;
  }

  size_t take_tab_table(size_t i) {
    size_t end = i;
    while (end < lines_.size() && lines_[end].kind == LineKind::kTab) ++end;
    if (end - i < 2) return take_text(i);
    Block& b = open_block(BlockKind::kTable, i, end - 1);
    b.layout = TableLayout::kTab;
    for (size_t j = i; j < end; ++j) {
      RawRow row;
      row.range = lines_[j].range;
      std::string_view s = text(lines_[j].range);
      size_t start = 0;
      while (start <= s.size()) {
        size_t tab = s.find('\t', start);
        size_t stop = tab == std::string_view::npos ? s.size() : tab;
        row.cells.push_back(cell_of({static_cast<uint32_t>(row.range.begin + start),
                                     static_cast<uint32_t>(row.range.begin + stop)}));
        if (tab == std::string_view::npos) break;
        start = tab + 1;
      }
      while (!row.cells.empty() && row.cells.back().blank) row.cells.pop_back();
      row.width = static_cast<int>(row.cells.size());
      b.rows.push_back(std::move(row));
    }
    return end;
  }

  // classify_lines keeps aligned lines only in runs that make a table.
  size_t take_aligned_table(size_t i) {
    std::vector<TextRange> lines;
    size_t end = i;
    // From the line's start, where its indentation begins: it places the first field.
    for (; end < lines_.size() && lines_[end].kind == LineKind::kAligned; ++end) {
      lines.push_back({lines_[end].range.begin, lines_[end].trimmed.end});
    }
    Block& b = open_block(BlockKind::kTable, i, end - 1);
    b.layout = TableLayout::kAligned;
    b.rows = detail::aligned_rows(source_.text, lines);
    return end;
  }

  // classify_lines marks a spaced table's lines, its header line first.
  size_t take_spaced_table(size_t i) {
    size_t end = i + 1;
    while (end < lines_.size() && lines_[end].kind == LineKind::kSpaced && lines_[end].spaced_columns == 0)
      ++end;
    if (lines_[i].spaced_columns == 0) return take_text(i);
    Block& b = open_block(BlockKind::kTable, i, end - 1);
    b.layout = TableLayout::kSpaced;
    b.rows = detail::spaced_rows(source_.text, lines_, i, end, grammar_.tables);
    return end;
  }

  size_t take_csv_table(size_t i) {
    auto continues = [&](uint32_t offset) {
      size_t l = source_.line_index(offset);
      return l < lines_.size() && lines_[l].kind == LineKind::kCsv;
    };
    // A quoted field may hold line breaks, but no row of a web page's table: those are read by
    // take_html_table from their first line.
    auto holds_field = [&](uint32_t offset) {
      size_t l = source_.line_index(offset);
      return l < lines_.size() && lines_[l].kind != LineKind::kHtmlTable;
    };
    detail::CsvRows csv = detail::csv_rows(source_.text, lines_[i].range.begin, continues, holds_field);
    size_t last = source_.line_index(std::max(csv.end, lines_[i].range.begin + 1) - 1);
    if (csv.rows.size() < 2) return take_text(i);
    Block& b = open_block(BlockKind::kTable, i, last);
    b.layout = TableLayout::kCsv;
    b.rows = std::move(csv.rows);
    return last + 1;
  }

  bool is_cell_candidate(const Line& l) const {
    return l.kind == LineKind::kText && !l.heading_only && l.chars <= kHeaderRunChars && !ends_sentence(l.key);
  }

  // How many header words the run of short lines from line k holds, a first piece broken off a
  // header word ("一级" / "指标") counted with it.
  int header_words_from(size_t k) const {
    int words = 0;
    for (size_t j = k; j < lines_.size(); ++j) {
      const Line& l = lines_[j];
      if (l.kind == LineKind::kBlank || l.kind == LineKind::kBlankCell) continue;
      if (l.figure || !is_cell_candidate(l)) break;
      if (l.header_word) {
        ++words;
      } else if (j != k || words > 0) {
        break;
      }
    }
    return words;
  }

  // Whether a figure follows line j soon, before the text ends: within three lines a cell of the
  // header of `run` cells before it, and six more.
  bool figures_follow(size_t j, int run) const {
    for (size_t k = j, seen = 0; k < lines_.size() && seen < static_cast<size_t>(3 * run + 6); ++k) {
      const Line& l = lines_[k];
      if (l.kind == LineKind::kBlank || l.kind == LineKind::kBlankCell) continue;
      if (l.kind != LineKind::kText) break;
      ++seen;
      if (l.figure) return true;
    }
    return false;
  }

  // A bare-lines table starts at line i when a run of short lines there holds at least two header
  // words and figures follow soon after. Returns i when it does not.
  size_t take_bare_table(size_t i) {
    int header_words = 0, run = 0;
    size_t j = i;
    for (; j < lines_.size() && run < 16; ++j) {
      const Line& l = lines_[j];
      if (l.kind == LineKind::kBlank || l.kind == LineKind::kBlankCell) continue;
      if (l.figure || !is_cell_candidate(l)) break;
      ++run;
      header_words += l.header_word;
    }
    if (header_words < 2) return i;
    if (!figures_follow(j, run)) return i;
    // A header word broken over two lines ("一级" / "指标") starts the table at its first piece.
    for (size_t k = i; k-- > 0;) {
      const Line& l = lines_[k];
      if (l.kind == LineKind::kBlank || l.kind == LineKind::kBlankCell) continue;
      // Only when the join names another column than the second piece alone ("一级"+"指标").
      const grammar::ColumnRule* joined = grammar_.tables.column_rule(l.key + lines_[i].key);
      const grammar::ColumnRule* alone = grammar_.tables.column_rule(lines_[i].key);
      bool caption = std::any_of(grammar_.tables.captions.begin(), grammar_.tables.captions.end(),
                                 [&](const grammar::Pattern& p) { return p.find(l.key).has_value(); });
      if (is_cell_candidate(l) && l.chars <= 7 && !caption && !l.header_word && joined &&
          (!alone || alone->role != joined->role || alone->level != joined->level) && release_line(k)) {
        i = k;
      }
      break;
    }

    size_t end = i, long_start = 0;
    int long_run = 0;
    bool seen_figure = false;
    for (size_t k = i; k < lines_.size(); ++k) {
      const Line& l = lines_[k];
      if (l.kind == LineKind::kBlank || l.kind == LineKind::kBlankCell) continue;
      if (l.kind != LineKind::kText || l.heading_only) break;
      // After figures, the header of another table starts a new table: header words that figures
      // follow. Without them they are the last rows' names (公务接待费, 公务用车购置及运行费 … of a
      // table whose last figures were left out).
      if (seen_figure) {
        if (const int words = header_words_from(k); words >= 3 && figures_follow(k + words, words)) break;
      }
      seen_figure |= l.figure;
      // A heading that goes on with the numbering of the headings before the table ends it.
      if (!l.style.empty() && l.title_like && heading_styles_.count(l.style) &&
          text::marker_ordinal(text({l.trimmed.begin, l.marker_end})) == heading_styles_[l.style] + 1) {
        break;
      }
      if (l.chars > kLongCellChars) {
        if (long_run++ == 0) long_start = k;
        if (long_run >= 2) break;
      } else {
        long_run = 0;
      }
      end = k + 1;
    }
    if (long_run >= 1 && end > long_start && long_start > i) end = long_start;
    // Trailing empty cells belong to no row.
    size_t last = end;
    while (last > i && lines_[last - 1].kind != LineKind::kText) --last;
    Block& b = open_block(BlockKind::kTable, i, last - 1);
    b.layout = TableLayout::kBareLines;
    RawRow row;
    row.range = b.range;
    for (size_t k = i; k < last; ++k) {
      const Line& l = lines_[k];
      if (l.kind == LineKind::kBlank) continue;
      RawCell c = cell_of(l.kind == LineKind::kBlankCell ? l.range : l.trimmed);
      c.blank = l.kind == LineKind::kBlankCell;
      row.cells.push_back(std::move(c));
    }
    b.rows.push_back(std::move(row));
    return last;
  }

  // Whether line k can start a table: it is in no block yet, or it alone made the last block (a
  // first piece of a header word read as a paragraph before the next line showed what it was),
  // which is then taken back. Blocks must never overlap.
  bool release_line(size_t k) {
    if (layout_.blocks.empty() || layout_.blocks.back().last_line < k) return true;
    const Block& last = layout_.blocks.back();
    if (last.kind != BlockKind::kParagraph || last.first_line != k || last.last_line != k) return false;
    layout_.blocks.pop_back();
    return true;
  }

  bool page_furniture(size_t i) const {
    const grammar::Pattern& p = grammar_.sections.page_furniture;
    return i < lines_.size() && p.valid() && p.match_full(lines_[i].key);
  }

  bool joins_next(size_t a, size_t b) const {
    if (b >= lines_.size()) return false;
    if (!block_start_.empty() && block_start_[b]) return false;  // two blocks of a web page
    const Line& la = lines_[a];
    const Line& lb = lines_[b];
    if (lb.kind != LineKind::kText || !lb.style.empty() || ends_sentence(la.key) || page_furniture(b)) return false;
    if (lb.header_word) return false;
    // A line that stops mid-sentence goes on in the next, unless it is short (a title, a name).
    return la.chars >= (wrap_ ? std::min<uint32_t>(wrap_ - 5, 20) : 20);
  }

  size_t take_text(size_t i) {
    const Line& first = lines_[i];
    // A numbered title as long as the lines of a hard-wrapped text may be a sentence broken by the
    // wrap: then it is read with the lines after it.
    bool wrapped = wrap_ >= 20 && first.chars + 2 >= wrap_ && joins_next(i, i + 1);
    if (!first.style.empty() && first.title_like && !wrapped) {
      Block& b = open_block(BlockKind::kHeading, i, i);
      set_marker(b, first);
      heading_styles_[first.style] = text::marker_ordinal(b.marker);
      return i + 1;
    }
    size_t last = i;
    for (;;) {
      if (joins_next(last, last + 1)) {
        ++last;
      } else if (page_furniture(last + 1) && joins_next(last, last + 2)) {
        last += 2;  // a page number between two lines of one sentence
      } else {
        break;
      }
    }
    if (first.inline_title_end > 0) {
      // "1.政治部。研究…": the title opens a section, the rest of the line is its first paragraph.
      Block& heading = open_block(BlockKind::kHeading, i, i);
      heading.range.end = first.inline_title_end;
      set_marker(heading, first);
      heading_styles_[first.style] = text::marker_ordinal(heading.marker);
      Block& rest = open_block(BlockKind::kParagraph, i, last);
      rest.range.begin = first.inline_title_end;
      while (rest.range.begin < rest.range.end && (source_.text[rest.range.begin] == ' ')) ++rest.range.begin;
      rest.body = rest.range;
      return last + 1;
    }
    Block& b = open_block(BlockKind::kParagraph, i, last);
    if (!first.style.empty()) set_marker(b, first);
    return last + 1;
  }

  void set_marker(Block& b, const Line& line) {
    b.style = line.style;
    b.marker = std::string(text::trim(text({line.trimmed.begin, line.marker_end})));
    std::string_view rest = text({line.marker_end, b.range.end});
    std::string_view body = text::trim(rest);
    b.body = {static_cast<uint32_t>(line.marker_end + (body.data() - rest.data())),
              static_cast<uint32_t>(line.marker_end + (body.data() - rest.data()) + body.size())};
  }

  const source::SourceText& source_;
  const grammar::Grammar& grammar_;
  std::vector<Line> lines_;
  uint32_t wrap_ = 0;
  std::map<std::string, int> heading_styles_;  // style -> the ordinal of its last heading
  std::vector<bool> block_start_;                              // web pages: lines that begin a block
  std::map<uint32_t, const source::HtmlTable*> html_tables_;  // web pages: tables by first line
  Layout layout_;
};

}  // namespace

Layout build_layout(const source::SourceText& source, const grammar::Grammar& grammar) {
  return Builder(source, grammar).run();
}

std::string_view block_key(const Layout& layout, const source::SourceText& source, const Block& block,
                           std::string& buffer) {
  std::string_view text = std::string_view(source.text).substr(block.range.begin, block.range.size());
  if (block.first_line == block.last_line && block.first_line < layout.line_keys.size()) {
    std::string_view line = text::trim(source.line(block.first_line));
    if (line.data() == text.data() && line.size() == text.size()) return layout.line_keys[block.first_line];
  }
  buffer = text::match_key(text, source.traditional);
  return buffer;
}

}  // namespace budgetlens::layout
