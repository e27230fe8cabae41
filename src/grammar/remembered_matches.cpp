#include "grammar/remembered_matches.h"

#include <algorithm>
#include <cstring>
#include <functional>

namespace budgetlens::grammar::detail {

RememberedMatches& RememberedMatches::of_this_thread() {
  thread_local RememberedMatches cache;
  return cache;
}

RememberedMatches::Slot& RememberedMatches::slot(uint64_t serial, uint8_t anchor, std::string_view text) {
  uint64_t h = std::hash<std::string_view>{}(text);
  h ^= (serial * 4 + anchor) * 0x9E3779B97F4A7C15ull;
  h *= 0xFF51AFD7ED558CCDull;  // mixes the set into the high bits the slot is taken from
  return (*slots_)[h >> (64 - kSlotBits)];
}

bool RememberedMatches::Slot::recall(uint64_t serial, uint8_t anchor, std::string_view text,
                                     std::vector<int>& out) const {
  if (serial == 0 || serial_ != serial || anchor_ != anchor || size_ != text.size() ||
      std::memcmp(text_.data(), text.data(), text.size()) != 0) {
    return false;
  }
  out.assign(hits_.begin(), hits_.begin() + hit_count_);
  return true;
}

void RememberedMatches::Slot::keep(uint64_t serial, uint8_t anchor, std::string_view text,
                                   const std::vector<int>& hits) {
  if (hits.size() > kMostHits || text.size() > kLongestText ||
      std::any_of(hits.begin(), hits.end(), [](int i) { return i < 0 || i > UINT16_MAX; })) {
    return;
  }
  serial_ = serial;
  anchor_ = anchor;
  size_ = static_cast<uint8_t>(text.size());
  hit_count_ = static_cast<uint8_t>(hits.size());
  std::copy(hits.begin(), hits.end(), hits_.begin());
  std::memcpy(text_.data(), text.data(), text.size());
}

}  // namespace budgetlens::grammar::detail
