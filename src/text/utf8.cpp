#include "text/utf8.h"

#include <unicode/uchar.h>

#include <cstring>

namespace budgetlens::text {

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

size_t char_count(std::string_view s) {
  // Every byte but a continuation byte (10xxxxxx) starts a character; eight bytes at a time, the
  // top bit of each byte says so: it is set unless bit 7 is set and bit 6 clear.
  size_t n = 0, i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    uint64_t starts = (~w | (w << 1)) & 0x8080808080808080ull;
    n += ((starts >> 7) * 0x0101010101010101ull) >> 56;  // the sum of the eight 0/1 bytes
  }
  for (; i < s.size(); ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return n;
}

std::string to_valid_utf8(std::string_view s) {
  // next_char reads each byte of what is not well formed as U+FFFD: writing back what it reads is
  // the repair.
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size();) append_utf8(out, next_char(s, i));
  return out;
}

size_t multibyte_run_end(std::string_view s, size_t i) {
  // Most of the text is Chinese: three bytes whose lead allows any two continuation bytes (E0 and
  // ED restrict the second byte: overlongs and surrogates).
  auto common_three_bytes = [&](size_t k) {
    unsigned char b = static_cast<unsigned char>(s[k]);
    return b >= 0xE1 && b != 0xED && b <= 0xEF && has_three_byte_tail(s, k);
  };
  while (i < s.size() && static_cast<unsigned char>(s[i]) >= 0x80) {
    // Characters of three bytes one after another, in a loop of their own.
    while (i + 2 < s.size() && common_three_bytes(i)) i += 3;
    if (i >= s.size() || static_cast<unsigned char>(s[i]) < 0x80) break;
    size_t next = i;
    // U+FFFD itself is EF BF BD (3 bytes); a one-byte advance means the sequence was invalid.
    if (next_char(s, next) == 0xFFFD && next == i + 1) break;
    i = next;
  }
  return i;
}

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    // Eight ASCII bytes at a time.
    if (i + 8 <= s.size()) {
      uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t end = multibyte_run_end(s, i);
    if (end == i) return false;
    i = end;
  }
  return true;
}

bool is_cjk_punct(char32_t c) {
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0xFE30 && c <= 0xFE6F) ||
         (c >= 0x2010 && c <= 0x2027) || (c >= 0x2460 && c <= 0x24FF) || c == 0x00B7;
}

std::string_view trim(std::string_view s) {
  // Most texts start and end with a visible ASCII character or a Han one (leads E4..E9), which no
  // blank is: those are told by their bytes.
  auto ascii_visible = [&](size_t i) { return s[i] > 0x20 && s[i] < 0x7F; };
  const size_t n = s.size();
  if (n > 0 && (ascii_visible(0) || cjk_han_at(s, 0)) &&
      (ascii_visible(n - 1) || (n >= 3 && cjk_han_at(s, n - 3))))
    return s;
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

int display_width(char32_t c) {
  // Nothing before U+1100 is wide; the unified Han block and the full-width forms are, all of them.
  if (c < 0x1100) return 1;
  if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xFF01 && c <= 0xFF60)) return 2;
  const int w = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
  return w == U_EA_WIDE || w == U_EA_FULLWIDTH ? 2 : 1;
}

size_t display_width(std::string_view s) {
  size_t width = 0;
  for (size_t i = 0; i < s.size();) width += static_cast<size_t>(display_width(next_char(s, i)));
  return width;
}

std::string_view without_translation(std::string_view s) {
  auto letter = [](unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  // The translation ends in a letter, or in a stop after one ("department of tax, etc.").
  const size_t end = !s.empty() && s.back() == '.' ? s.size() - 1 : s.size();
  if (end == 0 || !letter(static_cast<unsigned char>(s[end - 1]))) return s;
  size_t start = s.size(), letters = 0;
  while (start > 0) {
    const unsigned char c = static_cast<unsigned char>(s[start - 1]);
    if (c >= 0x80) break;
    if (is_ascii_digit(c)) return s;
    letters += letter(c);
    --start;
  }
  std::string_view chinese = trim(s.substr(0, start));
  bool han = false;
  for (size_t i = 0; i < chinese.size() && !han;) han = is_han(next_char(chinese, i));
  return letters >= 4 && han ? chinese : s;
}

}  // namespace budgetlens::text
