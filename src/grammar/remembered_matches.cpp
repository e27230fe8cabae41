#include "grammar/remembered_matches.h"

#include <cstring>

#include "text/hash.h"

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

namespace {

uint64_t load8(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

uint32_t load4(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// Whether n bytes (at most kLongestText) at a and b are the same: eight at a time, the last eight
// read again where n is no multiple of eight. A kept text is nearly always found equal to the one
// asked about, so every byte is compared; a call to memcmp took longer than that.
bool same_short_text(const char* a, const char* b, size_t n) {
  if (n >= 8) {
    for (size_t k = 0; k + 8 <= n; k += 8) {
      if (load8(a + k) != load8(b + k)) return false;
    }
    return load8(a + n - 8) == load8(b + n - 8);
  }
  if (n >= 4) return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
  for (size_t k = 0; k < n; ++k) {
    if (a[k] != b[k]) return false;
  }
  return true;
}

}  // namespace

bool RememberedMatches::Slot::recall(uint64_t serial, uint8_t question, std::string_view text,
                                     Answer& out) const {
  if (serial == 0 || serial_ != serial || question_ != question || size_ != text.size() ||
      !same_short_text(text_.data(), text.data(), text.size())) {
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
