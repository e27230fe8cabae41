#include "grammar/pattern.h"

#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <atomic>

#include "grammar/regex_source.h"
#include "grammar/remembered_matches.h"
#include "grammar/required_words.h"
#include "grammar/start_ranges.h"
#include "text/utf8.h"

namespace budgetlens::grammar {
namespace {

RE2::Options options() {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingUTF8);
  o.set_log_errors(false);
  o.set_max_mem(8 << 20);
  return o;
}

std::optional<Match> run(const RE2& re, std::string_view s, size_t from, RE2::Anchor anchor) {
  re2::StringPiece groups[2];
  int n = re.NumberOfCapturingGroups() >= 1 ? 2 : 1;
  if (!re.Match(re2::StringPiece(s.data(), s.size()), from, s.size(), anchor, groups, n)) return std::nullopt;
  Match m;
  m.begin = static_cast<size_t>(groups[0].data() - s.data());
  m.end = m.begin + groups[0].size();
  const re2::StringPiece& key = (n == 2 && groups[1].data() != nullptr) ? groups[1] : groups[0];
  m.key_begin = static_cast<size_t>(key.data() - s.data());
  m.key_end = m.key_begin + key.size();
  m.key = s.substr(m.key_begin, key.size());
  return m;
}

// At most this many words are looked for before a pattern, or a set of them, is run; the built-in
// grammar has none with more (up to 24 and 48 cost the same over corpus/ and ../shared).
constexpr size_t kMaxRequiredWords = 64;
constexpr size_t kMaxRequiredWordsOfASet = 128;

// True iff RE2's lowercasing leaves `word` as it is: no letter with case. ASCII letters and
// anything outside CJK punctuation, kana and Han (U+3000..U+9FFF) are taken to have one.
bool caseless(std::string_view word) {
  for (size_t i = 0; i < word.size();) {
    char32_t c = text::next_char(word, i);
    bool ascii_letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (ascii_letter || (c >= 0x80 && (c < 0x3000 || c > 0x9FFF))) return false;
  }
  return true;
}

// Of the prefilter's words (`filter` holds one pattern), those a match cannot do without. A match may
// need several at once ("单位:万元" needs 单位 and 元): looking for one of them is then enough, and 单位
// rules out the many lines that print 元 but no 单位. Each word, the shortest (the commonest) first,
// is left out when a text that holds every word left out, and none of the others, still cannot match.
std::vector<std::string> words_a_match_needs(const re2::FilteredRE2& filter, std::vector<std::string> words) {
  std::vector<size_t> order(words.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return words[a].size() < words[b].size(); });
  std::vector<bool> kept(words.size(), true);
  std::vector<int> left_out, potential;
  for (size_t a : order) {
    kept[a] = false;
    left_out.clear();
    for (size_t i = 0; i < words.size(); ++i) {
      if (!kept[i]) left_out.push_back(static_cast<int>(i));
    }
    filter.AllPotentials(left_out, &potential);
    if (!potential.empty()) kept[a] = true;
  }
  std::vector<std::string> needed;
  for (size_t i = 0; i < words.size(); ++i) {
    if (kept[i]) needed.push_back(std::move(words[i]));
  }
  return needed;
}

// The words of three bytes or more (a Han character and up) of which every match of `source` holds
// one, from RE2's prefilter; null when a match may hold none, or they are too many or have case.
std::shared_ptr<const detail::RequiredWords> required_words(const std::string& source) {
  re2::FilteredRE2 filter(3);
  int id = 0;
  if (filter.Add(source, options(), &id) != RE2::NoError) return nullptr;
  std::vector<std::string> words;
  filter.Compile(&words);
  std::vector<int> without_words;
  filter.AllPotentials({}, &without_words);
  if (!without_words.empty() || words.empty() || words.size() > kMaxRequiredWords) return nullptr;
  for (const std::string& w : words) {
    if (!caseless(w)) return nullptr;
  }
  std::vector<std::string> needed = words_a_match_needs(filter, std::move(words));
  if (needed.empty()) return nullptr;  // a pattern that matches nothing: asked anyway, as RE2 says
  return std::make_shared<const detail::RequiredWords>(std::move(needed));
}

