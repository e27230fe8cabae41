// A compiled RE2 pattern from a grammar file.
//
// Grammar patterns are written for folded text (see text/fold.h) and follow one convention: when a
// pattern has a capturing group, the group is the part that matters (the marker, the label, the
// code) and the rest of the match is context that only has to be there.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace budgetlens::grammar::detail {
class RequiredWords;
class StartRanges;
}

namespace budgetlens::grammar {

// Where a pattern has to match in a text: the whole of it, from its start, up to its end, or
// anywhere — as Pattern::match_full, match_prefix, match_suffix and find ask.
enum class Anchor { kFull, kPrefix, kSuffix, kAnywhere };

struct Match {
  size_t begin = 0;  // of the whole match
  size_t end = 0;
  size_t key_begin = 0;  // of group 1 when the pattern has one, else of the whole match
  size_t key_end = 0;
  std::string_view key;
};

class Pattern {
 public:
  Pattern() = default;
  // Compiles `source`; returns nullopt and sets *error when RE2 refuses it.
  static std::optional<Pattern> compile(std::string_view source, std::string* error);

  bool valid() const { return re_ != nullptr; }
  const std::string& source() const { return source_; }
  // How many capturing groups the pattern has (0 when it is not valid).
  int groups() const;

  // A match starting at s[0].
  std::optional<Match> match_prefix(std::string_view s) const;
  // A match ending at the end of s (the leftmost one that does).
  std::optional<Match> match_suffix(std::string_view s) const;
  // True iff the whole of s matches.
  bool match_full(std::string_view s) const;
  // True iff s matches as `anchor` says (no positions: the cheapest question to ask).
  bool matches(Anchor anchor, std::string_view s) const;
  // The first match at or after `from`.
  std::optional<Match> find(std::string_view s, size_t from = 0) const;
  // The capturing groups of a match of the whole of s (an absent group is empty).
  std::optional<std::vector<std::string_view>> full_groups(std::string_view s) const;
  // False when s holds none of the words one of which every match holds (RE2's prefilter atoms),
  // or, asked about its start or the whole of it, starts where no match can (RE2's possible match
  // ranges): then s has no match at `anchor`. True when it may have one, and, without looking for
  // the words, for a text over 1 KB asked about a match anchored at one end, where the expression
  // decides sooner.
  bool may_match(Anchor anchor, std::string_view s) const;

 private:
  // Names the pattern for the answers a thread keeps (detail::RememberedMatches), as a set's serial
  // does; 0 until compiled.
  uint64_t serial_ = 0;
  std::string source_;
  std::shared_ptr<const re2::RE2> re_;         // as written
  std::shared_ptr<const re2::RE2> suffix_re_;  // (?:source)$
  // Every match holds one of these words; null when no such words are known.
  std::shared_ptr<const detail::RequiredWords> required_;
  // Where a match at the start of a text may lie; null when RE2 cannot tell.
  std::shared_ptr<const detail::StartRanges> starts_;

  friend class PatternSet;
};

// Patterns a grammar tries in turn on the same text. Iterating gives the patterns in order; the
// queries say which of them match, in one pass over the text for all of them (RE2::Set), where
// trying them one by one costs a pass each. The answers are those of trying each pattern: when
// RE2 cannot build or run a set (its memory budget), the patterns are tried one by one. Sets and
// patterns alike keep their answers for short texts, per thread (detail::RememberedMatches).
//
//   std::vector<int> hits;
//   grammar.labels.strip_prefix.matching(Anchor::kPrefix, label, hits);
//   for (int i : hits) use(grammar.labels.strip_prefix[i].match_prefix(label));
class PatternSet {
 public:
  PatternSet() = default;
  explicit PatternSet(std::vector<Pattern> patterns);

  size_t size() const { return patterns_.size(); }
  bool empty() const { return patterns_.empty(); }
  const Pattern& operator[](size_t i) const { return patterns_[i]; }
  std::vector<Pattern>::const_iterator begin() const { return patterns_.begin(); }
  std::vector<Pattern>::const_iterator end() const { return patterns_.end(); }

  // The indices, in increasing order, of the patterns that match s as `anchor` says.
  void matching(Anchor anchor, std::string_view s, std::vector<int>& out) const;
  // The index of the first pattern that matches s as `anchor` says, or -1.
  int first_matching(Anchor anchor, std::string_view s) const;
  // True iff some pattern matches s as `anchor` says: one pass, which need not say which.
  bool any(Anchor anchor, std::string_view s) const;

 private:
  struct Compiled;
  // matching() without the answers kept for short texts (detail::RememberedMatches).
  void match_set(Anchor anchor, std::string_view s, std::vector<int>& out) const;

  // Names this set's patterns for the answers kept: a set made from patterns gets a number no other
  // set gets, which its copies share (they hold the same patterns). 0: no patterns.
  uint64_t serial_ = 0;
  std::vector<Pattern> patterns_;
  std::shared_ptr<const Compiled> sets_;  // null when the patterns are tried one by one
  // Every match of every pattern holds one of these words; null when no such words are known.
  std::shared_ptr<const detail::RequiredWords> required_;
  // Where a match of one of the patterns at the start of a text may lie; null when RE2 cannot tell.
  std::shared_ptr<const detail::StartRanges> starts_;
};

}  // namespace budgetlens::grammar
