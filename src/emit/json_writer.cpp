#include "emit/json_writer.h"

#include <charconv>
#include <cstdint>
#include <cstring>

#include "text/swar.h"
#include "text/utf8.h"

namespace budgetlens::emit::detail {

namespace {

bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// Whether any of eight bytes needs an escape or starts or continues a character of more than one
// byte (its high bit is set), all at once.
bool any_needs_escape_or_is_not_ascii(const char* p) {
  using namespace text::swar;
  const uint64_t w = load(p);
  return (any_below(w, 0x20) | any_equal(w, '"') | any_equal(w, '\\') | (w & kHighs)) != 0;
}

// s escaped, without its quotes.
void write_escaped(PendingBytes& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
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
      while (text::three_byte_char_at(s, end, 0xE1, 0xEC)) end += 3;
      if (end < n && byte(end) >= 0x80) end = text::multibyte_run_end(s, end);
      if (end == i) {
        // No character starts here. The rest is written repaired: the repair reads each character
        // on its own, so the repair of the rest is the rest of the repair of the whole.
        out.put(s.substr(run, i - run));
        write_escaped(out, text::to_valid_utf8(s.substr(i)));
        return;
      }
      i = end;
      continue;
    }
    out.put(s.substr(run, i - run));
    run = ++i;
    char* p = out.room(6);
    *p++ = '\\';
    const char named = c == '"'    ? '"'
                       : c == '\\' ? '\\'
                       : c == '\n' ? 'n'
                       : c == '\r' ? 'r'
                       : c == '\t' ? 't'
                                   : 0;
    if (named) {
      *p++ = named;
    } else {  // another control character
      std::memcpy(p, "u00", 3);
      p[3] = kHex[c >> 4];
      p[4] = kHex[c & 0xF];
      p += 5;
    }
    out.done(p);
  }
  out.put(s.substr(run));
}

}  // namespace

void write_json_string(PendingBytes& out, std::string_view s) {
  out.put('"');
  write_escaped(out, s);
  out.put('"');
}

void append_json_string(std::string& out, std::string_view s) {
  PendingBytes pending(out);
  write_json_string(pending, s);
}

void write_json_int(PendingBytes& out, int64_t value) {
  constexpr size_t kMaxChars = 20;  // of a 64-bit number and its sign
  char* p = out.room(kMaxChars);
  out.done(std::to_chars(p, p + kMaxChars, value).ptr);
}

void write_json_decimal(PendingBytes& out, const std::optional<Decimal>& value, bool canonical) {
  if (!value) {
    out.put("null");
    return;
  }
  // A sign, digits and a point: nothing to escape.
  char* p = out.room(Decimal::kMaxChars + 2);
  *p++ = '"';
  p += value->format(p, canonical);
  *p++ = '"';
  out.done(p);
}

void write_json_span(PendingBytes& out, const Span& s) {
  constexpr size_t kMaxDigits = 20;  // of a 64-bit number
  char* p = out.room(4 * (12 + kMaxDigits) + 1);
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
  out.done(p);
}

}  // namespace budgetlens::emit::detail
