// Standard tables against each other: the figures that grammars/tables.xml declares equal across
// them (收支总表's 本年支出合计 and 支出决算表's 合计 …). Each table is known by its caption; a figure
// by its row's name and, where the row prints several amounts, its column.
#include "checks/families.h"
#include "checks/table_view.h"

namespace budgetlens::checks::detail {
namespace {

class CrossTables {
 public:
  CrossTables(Workspace& w, const std::vector<TableView>& views) : w_(w), views_(views) {
    const grammar::TableGrammar& g = w.g.tables;
    for (size_t t = 0; t < w.in.grids.size(); ++t) {
      std::string caption = w.key(w.in.grids[t].caption);
      std::string id;
      for (const grammar::StandardTable& s : g.standards) {
        if (!caption.empty() && s.caption.valid() && s.caption.find(caption)) {
          id = s.id;
          break;
        }
      }
      standard_.push_back(id);
    }
  }

  void run(const grammar::Agreement& a) {
    int reference = -1;
    for (const grammar::Agreement::Figure& f : a.figures) {
      bool table_found = false;
      int figure = find(f, table_found);
      if (!table_found) continue;  // the document does not print this table
      if (reference < 0) {
        if (figure >= 0) reference = figure;
        continue;
      }
      if (figure < 0) {
        CheckRecord& r = w_.add(a.rule, "cross_table", reference);
        w_.skip(r, a.rule.name + "：表“" + f.table + "”中没有这一行（" + f.row.source() + "）");
        continue;
      }
      CheckRecord& r = w_.add(a.rule, "cross_table", figure);
      if (!w_.same_dimension(reference, figure)) {
        w_.skip(r, a.rule.name + "：两表的单位不可比");
        continue;
      }
      w_.judge_same(r, a.rule, figure, reference);
    }
  }

 private:
  // The figure of `f` in the first table of its kind that prints it.
  int find(const grammar::Agreement::Figure& f, bool& table_found) const {
    for (size_t t = 0; t < standard_.size(); ++t) {
      if (standard_[t] != f.table) continue;
      table_found = true;
      const TableView& v = views_[t];
      for (int r = v.first_body_row; r < v.n_rows; ++r) {
        for (int c = 0; c < v.n_cols; ++c) {
          int i = v.value(r, c);
          if (i < 0 || !w_.is_money(i)) continue;
          // In a table printed in two halves (收入 | 金额 | 支出 | 金额) a figure is named by the
          // nearest name on its left.
          if (!f.row.valid() || !(f.row.match_full(w_.subject_key(i)) || f.row.match_full(v.row_key[r]))) continue;
          if (f.column.valid() && !f.column.match_full(v.col_key[c])) continue;
          return i;
        }
      }
    }
    return -1;
  }

  Workspace& w_;
  const std::vector<TableView>& views_;
  std::vector<std::string> standard_;  // per grid: the standard table it is, or ""
};

}  // namespace

void check_cross_tables(Workspace& w, const std::vector<TableView>& views) {
  CrossTables x(w, views);
  for (const grammar::Agreement& a : w.g.tables.agreements) x.run(a);
}

}  // namespace budgetlens::checks::detail
