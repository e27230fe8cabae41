#include "checks/workspace.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "model/ids.h"
#include "model/path.h"
#include "text/fold.h"

namespace budgetlens::checks::detail {
namespace {

int grid_index(std::string_view table_id) {
  if (table_id.size() < 2 || table_id[0] != 't') return -1;
  return std::stoi(std::string(table_id.substr(1))) - 1;
}

// One unit of the d-th decimal: 10^-d.
Decimal unit_at(int decimals) { return Decimal::from_int(1).shifted(-decimals); }

// The value without trailing fractional zeros beyond `min_scale`.
Decimal tidy(const Decimal& d, int min_scale) {
  Decimal t = d.trimmed();
  return t.scale() < min_scale ? t.rescaled(min_scale) : t;
}

}  // namespace

std::string decimal_text(const Decimal& d) { return d.to_string(); }

Workspace::Workspace(const Inputs& inputs, const grammar::Grammar& grammar) : in(inputs), g(grammar) {
  const int n = size();
  grid_.assign(n, -1);
  subject_key_.resize(n);
  attribute_key_.resize(n);
  phase_.assign(n, Phase::kNone);
  cells_.resize(in.grids.size());
  for (size_t t = 0; t < in.grids.size(); ++t) cells_[t].assign(static_cast<size_t>(in.grids[t].n_rows) * in.grids[t].n_cols, -1);
  period_.assign(n, 0);
  power_.assign(n, 0);
  for (int i = 0; i < n; ++i) {
    const grammar::UnitWord* u = is_money(i) ? g.units.money(q(i).unit) : nullptr;
    power_[i] = u ? u->power : 0;
  }
  int block = -1, count = 0;
  uint32_t from = 0;
  for (int i = 0; i < n; ++i) {  // text figures come in document order
    if (!q(i).table.empty()) continue;
    const extract::FigureContext& c = context(i);
    if (c.block != block) {
      block = c.block;
      count = 0;
      from = c.block >= 0 ? in.layout.blocks[c.block].range.begin : c.range.begin;
    }
    std::string_view gap = std::string_view(in.source.text).substr(from, c.range.begin > from ? c.range.begin - from : 0);
    for (std::string_view mark : {"。", "！", "？", "!", "?"}) {
      for (size_t p = gap.find(mark); p != std::string_view::npos; p = gap.find(mark, p + mark.size())) ++count;
    }
    period_[i] = count;
    from = std::max(from, c.range.end);
  }
  std::unordered_map<std::string, Phase> column_phase;  // a column's phase, for each of its figures
  int same_row = -1;  // the table figure before, whose row label the next figures of its row share
  for (int i = 0; i < n; ++i) {
    const QuantityRecord& r = q(i);
    if (r.table.empty()) {
      subject_key_[i] = key(context(i).subject);
      attribute_key_[i] = key(context(i).attribute);
      phase_[i] = phase_of_key(attribute_key_[i]);
      // "较上年2.08减少0.03": the comparison names the figure.
      if (g.checks.previous.valid() && g.checks.previous.match_full(subject_key_[i])) phase_[i] = Phase::kPrevious;
      continue;
    }
    int t = grid_index(r.table);
    if (t < 0 || t >= static_cast<int>(in.grids.size())) continue;
    grid_[i] = t;
    const tables::Grid& grid = in.grids[t];
    if (r.row >= 0 && r.row < grid.n_rows && r.col >= 0 && r.col < grid.n_cols) {
      int& slot = cells_[t][static_cast<size_t>(r.row) * grid.n_cols + r.col];
      if (slot < 0) slot = i;  // a cell's first figure is the cell's value
    }
    if (same_row >= 0 && q(same_row).label == r.label)
      subject_key_[i] = subject_key_[same_row];
    else
      subject_key_[i] = key(last_in_path(r.label));
    same_row = i;
    auto [column, added] = column_phase.try_emplace(r.column);
    if (added) column->second = phase_of(last_in_path(r.column));
    phase_[i] = column->second;
  }
}

int Workspace::cell(int grid, int row, int col) const {
  if (grid < 0 || grid >= static_cast<int>(cells_.size())) return -1;
  const tables::Grid& gr = in.grids[grid];
  if (row < 0 || row >= gr.n_rows || col < 0 || col >= gr.n_cols) return -1;
  return cells_[grid][static_cast<size_t>(row) * gr.n_cols + col];
}

std::string Workspace::key(std::string_view s) const { return text::match_key(s, in.source.traditional); }

Phase Workspace::phase_of(std::string_view attribute) const {
  return attribute.empty() ? Phase::kNone : phase_of_key(key(attribute));
}

Phase Workspace::phase_of_key(const std::string& k) const {
  if (k.empty()) return Phase::kNone;
  if (g.checks.previous.valid() && g.checks.previous.match_full(k)) return Phase::kPrevious;
  if (g.checks.actual.valid() && g.checks.actual.match_full(k)) return Phase::kActual;
  if (g.checks.budget.valid() && g.checks.budget.match_full(k)) return Phase::kBudget;
  return Phase::kNone;
}

std::optional<std::string> Workspace::share_base(std::string_view relation) const {
  if (relation.empty() || !g.checks.share.valid()) return std::nullopt;
  std::string k = key(relation);
  const std::optional<grammar::Match> head = g.checks.share.match_prefix(k);
  if (!head) return std::nullopt;
  k.erase(0, head->end);
  // A tail that is all there is names the base itself (占比重).
  if (g.checks.share_tail.valid()) {
    if (auto tail = g.checks.share_tail.match_suffix(k); tail && tail->begin > 0) k.erase(tail->begin);
  }
  return k;
}

bool Workspace::same_dimension(int a, int b) const {
  if (is_money(a) || is_money(b)) return is_money(a) && is_money(b);
  return q(a).kind == q(b).kind && q(a).unit == q(b).unit;
}

Amount Workspace::amount(int i) const {
  const QuantityRecord& r = q(i);
  if (is_money(i)) return {value(i), unit_at(r.decimals).shifted(power_[i])};
  // Counts printed as whole numbers are exact.
  if (r.kind == "count" && r.decimals == 0) return {value(i), Decimal()};
  return {value(i), unit_at(r.decimals)};
}

Decimal Workspace::in_unit_of(int i, const Decimal& base) const {
  if (!is_money(i)) return base;
  return tidy(base.shifted(-power_[i]), q(i).decimals);
}

std::string Workspace::name(int i) const {
  const QuantityRecord& r = q(i);
  if (r.table.empty() || r.column.empty()) return r.label;
  if (r.label.empty()) return r.column;
  return r.label + " · " + std::string(last_in_path(r.column));
}

CheckOperand Workspace::operand(int i) const {
  CheckOperand o;
  const QuantityRecord& r = q(i);
  o.id = r.id;
  o.label = name(i);
  o.table = r.table;
  o.row = r.row;
  o.col = r.col;
  o.value = r.value;
  o.span = r.span;
  return o;
}

CheckRecord& Workspace::add(const grammar::CheckRule& rule, std::string_view family, int stated) {
  CheckRecord& r = out_.emplace_back();
  r.rule = rule.id;
  r.family = std::string(family);
  r.name = rule.name;
  r.severity = rule.severity;
  if (stated >= 0) {
    if (family == "list") {
      if (lists_of_.size() <= static_cast<size_t>(stated)) lists_of_.resize(stated + 1);
      lists_of_[stated].push_back(out_.size() - 1);
    }
    r.stated = q(stated).value;
    r.unit = q(stated).unit;
    r.stated_operand = operand(stated);
    r.span = q(stated).span;
  }
  return r;
}

void Workspace::judge_sum(CheckRecord& r, const grammar::CheckRule& rule, int stated, const std::vector<int>& parts,
                          const std::vector<int>& signs, bool open) {
  std::vector<Amount> terms;
  std::string expression;
  for (size_t k = 0; k < parts.size(); ++k) {
    Amount a = amount(parts[k]);
    bool minus = k < signs.size() && signs[k] < 0;
    if (minus) a.value = a.value.negated();
    terms.push_back(a);
    r.operands.push_back(operand(parts[k]));
    if (k < 6) {
      expression += (k == 0 ? (minus ? "-" : "") : (minus ? " - " : " + ")) + name(parts[k]) + " " + q(parts[k]).value.to_string();
    } else if (k == 6) {
      expression += " + …";
    }
  }
  Verdict v = verify_sum(amount(stated), terms, rule.exact);
  r.formula = "sum";
  r.status = std::string(status_name(v.status));
  r.computed = in_unit_of(stated, v.computed);
  r.difference = in_unit_of(stated, v.difference);
  r.tolerance = in_unit_of(stated, v.tolerance);
  const std::string stated_text = name(stated) + " " + q(stated).value.to_string() + q(stated).unit;
  const std::string sum_text = std::to_string(parts.size()) + "项之和 " + r.computed->to_string() + q(stated).unit;
  switch (v.status) {
    case Status::kPass:
      r.message = stated_text + " = " + expression;
      break;
    case Status::kRounding:
      r.message = stated_text + " 与" + sum_text + "相差 " + r.difference->to_string() + "，在舍入误差 " +
                  r.tolerance->to_string() + " 以内（" + expression + "）";
      break;
    case Status::kFail: {
      bool short_of = v.difference.sign() > 0;
      if (open && short_of) r.severity = rule.open_severity;
      r.message = stated_text + " ≠ " + sum_text + "（" + expression + "），" + (short_of ? "各项之和少 " : "各项之和多 ") +
                  r.difference->abs().to_string() + (open && short_of ? "；所列未必是全部" : "");
      break;
    }
  }
}

void Workspace::judge_ratio(CheckRecord& r, int stated, int a, int b) {
  r.operands = {operand(a), operand(b)};
  judge_percent(r, stated, amount(a), amount(b), name(a) + " " + q(a).value.to_string() + " / " + name(b) + " " + q(b).value.to_string());
  r.formula = "ratio";
}

void Workspace::judge_change_rate(CheckRecord& r, int stated, int current, int previous) {
  r.operands = {operand(current), operand(previous)};
  Amount now = amount(current), before = amount(previous);
  Amount change{now.value - before.value, now.resolution + before.resolution};
  judge_percent(r, stated, change, before,
                "(" + name(current) + " " + q(current).value.to_string() + " - " + name(previous) + " " +
                    q(previous).value.to_string() + ") / " + q(previous).value.to_string());
  r.formula = "change";
}

void Workspace::judge_percent(CheckRecord& r, int stated, const Amount& numerator, const Amount& denominator,
                              const std::string& expression) {
  const QuantityRecord& s = q(stated);
  std::optional<Verdict> v = verify_percent(s.value, s.decimals, numerator, denominator);
  r.formula = "ratio";
  r.unit = "%";
  if (!v) {
    skip(r, name(stated) + " " + s.value.to_string() + "%：分母为0，无法计算（" + expression + "）");
    return;
  }
  r.status = std::string(status_name(v->status));
  r.computed = v->computed;
  r.difference = v->difference;
  r.tolerance = v->tolerance;
  const std::string stated_text = name(stated) + " " + s.value.to_string() + "%";
  switch (v->status) {
    case Status::kPass:
      r.message = stated_text + " = " + expression + " = " + v->computed.to_string() + "%";
      break;
    case Status::kRounding:
      r.message = stated_text + " 与 " + expression + " = " + v->computed.to_string() + "% 相差 " +
                  v->difference.abs().to_string() + "，在舍入（或截尾）误差以内";
      break;
    case Status::kFail:
      r.message = stated_text + " ≠ " + expression + " = " + v->computed.to_string() + "%";
      break;
  }
}

void Workspace::judge_same(CheckRecord& r, const grammar::CheckRule& rule, int stated, int other) {
  judge_sum(r, rule, stated, {other}, {}, false);
  r.formula = "same";
  // One number printed twice at one precision prints the same digits: only a coarser printing
  // (219.17万元 beside 2,191,726.45元) may differ, by half its last unit.
  Amount mine = amount(stated), theirs = amount(other);
  Decimal coarser = mine.resolution < theirs.resolution ? theirs.resolution : mine.resolution;
  Decimal tolerance = mine.resolution == theirs.resolution
                          ? Decimal()
                          : *Decimal::divide(coarser, Decimal::from_int(2), coarser.scale() + 1);
  Decimal gap = (mine.value - theirs.value).abs();
  r.tolerance = in_unit_of(stated, tolerance);
  r.status = gap.is_zero() ? "pass" : gap <= tolerance ? "rounding" : "fail";
  if (r.status == "fail") r.severity = rule.severity;
  const std::string a = name(stated) + " " + q(stated).value.to_string() + q(stated).unit;
  const std::string b = name(other) + " " + q(other).value.to_string() + q(other).unit;
  if (r.status == "pass") {
    r.message = rule.name + "：" + a + " = " + b;
  } else if (r.status == "rounding") {
    r.message = rule.name + "：" + a + " 与 " + b + " 相差 " + r.difference->abs().to_string() + q(stated).unit +
                "，在舍入误差以内";
  } else {
    r.message = rule.name + "：" + a + " ≠ " + b + "，相差 " + r.difference->abs().to_string() + q(stated).unit;
  }
}

void Workspace::skip(CheckRecord& r, std::string reason) {
  r.status = "skipped";
  r.message = std::move(reason);
}

bool Workspace::listed_with(int i, const std::vector<int>& parts) const {
  // Only the list records whose total is i: asking every record made a document of many
  // totals cost the square of their number.
  if (static_cast<size_t>(i) >= lists_of_.size()) return false;
  const std::vector<size_t>& mine = lists_of_[i];  // list records, each with i as its total (add())
  return std::any_of(mine.begin(), mine.end(), [&](size_t k) {
    const CheckRecord& r = out_[k];
    if (r.status != "pass" && r.status != "rounding") return false;
    return std::all_of(parts.begin(), parts.end(), [&](int p) {
      return std::any_of(r.operands.begin(), r.operands.end(), [&](const CheckOperand& o) { return o.id == q(p).id; });
    });
  });
}

namespace {

// How much a record says: an error over a warning over rounding over a pass over a skip.
int weight_of(const CheckRecord& r) {
  if (r.status == "fail") return r.severity == "error" ? 4 : 3;
  if (r.status == "rounding") return 2;
  return r.status == "pass" ? 1 : 0;
}

}  // namespace

std::vector<CheckRecord> Workspace::finish() {
  // The same comparison found by two families is reported once, by the one that says most. The
  // records kept move to the front, in place: a large document has tens of thousands of them.
  std::map<std::string, size_t> seen;
  size_t kept = 0;
  for (CheckRecord& r : out_) {
    std::vector<std::string> ids;
    for (const CheckOperand& o : r.operands) ids.push_back(o.id);
    std::sort(ids.begin(), ids.end());
    // A stated value that is no quantity (a table's 总分, a weight) is told apart by its label.
    std::string stated = !r.stated_operand.id.empty() ? r.stated_operand.id
                                                      : r.stated_operand.label + "@" + std::to_string(r.span.offset);
    std::string sig = std::move(stated);
    sig.append("|").append(r.formula).append("|").append(r.status == "skipped" ? r.rule : "");
    for (const std::string& id : ids) sig.append(",").append(id);
    auto [it, fresh] = seen.emplace(std::move(sig), kept);
    if (fresh) {
      if (&out_[kept] != &r) out_[kept] = std::move(r);
      ++kept;
    } else if (weight_of(r) > weight_of(out_[it->second])) {
      out_[it->second] = std::move(r);
    }
  }
  out_.erase(out_.begin() + static_cast<std::ptrdiff_t>(kept), out_.end());
  // In the order of where each is printed: the order found, sorted by offset as indices, then each
  // record (a dozen strings) moved once along the cycles of that permutation.
  std::vector<size_t> order(kept);
  for (size_t i = 0; i < kept; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return out_[a].span.offset < out_[b].span.offset; });
  for (size_t start = 0; start < kept; ++start) {
    if (order[start] == start) continue;
    CheckRecord first = std::move(out_[start]);
    size_t at = start;
    while (order[at] != start) {
      size_t from = order[at];
      out_[at] = std::move(out_[from]);
      order[at] = at;
      at = from;
    }
    out_[at] = std::move(first);
    order[at] = at;
  }
  for (size_t i = 0; i < kept; ++i) out_[i].id = check_id(static_cast<int>(i));
  return std::move(out_);
}

}  // namespace budgetlens::checks::detail
