#include "extract/interruptions.h"

#include <algorithm>
#include <optional>
#include <string>

#include "text/utf8.h"

namespace budgetlens::extract::detail {
namespace {

// Keeps folded[b, e), text and map, in `kept`.
void keep(const text::FoldedText& folded, size_t b, size_t e, text::FoldedText& kept) {
  kept.text.append(folded.text, b, e - b);
  kept.source.insert(kept.source.end(), folded.source.begin() + b, folded.source.begin() + e);
  kept.ends.insert(kept.ends.end(), folded.ends.begin() + b, folded.ends.begin() + e);
}

}  // namespace

Interruptions cut_interruptions(text::FoldedText& folded, const grammar::FigureGrammar& g,
                                std::vector<int>& masks) {
  Interruptions out;
  const std::string& s = folded.text;
  g.mask_patterns.matching(grammar::Anchor::kAnywhere, s, masks);
  std::vector<std::pair<size_t, size_t>> found;
  for (int k : masks) {
    const grammar::Mask& mask = g.masks[k];
    if (!mask.interrupts) continue;
    for (size_t from = 0; from < s.size();) {
      std::optional<grammar::Match> m = mask.pattern.find(s, from);
      if (!m || m->end == m->begin) break;
      found.push_back({m->begin, m->end});
      from = m->end;
    }
  }
  if (found.empty()) return out;
  std::sort(found.begin(), found.end());
  auto alnum_before = [&](size_t i) { return i > 0 && text::is_ascii_alnum(s[i - 1]); };
  auto alnum_at = [&](size_t i) { return i < s.size() && text::is_ascii_alnum(s[i]); };
  std::vector<std::pair<size_t, size_t>> cut, left;
  size_t last = 0;
  for (const auto& [b, e] : found) {
    if (b < last) continue;  // overlaps one before it
    last = e;
    (alnum_before(b) && alnum_at(e) ? left : cut).push_back({b, e});
  }
  size_t gone = 0, c = 0;
  for (const auto& [b, e] : left) {
    for (; c < cut.size() && cut[c].first < b; ++c) gone += cut[c].second - cut[c].first;
    out.left_in.push_back({b - gone, e - gone});
  }
  if (cut.empty()) return out;
  text::FoldedText kept;
  size_t at = 0;
  for (const auto& [b, e] : cut) {
    keep(folded, at, b, kept);
    out.cuts.push_back(kept.text.size());
    at = e;
  }
  keep(folded, at, s.size(), kept);
  kept.source.push_back(folded.source.back());
  folded = std::move(kept);
  // What was cut may have joined text into a new match: asked again of the text as it now is.
  g.mask_patterns.matching(grammar::Anchor::kAnywhere, folded.text, masks);
  return out;
}

}  // namespace budgetlens::extract::detail
