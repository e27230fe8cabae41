// Internal to extract/: tables whose cells ran together when they were flattened.
//
//   保安服务费191依据招标文件191191保洁服务费99依据招标文件9999…合计814662.98794.55
//
// A bare digit run with two decimal points holds two figures, so cells were fused. Rows start at a
// name (text that is not an explanation, see labels.xml), the number of figures a row holds is the
// most any row shows unambiguously, and runs are split to it: at the decimals the document prints,
// then — in a total row — where the columns add up to it, or else where a run repeats itself
// ("191191" = 191, 191). A run that ends in a rate is split where the rate is what its amounts
// make it ("310.2154.741050%" = 310.2, 154.74, a weight 10 and 50%), and a run of the same digits
// the same way. A run that cannot be split with certainty gives no figure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "grammar/grammar.h"
#include "model/decimal.h"

namespace budgetlens::extract::detail {

struct FusedFigure {
  size_t begin = 0;  // in the folded paragraph
  size_t end = 0;
  Decimal value;
  int decimals = 0;
  bool rate = false;  // a rate, its '%' at `end`; otherwise an amount in the document's money unit
  size_t label_begin = 0, label_end = 0;  // the row's name
  int row = 0;                            // among the fused rows
  int column = 0;                         // among the row's figures; -1 for a rate
};

// The figures of fused rows in `key` (a folded paragraph); `masked` marks characters that are not
// figures (years, dates …).
std::vector<FusedFigure> read_fused_rows(std::string_view key, const std::vector<bool>& masked,
                                         const grammar::Grammar& grammar);

}  // namespace budgetlens::extract::detail
