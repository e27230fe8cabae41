// units: reading a figure — a number, its unit and any word that makes it approximate — from
// folded text, and turning money into exact 元.
//
//   auto f = units::read_figure("1,295.87万元,其中", 0, grammar.units);
//   f->value.to_string() == "1295.87";  f->unit->word == "万元";  f->decimals == 2
//   units::to_yuan(*f).to_canonical() == "12958700"
//
// Numbers are read as printed: thousands separators only where they separate groups of three, a
// trailing point kept as a flag ("96.%" is 96 with `trailing_point`), full-width digits already
// folded by text::fold. A number with more digits than a Decimal holds is not a figure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "grammar/grammar.h"
#include "model/decimal.h"

namespace budgetlens::units {

struct Figure {
  size_t begin = 0;  // the whole figure in the folded text: approximation words and unit included
  size_t end = 0;
  size_t number_begin = 0;
  size_t number_end = 0;
  Decimal value;
  int decimals = 0;
  bool negative = false;
  bool separators = false;      // printed with thousands separators
  bool trailing_point = false;  // "96.%": a point with no decimals after it
  const grammar::UnitWord* unit = nullptr;  // as printed right after the number, if any
  std::string comparator;  // ≥ ≤ = > < printed just before the number
  std::string approx;      // 余 多 约 以上 … when the figure is approximate
};

// Reads the figure whose number starts at key[pos] (a digit, or a sign followed by one).
std::optional<Figure> read_figure(std::string_view key, size_t pos, const grammar::UnitGrammar& units);

// The figure that makes up the whole of a table cell ("≥90%", "1,295.87", "76.27万元", "1500项",
// "900余人次"), or nullopt when the cell holds anything else.
std::optional<Figure> cell_figure(std::string_view key, const grammar::UnitGrammar& units);

// The money value in 元: the number shifted by the unit's power of ten. Exact.
Decimal to_yuan(const Decimal& value, const grammar::UnitWord& unit);

// "万元", "%", "人次" …: how a unit is written in records.
std::string unit_name(const grammar::UnitWord& unit);
std::string_view kind_name(grammar::UnitKind kind);

}  // namespace budgetlens::units
