// Patterns against RE2 itself: the first line of the input is a pattern, the rest a text. A pattern
// RE2 compiles answers every query as RE2 does without the words it looks for first (the prefilter
// must never hide a match), and its sets answer as their patterns one by one.
#include <re2/re2.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "grammar/pattern.h"

using namespace budgetlens;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t newline = input.find('\n');
  if (newline == std::string_view::npos || newline > 200) return 0;
  std::string source(input.substr(0, newline));
  std::string_view text = input.substr(newline + 1);
  std::optional<grammar::Pattern> pattern = grammar::Pattern::compile(source, nullptr);
  if (!pattern) return 0;
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  options.set_max_mem(8 << 20);
  RE2 plain(source, options), plain_suffix("(?:" + source + ")$", options);
  if (!plain.ok() || !plain_suffix.ok()) return 0;
  re2::StringPiece t(text.data(), text.size());
  const bool anywhere = plain.Match(t, 0, t.size(), RE2::UNANCHORED, nullptr, 0);
  const bool full = plain.Match(t, 0, t.size(), RE2::ANCHOR_BOTH, nullptr, 0);
  const bool prefix = plain.Match(t, 0, t.size(), RE2::ANCHOR_START, nullptr, 0);
  const bool suffix = plain_suffix.Match(t, 0, t.size(), RE2::UNANCHORED, nullptr, 0);
  // The words are looked for as each anchor asks (not at all for a long text at one end).
  FUZZ_REQUIRE(!anywhere || pattern->may_match(grammar::Anchor::kAnywhere, text));
  FUZZ_REQUIRE(!full || pattern->may_match(grammar::Anchor::kFull, text));
  FUZZ_REQUIRE(!prefix || pattern->may_match(grammar::Anchor::kPrefix, text));
  FUZZ_REQUIRE(!suffix || pattern->may_match(grammar::Anchor::kSuffix, text));
  FUZZ_REQUIRE(pattern->matches(grammar::Anchor::kAnywhere, text) == anywhere);
  FUZZ_REQUIRE(pattern->find(text).has_value() == anywhere);
  FUZZ_REQUIRE(pattern->match_full(text) == full);
  FUZZ_REQUIRE(pattern->match_prefix(text).has_value() == prefix);
  FUZZ_REQUIRE(pattern->match_suffix(text).has_value() == suffix);
  // In a set beside a pattern that requires a word of its own.
  grammar::PatternSet set({*pattern, *grammar::Pattern::compile("预算", nullptr)});
  std::vector<int> hits;
  set.matching(grammar::Anchor::kAnywhere, text, hits);
  FUZZ_REQUIRE(!hits.empty() == (anywhere || text.find("预算") != std::string_view::npos));
  FUZZ_REQUIRE(hits.empty() || (hits.front() == 0) == anywhere);
  const std::string_view word = "预算";
  set.matching(grammar::Anchor::kPrefix, text, hits);
  FUZZ_REQUIRE(!hits.empty() == (prefix || text.substr(0, word.size()) == word));
  set.matching(grammar::Anchor::kSuffix, text, hits);
  FUZZ_REQUIRE(!hits.empty() ==
               (suffix || (text.size() >= word.size() && text.substr(text.size() - word.size()) == word)));
  return 0;
}