// Whether looking for required words before a match anchored at one end pays: the words are
// looked for through the whole text, while the expression, anchored, reads no more of it and
// usually stops within a few characters. A caller that asks about every figure of a long
// paragraph ("what follows this one") would otherwise read the rest of the paragraph each time.
constexpr size_t kAnchoredLookAhead = 1024;

bool worth_looking_for_words(Anchor anchor, std::string_view s) {
  return s.size() <= kAnchoredLookAhead || anchor == Anchor::kFull || anchor == Anchor::kAnywhere;
}

// False when no match at `anchor` can be in s: a match at its start lies outside `starts`, or s
// holds none of `words` (null: not known).
bool may_hold_a_match(const detail::RequiredWords* words, const detail::StartRanges* starts, Anchor anchor,
                      std::string_view s) {
  if (starts && anchor == Anchor::kPrefix && !starts->may_start(s)) return false;
  if (starts && anchor == Anchor::kFull && !starts->may_be(s)) return false;
  return !words || !worth_looking_for_words(anchor, s) || words->any_in(s);
}

uint64_t next_serial() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

using Kept = detail::RememberedMatches;

// What is asked of a pattern, for the answers a thread keeps. A set is asked by its anchor which
// patterns match, and by kSetAny + its anchor whether any does.
enum Question : uint8_t { kPrefixMatch, kSuffixMatch, kFirstMatch, kMatchesFull };  // + Anchor
constexpr uint8_t kSetAny = 4;

// A match as an answer to keep, and back: its four offsets, or no values for none.
Kept::Answer answer_of(const std::optional<Match>& m) {
  Kept::Answer answer;
  if (m) {
    answer.count = 4;
    answer.values = {static_cast<uint16_t>(m->begin), static_cast<uint16_t>(m->end),
                     static_cast<uint16_t>(m->key_begin), static_cast<uint16_t>(m->key_end)};
  }
  return answer;
}

std::optional<Match> match_of(const Kept::Answer& answer, std::string_view s) {
  if (answer.count == 0) return std::nullopt;
  Match m;
  m.begin = answer.values[0], m.end = answer.values[1];
  m.key_begin = answer.values[2], m.key_end = answer.values[3];
  m.key = s.substr(m.key_begin, m.key_end - m.key_begin);
  return m;
}

// ask(), or the answer kept for this question about s when s is short enough to keep one.
template <typename Ask>
std::optional<Match> kept_match(uint64_t serial, uint8_t question, std::string_view s, Ask ask) {
  if (s.size() > Kept::kLongestText) return ask();
  return match_of(Kept::of_this_thread().answer(serial, question, s, [&] { return answer_of(ask()); }), s);
}

template <typename Ask>
bool kept_bool(uint64_t serial, uint8_t question, std::string_view s, Ask ask) {
  if (s.size() > Kept::kLongestText) return ask();
  return Kept::of_this_thread()
             .answer(serial, question, s,
                     [&] {
                       Kept::Answer answer;
                       answer.count = ask() ? 1 : 0;
                       return answer;
                     })
             .count > 0;
}

}  // namespace

bool Pattern::may_match(Anchor anchor, std::string_view s) const {
  return may_hold_a_match(required_.get(), starts_.get(), anchor, s);
}

std::optional<Pattern> Pattern::compile(std::string_view source, std::string* error) {
  Pattern p;
  p.serial_ = next_serial();
  p.source_ = std::string(source);
  auto re = std::make_shared<RE2>(p.source_, options());
  if (!re->ok()) {
    if (error) *error = re->error();
    return std::nullopt;
  }
  p.re_ = std::move(re);
  p.suffix_re_ = std::make_shared<RE2>("(?:" + p.source_ + ")$", options());
  p.required_ = required_words(p.source_);
  if (std::vector<detail::StartRange> ranges = detail::start_ranges_of(*p.re_); !ranges.empty())
    p.starts_ = std::make_shared<const detail::StartRanges>(std::move(ranges));
  return p;
}

int Pattern::groups() const {
  return re_ ? re_->NumberOfCapturingGroups() : 0;
}

