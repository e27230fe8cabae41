#include "extract/extract.h"

#include <algorithm>
#include <map>

#include "extract/reader.h"
#include "model/ids.h"
#include "text/utf8.h"

namespace budgetlens::extract {
namespace detail {

void set_value(QuantityRecord& q, const units::Figure& figure, const grammar::UnitWord* unit,
               std::string unit_source) {
  q.value = figure.value;
  q.decimals = figure.decimals;
  q.approx = figure.approx;
  if (!unit) {
    q.kind = "other";
    q.unit_source = "";
    return;
  }
  q.unit = units::unit_name(*unit);
  q.unit_source = std::move(unit_source);
  q.kind = std::string(units::kind_name(unit->kind));
  if (unit->kind == grammar::UnitKind::kMoney) q.value_yuan = units::to_yuan(figure.value, *unit);
}

}  // namespace detail

namespace {

// The money unit of a document: stated in a unit line (单位：万元) when there is one, else the unit
// most of its printed amounts carry, else the grammar's default, marked assumed.
void decide_default_unit(const layout::Layout& layout, const grammar::Grammar& grammar, Extraction& out) {
  std::map<std::string, int> printed;
  std::string stated;
  for (const std::string& key : layout.line_keys) {
    // A line states a money unit, or prints a figure with one, only where it prints a money word.
    auto prints_money = [&] {
      return std::any_of(
          grammar.units.money_marks.begin(), grammar.units.money_marks.end(),
          [&](const std::string& mark) { return text::find_word(key, mark) != std::string::npos; });
    };
    if (!prints_money()) continue;
    if (int u = grammar.tables.unit_statements.first_matching(grammar::Anchor::kAnywhere, key); u >= 0) {
      std::string_view unit = grammar.tables.unit_statements[u].find(key)->key;
      // "单位：万元" states it; "部门预算总额(万元)" is a vote like a printed amount. Only a money unit
      // counts: anything else a grammar's statement captured says nothing of amounts.
      const std::string& stated_by = grammar.tables.unit_stated_by;
      if (grammar.units.money(unit)) {
        if (stated_by.empty() || key.find(stated_by) == std::string::npos)
          ++printed[std::string(unit)];
        else if (stated.empty())
          stated = std::string(unit);
      }
    }
    if (!stated.empty()) break;  // a stated unit decides, whatever figures print
    for (size_t k = 0; k < key.size(); ++k) {
      if (key[k] < '0' || key[k] > '9') continue;
      std::optional<units::Figure> f = units::read_figure(key, k, grammar.units);
      if (!f) {  // too many digits for a figure: no tail of it is one either
        while (k + 1 < key.size() && key[k + 1] >= '0' && key[k + 1] <= '9') ++k;
        continue;
      }
      if (f->unit && f->unit->kind == grammar::UnitKind::kMoney) ++printed[f->unit->word];
      k = std::max(k, f->end - 1);
    }
  }
  if (!stated.empty()) {
    out.default_unit = stated;
    out.default_unit_source = "stated";
    return;
  }
  int best = 0;
  for (const auto& [unit, n] : printed) {
    if (n > best) best = n, out.default_unit = unit;
  }
  if (best > 0) {
    out.default_unit_source = "majority";
    return;
  }
  out.default_unit = grammar.documents.default_unit;
  out.default_unit_source = "assumed";
}

}  // namespace

Extraction extract_quantities(const source::SourceText& source, const layout::Layout& layout,
                              const sections::Outline& outline, const std::vector<tables::Grid>& grids,
                              const grammar::Grammar& grammar) {
  Extraction out;
  decide_default_unit(layout, grammar, out);
  detail::DocumentContext ctx{source, grammar, outline, out.default_unit};
  detail::QuantityList found;
  detail::read_tables(ctx, grids, found);
  std::deque<FigureContext> contexts(found.size());  // table figures need none
  detail::read_paragraphs(ctx, layout, found, contexts);
  detail::read_table_notes(ctx, grids, found, contexts);
  detail::read_indicators(ctx, layout, grids, out.indicators, out.table_totals);
  // Records in document order (stable: tables before text at the same offset), numbered in that
  // order; their contexts follow them. The records are large, so their order is worked out on
  // indices and each moved once.
  std::vector<uint32_t> order(found.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return found[a].span.offset < found[b].span.offset; });
  out.quantities.reserve(found.size());
  out.contexts.reserve(found.size());
  for (uint32_t i : order) {
    out.quantities.push_back(std::move(found[i]));
    out.quantities.back().id = quantity_id(static_cast<int>(out.quantities.size() - 1));
    out.contexts.push_back(std::move(contexts[i]));
  }
  return out;
}

}  // namespace budgetlens::extract
