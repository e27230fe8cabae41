#include "text/utf8.h"

namespace budgetlens::text {

char32_t next_char(std::string_view s, size_t& i) {
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

char32_t prev_char(std::string_view s, size_t& i) {
  size_t start = i;
  do {
    --start;
  } while (start > 0 && start + 4 > i && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80);
  size_t j = start;
  char32_t c = next_char(s, j);
  if (j != i) {  // not a well-formed sequence ending at i: step back one byte
    start = i - 1;
    c = 0xFFFD;
  }
  i = start;
  return c;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

size_t char_count(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t before = i;
    if (next_char(s, i) == 0xFFFD && i == before + 1) {
      // U+FFFD itself is EF BF BD (3 bytes); a one-byte advance means the sequence was invalid.
      return false;
    }
  }
  return true;
}

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3134F) || c == 0x3007;  // 〇
}

bool is_cjk_punct(char32_t c) {
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0xFE30 && c <= 0xFE6F) ||
         (c >= 0x2010 && c <= 0x2027) || (c >= 0x2460 && c <= 0x24FF) || c == 0x00B7;
}

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == 0x00A0 || c == 0x3000 || c == 0x000B || c == 0x000C ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0xFEFF;
}

bool is_blank(char32_t c) { return is_space(c) || c == '\n' || c == '\r'; }

bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view s) {
  size_t b = 0;
  while (b < s.size()) {
    size_t j = b;
    if (!is_blank(next_char(s, j))) break;
    b = j;
  }
  size_t e = s.size();
  while (e > b) {
    size_t j = e;
    if (!is_blank(prev_char(s, j))) break;
    e = j;
  }
  return s.substr(b, e - b);
}

bool is_blank_text(std::string_view s) { return trim(s).empty(); }

}  // namespace budgetlens::text
