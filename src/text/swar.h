// Questions about eight bytes at once (SWAR: SIMD within a register). Scans of text for a few byte
// values that are rare in it (line ends, quotes, digits, sentence ends) skip a word at a time while
// its answer is zero.
//
// Each answer is nonzero exactly when some byte of the word is of the kind asked for. Which high bits
// are set says no more than that: a borrow may set the bit of a byte above one that is of the kind.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace budgetlens::text::swar {

constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;

// The eight bytes at p, in the machine's order.
inline uint64_t load(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

// Whether the n bytes at a and b are the same, compared eight at a time, the last eight read again
// where n is no multiple of eight (four and four below eight). For texts that are nearly always found
// equal, so that every byte is compared: a call to memcmp takes longer than that for a few dozen.
// (text::same_bytes, byte by byte, suits a word compared where the first byte most often differs.)
inline bool same(const char* a, const char* b, size_t n) {
  if (n >= 8) {
    for (size_t k = 0; k + 8 <= n; k += 8) {
      if (load(a + k) != load(b + k)) return false;
    }
    return load(a + n - 8) == load(b + n - 8);
  }
  if (n >= 4) {
    uint32_t a_head, b_head, a_tail, b_tail;
    std::memcpy(&a_head, a, 4), std::memcpy(&b_head, b, 4);
    std::memcpy(&a_tail, a + n - 4, 4), std::memcpy(&b_tail, b + n - 4, 4);
    return a_head == b_head && a_tail == b_tail;
  }
  for (size_t k = 0; k < n; ++k) {
    if (a[k] != b[k]) return false;
  }
  return true;
}

// Some byte of w is zero.
inline uint64_t any_zero(uint64_t w) {
  return (w - kOnes) & ~w & kHighs;
}

// Some byte of w is c.
inline uint64_t any_equal(uint64_t w, unsigned char c) {
  return any_zero(w ^ (kOnes * c));
}

// Some byte of w is less than n (n at most 128).
inline uint64_t any_below(uint64_t w, unsigned char n) {
  return (w - kOnes * n) & ~w & kHighs;
}

// Some byte of w is in [lo, hi], an ASCII range (lo at least 1, hi below 127). The bytes are compared without
// their high bit, which no borrow then crosses, and the high bit is tested apart.
inline uint64_t any_between(uint64_t w, unsigned char lo, unsigned char hi) {
  constexpr uint64_t kLows = kOnes * 0x7F;
  const uint64_t low = w & kLows;
  return (kOnes * (127 + hi + 1) - low) & ~w & (low + kOnes * (127 - (lo - 1))) & kHighs;
}

}  // namespace budgetlens::text::swar
