// UTF-8 and character classes used by every stage.
//
// Text inside budgetlens is UTF-8 (source/ guarantees it). These helpers walk it one code point at a
// time and answer the questions the parsers ask: is this a Han character, a digit in any width, a
// space of any kind.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "text/swar.h"

namespace budgetlens::text {

// Decodes the code point at s[i] and advances i past it. An invalid or truncated sequence yields
// U+FFFD and advances by one byte, so the walk always terminates.
inline char32_t next_char(std::string_view s, size_t& i);
// The code point ending just before s[i]; moves i back to its first byte.
char32_t prev_char(std::string_view s, size_t& i);
inline void append_utf8(std::string& out, char32_t c);
// The UTF-8 bytes of c written at out (room for 4); returns how many.
inline size_t encode_utf8(char32_t c, char* out);
// Number of code points in s.
size_t char_count(std::string_view s);
// True iff s is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);
// s with each byte that is not part of a well-formed character replaced by U+FFFD.
std::string to_valid_utf8(std::string_view s);
// Where the run of well-formed characters of two bytes or more that starts at s[i] ends: i itself
// when s[i] is ASCII or starts no well-formed character. For walks that validate as they go.
size_t multibyte_run_end(std::string_view s, size_t i);

// Whether n bytes at a and b are the same. For the few bytes of a word, where most places differ in
// the first byte compared: a call to memcmp takes longer than the comparison.
inline bool same_bytes(const char* a, const char* b, size_t n) {
  for (size_t k = 0; k < n; ++k) {
    if (a[k] != b[k]) return false;
  }
  return true;
}

// The first place at or after `from` where s holds `word` (bytes), or npos. The word is looked for by
// its last byte: in Chinese text the first byte of a character is one of a few lead bytes that
// nearly every character shares, where std::string_view::find, which looks for the first byte,
// stops at almost every character and compares.
inline size_t find_word(std::string_view s, std::string_view word, size_t from = 0);

// True iff c is a continuation byte (10xxxxxx).
inline bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}
// True iff s[i + 1] and s[i + 2] are continuation bytes: with a lead byte at s[i] from E1 to EF but
// ED, a well-formed character. The walks over mostly Chinese text take such characters whole,
// without decoding them.
inline bool has_three_byte_tail(std::string_view s, size_t i) {
  if (i + 2 >= s.size()) return false;
  uint16_t tail;  // both bytes at once
  std::memcpy(&tail, s.data() + i + 1, 2);
  return (tail & 0xC0C0) == 0x8080;
}
// True iff s[i] is a lead byte from `first` to `last` followed by two continuation bytes.
inline bool three_byte_char_at(std::string_view s, size_t i, unsigned char first, unsigned char last) {
  return i + 2 < s.size() &&
         static_cast<unsigned char>(static_cast<unsigned char>(s[i]) - first) <= last - first &&
         has_three_byte_tail(s, i);
}
// True iff s[i] starts a character of U+3000..U+9FFF (CJK punctuation, kana and Han: leads E3..E9),
// which make up most of Chinese text; told from the bytes, without decoding.
inline bool cjk_at(std::string_view s, size_t i) {
  return three_byte_char_at(s, i, 0xE3, 0xE9);
}
// True iff s[i] starts a character of U+4000..U+9FFF (Han only: leads E4..E9).
inline bool cjk_han_at(std::string_view s, size_t i) {
  return three_byte_char_at(s, i, 0xE4, 0xE9);
}
// The code point of the three-byte character at s[i], where has_three_byte_tail(s, i) holds.
inline char32_t three_byte_char(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[k])); };
  return ((byte(i) & 0x0F) << 12) | ((byte(i + 1) & 0x3F) << 6) | (byte(i + 2) & 0x3F);
}

