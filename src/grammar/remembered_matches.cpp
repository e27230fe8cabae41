#include "grammar/remembered_matches.h"

#include <cstring>

#include "text/hash.h"
#include "text/swar.h"

namespace budgetlens::grammar::detail {

RememberedMatches& RememberedMatches::of_this_thread() {
  thread_local RememberedMatches cache;
  return cache;
}

RememberedMatches::Slot* RememberedMatches::ways(uint64_t serial, uint8_t question, std::string_view text) {
  // The set is taken from the high bits, which mix every byte, the pattern and the question.
  const uint64_t h = budgetlens::text::short_text_hash(text, serial * 256 + question);
  return slots_->data() + (h >> (64 - kSlotBits)) / kWays * kWays;
}

bool RememberedMatches::Slot::recall(uint64_t serial, uint8_t question, std::string_view text,
                                     Answer& out) const {
  if (serial == 0 || serial_ != serial || question_ != question || size_ != text.size() ||
      !budgetlens::text::swar::same(text_.data(), text.data(), text.size())) {
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
