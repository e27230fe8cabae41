// extract: every figure of a document as a quantity record — from table cells and from sentences —
// with the label a reader would give it, its unit, and its exact value in 元 when it is money; and
// every performance indicator of an indicator or score table as an indicator record.
//
// In a table a figure is labelled by its row (the label cells on its left, merged cells included)
// and its column (the header cells above it). In running text the label is the clause before the
// figure, cleaned by grammars/labels.xml:
//
//   收入总计1186.81万元,比上年减少23.95万元,下降1.98%。
//     1186.81 万元  label 收入总计                value_yuan 11868100
//     23.95 万元    label 收入总计 / 比上年减少
//     1.98 %        label 收入总计 / 下降
//   其中:人员经费546.94万元          label 人员经费
//   其中593.71为财政拨款收入         label 财政拨款收入 (unit inherited from the figure before)
//
// Years, dates, document numbers, codes and page numbers are not figures (grammars/figures.xml). A
// figure printed without a unit takes one only from evidence — the figure next to it, the column,
// the table, a unit statement — and records where it came from in unit_source. Nothing is ever
// rescaled to make it fit: 0.28元 stays 0.28 元.
#pragma once

#include <string>
#include <vector>

#include "grammar/grammar.h"
#include "layout/layout.h"
#include "model/records.h"
#include "sections/sections.h"
#include "source/source.h"
#include "tables/tables.h"

namespace budgetlens::extract {

struct Extraction {
  std::vector<QuantityRecord> quantities;
  std::vector<IndicatorRecord> indicators;
  std::vector<std::optional<StatedTotal>> table_totals;  // per grid: what its total row states
  std::string default_unit;         // the money unit of the document (see DocumentRecord)
  std::string default_unit_source;  // stated | majority | assumed
};

Extraction extract_quantities(const source::SourceText& source, const layout::Layout& layout,
                              const sections::Outline& outline, const std::vector<tables::Grid>& grids,
                              const grammar::Grammar& grammar);

}  // namespace budgetlens::extract
