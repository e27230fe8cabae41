// A hash of a short text, eight bytes at a time: for the tables that key on cell texts and the
// answers patterns keep. A general-purpose string hash costs as much again as the rest of a lookup
// in them. The result's high bits mix every byte, the length and the seed.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace budgetlens::text {

inline uint64_t short_text_hash(std::string_view s, uint64_t seed = 0) {
  constexpr uint64_t kMix = 0x9E3779B97F4A7C15ull;
  uint64_t h = (seed + s.size()) * kMix;
  auto mix = [&](uint64_t word) {
    h = (h ^ word) * kMix;
    h ^= h >> 32;
  };
  size_t i = 0;
  for (uint64_t word; i + 8 <= s.size(); i += 8) mix((std::memcpy(&word, s.data() + i, 8), word));
  if (i < s.size()) {
    uint64_t word = 0;
    for (size_t k = 0; i + k < s.size(); ++k)
      word |= uint64_t{static_cast<unsigned char>(s[i + k])} << (8 * k);
    mix(word);
  }
  return h * 0xFF51AFD7ED558CCDull;
}

}  // namespace budgetlens::text
