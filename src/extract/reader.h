// Internal to extract/: shared context of one document's extraction.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "text/fold.h"
#include "units/units.h"

namespace budgetlens::extract::detail {

struct DocumentContext {
  const source::SourceText& source;
  const grammar::Grammar& grammar;
  const sections::Outline& outline;
  std::string default_unit;  // money unit for figures that have no other evidence of theirs

  std::string_view slice(TextRange r) const { return std::string_view(source.text).substr(r.begin, r.size()); }
  // The label form of a source range: kDisplay folding (no line breaks, spaces or mojibake).
  std::string display(TextRange r) const { return text::display(slice(r)); }
};

// Fills the value fields of a quantity from a figure and the unit decided for it.
void set_value(QuantityRecord& q, const units::Figure& figure, const grammar::UnitWord* unit,
               std::string unit_source);

// The unit a unit column (度量单位) prints for its row's values: a unit word of the grammar, or a
// unit of the form's own (年, 人/年, 元/户) as printed, which names the values without telling their
// kind. A dash, a figure or a sentence in that column prints no unit.
struct PrintedUnit {
  const grammar::UnitWord* word = nullptr;
  std::string text;  // the cell's display form, when `word` is null
};
PrintedUnit printed_unit(const DocumentContext& ctx, const tables::Cell* cell);

// Records are collected in a deque: they are large, and a deque never moves those it holds.
using QuantityList = std::deque<QuantityRecord>;

// Quantities from running text (paragraphs).
void read_paragraphs(const DocumentContext& ctx, const layout::Layout& layout, QuantityList& out,
                     std::deque<FigureContext>& contexts);
// Quantities from the notes under tables, read as running text: a last row of one cell that holds
// sentences ("注:…2023年公务接待费决算数为7万元。"), whose figures no column names.
void read_table_notes(const DocumentContext& ctx, const std::vector<tables::Grid>& grids, QuantityList& out,
                      std::deque<FigureContext>& contexts);

// Indicator records from indicator and score tables, and each table's stated total; when there is
// no such table, from paragraphs that are one run together (read_indicator_runs).
void read_indicators(const DocumentContext& ctx, const layout::Layout& layout, const std::vector<tables::Grid>& grids,
                     std::vector<IndicatorRecord>& out, std::vector<std::optional<StatedTotal>>& totals);

// Indicator records from paragraphs that are indicator tables run together into text, for a
// document that has no indicator table.
void read_indicator_runs(const DocumentContext& ctx, const layout::Layout& layout, std::vector<IndicatorRecord>& out);

// Quantities from table cells.
void read_tables(const DocumentContext& ctx, const std::vector<tables::Grid>& grids, QuantityList& out);

}  // namespace budgetlens::extract::detail
