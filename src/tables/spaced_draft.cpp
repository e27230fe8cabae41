// The draft of a table printed with single spaces: layout/ has already put every cell in its column
// (layout/spaced_table.h), so nothing is placed by guessing here.
#include <algorithm>

#include "tables/draft.h"

namespace budgetlens::tables::detail {

std::vector<Draft> drafts_from_spaced(const layout::Block& block, size_t index) {
  Draft d;
  d.layout = block.layout;
  d.blocks = {index};
  for (const layout::RawRow& raw : block.rows) {
    DraftRow& row = d.rows.emplace_back();
    row.header = raw.head;
    row.range = raw.range;
    for (const layout::RawCell& c : raw.cells) {
      // The pieces of a label wrapped over lines are one cell.
      auto same = std::find_if(row.cells.begin(), row.cells.end(),
                               [&](const DraftCell& dc) { return dc.col == c.col; });
      if (same != row.cells.end()) {
        same->parts.push_back(c);
      } else {
        row.cells.push_back(DraftCell{c.col, {c}, c.colspan});
      }
    }
  }
  return {std::move(d)};
}

}  // namespace budgetlens::tables::detail
