// Internal to extract/: text dropped into a sentence that is not part of it, such as the page header
// a flattened export puts wherever a page ended:
//
//   收 入 总 计 16,745.59 支 第 2 页,共 46 页 出 总 计 16,745.59
//
// The masks of figures.xml marked interrupts="true" find it. It is taken out of the folded paragraph
// before anything is read, so that the sentence reads on across it ("支出总计"); one between two
// ASCII letters or digits, which taking it out would run together, stays where it is.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "grammar/grammar.h"
#include "text/fold.h"

namespace budgetlens::extract::detail {

struct Interruptions {
  std::vector<size_t> cuts;                        // where one was taken out, in increasing order
  std::vector<std::pair<size_t, size_t>> left_in;  // those that stay, where they are once cut
};

// Takes the interruptions out of `folded` (its text and map). `masks` receives the masks that match
// the folded text as it is on return (PatternSet::matching), asked once when nothing is cut.
Interruptions cut_interruptions(text::FoldedText& folded, const grammar::FigureGrammar& g,
                                std::vector<int>& masks);

}  // namespace budgetlens::extract::detail
