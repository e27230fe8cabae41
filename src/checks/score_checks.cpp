// Scores of indicator tables: the items add up to the stated total, a level's weight printed with
// its name ("投入管理指标(50分)") equals the weights under it, and no score exceeds its weight.
// Weights and scores are counted, not measured: the rules compare them exactly.
#include <algorithm>
#include <string_view>

#include "checks/families.h"
#include "model/ids.h"

namespace budgetlens::checks::detail {
namespace {

using grammar::CheckRule;

CheckOperand indicator_operand(const IndicatorRecord& i, const Decimal& value, std::string_view what) {
  CheckOperand o;
  o.id = i.id;
  o.label = !i.name.empty() ? i.name : !i.level3.empty() ? i.level3 : !i.level2.empty() ? i.level2 : i.level1;
  if (!what.empty()) o.label.append(" · ").append(what);
  o.table = i.table;
  o.row = i.row;
  o.value = value;
  o.span = i.span;
  return o;
}

// What of an indicator a check adds or compares, and its name in messages and operand labels.
enum class Measure { kWeight, kScore, kReviewScore };

const char* name_of(Measure m) {
  switch (m) {
    case Measure::kWeight:
      return "分值";
    case Measure::kScore:
      return "得分";
    case Measure::kReviewScore:
      return "审核得分";
  }
  return "";
}

Decimal sum(const std::vector<Decimal>& v) {
  Decimal s;
  for (const Decimal& d : v) s = s + d;
  return s;
}

// Fills a record comparing `stated` with the sum of `values` exactly.
void judge_exact(CheckRecord& r, const Decimal& stated, const std::vector<Decimal>& values, const std::string& what) {
  Decimal total = sum(values);
  r.stated = stated;
  r.computed = total;
  r.difference = stated - total;
  r.tolerance = Decimal();
  r.formula = "sum";
  r.unit = "分";
  r.status = r.difference->is_zero() ? "pass" : "fail";
  r.message = what + " " + stated.to_string() + (r.status == "pass" ? " = " : " ≠ ") + std::to_string(values.size()) +
              "项之和 " + total.to_string();
}

class Scores {
 public:
  explicit Scores(Workspace& w) : w_(w) {
    for (size_t t = 0; t < w.in.grids.size(); ++t) {
      std::vector<const IndicatorRecord*> rows;
      std::string id = table_id(static_cast<int>(t));
      for (const IndicatorRecord& i : w.in.extraction.indicators) {
        if (i.table == id) rows.push_back(&i);
      }
      if (!rows.empty()) tables_.push_back({static_cast<int>(t), rows});
    }
  }

  void totals(const CheckRule& rule) {
    for (const auto& [t, rows] : tables_) {
      const auto& totals = w_.in.extraction.table_totals;
      if (t >= static_cast<int>(totals.size()) || !totals[t]) continue;
      const StatedTotal& st = *totals[t];
      struct Column {
        const std::optional<Decimal> StatedTotal::*stated;
        const std::optional<Decimal> IndicatorRecord::*value;
        Measure measure;
      };
      for (const Column& c :
           {Column{&StatedTotal::weight, &IndicatorRecord::weight, Measure::kWeight},
            Column{&StatedTotal::score, &IndicatorRecord::score, Measure::kScore},
            Column{&StatedTotal::review_score, &IndicatorRecord::review_score, Measure::kReviewScore}}) {
        const char* what = name_of(c.measure);
        if (!(st.*c.stated)) continue;
        CheckRecord& r = w_.add(rule, "score_total", -1);
        r.span = total_cell_span(t, st, c.measure);
        r.stated_operand.label = std::string("总分 · ") + what;
        r.stated_operand.table = rows.front()->table;
        r.stated_operand.row = st.row;
        r.stated_operand.col = role_column(t, c.measure);
        r.stated_operand.value = *(st.*c.stated);
        r.stated_operand.span = r.span;
        std::vector<Decimal> values;
        int missing = 0;
        for (const IndicatorRecord* i : rows) {
          if (!(i->*c.value)) {
            ++missing;
            continue;
          }
          values.push_back(*(i->*c.value));
          r.operands.push_back(indicator_operand(*i, *(i->*c.value), what));
          // The cell that prints it, when one does (a sum of numbered criteria has none).
          if (i->parts.empty()) r.operands.back().col = role_column(t, c.measure);
        }
        // A total may count a weight or score printed in another table of the document (the
        // 权重 of 预算执行率 beside the budget figures): the reading with them is taken when it
        // adds up and the reading without does not.
        std::vector<int> extra = cells_of_role(c.measure == Measure::kWeight ? grammar::ColumnRole::kWeight
                                                                             : grammar::ColumnRole::kScore);
        if (!extra.empty() && sum(values) != *(st.*c.stated)) {
          std::vector<Decimal> with = values;
          for (int q : extra) with.push_back(w_.q(q).value);
          if (sum(with) == *(st.*c.stated)) {
            values = with;
            for (int q : extra) r.operands.push_back(w_.operand(q));
          }
        }
        if (values.empty()) {
          w_.skip(r, std::string("总分的") + what + "没有可加的指标");
          r.stated = *(st.*c.stated);
          continue;
        }
        judge_exact(r, *(st.*c.stated), values, std::string("各指标") + what + "之和与总分:总分");
        if (r.status == "fail" && missing)
          r.message += "（" + std::to_string(missing) + "项指标没有" + what + "）";
      }
    }
  }

