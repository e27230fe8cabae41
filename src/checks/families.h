// Internal to checks/: the check families, each a mechanism whose instances are rules of
// grammars/checks.xml (found by the element name, the family).
#pragma once

#include <vector>

#include "checks/workspace.h"

namespace budgetlens::checks::detail {

struct TableView;  // checks/table_view.h: made once, for the families that read tables

// table-total, of-which, column-total, code-hierarchy and rate rules over every table.
void check_tables(Workspace& w, const std::vector<TableView>& views);
// identity rules: named totals and their parts, wherever they are printed.
void check_identities(Workspace& w);
// list and share-sum rules: 其中 lists in a sentence, numbered paragraphs under a total.
void check_lists(Workspace& w);
// score-total, level-weight and score-cap rules over indicator records.
void check_scores(Workspace& w);
// completion, share and yoy rules: rates and changes stated in running text.
void check_text_rates(Workspace& w);
// proportion-cap rules: a share of a whole (合格率, 满意度) over 100%.
void check_proportions(Workspace& w);
// same-figure rules: one named figure printed twice.
void check_same_figures(Workspace& w, const std::vector<TableView>& views);
// agreements of grammars/tables.xml: figures of different standard tables that must be equal.
void check_cross_tables(Workspace& w, const std::vector<TableView>& views);

}  // namespace budgetlens::checks::detail
