// Internal to emit/: document text that a spreadsheet would read as something else.
//
// Text starting with = + - @, a tab or a carriage return is what Excel reads as a formula (from a
// CSV file it may even run one: "=cmd|' /C calc'!A0"). A document never decides what the user's
// spreadsheet does: in the workbook such text is a string cell formatted as text ("@", so that it
// stays text when edited), in CSV it is preceded by an apostrophe, which Excel shows as text.
#pragma once

#include <string>
#include <string_view>

namespace budgetlens::emit::detail {

// True iff a spreadsheet would read `s` as a formula: it starts with = + - @, a tab or a CR.
bool reads_as_formula(std::string_view s);

// `s` for a CSV field: an apostrophe before text that would read as a formula, unless the whole
// field is a plain number ("-23.95", which a spreadsheet reads as the number it is).
std::string csv_text(std::string_view s);

// The most characters a workbook cell holds (Excel's limit); longer text is cut to it, its last
// character an ellipsis, rather than left out of the cell.
constexpr size_t kMaxCellChars = 32767;
std::string cell_text(std::string_view s);

}  // namespace budgetlens::emit::detail