  // A level's weight equals the weights of the groups under it when they print weights, else of
  // its indicators.
  void level_weights(const CheckRule& rule) {
    for (const auto& [t, rows] : tables_) {
      if (!levels_coherent(rule, t, rows)) continue;
      level(rule, rows, 1);
      level(rule, rows, 2);
    }
  }

  void caps(const CheckRule& rule) {
    for (const auto& [t, rows] : tables_) {
      for (const IndicatorRecord* i : rows) {
        if (!i->weight) continue;
        for (const auto& [score, measure] :
             {std::pair{i->score, Measure::kScore}, std::pair{i->review_score, Measure::kReviewScore}}) {
          if (!score || *score <= *i->weight) continue;
          CheckRecord& r = w_.add(rule, "score_cap", -1);
          r.span = i->span;
          r.stated_operand = indicator_operand(*i, *score, name_of(measure));
          r.operands.push_back(indicator_operand(*i, *i->weight, name_of(Measure::kWeight)));
          if (i->parts.empty()) {
            r.stated_operand.col = role_column(t, measure);
            r.operands.back().col = role_column(t, Measure::kWeight);
          }
          r.stated = *score;
          r.computed = *i->weight;
          r.difference = *score - *i->weight;
          r.tolerance = Decimal();
          r.unit = "分";
          r.formula = "cap";
          r.status = "fail";
          r.message = r.stated_operand.label + " " + score->to_string() + " 超过分值 " + i->weight->to_string();
        }
      }
    }
  }

 private:
  static const std::string& label_at(const IndicatorRecord& i, int level) {
    return level == 1 ? i.level1 : level == 2 ? i.level2 : i.level3;
  }
  static const std::optional<Decimal>& weight_at(const IndicatorRecord& i, int level) {
    return level == 1 ? i.level1_weight : level == 2 ? i.level2_weight : i.level3_weight;
  }

  // The column of a table that prints weights (分值), scores (得分) or review scores, or -1.
  int role_column(int t, Measure m) const {
    const tables::Grid& g = w_.in.grids[t];
    for (int c = 0; c < g.n_cols; ++c) {
      const tables::Column& col = g.columns[c];
      bool wanted = m == Measure::kWeight  ? col.role == grammar::ColumnRole::kWeight
                    : m == Measure::kScore ? col.role == grammar::ColumnRole::kScore && col.kind != "review"
                                           : col.role == grammar::ColumnRole::kScore && col.kind == "review";
      if (wanted) return c;
    }
    return -1;
  }

  // Where a total row prints the stated weight, score or review score: that cell, else the row.
  Span total_cell_span(int t, const StatedTotal& st, Measure m) const {
    int c = role_column(t, m);
    const tables::Cell* cell = c >= 0 ? w_.in.grids[t].cell(st.row, c) : nullptr;
    if (cell && !cell->range.empty()) return w_.in.source.span_of(cell->range);
    return st.span;
  }

  // Where a level's name and weight are printed ("项目预算管理(20分)"): its label cell.
  Span level_cell_span(const IndicatorRecord& i, int lv) const {
    int t = -1;
    for (size_t g = 0; g < w_.in.grids.size(); ++g) {
      if (table_id(static_cast<int>(g)) == i.table) t = static_cast<int>(g);
    }
    if (t < 0) return i.span;
    const tables::Grid& g = w_.in.grids[t];
    for (int c = 0; c < g.n_cols; ++c) {
      if (g.columns[c].role != grammar::ColumnRole::kLabel || g.columns[c].level != lv) continue;
      const tables::Cell* cell = g.cell(i.row, c);
      if (cell && !cell->range.empty()) return w_.in.source.span_of(cell->range);
    }
    return i.span;
  }

  // Figures in columns of this role in tables that are not indicator tables.
  std::vector<int> cells_of_role(grammar::ColumnRole role) const {
    std::vector<int> out;
    for (int i = 0; i < w_.size(); ++i) {
      int g = w_.grid_of(i);
      if (g < 0) continue;
      const tables::Grid& grid = w_.in.grids[g];
      if (grid.kind == "indicators" || grid.kind == "scores") continue;
      const QuantityRecord& q = w_.q(i);
      if (q.col >= 0 && q.col < grid.n_cols && grid.columns[q.col].role == role && q.row >= grid.header_rows) out.push_back(i);
    }
    return out;
  }

