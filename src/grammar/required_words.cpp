#include "grammar/required_words.h"

#include <algorithm>

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
}

bool RequiredWords::any_in(std::string_view s) const {
  return words_.size() <= kOneAtATime && s.size() <= kOneAtATimeReach ? any_by_last_byte(s)
                                                                      : any_by_last_character(s);
}

// Each word by its last byte (memchr): the last byte of a Han character varies more than its
// first, which nearly every character of Chinese text shares with many others.
bool RequiredWords::any_by_last_byte(std::string_view s) const {
  for (const std::string& word : words_) {
    if (text::find_word(s, word) != std::string_view::npos) return true;
  }
  return false;
}

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
