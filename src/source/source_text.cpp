#include <algorithm>

#include "source/char_index.h"
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
    case ErrorCode::kOverLimit: return "over-limit";
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

void RenderMap::copy(uint32_t norm, uint32_t markup, uint32_t n) {
  if (n == 0) return;
  if (!pieces_.empty()) {
    Piece& last = pieces_.back();
    if (last.copy && last.norm + (last.end - last.begin) == norm && last.end == markup) {
      last.end += n;
      return;
    }
  }
  pieces_.push_back({norm, markup, markup + n, true});
}

void RenderMap::stand_for(uint32_t norm, uint32_t begin, uint32_t end) {
  pieces_.push_back({norm, begin, std::max(begin, end), false});
}

namespace {

// The piece holding rendered offset `norm`: the last one starting at or before it.
template <typename Pieces>
auto piece_at(const Pieces& pieces, uint32_t norm) {
  auto it = std::upper_bound(pieces.begin(), pieces.end(), norm,
                             [](uint32_t n, const auto& p) { return n < p.norm; });
  return it == pieces.begin() ? pieces.end() : it - 1;
}

}  // namespace

uint32_t RenderMap::begin_of(uint32_t norm) const {
  auto p = piece_at(pieces_, norm);
  if (p == pieces_.end()) return 0;
  if (p->copy) return std::min(p->end, p->begin + (norm - p->norm));
  // Past the character a piece stands for: where that stretch of markup ends.
  return norm == p->norm ? p->begin : p->end;
}

uint32_t RenderMap::end_of(uint32_t norm) const {
  if (norm == 0) return begin_of(0);
  auto p = piece_at(pieces_, norm - 1);
  if (p == pieces_.end()) return 0;
  if (p->copy) return std::min(p->end, p->begin + (norm - p->norm));
  return p->end;
}

namespace detail {

std::vector<uint32_t> chars_per_kib(std::string_view s) {
  std::vector<uint32_t> kib;
  kib.reserve(s.size() / 1024 + 2);
  uint32_t chars = 0;
  for (size_t begin = 0; begin <= s.size(); begin += 1024) {
    kib.push_back(chars);
    chars += static_cast<uint32_t>(text::char_count(s.substr(begin, 1024)));
  }
  return kib;
}

uint32_t chars_between(std::string_view s, const std::vector<uint32_t>& kib, uint32_t from, uint32_t to) {
  if (to - from <= 1024) return static_cast<uint32_t>(text::char_count(s.substr(from, to - from)));
  return chars_before(s, kib, to) - chars_before(s, kib, from);
}

uint32_t chars_before(std::string_view s, const std::vector<uint32_t>& kib, uint32_t offset) {
  uint32_t block = offset >> 10;
  if (block >= kib.size()) return static_cast<uint32_t>(text::char_count(s.substr(0, offset)));
  uint32_t from = block << 10;
  return kib[block] + static_cast<uint32_t>(text::char_count(s.substr(from, offset - from)));
}

}  // namespace detail

uint32_t SourceText::original_line_count() const {
  return page ? static_cast<uint32_t>(page->markup_line_starts.size()) : line_count();
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

namespace {

// The span of markup [begin, end) of a page: line and column in the markup (whose lines are the
// original file's), bytes through the map to the original.
Span markup_span(const Page& page, uint32_t begin, uint32_t end) {
  Span span;
  const std::vector<uint32_t>& starts = page.markup_line_starts;
  auto it = std::upper_bound(starts.begin(), starts.end(), begin);
  uint32_t line = it == starts.begin() ? 0 : static_cast<uint32_t>(it - starts.begin() - 1);
  span.line = line + 1;
  span.col =
      detail::chars_between(page.markup, page.markup_chars, starts.empty() ? 0 : starts[line], begin) + 1;
  span.offset = page.markup_map.to_original(begin);
  span.length = static_cast<uint32_t>(page.markup_map.to_original(std::max(begin, end)) - span.offset);
  return span;
}

}  // namespace

Span SourceText::span_of(TextRange range) const {
  Span span;
  uint32_t begin = std::min<uint32_t>(range.begin, static_cast<uint32_t>(text.size()));
  uint32_t end = std::clamp<uint32_t>(range.end, begin, static_cast<uint32_t>(text.size()));
  if (page) {
    uint32_t markup_begin = page->render.begin_of(begin);
    uint32_t markup_end = end > begin ? page->render.end_of(end) : markup_begin;
    return markup_span(*page, markup_begin, std::max(markup_begin, markup_end));
  }
  if (line_starts.empty()) return span;
  uint32_t line = line_index(begin);
  span.line = line + 1;
  span.col = detail::chars_between(text, text_chars, line_starts[line], begin) + 1;
  span.offset = map.to_original(begin);
  span.length = static_cast<uint32_t>(map.to_original(end) - span.offset);
  return span;
}

}  // namespace budgetlens::source
