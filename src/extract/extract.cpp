#include "extract/extract.h"

#include <algorithm>
#include <map>

#include "extract/reader.h"
#include "model/ids.h"

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
void decide_default_unit(const source::SourceText& source, const grammar::Grammar& grammar, Extraction& out) {
  std::map<std::string, int> printed;
  std::string stated;
  for (uint32_t i = 0; i < source.line_count(); ++i) {
    std::string key = text::match_key(source.line(i), source.traditional);
    for (const grammar::Pattern& p : grammar.tables.unit_statements) {
      auto m = p.find(key);
      if (!m) continue;
      // "单位：万元" states it; "部门预算总额(万元)" is a vote like a printed amount.
      if (key.find("单位") != std::string::npos) {
        if (stated.empty()) stated = std::string(m->key);
      } else {
        ++printed[std::string(m->key)];
      }
      break;
    }
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
  decide_default_unit(source, grammar, out);
  detail::DocumentContext ctx{source, grammar, outline, out.default_unit};
  detail::read_tables(ctx, grids, out.quantities);
  out.contexts.resize(out.quantities.size());
  detail::read_paragraphs(ctx, layout, out.quantities, out.contexts);
  detail::read_indicators(ctx, grids, out.indicators, out.table_totals);
  // Records in document order, numbered in that order; their contexts follow them.
  std::vector<size_t> order(out.quantities.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return out.quantities[a].span.offset < out.quantities[b].span.offset;
  });
  std::vector<QuantityRecord> quantities;
  std::vector<FigureContext> contexts;
  for (size_t i : order) {
    quantities.push_back(std::move(out.quantities[i]));
    contexts.push_back(std::move(out.contexts[i]));
  }
  out.quantities = std::move(quantities);
  out.contexts = std::move(contexts);
  for (size_t i = 0; i < out.quantities.size(); ++i) out.quantities[i].id = quantity_id(static_cast<int>(i));
  return out;
}

}  // namespace budgetlens::extract
