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

namespace budgetlens::grammar {

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

  // A match starting at s[0].
  std::optional<Match> match_prefix(std::string_view s) const;
  // A match ending at the end of s (the leftmost one that does).
  std::optional<Match> match_suffix(std::string_view s) const;
  // True iff the whole of s matches.
  bool match_full(std::string_view s) const;
  // The first match at or after `from`.
  std::optional<Match> find(std::string_view s, size_t from = 0) const;
  // The capturing groups of a match of the whole of s (an absent group is empty).
  std::optional<std::vector<std::string_view>> full_groups(std::string_view s) const;

 private:
  std::string source_;
  std::shared_ptr<const re2::RE2> re_;         // as written
  std::shared_ptr<const re2::RE2> suffix_re_;  // (?:source)$
};

}  // namespace budgetlens::grammar
