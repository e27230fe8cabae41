// Internal to extract/: a paragraph of running text as its two readers share it. One
// (text_quantities.cpp) finds the figures and their units, the other (text_labels.cpp) names them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/interruptions.h"
#include "extract/reader.h"

namespace budgetlens::extract::detail {

struct Found {
  units::Figure figure;
  const grammar::UnitWord* unit = nullptr;
  std::string unit_source;
  std::string code;
  size_t label_begin = 0, label_end = 0;  // folded range of the label's own words
  std::string label;
  bool labelled = false;                     // the label is known already (a row of fused cells)
  std::string subject, relation, attribute;  // the parts of the label, for the checks
  int fused_row = -1, fused_col = -1;
  size_t fused_head = 0;  // bytes before the figure that are a cell run into it, no label's words
};

// The folded paragraph, what was cut out of it as it was folded, and where its sentences end (。;!?).
struct ParagraphText {
  const DocumentContext& ctx;
  const text::FoldedText& f;
  const Interruptions& interruptions;
  const std::vector<size_t>& sentence_ends;

  std::string_view view(size_t b, size_t e) const { return std::string_view(f.text).substr(b, e - b); }
  // True iff a sentence end starts in [from, to).
  bool sentence_break(size_t from, size_t to) const;
  // Whether b starts the sentence after the one that holds `from`: nothing but spaces between the
  // end of that sentence and b.
  bool opens_the_next_sentence(size_t from, size_t b) const;
  bool only_list_separators(size_t from, size_t to) const;
  // Display form of the folded range [b, e), without what was cut from inside it.
  std::string shown(size_t b, size_t e) const;
  // Display form of a piece of the folded text.
  std::string shown_text(std::string_view piece) const;
};

// Names every figure of `found` (in the order of the text) that has no label yet: its label and
// the subject, relation and attribute the checks read. `codes` are the classification codes in the
// text; `hits` is room for the patterns a query matches.
void label_figures(const ParagraphText& text, const std::vector<std::pair<size_t, size_t>>& codes,
                   std::vector<Found>& found, std::vector<int>& hits);

}  // namespace budgetlens::extract::detail
