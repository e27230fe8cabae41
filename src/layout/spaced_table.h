// Internal to layout/: tables printed with single spaces between their cells, as PDF-to-text
// converters print them when they keep no column positions, and as statistical yearbooks are
// copied:
//
//       item 2000 2003 2004 2005
//   支出合计 total expenditure 3241839 4523010 5166787 5930663
//   4.科技三项费用 expenditure for science and technology
//            promotion
//   51227 58128 67384 83179
//
// The words of a label are split by the same spaces as the figures, so cells are counted from the
// right: a row ends in as many figures as its header line names columns, and what stands before
// them is its label. A label wrapped over lines, and figures carried onto lines of their own, join
// their row. A row with fewer figures than columns (the converter dropped its empty cells) does
// not say which columns its figures are in: they are kept together as one cell across the figure
// columns, and no figure is put under a header that may not be its own.
#pragma once

#include <string_view>
#include <vector>

#include "layout/layout.h"
#include "layout/lines.h"

namespace budgetlens::layout::detail {

// Marks as kSpaced the text lines of each such table: a header line whose last n ≥ 2 words name
// columns (all years, tables.xml's <year-header>, or all names without a figure), then rows of which
// at least three, and two in three, end in n figures (numbers, or the <dash> words that stand for
// no value). The header line gets spaced_columns = n, which starts the table.
// A table's last row prints figures: the lines of a label cut off after it stay text.
void keep_spaced_tables(std::string_view text, std::vector<Line>& lines, const grammar::TableGrammar& g);

// The rows of the table marked over lines [first, end): the header (head = true), then one row a
// label with its figures. The label is column 0, a part a line it was printed on; figures are
// columns 1…n. A short row's figures are one cell in column 1 spanning the n columns.
std::vector<RawRow> spaced_rows(std::string_view text, const std::vector<Line>& lines, size_t first,
                                size_t end, const grammar::TableGrammar& g);

}  // namespace budgetlens::layout::detail
