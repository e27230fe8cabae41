#include <algorithm>

#include "source/source.h"
#include "text/utf8.h"

namespace budgetlens::source {

std::string_view error_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kNotFound: return "not-found";
    case ErrorCode::kNotAFile: return "not-a-file";
    case ErrorCode::kUnreadable: return "unreadable";
    case ErrorCode::kEmpty: return "empty";
    case ErrorCode::kTooLarge: return "too-large";
    case ErrorCode::kBinary: return "binary";
    case ErrorCode::kUndecodable: return "undecodable";
  }
  return "unknown";
}

void OffsetMap::add(uint32_t norm, uint64_t orig) {
  if (!points_.empty() && points_.back().first == norm) {
    points_.back().second = orig;
    return;
  }
  points_.emplace_back(norm, orig);
}

uint64_t OffsetMap::to_original(uint32_t norm) const {
  auto it = std::upper_bound(points_.begin(), points_.end(), norm,
                             [](uint32_t n, const auto& p) { return n < p.first; });
  --it;  // points_ starts at {0, 0}, so there is always one at or before norm
  return it->second + (norm - it->first);
}

uint32_t SourceText::line_index(uint32_t offset) const {
  auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  return it == line_starts.begin() ? 0 : static_cast<uint32_t>(it - line_starts.begin() - 1);
}

TextRange SourceText::line_range(uint32_t index) const {
  uint32_t begin = line_starts[index];
  uint32_t end = index + 1 < line_starts.size() ? line_starts[index + 1] - 1 : static_cast<uint32_t>(text.size());
  return {begin, std::max(begin, end)};
}

std::string_view SourceText::line(uint32_t index) const {
  TextRange r = line_range(index);
  return std::string_view(text).substr(r.begin, r.size());
}

Span SourceText::span_of(TextRange range) const {
  Span span;
  if (line_starts.empty()) return span;
  uint32_t begin = std::min<uint32_t>(range.begin, static_cast<uint32_t>(text.size()));
  uint32_t end = std::clamp<uint32_t>(range.end, begin, static_cast<uint32_t>(text.size()));
  uint32_t line = line_index(begin);
  span.line = line + 1;
  span.col = static_cast<uint32_t>(text::char_count(std::string_view(text).substr(line_starts[line], begin - line_starts[line]))) + 1;
  span.offset = map.to_original(begin);
  span.length = static_cast<uint32_t>(map.to_original(end) - span.offset);
  return span;
}

}  // namespace budgetlens::source