std::optional<Match> Pattern::match_prefix(std::string_view s) const {
  if (!re_ || !may_match(Anchor::kPrefix, s)) return std::nullopt;
  return kept_match(serial_, kPrefixMatch, s, [&] { return run(*re_, s, 0, RE2::ANCHOR_START); });
}

std::optional<Match> Pattern::match_suffix(std::string_view s) const {
  if (!suffix_re_ || !may_match(Anchor::kSuffix, s)) return std::nullopt;
  return kept_match(serial_, kSuffixMatch, s, [&] { return run(*suffix_re_, s, 0, RE2::UNANCHORED); });
}

bool Pattern::match_full(std::string_view s) const { return matches(Anchor::kFull, s); }

std::optional<Match> Pattern::find(std::string_view s, size_t from) const {
  if (!re_ || from > s.size() || !may_match(Anchor::kAnywhere, s.substr(from))) return std::nullopt;
  if (from > 0) return run(*re_, s, from, RE2::UNANCHORED);
  return kept_match(serial_, kFirstMatch, s, [&] { return run(*re_, s, 0, RE2::UNANCHORED); });
}

std::optional<std::vector<std::string_view>> Pattern::full_groups(std::string_view s) const {
  // Most texts do not match; telling so takes one DFA pass, where asking for the groups straight
  // away backtracks through the whole text.
  if (!matches(Anchor::kFull, s)) return std::nullopt;
  int n = re_->NumberOfCapturingGroups();
  std::vector<re2::StringPiece> pieces(n + 1);
  if (!re_->Match(re2::StringPiece(s.data(), s.size()), 0, s.size(), RE2::ANCHOR_BOTH, pieces.data(), n + 1)) {
    return std::nullopt;
  }
  std::vector<std::string_view> out;
  for (int i = 1; i <= n; ++i) {
    out.push_back(pieces[i].data() ? std::string_view(pieces[i].data(), pieces[i].size()) : std::string_view());
  }
  return out;
}

bool Pattern::matches(Anchor anchor, std::string_view s) const {
  if (!re_ || !may_match(anchor, s)) return false;
  return kept_bool(serial_, kMatchesFull + static_cast<uint8_t>(anchor), s, [&] {
    re2::StringPiece text(s.data(), s.size());
    switch (anchor) {
      case Anchor::kFull:
        return re_->Match(text, 0, s.size(), RE2::ANCHOR_BOTH, nullptr, 0);
      case Anchor::kPrefix:
        return re_->Match(text, 0, s.size(), RE2::ANCHOR_START, nullptr, 0);
      case Anchor::kSuffix:
        return suffix_re_->Match(text, 0, s.size(), RE2::UNANCHORED, nullptr, 0);
      case Anchor::kAnywhere:
        return re_->Match(text, 0, s.size(), RE2::UNANCHORED, nullptr, 0);
    }
    return false;
  });
}

// One RE2::Set per anchor. A suffix set holds each pattern followed by $, as Pattern's own suffix
// expression does.
struct PatternSet::Compiled {
  RE2::Set full{options(), RE2::ANCHOR_BOTH};
  RE2::Set prefix{options(), RE2::ANCHOR_START};
  RE2::Set suffix{options(), RE2::UNANCHORED};
  RE2::Set anywhere{options(), RE2::UNANCHORED};

  const RE2::Set& of(Anchor anchor) const {
    switch (anchor) {
      case Anchor::kFull: return full;
      case Anchor::kPrefix: return prefix;
      case Anchor::kSuffix: return suffix;
      case Anchor::kAnywhere: return anywhere;
    }
    return anywhere;
  }
};

