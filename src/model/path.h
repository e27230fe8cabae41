// Paths of names, as records print a label or a column header: names from the outermost in, joined
// by " / " ("收入 / 项目").
#pragma once

#include <string_view>

namespace budgetlens {

inline constexpr std::string_view kPathSeparator = " / ";

// The innermost name of a path ("收入 / 项目" → "项目"); the whole of a path of one name.
inline std::string_view last_in_path(std::string_view path) {
  const size_t at = path.rfind(kPathSeparator);
  return at == std::string_view::npos ? path : path.substr(at + kPathSeparator.size());
}

}  // namespace budgetlens
