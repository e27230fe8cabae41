// Internal to layout/: tables laid out with spaces, as PDF-to-text converters (pdftotext -layout)
// and fixed-width reports print them. Cells are split by two spaces or more; padding keeps each
// column in place, so an empty cell is a wider gap, not a field:
//
//   项目                    合计        基本支出      项目支出
//   一般公共服务支出      1,286.40      1,031.85        254.55
//   教育支出                 82.00                       82.00
#pragma once

#include <string_view>
#include <vector>

#include "layout/layout.h"

namespace budgetlens::layout::detail {

// The fields of a line, [begin, end) in the text: its pieces between runs of two spaces or more,
// without the spaces around them. `line` is the line's text and starts at text offset `offset`.
std::vector<TextRange> aligned_fields(std::string_view line, uint32_t offset);

// The rows of an aligned table whose lines are `lines` (ranges of `text`, the whole lines, so that
// the indentation counts). A row with as many fields as the widest rows has one cell a field; a
// shorter one has each field in the column it overlaps most, as far across as the widest rows
// print it, and blank cells where it has none. Columns are measured in characters or in display
// width (a Han character two), whichever keeps the widest rows' right edges in line: converters
// count characters, people aligning by eye count width.
std::vector<RawRow> aligned_rows(std::string_view text, const std::vector<TextRange>& lines);

}  // namespace budgetlens::layout::detail
