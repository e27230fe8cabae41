// Internal to grammar/: questions about the text of an RE2 expression, answered by reading it (RE2
// keeps its parse to itself).
#pragma once

#include <string_view>
#include <vector>

namespace budgetlens::grammar::detail {

// The alternatives at the top of the expression (a|b|c: a, b and c), split at each | outside
// brackets and classes. An expression that sets a flag ((?i) …), which would hold for the
// alternatives after its own, is returned whole.
std::vector<std::string_view> top_alternatives(std::string_view re);

}  // namespace budgetlens::grammar::detail
