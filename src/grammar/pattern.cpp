#include "grammar/pattern.h"

#include <re2/re2.h>

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

}  // namespace

std::optional<Pattern> Pattern::compile(std::string_view source, std::string* error) {
  Pattern p;
  p.source_ = std::string(source);
  auto re = std::make_shared<RE2>(p.source_, options());
  if (!re->ok()) {
    if (error) *error = re->error();
    return std::nullopt;
  }
  p.re_ = std::move(re);
  p.suffix_re_ = std::make_shared<RE2>("(?:" + p.source_ + ")$", options());
  return p;
}

std::optional<Match> Pattern::match_prefix(std::string_view s) const {
  return re_ ? run(*re_, s, 0, RE2::ANCHOR_START) : std::nullopt;
}

std::optional<Match> Pattern::match_suffix(std::string_view s) const {
  return suffix_re_ ? run(*suffix_re_, s, 0, RE2::UNANCHORED) : std::nullopt;
}

bool Pattern::match_full(std::string_view s) const {
  return re_ && run(*re_, s, 0, RE2::ANCHOR_BOTH).has_value();
}

std::optional<Match> Pattern::find(std::string_view s, size_t from) const {
  if (!re_ || from > s.size()) return std::nullopt;
  return run(*re_, s, from, RE2::UNANCHORED);
}

std::optional<std::vector<std::string_view>> Pattern::full_groups(std::string_view s) const {
  if (!re_) return std::nullopt;
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

}  // namespace budgetlens::grammar
