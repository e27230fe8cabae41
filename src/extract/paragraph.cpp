#include "extract/paragraph.h"

#include <algorithm>

#include "text/utf8.h"

namespace budgetlens::extract::detail {

bool ParagraphText::sentence_break(size_t from, size_t to) const {
  auto it = std::lower_bound(sentence_ends.begin(), sentence_ends.end(), from);
  return it != sentence_ends.end() && *it < to;
}

bool ParagraphText::opens_the_next_sentence(size_t from, size_t b) const {
  auto first = std::lower_bound(sentence_ends.begin(), sentence_ends.end(), from);
  if (first == sentence_ends.end() || *first >= b) return false;
  size_t after = *first + (f.text[*first] == '\xE3' ? 3 : 1);  // 。 or ; ! ?
  while (after < b && f.text[after] == ' ') ++after;
  return after == b;
}

bool ParagraphText::only_list_separators(size_t from, size_t to) const {
  for (size_t i = from; i < to;) {
    char32_t c = text::next_char(f.text, i);
    if (ctx.grammar.labels.list_separators.find(c) == std::u32string::npos) return false;
  }
  return true;
}

std::string ParagraphText::shown(size_t b, size_t e) const {
  if (b >= e) return {};
  const std::vector<size_t>& cuts = interruptions.cuts;
  auto cut = std::upper_bound(cuts.begin(), cuts.end(), b);
  if (cut == cuts.end() || *cut >= e) return ctx.display(f.source_range(b, e));
  std::string out;
  for (; cut != cuts.end() && *cut < e; ++cut) {
    out += ctx.display(f.source_range(b, *cut));
    b = *cut;
  }
  out += ctx.display(f.source_range(b, e));
  return out;
}

std::string ParagraphText::shown_text(std::string_view piece) const {
  if (piece.empty()) return {};
  size_t b = static_cast<size_t>(piece.data() - f.text.data());
  return shown(b, b + piece.size());
}

}  // namespace budgetlens::extract::detail
