// UTF-8 and character classes used by every stage.
//
// Text inside budgetlens is UTF-8 (source/ guarantees it). These helpers walk it one code point at a
// time and answer the questions the parsers ask: is this a Han character, a digit in any width, a
// space of any kind.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace budgetlens::text {

// Decodes the code point at s[i] and advances i past it. An invalid or truncated sequence yields
// U+FFFD and advances by one byte, so the walk always terminates.
char32_t next_char(std::string_view s, size_t& i);
// The code point ending just before s[i]; moves i back to its first byte.
char32_t prev_char(std::string_view s, size_t& i);
void append_utf8(std::string& out, char32_t c);
// Number of code points in s.
size_t char_count(std::string_view s);
// True iff s is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);

bool is_han(char32_t c);
// CJK punctuation and full-width forms (、。，：（） and friends).
bool is_cjk_punct(char32_t c);
// Space, tab, no-break space, ideographic space and the other Unicode spaces.
bool is_space(char32_t c);
// Any space, or a line break.
bool is_blank(char32_t c);
bool is_ascii_digit(char32_t c);

// s without leading and trailing blanks (as is_blank()).
std::string_view trim(std::string_view s);
// True iff s has nothing but blanks.
bool is_blank_text(std::string_view s);

}  // namespace budgetlens::text
