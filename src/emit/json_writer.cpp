#include "emit/json_writer.h"

#include <charconv>
#include <cstdint>
#include <cstring>

#include "text/utf8.h"

namespace budgetlens::emit::detail {

namespace {

bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// Whether any of eight bytes needs an escape or starts or continues a character of more than one
// byte, all at once (the SWAR "has a byte less than" and "has a zero byte" tests, and the high bits).
bool any_needs_escape_or_is_not_ascii(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  uint64_t control = (w - kOnes * 0x20) & ~w;
  uint64_t quote = w ^ (kOnes * '"'), backslash = w ^ (kOnes * '\\');
  uint64_t special = ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash);
  return ((control | special | w) & kHighs) != 0;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  const size_t start = out.size();
  out.push_back('"');
  size_t run = 0;  // start of the characters not yet written, which need no escape
  const size_t n = s.size();
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  for (size_t i = 0; i < n;) {
    // ASCII that needs no escape: eight bytes at a time, then the few before Chinese text resumes.
    while (i + 8 <= n && !any_needs_escape_or_is_not_ascii(s.data() + i)) i += 8;
    while (i < n && byte(i) < 0x80 && !needs_escape(byte(i))) ++i;
    if (i >= n) break;
    unsigned char c = byte(i);
    if (c >= 0x80) {
      // Record text is valid UTF-8 as source/ made it; what came from elsewhere (a file's name, a
      // label a page declared) may not be, and a line of JSON must be. Chinese characters (three
      // bytes, a lead from E1 to EC: no overlong or surrogate to rule out) are taken here, anything
      // else by text::multibyte_run_end.
      size_t end = i;
      while (end + 2 < n && byte(end) >= 0xE1 && byte(end) <= 0xEC && text::has_three_byte_tail(s, end))
        end += 3;
      if (end < n && byte(end) >= 0x80) end = text::multibyte_run_end(s, end);
      if (end == i) {
        out.resize(start);
        append_json_string(out, text::to_valid_utf8(s));
        return;
      }
      i = end;
      continue;
    }
    out.append(s.data() + run, i - run);
    run = ++i;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

void append_json_int(std::string& out, int64_t value) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, end);
}

void append_json_decimal(std::string& out, const std::optional<Decimal>& value, bool canonical) {
  if (!value) {
    out += "null";
    return;
  }
  // A sign, digits and a point: nothing to escape, written in place.
  const size_t at = out.size();
  out.resize(at + Decimal::kMaxChars + 2);
  out[at] = '"';
  const size_t length = value->format(out.data() + at + 1, canonical);
  out[at + 1 + length] = '"';
  out.resize(at + length + 2);
}

void append_json_span(std::string& out, const Span& s) {
  // Written in one piece: every record has a span or two, and each append checks the capacity anew.
  constexpr size_t kMaxDigits = 20;  // of a 64-bit number
  char buf[4 * (12 + kMaxDigits) + 1];
  char* p = buf;
  auto put = [&](std::string_view text, uint64_t value) {
    std::memcpy(p, text.data(), text.size());
    p += text.size();
    p = std::to_chars(p, p + kMaxDigits, value).ptr;
  };
  put("{\"line\":", s.line);
  put(",\"col\":", s.col);
  put(",\"offset\":", s.offset);
  put(",\"length\":", s.length);
  *p++ = '}';
  out.append(buf, p);
}

}  // namespace budgetlens::emit::detail
