// Proportions: a rate that is a share of a whole (合格率, 满意度, 覆盖率) is at most 100%.
#include "checks/families.h"

namespace budgetlens::checks::detail {
namespace {

// A percentage named by `pattern` anywhere in its name, that names no change (`exclude` in its
// relation or its column: 满意度提高5%, a column 增减幅度), and exceeds 100: a failure. As with a
// score over its weight, only what exceeds is reported.
void caps(Workspace& w, const grammar::CheckRule& rule) {
  const grammar::Pattern& proportion = rule.pattern("pattern");
  const grammar::Pattern& change = rule.pattern("exclude");
  const Decimal hundred = Decimal::from_int(100);
  if (!proportion.valid()) return;
  for (int i = 0; i < w.size(); ++i) {
    const QuantityRecord& q = w.q(i);
    if (!w.is_percent(i) || q.value <= hundred) continue;
    if (!proportion.find(w.subject_key(i))) continue;
    if (change.valid() &&
        (change.find(w.key(w.context(i).relation)) || (!q.column.empty() && change.find(w.key(q.column)))))
      continue;
    CheckRecord& r = w.add(rule, "proportion_cap", i);
    r.computed = hundred;
    r.difference = q.value - hundred;
    r.tolerance = Decimal();
    r.formula = "cap";
    r.status = "fail";
    r.message = w.name(i) + " " + q.raw + " 超过100%：比例不会超过100%";
  }
}

}  // namespace

void check_proportions(Workspace& w) {
  for (const grammar::CheckRule* r : w.g.checks.family("proportion-cap")) caps(w, *r);
}

}  // namespace budgetlens::checks::detail
