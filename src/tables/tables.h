// tables: flattened table blocks made into grids — rows × columns with spans, header rows, column
// roles, a caption and a unit.
//
// A flattened row often lacks cells: merged from above (a rowspan), empty, or dropped by the
// export. Where a row's cells go is decided by what they look like and what the columns hold: each
// cell has a kind (a figure, a percent, a weight label "(15分)", a comparator, short or long text …),
// each column a role read from its header through tables.xml (amount, weight, score, label …), and
// a row is placed where kinds and roles agree best, with the hints a layout gives (the bars that
// close a cell_lines row, the tab positions) counting in favour. The same scoring cuts a bare-lines
// cell stream into rows. Cells left empty at the start of a row under a label are merged from above.
//
// A table block whose header repeats the previous table's header (a page break) is joined to it; a
// header row in the middle of a block starts a new table.
//
// A web page's table (layout html) needs no placement: its cells come with their row, column and
// spans from the markup, and only what they mean — header rows, roles, totals, kind, caption, unit —
// is decided here, the same way as for the other layouts.
//
//   std::vector<tables::Grid> grids = tables::build_tables(layout, outline, source, grammar);
//   grids[0].cell(2, 3)->text;  grids[0].columns[3].role;  grids[0].unit;
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "grammar/grammar.h"
#include "layout/layout.h"
#include "model/span.h"
#include "sections/sections.h"
#include "source/source.h"
#include "units/units.h"

namespace budgetlens::tables {

struct Cell {
  int row = 0;
  int col = 0;
  int rowspan = 1;
  int colspan = 1;
  std::string text;  // as printed; parts of a cell broken over lines are joined with '\n'
  std::string key;   // text folded for matching (text::match_key with the document's script), once
  std::optional<units::Figure> figure;  // the figure the whole of key is (units::cell_figure), once
  TextRange range;                      // from the first to the last character of its parts
  // The parts' own ranges, when a cell was broken over lines with other cells between them (a label
  // of a table aligned with spaces wrapped onto a line of its own); empty otherwise.
  std::vector<TextRange> pieces;
  bool header = false;
};

struct Column {
  grammar::ColumnRole role = grammar::ColumnRole::kUnknown;
  int level = 0;         // indicator level of a label column (一级指标 = 1), 0 otherwise
  std::string kind;      // refinement of the role ("review" for a reviewer's score)
  std::string header;    // the header path of the column, " / " joined
  std::string unit;      // a money unit stated in the header ("年度预算资金(万元)")
};

struct Grid {
  std::vector<size_t> blocks;  // the layout blocks it was built from
  int section = -1;            // innermost section holding it
  layout::TableLayout layout = layout::TableLayout::kPipe;
  int n_rows = 0;
  int n_cols = 0;
  int header_rows = 0;
  std::vector<Cell> cells;      // one per anchor; covered positions are found through `at`
  std::vector<Column> columns;  // n_cols entries
  std::vector<int> at;          // n_rows × n_cols: index into cells of the cell covering (r, c), or -1
  std::vector<bool> total_row;  // rows that total others (合计, 总分 …)
  std::vector<bool> after_break;  // rows that begin a part of the table continued after a page break
  std::string caption;
  TextRange caption_range;
  // Header rows left out as the header repeated (a page break printed it again); their text is in
  // no cell.
  std::vector<TextRange> repeated_headers;
  std::string unit;         // money unit of the table, "" when none is stated
  std::string unit_source;  // caption | header | cell | ""
  std::string kind;         // amounts | indicators | scores | key_value | other
  TextRange range;

  // The cell covering (row, col), or nullptr for an empty position.
  const Cell* cell(int row, int col) const;
};

std::vector<Grid> build_tables(const layout::Layout& layout, const sections::Outline& outline,
                               const source::SourceText& source, const grammar::Grammar& grammar);

}  // namespace budgetlens::tables