inline bool is_han(char32_t c);
// CJK punctuation and full-width forms (、。，：（） and friends).
bool is_cjk_punct(char32_t c);
// Space, tab, no-break space, ideographic space and the other Unicode spaces.
inline bool is_space(char32_t c);
// Any space, or a line break.
inline bool is_blank(char32_t c);
inline bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }
// The byte length of the digit at s[i]: 1 for an ASCII digit, 3 for a full-width one (０-９, which
// folding writes as ASCII), 0 for anything else.
inline size_t digit_length_at(std::string_view s, size_t i);
// The first place at or after i where a digit may start (an ASCII digit, or 0xEF, the lead byte of
// a full-width form), or s.size(). Most of a text's bytes are neither: eight are read at a time.
inline size_t next_digit_candidate(std::string_view s, size_t i);
inline bool is_ascii_alnum(char32_t c) {
  return is_ascii_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// s without leading and trailing blanks (as is_blank()).
std::string_view trim(std::string_view s);
// True iff s has nothing but blanks.
bool is_blank_text(std::string_view s);

// How many columns a character takes where text is set in a fixed grid: two for a wide or
// full-width one (Han characters, full-width punctuation), one for any other. And a text's.
int display_width(char32_t c);
size_t display_width(std::string_view s);

// A bilingual name, as statistical yearbooks print their rows ("支出合计 total expenditure"): the
// Chinese before its English translation, trimmed. The whole text when it ends in no translation:
// at least four ASCII letters, with spaces and punctuation but no digit, after Han text.
std::string_view without_translation(std::string_view s);

// Called once or more per character by every stage, so defined here to be inlined.

inline char32_t next_char(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || c > 0xF4 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = c & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  static constexpr char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return 0xFFFD;
  }
  i += len;
  return cp;
}

inline size_t encode_utf8(char32_t c, char* out) {
  if (c < 0x80) {
    out[0] = static_cast<char>(c);
    return 1;
  }
  if (c < 0x800) {
    out[0] = static_cast<char>(0xC0 | (c >> 6));
    out[1] = static_cast<char>(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (c >> 12));
    out[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (c >> 18));
  out[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (c & 0x3F));
  return 4;
}

inline void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
    return;
  }
  char buf[4];
  out.append(buf, encode_utf8(c, buf));
}

inline size_t find_word(std::string_view s, std::string_view word, size_t from) {
  const size_t m = word.size();
  if (m == 0) return from <= s.size() ? from : std::string_view::npos;
  if (from > s.size() || s.size() - from < m) return std::string_view::npos;
  const char* const w = word.data();
  const char last = w[m - 1];
  const char* at = s.data() + from + m - 1;
  const char* const end = s.data() + s.size();
  for (; (at = static_cast<const char*>(std::memchr(at, last, end - at))); ++at) {
    const char* begin = at - (m - 1);
    if (same_bytes(begin, w, m - 1)) return static_cast<size_t>(begin - s.data());
  }
  return std::string_view::npos;
}

inline size_t digit_length_at(std::string_view s, size_t i) {
  if (i < s.size() && s[i] >= '0' && s[i] <= '9') return 1;
  if (i + 2 < s.size() && s[i] == '\xEF' && s[i + 1] == '\xBC' && s[i + 2] >= '\x90' && s[i + 2] <= '\x99')
    return 3;
  return 0;
}

inline size_t next_digit_candidate(std::string_view s, size_t i) {
  for (; i + 8 <= s.size(); i += 8) {
    const uint64_t w = swar::load(s.data() + i);
    if (swar::any_between(w, '0', '9') | swar::any_equal(w, 0xEF)) break;
  }
  for (; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c >= '0' && c <= '9') || c == 0xEF) return i;
  }
  return s.size();
}

inline bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3134F) || c == 0x3007;  // 〇
}

inline bool is_space(char32_t c) {
  if (c < 0x80) return c == ' ' || c == '\t' || c == 0x000B || c == 0x000C;
  return c == 0x00A0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0xFEFF;
}

inline bool is_blank(char32_t c) { return is_space(c) || c == '\n' || c == '\r'; }

}  // namespace budgetlens::text
