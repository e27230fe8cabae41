#include "emit/spreadsheet_text.h"

#include "model/decimal.h"
#include "text/utf8.h"

namespace budgetlens::emit::detail {

bool reads_as_formula(std::string_view s) {
  return !s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos;
}

std::string csv_text(std::string_view s) {
  if (!text::is_valid_utf8(s)) return csv_text(text::to_valid_utf8(s));
  std::string out;
  if (reads_as_formula(s) && !Decimal::parse(s)) out.push_back('\'');
  out.append(s);
  return out;
}

std::string cell_text(std::string_view s) {
  // A workbook is XML: a byte that is not UTF-8 (from a file's name, say) would make it unreadable;
  // a CSV file (csv_text) would be read in some other encoding.
  if (!text::is_valid_utf8(s)) return cell_text(text::to_valid_utf8(s));
  size_t chars = 0, cut = s.size();
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (chars == kMaxCellChars - 1) cut = i;  // where the last character that fits before "…" ends
    ++chars;
  }
  if (chars <= kMaxCellChars) return std::string(s);
  return std::string(s.substr(0, cut)) + "…";
}

}  // namespace budgetlens::emit::detail