  // The weights of a table's top level add up to its total (100 when none is printed): else its
  // levels were not read reliably enough to check, and one skipped record says so.
  bool levels_coherent(const CheckRule& rule, int t, const std::vector<const IndicatorRecord*>& rows) {
    const auto& totals = w_.in.extraction.table_totals;
    Decimal total = t < static_cast<int>(totals.size()) && totals[t] && totals[t]->weight ? *totals[t]->weight
                                                                                          : Decimal::from_int(100);
    for (int lv = 1; lv <= 2; ++lv) {
      std::vector<Decimal> runs;
      for (size_t a = 0; a < rows.size(); ++a) {
        if (!weight_at(*rows[a], lv)) continue;
        if (a > 0 && label_at(*rows[a], lv) == label_at(*rows[a - 1], lv) && weight_at(*rows[a], lv) == weight_at(*rows[a - 1], lv)) continue;
        runs.push_back(*weight_at(*rows[a], lv));
      }
      if (runs.empty()) continue;
      if (sum(runs) == total) return true;
      CheckRecord& r = w_.add(rule, "level_weight", -1);
      r.span = rows.front()->span;
      r.stated = total;
      r.stated_operand.label = "表" + rows.front()->table + "总分";
      r.stated_operand.table = rows.front()->table;
      w_.skip(r, "表" + rows.front()->table + "第" + std::to_string(lv) + "级指标的分值之和 " + sum(runs).to_string() +
                     " 不等于总分 " + total.to_string() + "：层级未能可靠读出，不核对各级分值");
      return false;
    }
    return true;
  }

  void level(const CheckRule& rule, const std::vector<const IndicatorRecord*>& rows, int lv) {
    // Runs of indicators under one label of this level.
    for (size_t a = 0; a < rows.size();) {
      size_t b = a + 1;
      while (b < rows.size() && label_at(*rows[b], lv) == label_at(*rows[a], lv) &&
             weight_at(*rows[b], lv) == weight_at(*rows[a], lv)) {
        ++b;
      }
      const IndicatorRecord& first = *rows[a];
      if (weight_at(first, lv) && !label_at(first, lv).empty()) judge_level(rule, rows, a, b, lv);
      a = b;
    }
  }

  void judge_level(const CheckRule& rule, const std::vector<const IndicatorRecord*>& rows, size_t a, size_t b, int lv) {
    const IndicatorRecord& first = *rows[a];
    // The groups of the next level that print a weight, each counted once.
    std::vector<Decimal> values;
    std::vector<CheckOperand> operands;
    bool by_groups = true;
    for (size_t k = a; k < b; ++k) by_groups &= weight_at(*rows[k], lv + 1).has_value() && lv < 3;
    if (by_groups) {
      for (size_t k = a; k < b; ++k) {
        if (k > a && label_at(*rows[k], lv + 1) == label_at(*rows[k - 1], lv + 1) &&
            weight_at(*rows[k], lv + 1) == weight_at(*rows[k - 1], lv + 1)) {
          continue;
        }
        values.push_back(*weight_at(*rows[k], lv + 1));
        CheckOperand o = indicator_operand(*rows[k], values.back(), "");
        o.label = label_at(*rows[k], lv + 1);
        operands.push_back(o);
      }
    } else {
      // A table without a weight for each indicator (a target table) has nothing to add.
      if (std::none_of(rows.begin(), rows.end(), [](const IndicatorRecord* i) { return i->weight.has_value(); })) return;
      for (size_t k = a; k < b; ++k) {
        if (!rows[k]->weight) {
          CheckRecord& r = w_.add(rule, "level_weight", -1);
          r.span = first.span;
          r.stated = *weight_at(first, lv);
          r.stated_operand = indicator_operand(first, *weight_at(first, lv), "");
          r.stated_operand.label = label_at(first, lv);
          w_.skip(r, label_at(first, lv) + "（" + weight_at(first, lv)->to_string() + "分）下有指标没有分值");
          return;
        }
        values.push_back(*rows[k]->weight);
        operands.push_back(indicator_operand(*rows[k], values.back(), name_of(Measure::kWeight)));
      }
    }
    CheckRecord& r = w_.add(rule, "level_weight", -1);
    r.span = level_cell_span(first, lv);
    r.stated_operand = indicator_operand(first, *weight_at(first, lv), "");
    r.stated_operand.label = label_at(first, lv);
    r.stated_operand.span = r.span;
    r.operands = operands;
    judge_exact(r, *weight_at(first, lv), values, label_at(first, lv) + " 的分值");
  }

  Workspace& w_;
  std::vector<std::pair<int, std::vector<const IndicatorRecord*>>> tables_;
};

}  // namespace

void check_scores(Workspace& w) {
  Scores s(w);
  for (const grammar::CheckRule* r : w.g.checks.family("score-total")) s.totals(*r);
  for (const grammar::CheckRule* r : w.g.checks.family("level-weight")) s.level_weights(*r);
  for (const grammar::CheckRule* r : w.g.checks.family("score-cap")) s.caps(*r);
}

}  // namespace budgetlens::checks::detail
