// Internal to grammar/: the answers of patterns and sets of patterns (PatternSet::matching,
// Pattern's matches) for short texts, kept by each thread from one call to the next and from one
// document to the next. The same short texts (header words, row labels, unit statements) are asked
// about in every document, and finding a kept answer costs a fraction of running RE2 again.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string_view>

namespace budgetlens::grammar::detail {

// A cache, not a map: each question has a set of kWays slots, and a question that comes to a full
// set replaces the one kept there longest. Its size is fixed, so a thread's memory does not grow with
// the batch.
class RememberedMatches {
 public:
  static constexpr size_t kLongestText = 48;  // bytes: sixteen Chinese characters
  static constexpr size_t kMostValues = 6;
  // Slots a question may be kept in. The questions of a pass over the documents of corpus/ and
  // ../shared fit in the cache, but with one slot a question a fifth of the lookups found it taken by
  // another question.
  static constexpr size_t kWays = 2;

  // An answer: up to kMostValues numbers below 65,536 (a set's hits, a match's offsets). A count
  // above kMostValues says there were too many to keep.
  struct Answer {
    uint8_t count = 0;
    std::array<uint16_t, kMostValues> values{};
  };

  // The calling thread's cache.
  static RememberedMatches& of_this_thread();

  // The slot of one question: `serial` names the pattern or set asked (never 0), `question` what
  // was asked of it, `text` (at most kLongestText bytes) what about.
  class Slot {
   public:
    // True, with the answer in `out`, when the slot holds the answer to this question.
    bool recall(uint64_t serial, uint8_t question, std::string_view text, Answer& out) const;
    // Keeps the answer, unless the text is too long or the answer has too many values.
    void keep(uint64_t serial, uint8_t question, std::string_view text, const Answer& answer);

   private:
    uint64_t serial_ = 0;  // 0: the slot is empty
    uint8_t question_ = 0;
    uint8_t size_ = 0;  // of the text
    Answer answer_;
    std::array<char, kLongestText> text_{};
  };

  // The first of the kWays slots where this question may be kept.
  Slot* ways(uint64_t serial, uint8_t question, std::string_view text);

  // The answer kept for this question, else ask()'s (an Answer), which is kept unless it has too
  // many values. The text must be at most kLongestText bytes.
  template <typename Ask>
  Answer answer(uint64_t serial, uint8_t question, std::string_view text, Ask ask) {
    Slot* set = ways(serial, question, text);
    Answer kept;
    for (size_t w = 0; w < kWays; ++w) {
      if (set[w].recall(serial, question, text, kept)) return kept;
    }
    const Answer fresh = ask();
    if (fresh.count <= kMostValues) {
      // The newest answer first; the oldest leaves.
      std::move_backward(set, set + kWays - 1, set + kWays);
      set[0].keep(serial, question, text, fresh);
    }
    return fresh;
  }

 private:
  static constexpr int kSlotBits = 13;  // 8,192 slots of 72 bytes: about 600 KB a thread
  using Slots = std::array<Slot, (size_t{1} << kSlotBits)>;
  std::unique_ptr<Slots> slots_ = std::make_unique<Slots>();
};

}  // namespace budgetlens::grammar::detail
