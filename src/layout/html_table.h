// Internal to layout/: the grid of a web page's table.
#pragma once

#include <vector>

#include "layout/layout.h"
#include "source/source.h"

namespace budgetlens::layout::detail {

// The rows of `table` by the HTML table model (each cell in the first free column of its row, a
// rowspan of 0 or past the row group's end reaching to the end of the group), with the rows and
// columns in which no cell shows anything left out and the spans over them shortened. Empty cells
// are left out too: an empty position is one no cell covers.
std::vector<RawRow> html_table_rows(const source::HtmlTable& table, const source::SourceText& source);

}  // namespace budgetlens::layout::detail
