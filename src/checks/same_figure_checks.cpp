// One figure printed twice: under names that mean the same (年初结转和结余 in the text, 上年结转资金
// in a table), the later printings agree with the first.
#include <unordered_map>

#include "checks/families.h"
#include "checks/table_view.h"

namespace budgetlens::checks::detail {
namespace {

using grammar::CheckRule;

class SameFigures {
 public:
  SameFigures(Workspace& w, const std::vector<TableView>& views) : w_(w), views_(views) {}

  // A figure of the text and a table cell under the same name: the row's name, or for a total row
  // the table's caption ("2024年政府采购预算18.60万元" and 表3 政府采购预算表's 合计).
  void named(const CheckRule& rule) {
    const grammar::Pattern& strip = rule.pattern("strip");
    const grammar::Pattern& caption_tail = rule.pattern("caption-tail");
    auto name = [&](std::string k) {
      if (strip.valid()) {
        for (int guard = 0; guard < 4; ++guard) {
          auto m = strip.match_prefix(k);
          if (!m || m->end == 0) break;
          k = k.substr(m->end);
        }
      }
      return k;
    };
    std::unordered_map<std::string, int> cells;  // name -> the first figure of that name
    for (const TableView& v : views_) {
      if (v.grid < 0) continue;
      const tables::Grid& g = w_.in.grids[v.grid];
      if (g.kind == "indicators" || g.kind == "scores") continue;
      std::string caption = name(w_.key(g.caption));
      if (caption_tail.valid()) {
        if (auto m = caption_tail.match_suffix(caption)) caption.resize(m->begin);
      }
      for (int r = v.first_body_row; r < v.n_rows; ++r) {
        std::vector<int> money;
        for (int c = 0; c < v.n_cols; ++c) {
          if (v.value(r, c) >= 0 && w_.is_money(v.value(r, c))) money.push_back(v.value(r, c));
        }
        if (money.size() != 1) continue;  // which column the text means is not known
        std::string row = v.total_row[r] ? caption : name(v.row_key[r]);
        if (!row.empty()) cells.emplace(row, money[0]);
      }
    }
    for (int i = 0; i < w_.size(); ++i) {
      if (!w_.in_text(i) || !w_.is_money(i) || !w_.context(i).relation.empty() || w_.phase(i) == Phase::kPrevious) continue;
      auto it = cells.find(name(w_.subject_key(i)));
      if (it == cells.end()) it = cells.find(name(w_.subject_key(i) + w_.attribute_key(i)));
      if (it == cells.end()) continue;
      CheckRecord& r = w_.add(rule, "same_figure", i);
      w_.judge_same(r, rule, i, it->second);
    }
  }

  void run(const CheckRule& rule) {
    const grammar::Pattern& names = rule.pattern("pattern");
    if (!names.valid()) return;
    std::vector<int> found;
    for (int i = 0; i < w_.size(); ++i) {
      if (!w_.is_addable(i)) continue;
      std::string_view k = name_key(i);
      if (!k.empty() && names.match_full(k)) found.push_back(i);
    }
    if (found.size() < 2) return;
    int first = found.front();
    for (size_t k = 1; k < found.size(); ++k) {
      int later = found[k];
      // Cells of one table are different columns of one row or different rows, not printings.
      if (!w_.in_text(first) && w_.q(first).table == w_.q(later).table) continue;
      if (!w_.in_text(first) && !w_.in_text(later) && w_.phase(first) != w_.phase(later)) continue;
      CheckRecord& r = w_.add(rule, "same_figure", later);
      if (!w_.same_dimension(first, later)) {
        r.operands.push_back(w_.operand(first));
        w_.skip(r, rule.name + "：" + w_.name(later) + " " + w_.q(later).value.to_string() + w_.q(later).unit + " 与 " +
                       w_.name(first) + " " + w_.q(first).value.to_string() + w_.q(first).unit + " 的单位不可比");
        continue;
      }
      w_.judge_same(r, rule, later, first);
    }
  }

 private:
  // What a figure is called: the subject of a sentence; in a table, the row — or, on a total row
  // (年度资金总额, 合计), the column, which then names the figure (全年执行数).
  std::string_view name_key(int i) const {
    if (w_.in_text(i)) return w_.context(i).relation.empty() ? w_.subject_key(i) : std::string_view();
    const QuantityRecord& q = w_.q(i);
    int g = w_.grid_of(i);
    if (g < 0) return {};
    const TableView& v = views_[g];
    const std::string& row = v.row_key[q.row];
    bool total_like = v.total_row[q.row] || (w_.g.checks.total.valid() && w_.g.checks.total.match_full(row));
    return total_like ? v.col_key[q.col] : w_.subject_key(i);
  }

  Workspace& w_;
  const std::vector<TableView>& views_;
};

}  // namespace

void check_same_figures(Workspace& w, const std::vector<TableView>& views) {
  SameFigures s(w, views);
  for (const grammar::CheckRule* r : w.g.checks.family("same-figure")) s.run(*r);
  for (const grammar::CheckRule* r : w.g.checks.family("same-name")) s.named(*r);
}

}  // namespace budgetlens::checks::detail
