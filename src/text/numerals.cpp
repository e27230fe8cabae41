#include "text/numerals.h"

#include <algorithm>

#include "text/utf8.h"

namespace budgetlens::text {

int marker_ordinal(std::string_view marker) {
  static constexpr std::u32string_view kDigits = U"〇一二三四五六七八九";
  // No list counts this far; a longer run of digits (a figure read as a marker) stops growing here
  // instead of overflowing.
  constexpr int kMost = 1'000'000;
  int value = 0, chinese = 0;
  bool seen_ten = false;
  for (size_t i = 0; i < marker.size();) {
    char32_t c = next_char(marker, i);
    if (c >= '0' && c <= '9') {
      value = std::min(kMost, value * 10 + static_cast<int>(c - '0'));
    } else if (c >= U'①' && c <= U'⑳') {
      return static_cast<int>(c - U'①') + 1;
    } else if (c == U'十') {
      chinese = std::min(kMost, (chinese == 0 ? 1 : chinese) * 10);
      seen_ten = true;
    } else if (size_t d = kDigits.find(c); d != std::u32string_view::npos) {
      chinese =
          std::min(kMost, seen_ten ? chinese + static_cast<int>(d) : chinese * 10 + static_cast<int>(d));
    }
  }
  return value > 0 ? value : chinese;
}

}  // namespace budgetlens::text