PatternSet::PatternSet(std::vector<Pattern> patterns)
    : serial_(next_serial()), patterns_(std::move(patterns)) {
  std::vector<std::string> words;
  bool all_known = !patterns_.empty();
  for (const Pattern& p : patterns_) {
    all_known = all_known && p.required_;
    if (!all_known) break;
    for (const std::string& w : p.required_->words()) {
      if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
    }
  }
  if (all_known && words.size() <= kMaxRequiredWordsOfASet) {
    required_ = std::make_shared<const detail::RequiredWords>(std::move(words));
  }
  std::vector<detail::StartRange> ranges;
  bool all_ranged = !patterns_.empty();
  for (const Pattern& p : patterns_) {
    all_ranged = all_ranged && p.starts_;
    if (!all_ranged) break;
    ranges.insert(ranges.end(), p.starts_->ranges().begin(), p.starts_->ranges().end());
  }
  if (all_ranged) starts_ = std::make_shared<const detail::StartRanges>(std::move(ranges));
  // One pattern gains nothing from a set: Pattern::matches is one pass already.
  if (patterns_.size() < 2) return;
  auto compiled = std::make_shared<Compiled>();
  for (const Pattern& p : patterns_) {
    if (!p.valid()) return;
    const std::string& source = p.source();
    if (compiled->full.Add(source, nullptr) < 0 || compiled->prefix.Add(source, nullptr) < 0 ||
        compiled->suffix.Add("(?:" + source + ")$", nullptr) < 0 || compiled->anywhere.Add(source, nullptr) < 0) {
      return;
    }
  }
  if (compiled->full.Compile() && compiled->prefix.Compile() && compiled->suffix.Compile() &&
      compiled->anywhere.Compile()) {
    sets_ = std::move(compiled);
  }
}

void PatternSet::matching(Anchor anchor, std::string_view s, std::vector<int>& out) const {
  out.clear();
  if (!may_hold_a_match(required_.get(), starts_.get(), anchor, s)) return;
  if (!sets_ || s.size() > Kept::kLongestText || patterns_.size() > UINT16_MAX) {
    match_set(anchor, s, out);
    return;
  }
  // Asked only once the words allow a match: they rule out most texts for less than a lookup costs.
  // A fresh answer with too many hits to keep is left in `out` as match_set wrote it.
  const Kept::Answer answer = Kept::of_this_thread().answer(serial_, static_cast<uint8_t>(anchor), s, [&] {
    match_set(anchor, s, out);
    Kept::Answer fresh;
    fresh.count = static_cast<uint8_t>(std::min(out.size(), Kept::kMostValues + 1));
    std::copy_n(out.begin(), std::min(out.size(), Kept::kMostValues), fresh.values.begin());
    return fresh;
  });
  if (answer.count <= Kept::kMostValues)
    out.assign(answer.values.begin(), answer.values.begin() + answer.count);
}

void PatternSet::match_set(Anchor anchor, std::string_view s, std::vector<int>& out) const {
  if (sets_) {
    const RE2::Set& set = sets_->of(anchor);
    re2::StringPiece text(s.data(), s.size());
    RE2::Set::ErrorInfo error{RE2::Set::kNoError};
    // One pass that lists the matches. Asking first whether any pattern matches (a pass that may
    // stop early) and listing them only then cost more in all: a third to a half of the texts
    // asked about that get this far match, and then pay for both passes.
    if (set.Match(text, &out, &error)) {
      std::sort(out.begin(), out.end());
      return;
    }
    out.clear();
    if (error.kind == RE2::Set::kNoError) return;
  }
  for (size_t i = 0; i < patterns_.size(); ++i) {
    if (patterns_[i].matches(anchor, s)) out.push_back(static_cast<int>(i));
  }
}

bool PatternSet::any(Anchor anchor, std::string_view s) const {
  if (!may_hold_a_match(required_.get(), starts_.get(), anchor, s)) return false;
  // Kept as a question of its own, after the four of matching().
  return kept_bool(serial_, kSetAny + static_cast<uint8_t>(anchor), s, [&] {
    if (sets_) {
      RE2::Set::ErrorInfo error{RE2::Set::kNoError};
      bool found = sets_->of(anchor).Match(re2::StringPiece(s.data(), s.size()), nullptr, &error);
      if (error.kind == RE2::Set::kNoError) return found;
    }
    return std::any_of(patterns_.begin(), patterns_.end(),
                       [&](const Pattern& p) { return p.matches(anchor, s); });
  });
}

int PatternSet::first_matching(Anchor anchor, std::string_view s) const {
  if (!sets_) {
    for (size_t i = 0; i < patterns_.size(); ++i) {
      if (patterns_[i].matches(anchor, s)) return static_cast<int>(i);
    }
    return -1;
  }
  thread_local std::vector<int> hits;
  matching(anchor, s, hits);
  return hits.empty() ? -1 : hits.front();
}

}  // namespace budgetlens::grammar
