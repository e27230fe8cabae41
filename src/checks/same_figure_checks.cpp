// One figure printed twice: under names that mean the same (年初结转和结余 in the text, 上年结转资金
// in a table), the later printings agree with the first.
#include "checks/families.h"
#include "checks/table_view.h"

namespace budgetlens::checks::detail {
namespace {

using grammar::CheckRule;

class SameFigures {
 public:
  explicit SameFigures(Workspace& w) : w_(w), views_(table_views(w)) {}

  void run(const CheckRule& rule) {
    const grammar::Pattern& names = rule.pattern("pattern");
    if (!names.valid()) return;
    std::vector<int> found;
    for (int i = 0; i < w_.size(); ++i) {
      if (!w_.is_money(i)) continue;
      std::string k = name_key(i);
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
      w_.judge_sum(r, rule, later, {first}, {}, false);
      r.formula = "same";
      r.message = rule.name + "：" + r.message;
    }
  }

 private:
  // What a figure is called: the subject of a sentence; in a table, the row — or, on a total row
  // (年度资金总额, 合计), the column, which then names the figure (全年执行数).
  std::string name_key(int i) const {
    if (w_.in_text(i)) return w_.context(i).relation.empty() ? w_.subject_key(i) : std::string();
    const QuantityRecord& q = w_.q(i);
    int g = w_.grid_of(i);
    if (g < 0) return {};
    const TableView& v = views_[g];
    const std::string& row = v.row_key[q.row];
    bool total_like = v.total_row[q.row] || row.ends_with("总额") || row.ends_with("合计") || row.ends_with("总计");
    return total_like ? v.col_key[q.col] : w_.subject_key(i);
  }

  Workspace& w_;
  std::vector<TableView> views_;
};

}  // namespace

void check_same_figures(Workspace& w) {
  SameFigures s(w);
  for (const grammar::CheckRule* r : w.g.checks.family("same-figure")) s.run(*r);
}

}  // namespace budgetlens::checks::detail
