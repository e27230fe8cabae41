// Internal to grammar/: where a match at the start of a text may lie, and whether a text may start
// with one. Asked before a pattern runs at the start of a text, or on all of it: most texts start
// with a character no match starts with (a paragraph that cannot be a page number, a line that
// opens with no heading marker), which a comparison or two tells, where the expression would take a
// search and RequiredWords a pass over the text.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace re2 {
class RE2;
}

namespace budgetlens::grammar::detail {

// [min, max]: every match at the start of a text, as bytes compared unsigned, lies within it.
using StartRange = std::pair<std::string, std::string>;

class StartRanges {
 public:
  // The union of `ranges`.
  explicit StartRanges(std::vector<StartRange> ranges);

  // False when no text that starts s (s itself and its prefixes, the empty one included) lies in a
  // range: then no match starts s.
  bool may_start(std::string_view s) const;
  // False when s lies in no range: then s is no match as a whole.
  bool may_be(std::string_view s) const;

  const std::vector<StartRange>& ranges() const { return ranges_; }

 private:
  std::vector<StartRange> ranges_;  // sorted, disjoint
  bool empty_text_ = false;         // a match may be empty: every text may start with one
  // By a text's first byte, the ranges whose min and max it may lie between: [by_first_[b],
  // by_first_[b + 1]) in `ordered_`.
  std::array<uint32_t, 257> by_first_{};
  std::vector<uint32_t> ordered_;
};

// The ranges of a compiled pattern, from RE2::PossibleMatchRange, one for each of its alternatives at
// the top (a|b|c): that of a|b|c would span from the least alternative to the greatest. Empty when RE2
// cannot tell for one of them (an alternative that may start with anything).
std::vector<StartRange> start_ranges_of(const re2::RE2& whole);

}  // namespace budgetlens::grammar::detail
