#include "grammar/remembered_matches.h"

#include <cstring>

namespace budgetlens::grammar::detail {

RememberedMatches& RememberedMatches::of_this_thread() {
  thread_local RememberedMatches cache;
  return cache;
}

RememberedMatches::Slot& RememberedMatches::slot(uint64_t serial, uint8_t question, std::string_view text) {
  // Eight bytes at a time: the texts are short, and a general-purpose string hash costs as much
  // again as the rest of a lookup. The slot is taken from the high bits, which the last multiply
  // mixes from every byte, the pattern and the question.
  constexpr uint64_t kMix = 0x9E3779B97F4A7C15ull;
  uint64_t h = (serial * 256 + question + text.size()) * kMix;
  auto mix = [&](uint64_t word) {
    h = (h ^ word) * kMix;
    h ^= h >> 32;
  };
  size_t i = 0;
  for (uint64_t word; i + 8 <= text.size(); i += 8) mix((std::memcpy(&word, text.data() + i, 8), word));
  if (i < text.size()) {
    uint64_t word = 0;
    for (size_t k = 0; i + k < text.size(); ++k)
      word |= uint64_t{static_cast<unsigned char>(text[i + k])} << (8 * k);
    mix(word);
  }
  h *= 0xFF51AFD7ED558CCDull;
  return (*slots_)[h >> (64 - kSlotBits)];
}

bool RememberedMatches::Slot::recall(uint64_t serial, uint8_t question, std::string_view text,
                                     Answer& out) const {
  if (serial == 0 || serial_ != serial || question_ != question || size_ != text.size() ||
      std::memcmp(text_.data(), text.data(), text.size()) != 0) {
    return false;
  }
  out = answer_;
  return true;
}

void RememberedMatches::Slot::keep(uint64_t serial, uint8_t question, std::string_view text,
                                   const Answer& answer) {
  if (text.size() > kLongestText || answer.count > kMostValues) return;
  serial_ = serial;
  question_ = question;
  size_ = static_cast<uint8_t>(text.size());
  answer_ = answer;
  std::memcpy(text_.data(), text.data(), text.size());
}

}  // namespace budgetlens::grammar::detail
