#include "grammar/regex_source.h"

namespace budgetlens::grammar::detail {
namespace {

// Where the character class that opens at re[open] ('[') ends: just after its ']'. A ']' first in
// the class (after the ^ of a negation) is a literal; [:alpha:] and its kind are classes within.
size_t class_end(std::string_view re, size_t open) {
  size_t i = open + 1;
  if (i < re.size() && re[i] == '^') ++i;
  if (i < re.size() && re[i] == ']') ++i;
  while (i < re.size() && re[i] != ']') {
    if (re[i] == '\\') {
      i += 2;
    } else if (re.compare(i, 2, "[:") == 0 && re.find(":]", i + 2) != std::string_view::npos) {
      i = re.find(":]", i + 2) + 2;
    } else {
      ++i;
    }
  }
  return i + 1;
}

}  // namespace

std::vector<std::string_view> top_alternatives(std::string_view re) {
  std::vector<std::string_view> out;
  int depth = 0;
  size_t from = 0;
  for (size_t i = 0; i < re.size(); ++i) {
    const char c = re[i];
    if (c == '\\') {
      ++i;
    } else if (c == '[') {
      i = class_end(re, i) - 1;
    } else if (c == '(') {
      if (re.compare(i, 2, "(?") == 0 && re.compare(i, 3, "(?:") != 0) return {re};  // a flag
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      out.push_back(re.substr(from, i - from));
      from = i + 1;
    }
  }
  out.push_back(re.substr(from));
  return out;
}

}  // namespace budgetlens::grammar::detail
