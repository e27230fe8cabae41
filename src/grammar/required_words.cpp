#include "grammar/required_words.h"

#include <cstring>

namespace budgetlens::grammar::detail {
namespace {

// Up to this many words are looked for one at a time; more in one pass over the text.
constexpr size_t kOneAtATime = 8;

bool is_continuation(unsigned char b) {
  return (b & 0xC0) == 0x80;
}

// The character that starts at s[i] and its length in bytes; a byte that starts no well-formed
// sequence stands for itself, one byte long, so that the character after it is still read.
uint32_t character_at(const unsigned char* s, size_t n, size_t i, size_t& length) {
  const unsigned char b = s[i];
  length = 1;
  if (b < 0xC0) return b;
  const size_t want = b < 0xE0 ? 2 : b < 0xF0 ? 3 : b < 0xF8 ? 4 : 1;
  if (want == 1 || i + want > n) return b;
  uint32_t c = b & (0x7F >> want);
  for (size_t k = 1; k < want; ++k) {
    if (!is_continuation(s[i + k])) return b;
    c = (c << 6) | (s[i + k] & 0x3F);
  }
  length = want;
  return c;
}

}  // namespace

RequiredWords::RequiredWords(std::vector<std::string> words) : words_(std::move(words)) {
  for (const std::string& w : words_) {
    // The last character of the word, read as the text will be read.
    const auto* bytes = reinterpret_cast<const unsigned char*>(w.data());
    uint32_t last = 0;
    for (size_t i = 0, length = 0; i < w.size(); i += length) last = character_at(bytes, w.size(), i, length);
    last_.push_back(static_cast<uint16_t>(last & 0xFFF));
    ends_.set(last & 0xFFF);
  }
}

bool RequiredWords::any_in(std::string_view s) const {
  return words_.size() <= kOneAtATime ? any_by_last_byte(s) : any_by_last_character(s);
}

// Each word by its last byte (memchr): the last byte of a Han character varies more than its
// first, which nearly every character of Chinese text shares with many others.
bool RequiredWords::any_by_last_byte(std::string_view s) const {
  for (const std::string& word : words_) {
    const size_t m = word.size();
    if (m == 0) return true;
    if (s.size() < m) continue;
    const char* at = s.data() + m - 1;
    const char* end = s.data() + s.size();
    while ((at = static_cast<const char*>(std::memchr(at, word.back(), end - at)))) {
      if (std::memcmp(at - (m - 1), word.data(), m - 1) == 0) return true;
      ++at;
    }
  }
  return false;
}

// One pass over the text's characters: where one whose low twelve bits end some word ends, the
// words are compared there. A word is well-formed UTF-8, so the pass, which never reads a lead
// byte as part of another character, reaches the end of each of its occurrences.
bool RequiredWords::any_by_last_character(std::string_view s) const {
  const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (size_t i = 0, length = 0; i < n; i += length) {
    // ASCII and three-byte characters (Chinese text) read here; the low twelve bits of a
    // three-byte character are those of its last two bytes.
    const unsigned char b = bytes[i];
    uint32_t key;
    if (b < 0x80) {
      key = b, length = 1;
    } else if ((b & 0xF0) == 0xE0 && i + 2 < n && is_continuation(bytes[i + 1]) &&
               is_continuation(bytes[i + 2])) {
      key = ((bytes[i + 1] & 0x3Fu) << 6) | (bytes[i + 2] & 0x3Fu), length = 3;
    } else {
      key = character_at(bytes, n, i, length) & 0xFFF;
    }
    if (!ends_[key]) continue;
    const size_t end = i + length;
    for (size_t k = 0; k < words_.size(); ++k) {
      const std::string& w = words_[k];
      if (last_[k] == key && w.size() <= end &&
          std::memcmp(s.data() + end - w.size(), w.data(), w.size()) == 0) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace budgetlens::grammar::detail
