// Internal to layout/: tables saved as CSV (comma-separated fields, "quoted" when they hold a comma,
// a quote or a line break), as spreadsheets export them and as some sites publish them.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "layout/layout.h"

namespace budgetlens::layout::detail {

struct CsvRows {
  std::vector<RawRow> rows;  // every field of a record in order, empty ones included
  uint32_t end = 0;          // text offset just past the last record read
};

// Reads records from text offset `begin` (a line's start) for as long as each new line
// `continues(offset of its start)`; a record's quoted field may run over lines, onto each line that
// `holds_field(offset of its start)` (a field that would run onto another line ends with its own).
// Rows that show nothing are left out. Where the text was written with no space after its commas, a
// space between fields is a line break that copying lost ("…","20", ,"结转结余情况"… or "考评得分"
// "一般…"), and ends the record there.
CsvRows csv_rows(std::string_view text, uint32_t begin, const std::function<bool(uint32_t)>& continues,
                 const std::function<bool(uint32_t)>& holds_field);

// True iff `line` reads as a CSV record or a piece of one: quoted fields joined by a comma, or
// nothing but commas (",,", a row of empty fields).
bool looks_like_csv(std::string_view line);

}  // namespace budgetlens::layout::detail
