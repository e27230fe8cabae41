// Internal to grammar/: the answers of PatternSet::matching for short texts, kept by each thread from
// one call to the next and from one document to the next. The same short texts (header words, row
// labels, unit statements) are asked about in every document, and finding a kept answer costs a
// fraction of running a set of patterns.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace budgetlens::grammar::detail {

// A cache, not a map: each text has one slot, and a text that comes to the same slot replaces the
// one there. Its size is fixed, so a thread's memory does not grow with the batch.
class RememberedMatches {
 public:
  static constexpr size_t kLongestText = 48;  // bytes: sixteen Chinese characters
  static constexpr size_t kMostHits = 6;      // an answer with more is not kept

  // The calling thread's cache.
  static RememberedMatches& of_this_thread();

  // The slot of (set, anchor, text): `serial` names a set (PatternSet), `anchor` is an Anchor.
  // The text must be at most kLongestText bytes.
  class Slot {
   public:
    // True, with the answer in `out`, when the slot holds the answer for this set, anchor and text.
    bool recall(uint64_t serial, uint8_t anchor, std::string_view text, std::vector<int>& out) const;
    // Keeps the answer (indices below 65,536) unless it has more than kMostHits hits.
    void keep(uint64_t serial, uint8_t anchor, std::string_view text, const std::vector<int>& hits);

   private:
    uint64_t serial_ = 0;  // 0: the slot is empty
    uint8_t anchor_ = 0;
    uint8_t size_ = 0;  // of the text
    uint8_t hit_count_ = 0;
    std::array<uint16_t, kMostHits> hits_{};
    std::array<char, kLongestText> text_{};
  };

  Slot& slot(uint64_t serial, uint8_t anchor, std::string_view text);

 private:
  static constexpr int kSlotBits = 13;  // 8,192 slots of 72 bytes: about 600 KB a thread
  std::unique_ptr<std::array<Slot, size_t{1} << kSlotBits>> slots_ =
      std::make_unique<std::array<Slot, size_t{1} << kSlotBits>>();
};

}  // namespace budgetlens::grammar::detail
