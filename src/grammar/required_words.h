// Internal to grammar/: words one of which every match of a pattern holds, and whether a text holds
// any of them. Asked before a pattern runs: most texts hold none, and looking for words costs less
// than a regular-expression search.
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace budgetlens::grammar::detail {

class RequiredWords {
 public:
  explicit RequiredWords(std::vector<std::string> words);

  // The words looked for: those given that hold no other given word (which says as much).
  const std::vector<std::string>& words() const { return words_; }
  // True iff s holds one of the words (as bytes, anywhere).
  bool any_in(std::string_view s) const;

 private:
  bool any_by_last_byte(std::string_view s) const;
  bool any_by_last_two_bytes(std::string_view s) const;
  bool any_by_last_character(std::string_view s) const;
  bool ends_a_word(std::string_view s, size_t end) const;

  std::vector<std::string> words_;
  std::bitset<4096> ends_;  // the low twelve bits of the words' last characters
  // The words by those bits, kBuckets ways: the words of bucket b are by_end_[bucket_[b],
  // bucket_[b + 1]), so that a character that ends some word is compared with a few words, not all.
  static constexpr size_t kBuckets = 64;
  std::array<uint16_t, kBuckets + 1> bucket_{};
  std::vector<uint16_t> by_end_;
  // When there are few words (kTwoBytes), each of two bytes or more: their last two bytes, each
  // repeated sixteen times, so that a text is read sixteen bytes at a time and compared with them
  // all; and the pairs hashed into 256 bits, for a text too short for that.
  static constexpr size_t kTwoBytes = 8;
  size_t two_byte_words_ = 0;  // 0: not read that way
  struct alignas(16) Repeated {
    std::array<char, 16> bytes;
  };
  std::array<Repeated, kTwoBytes> last_{}, before_last_{};
  std::bitset<256> pairs_;
};

}  // namespace budgetlens::grammar::detail
