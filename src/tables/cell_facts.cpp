// The facts of a table cell's text that every step of tables/ asks about, worked out once a document.
#include "tables/draft.h"
#include "tables/placement.h"
#include "text/fold.h"
#include "text/hash.h"
#include "text/utf8.h"
#include "units/units.h"

namespace budgetlens::tables::detail {

std::string Context::key(std::string_view s) const {
  return text::match_key(s, source.traditional);
}

const CellFacts& Context::facts(std::string_view cell_text) const {
  const uint64_t at = reinterpret_cast<uintptr_t>(cell_text.data());
  Recent& slot = recent_[(at * 0x9E3779B97F4A7C15ull) >> (64 - kRecentBits)];
  if (slot.entry && slot.data == cell_text.data() && slot.entry->text == cell_text) return slot.entry->facts;
  const Entry& e = entry(cell_text);
  slot = {cell_text.data(), &e};
  return e.facts;
}

const Context::Entry& Context::entry(std::string_view cell_text) const {
  constexpr int kFirstBits = 10;
  if (slots_.empty()) slots_.assign(size_t{1} << (slot_bits_ = kFirstBits), 0);
  const uint64_t hash = text::short_text_hash(cell_text);
  const size_t mask = slots_.size() - 1;
  size_t i = hash >> (64 - slot_bits_);
  for (; slots_[i] != 0; i = (i + 1) & mask) {
    const Entry& e = entries_[slots_[i] - 1];
    if (e.hash == hash && e.text == cell_text) return e;
  }
  entries_.push_back({std::string(cell_text), hash, facts_of(cell_text)});
  slots_[i] = static_cast<uint32_t>(entries_.size());
  if (entries_.size() * 2 > slots_.size()) grow();
  return entries_.back();
}

// Twice the slots, at most half of them taken.
void Context::grow() const {
  slots_.assign(size_t{1} << ++slot_bits_, 0);
  const size_t mask = slots_.size() - 1;
  for (size_t k = 0; k < entries_.size(); ++k) {
    size_t i = entries_[k].hash >> (64 - slot_bits_);
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = static_cast<uint32_t>(k + 1);
  }
}

CellFacts Context::facts_of(std::string_view cell_text) const {
  CellFacts f;
  f.key = key(cell_text);
  f.figure = units::cell_figure(f.key, grammar.units);
  f.total = grammar.tables.total_row.match_full(text::without_translation(f.key));
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
