#include "source/limits.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "source/html.h"
#include "text/utf8.h"

namespace budgetlens::source::detail {
namespace {

// The byte length of `ascii` or its full-width form (U+FF00 + ascii - 0x20) at s[i], or 0.
size_t mark_at(std::string_view s, size_t i, char ascii) {
  if (i < s.size() && s[i] == ascii) return 1;
  char fullwidth = static_cast<char>(0x80 + (ascii - 0x20));
  if (i + 2 < s.size() && s[i] == '\xEF' && s[i + 1] == '\xBC' && s[i + 2] == fullwidth) return 3;
  return 0;
}

// From a digit at s[i]: the digits of the number read there, as units/ reads one (a comma only
// before exactly three digits, one decimal point); `i` is moved past it.
size_t number_digits(std::string_view s, size_t& i) {
  size_t digits = 0;
  auto run = [&](size_t& at) {
    size_t n = 0;
    while (size_t d = text::digit_length_at(s, at)) at += d, ++n;
    return n;
  };
  digits += run(i);
  for (;;) {
    size_t comma = mark_at(s, i, ',');
    if (!comma) break;
    size_t j = i + comma, k = j;
    if (run(k) != 3) break;
    digits += 3;
    i = k;
  }
  if (size_t point = mark_at(s, i, '.'); point && text::digit_length_at(s, i + point)) {
    i += point;
    digits += run(i);
  }
  return digits;
}

Error<ErrorCode> over(const SourceText& source, uint32_t at, const std::string& what, uint64_t limit,
                      const char* option) {
  Span span = source.span_of({at, at});
  return {ErrorCode::kOverLimit,
          "line " + std::to_string(span.line) + ": " + what + ", over the limit of " + std::to_string(limit) +
              " (raise it with " + option + ")",
          span.offset};
}

}  // namespace

std::optional<Error<ErrorCode>> beyond_depth(const SourceText& markup, const Limits& limits) {
  MarkupDepth d = markup_depth(markup.text, limits.max_depth);
  if (d.depth <= limits.max_depth) return std::nullopt;
  return over(markup, d.offset, "elements nested more than " + std::to_string(limits.max_depth) + " deep",
              limits.max_depth, "--max-depth");
}

std::optional<Error<ErrorCode>> beyond_text_limits(const SourceText& source, const Limits& limits) {
  std::string_view s = source.text;
  for (size_t begin = 0; begin <= s.size();) {
    size_t end = std::min(s.find('\n', begin), s.size());
    // A character is at least a byte: only a line of more bytes than the limit can be over it.
    if (end - begin > limits.max_line_length) {
      size_t chars = text::char_count(s.substr(begin, end - begin));
      if (chars > limits.max_line_length) {
        return over(source, static_cast<uint32_t>(begin),
                    std::to_string(chars) + " characters without a line break", limits.max_line_length,
                    "--max-line-length");
      }
    }
    begin = end + 1;
  }
  for (size_t i = 0; i < s.size();) {
    i = text::next_digit_candidate(s, i);
    if (i >= s.size()) break;
    if (!text::digit_length_at(s, i)) {
      ++i;
      continue;
    }
    size_t begin = i;
    size_t digits = number_digits(s, i);
    if (digits > limits.max_digits) {
      return over(source, static_cast<uint32_t>(begin), "a number of " + std::to_string(digits) + " digits",
                  limits.max_digits, "--max-digits");
    }
  }
  return std::nullopt;
}

}  // namespace budgetlens::source::detail
