// layout: the lines of a document grouped into blocks — headings, paragraphs and tables.
//
// Flattened disclosures carry their tables in one of these shapes, all recognised here:
//
//   pipe        one row per line, cells split by '|', trailing bars pad merged cells
//                 "工作任务科学性 | 定性 | 科学 | … | |||"
//               (a line that does not start with '|' inside a '| a | b |' table continues the row
//               above: a cell held a line break)
//   cell_lines  one cell per line ending in " |"; a line of k bars ends a row short of k cells
//   tab         one row per line, cells split by tabs, leading tabs for merged or empty cells
//   bare_lines  one cell per line with no marker at all; found by a run of header words
//               (年初预算数 / 全年预算数 / 执行率) followed by figures
//   csv         comma-separated fields, "quoted" where they hold a comma or a line break
//                 "项目","考核内容","考核指标","权数"
//   aligned     one row per line, cells split by two spaces or more and kept in their columns by
//               padding, as PDF-to-text converters print them (layout/aligned_table.h)
//   spaced      one row per line, cells split by single spaces, as converters print a table when they
//               keep no positions: a row ends in as many figures as its header line names columns,
//               and its label is what stands before them (layout/spaced_table.h)
//                 "支出合计 total expenditure 3241839 4523010 5166787 5930663"
//   html        a <table> of a web page: its cells where the HTML table model puts them, with their
//               rowspan and colspan (see source/source.h for what a page's text holds)
//
// A web page's paragraphs are read like a text's lines, with two differences: lines from two HTML
// blocks (two <p>s) are never joined into one paragraph, and an <h1>–<h6> is a heading even when its
// text alone would not read as one (one without a marker is a heading of style "h1"…"h6", unless it
// is the page's title above every other heading).
//
// Layout only decides extents and cells; the grid (rows, columns, spans, headers) is built by
// tables/. Numbered lines are classified here: a heading when the text after its marker reads as
// a title, otherwise a numbered paragraph that keeps its marker.
//
//   layout::Layout l = layout::build_layout(source_text, grammar);
//   for (const layout::Block& b : l.blocks) ...   // in document order, never overlapping
#pragma once

#include <string>
#include <vector>

#include "grammar/grammar.h"
#include "model/span.h"
#include "source/source.h"

namespace budgetlens::layout {

enum class BlockKind {
  kHeading,    // a numbered title line (第一部分, 一、, （一）, 附件1, 表一: …)
  kParagraph,  // running text, possibly numbered, possibly joined from hard-wrapped lines
  kTable,
};

enum class TableLayout { kPipe, kCellLines, kTab, kBareLines, kHtml, kCsv, kAligned, kSpaced };
std::string_view layout_name(TableLayout layout);

struct RawCell {
  TextRange range;   // the cell's text, trimmed
  // As in the source, trimmed: a view of SourceText::text, which must outlive it (or of a cell
  // broken over lines and joined, kept by tables/ while it makes its drafts).
  std::string_view text;
  bool blank = false;  // an explicit empty cell (a no-break space line, an empty field)
  // html: where the cell is and what it covers; a <th>. aligned: colspan, the columns a name
  // centred over several is printed across (the blank cells after it hold their places). spaced:
  // col and colspan.
  int col = 0;
  int rowspan = 1;
  int colspan = 1;
  bool th = false;
};

// A row as the layout saw it. What the fields mean depends on the layout:
//   pipe        cells present on the line; width = number of bars (the row's full width)
//   tab, csv    every field of the record in order, empty ones included (positions are explicit)
//   aligned     every cell up to the last the line prints, blank where the line leaves a column empty
//               or a cell printed across several columns covers it
//   cell_lines  cells up to a bar-only line; closer = number of bars on it, -1 at the table's end
//   bare_lines  a single row holding the whole cell stream
//   spaced      the header line (head), then a row a label: the label's pieces, a line each, in column 0,
//               its figures in columns 1…n, or a short row's figures as one cell spanning them
//   html        one row of the grid (rows and columns that show nothing left out): the cells that
//               start in it, each at its column with its spans; width = columns of the grid
struct RawRow {
  std::vector<RawCell> cells;
  int width = 0;
  int closer = -1;
  TextRange range;
  bool head = false;  // html: in a <thead>; spaced: the header line
};

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  TextRange range;  // from the first to the last character of the block
  uint32_t first_line = 0;  // 0-based, inclusive
  uint32_t last_line = 0;

  // Headings and numbered paragraphs.
  std::string marker;  // as printed, e.g. "（二）"
  std::string style;   // the heading style id from sections.xml
  TextRange body;      // the text after the marker (the whole block when there is no marker)

  // Tables.
  TableLayout layout = TableLayout::kPipe;
  std::vector<RawRow> rows;
};

struct Layout {
  std::vector<Block> blocks;
  // Every line of the document folded for matching (text::match_key with the document's script),
  // "" for a blank line: later stages that look at lines read them here rather than fold again.
  std::vector<std::string> line_keys;
};

Layout build_layout(const source::SourceText& source, const grammar::Grammar& grammar);

// The folded text (text::match_key) of `block`: its line's entry in line_keys when the block is one
// whole trimmed line, as headings and page furniture are; otherwise folded into `buffer`.
std::string_view block_key(const Layout& layout, const source::SourceText& source, const Block& block,
                           std::string& buffer);

}  // namespace budgetlens::layout
