#include "grammar/required_words.h"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "text/utf8.h"

namespace budgetlens::grammar::detail {
namespace {

// Up to this many words are looked for one at a time in a text up to this long; more, or in a
// longer text, in one pass that stops at the first word found. One at a time reads the whole text
// for each word it lacks, and a caller that looks for the next match again and again along a long
// text would read the rest of it each time.
constexpr size_t kOneAtATime = 8;
constexpr size_t kOneAtATimeReach = 16384;

// The words that hold no other: a text that holds a word holds every word inside it, so looking
// for the shorter answers for both ("元" for "万元", "(元)" and "(万元)"). The rest keep their order.
std::vector<std::string> without_words_holding_others(std::vector<std::string> words) {
  auto holds_another = [&](size_t k) {
    for (size_t j = 0; j < words.size(); ++j) {
      const bool other = words[j].size() < words[k].size() || (words[j] == words[k] && j < k);
      if (other && words[k].find(words[j]) != std::string::npos) return true;
    }
    return false;
  };
  std::vector<std::string> kept;
  for (size_t k = 0; k < words.size(); ++k) {
    if (!holds_another(k)) kept.push_back(words[k]);
  }
  return kept;
}

// The two bytes at the end of a word, hashed into 256 bits: of a Han character, the six low bits of
// each continuation byte.
inline size_t pair_key(char before_last, char last) {
  return (static_cast<unsigned char>(before_last) * 4u ^ static_cast<unsigned char>(last)) & 0xFFu;
}

}  // namespace

RequiredWords::RequiredWords(std::vector<std::string> words)
    : words_(without_words_holding_others(std::move(words))) {
  std::vector<uint16_t> end_of(words_.size());
  for (size_t k = 0; k < words_.size(); ++k) {
    // The last character of the word, read as the text will be read.
    char32_t last = 0;
    for (size_t i = 0; i < words_[k].size();) last = text::next_char(words_[k], i);
    end_of[k] = static_cast<uint16_t>(last & 0xFFF);
    ends_.set(end_of[k]);
    ++bucket_[end_of[k] % kBuckets + 1];
  }
  for (size_t b = 0; b < kBuckets; ++b) bucket_[b + 1] += bucket_[b];
  by_end_.resize(words_.size());
  std::array<uint16_t, kBuckets> next;
  std::copy(bucket_.begin(), bucket_.end() - 1, next.begin());
  for (size_t k = 0; k < words_.size(); ++k) by_end_[next[end_of[k] % kBuckets]++] = static_cast<uint16_t>(k);
#if defined(__SSE2__)
  const bool two_bytes =
      !words_.empty() && words_.size() <= kTwoBytes &&
      std::all_of(words_.begin(), words_.end(), [](const std::string& w) { return w.size() >= 2; });
  if (two_bytes) {
    two_byte_words_ = words_.size();
    for (size_t k = 0; k < words_.size(); ++k) {
      const char last = words_[k].back(), before_last = words_[k][words_[k].size() - 2];
      last_[k].bytes.fill(last);
      before_last_[k].bytes.fill(before_last);
      pairs_.set(pair_key(before_last, last));
    }
  }
#endif
}

bool RequiredWords::any_in(std::string_view s) const {
  if (two_byte_words_) return any_by_last_two_bytes(s);
  return words_.size() <= kOneAtATime && s.size() <= kOneAtATimeReach ? any_by_last_byte(s)
                                                                      : any_by_last_character(s);
}

// Whether a word ends just before s[end].
bool RequiredWords::ends_a_word(std::string_view s, size_t end) const {
  for (const std::string& w : words_) {
    if (w.size() <= end && text::same_bytes(s.data() + end - w.size(), w.data(), w.size())) return true;
  }
  return false;
}

// Each word by its last byte (memchr): the last byte of a Han character varies more than its
// first, which nearly every character of Chinese text shares with many others.
bool RequiredWords::any_by_last_byte(std::string_view s) const {
  for (const std::string& word : words_) {
    if (text::find_word(s, word) != std::string_view::npos) return true;
  }
  return false;
}

#if defined(__SSE2__)
// Sixteen places at a time, each compared with the last byte of every word and the byte before it
// with the byte before that: one pass for all the words, where one memchr a word read the text once
// for each word it lacks, and stopped wherever a Han character's last byte alone said that the
// word might end — far more often than its last two bytes do.
bool RequiredWords::any_by_last_two_bytes(std::string_view s) const {
  const size_t n = s.size();
  if (n < 17) {
    // Too short for a read of sixteen after the first byte: byte pairs, by their hash.
    for (size_t end = 2; end <= n; ++end) {
      if (pairs_[pair_key(s[end - 2], s[end - 1])] && ends_a_word(s, end)) return true;
    }
    return false;
  }
  const size_t words = two_byte_words_;
  // Bit j: a word may end at p[j] (p[-1] is read too).
  auto may_end = [&](const char* p) {
    const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i before = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p - 1));
    __m128i hits = _mm_setzero_si128();
    for (size_t k = 0; k < words; ++k) {
      const __m128i last = _mm_load_si128(reinterpret_cast<const __m128i*>(last_[k].bytes.data()));
      const __m128i before_last =
          _mm_load_si128(reinterpret_cast<const __m128i*>(before_last_[k].bytes.data()));
      hits =
          _mm_or_si128(hits, _mm_and_si128(_mm_cmpeq_epi8(here, last), _mm_cmpeq_epi8(before, before_last)));
    }
    return static_cast<uint32_t>(_mm_movemask_epi8(hits));
  };
  // Whether a word ends at one of the places (bit j: s[at + j]).
  auto ends_at_one_of = [&](uint32_t places, size_t at) {
    for (; places != 0; places &= places - 1) {
      if (ends_a_word(s, at + static_cast<size_t>(__builtin_ctz(places)) + 1)) return true;
    }
    return false;
  };
  // A word of two bytes or more ends at s[1] or later.
  size_t at = 1;
  for (; at + 16 <= n; at += 16) {
    if (uint32_t places = may_end(s.data() + at); places && ends_at_one_of(places, at)) return true;
  }
  if (at < n) {
    // The last sixteen bytes, without the places read already.
    const size_t from = n - 16;
    const uint32_t places = may_end(s.data() + from) >> (at - from) << (at - from);
    return places && ends_at_one_of(places, from);
  }
  return false;
}
#else
bool RequiredWords::any_by_last_two_bytes(std::string_view s) const {
  return any_by_last_byte(s);
}
#endif

// One pass over the text's characters: where one whose low twelve bits end some word ends, the
// words are compared there. A word is well-formed UTF-8, so the pass, which never reads a lead
// byte as part of another character, reaches the end of each of its occurrences.
bool RequiredWords::any_by_last_character(std::string_view s) const {
  for (size_t i = 0; i < s.size();) {
    // Three-byte characters (Chinese text) read straight from their bytes, the rest decoded; a byte
    // that starts no character is passed one byte at a time (text::next_char), never a lead byte.
    uint32_t key;
    if ((static_cast<unsigned char>(s[i]) & 0xF0) == 0xE0 && text::has_three_byte_tail(s, i)) {
      key = text::three_byte_char(s, i) & 0xFFF;
      i += 3;
    } else {
      key = text::next_char(s, i) & 0xFFF;
    }
    if (!ends_[key]) continue;
    for (size_t at = bucket_[key % kBuckets], end = bucket_[key % kBuckets + 1]; at < end; ++at) {
      const std::string& w = words_[by_end_[at]];
      if (w.size() <= i && text::same_bytes(s.data() + i - w.size(), w.data(), w.size())) return true;
    }
  }
  return false;
}

}  // namespace budgetlens::grammar::detail
