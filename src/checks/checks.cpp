#include "checks/checks.h"

#include "checks/families.h"
#include "checks/table_view.h"

namespace budgetlens::checks {

std::vector<CheckRecord> run_checks(const Inputs& inputs, const grammar::Grammar& grammar) {
  detail::Workspace w(inputs, grammar);
  const std::vector<detail::TableView> views = detail::table_views(w);
  // Lists before identities: a total printed with its parts is checked against those parts, and
  // a named identity only where they do not add up (其他交通工具 besides 购置 and 运行).
  detail::check_tables(w, views);
  detail::check_scores(w);
  detail::check_lists(w);
  detail::check_identities(w);
  detail::check_text_rates(w);
  detail::check_proportions(w);
  detail::check_same_figures(w, views);
  detail::check_cross_tables(w, views);
  return w.finish();
}

}  // namespace budgetlens::checks
