// The facts of a table cell's text that every step of tables/ asks about, worked out once a document.
#include "tables/draft.h"
#include "tables/placement.h"
#include "text/fold.h"
#include "text/utf8.h"
#include "units/units.h"

namespace budgetlens::tables::detail {

std::string Context::key(std::string_view s) const {
  return text::match_key(s, source.traditional);
}

const CellFacts& Context::facts(std::string_view cell_text) const {
  const uint64_t at = reinterpret_cast<uintptr_t>(cell_text.data());
  Recent& slot = recent_[(at * 0x9E3779B97F4A7C15ull) >> (64 - kRecentBits)];
  if (slot.entry && slot.data == cell_text.data() && slot.entry->first == cell_text)
    return slot.entry->second;
  auto it = facts_.find(cell_text);
  if (it == facts_.end()) it = facts_.emplace(std::string(cell_text), facts_of(cell_text)).first;
  slot = {cell_text.data(), &*it};
  return it->second;
}

CellFacts Context::facts_of(std::string_view cell_text) const {
  CellFacts f;
  f.key = key(cell_text);
  f.figure = units::cell_figure(f.key, grammar.units);
  f.total = grammar.tables.total_row.match_full(f.key);
  f.kind = classify_cell(f.key, grammar, f.total, f.figure);
  if (!f.key.empty() && text::char_count(f.key) <= 16 && !f.total && !f.figure) {
    f.rule = grammar.tables.column_rule(f.key);
    f.header_word = *f.rule != nullptr;
  }
  return f;
}

const grammar::ColumnRule* Context::column_rule(std::string_view cell_text) const {
  const CellFacts& f = facts(cell_text);
  if (!f.rule) f.rule = grammar.tables.column_rule(f.key);
  return *f.rule;
}

}  // namespace budgetlens::tables::detail
