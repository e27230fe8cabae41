#include "grammar/start_ranges.h"

#include <re2/re2.h>

#include <algorithm>
#include <optional>

#include "grammar/regex_source.h"

namespace budgetlens::grammar::detail {
namespace {

// How many bytes of a match a range describes: four Chinese characters.
constexpr int kRangeBytes = 12;

// a < b, bytes compared unsigned, as std::string_view compares them. In place: a text and a range's
// bound usually differ in their first bytes, and a call to compare costs more than the comparison.
bool below(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
  }
  return a.size() < b.size();
}

}  // namespace

std::vector<StartRange> start_ranges_of(const RE2& whole) {
  const std::vector<std::string_view> alternatives = top_alternatives(whole.pattern());
  std::vector<StartRange> out;
  for (std::string_view alternative : alternatives) {
    // Characters that RE2 reads as themselves match themselves only: no expression to build.
    if (!alternative.empty() && alternative.find_first_of("\\.^$|?*+()[]{}") == std::string_view::npos) {
      out.emplace_back(alternative, alternative);
      continue;
    }
    // Each alternative compiled as the pattern was; the pattern itself when it is the only one.
    std::optional<RE2> own;
    const RE2* re = &whole;
    if (alternatives.size() > 1)
      re = &own.emplace(re2::StringPiece(alternative.data(), alternative.size()), whole.options());
    std::string min, max;
    if (!re->ok() || !re->PossibleMatchRange(&min, &max, kRangeBytes)) return {};
    if (below(max, min)) continue;  // RE2's answer for an alternative that matches nothing
    out.emplace_back(std::move(min), std::move(max));
  }
  return out;
}

StartRanges::StartRanges(std::vector<StartRange> ranges) {
  std::sort(ranges.begin(), ranges.end());
  for (StartRange& r : ranges) {
    if (!ranges_.empty() && !below(ranges_.back().second, r.first)) {
      ranges_.back().second = std::max(ranges_.back().second, r.second);
    } else {
      ranges_.push_back(std::move(r));
    }
  }
  // A text starting with byte b may lie in [min, max] only if min's first byte is at most b (or min
  // is empty) and max's is at least b.
  std::vector<std::vector<uint32_t>> of_byte(256);
  for (size_t k = 0; k < ranges_.size(); ++k) {
    const auto& [min, max] = ranges_[k];
    if (min.empty()) empty_text_ = true;
    const int first = min.empty() ? 0 : static_cast<unsigned char>(min[0]);
    const int last = max.empty() ? -1 : static_cast<unsigned char>(max[0]);
    for (int b = first; b <= last; ++b) of_byte[b].push_back(static_cast<uint32_t>(k));
  }
  for (int b = 0; b < 256; ++b) {
    by_first_[b] = static_cast<uint32_t>(ordered_.size());
    ordered_.insert(ordered_.end(), of_byte[b].begin(), of_byte[b].end());
  }
  by_first_[256] = static_cast<uint32_t>(ordered_.size());
}

bool StartRanges::may_start(std::string_view s) const {
  if (empty_text_) return true;  // the empty text starts s
  if (s.empty()) return false;
  const auto b = static_cast<unsigned char>(s[0]);
  for (uint32_t i = by_first_[b]; i < by_first_[b + 1]; ++i) {
    const auto& [min, max] = ranges_[ordered_[i]];
    // The texts that start s grow in order, each a prefix of the next: the least of them not below
    // min is the one to compare with max.
    const size_t n = std::min(s.size(), min.size());
    size_t j = 0;
    while (j < n && s[j] == min[j]) ++j;
    if (j == min.size()) return true;  // s starts with min
    // s is below min, and below every later range's min: no text that starts it lies in any of them.
    if (j == s.size() || static_cast<unsigned char>(s[j]) < static_cast<unsigned char>(min[j])) return false;
    if (!below(max, s.substr(0, j + 1))) return true;
  }
  return false;
}

bool StartRanges::may_be(std::string_view s) const {
  if (s.empty()) return empty_text_;
  const auto b = static_cast<unsigned char>(s[0]);
  for (uint32_t i = by_first_[b]; i < by_first_[b + 1]; ++i) {
    const auto& [min, max] = ranges_[ordered_[i]];
    if (below(s, min)) return false;  // and below every later range's min
    if (!below(max, s)) return true;
  }
  return false;
}

}  // namespace budgetlens::grammar::detail
