// Grids of web page tables: positions and spans come from the markup, so nothing is placed by
// guessing; what a grid means (header rows, roles, totals, kind) is decided as for other layouts.
#include <algorithm>

#include "tables/draft.h"

namespace budgetlens::tables::detail {
namespace {

using layout::RawCell;
using layout::RawRow;

// Rows the markup calls a header: in a <thead>, or every cell that shows something a <th>.
bool marked_header(const RawRow& row) {
  if (row.head) return true;
  return !row.cells.empty() && std::all_of(row.cells.begin(), row.cells.end(), [](const RawCell& c) { return c.th; });
}

// One logical table: `members` are rows of the block (ascending), `header` says which are header rows.
Grid grid_of(const layout::Block& block, size_t index, const std::vector<size_t>& members,
             const std::vector<bool>& header, const std::vector<bool>& after_break, const Context& ctx) {
  Grid g;
  g.layout = layout::TableLayout::kHtml;
  g.blocks = {index};
  g.n_rows = static_cast<int>(members.size());
  // A table is as wide as the columns its cells start in.
  int n = 1;
  for (size_t m : members) {
    for (const RawCell& c : block.rows[m].cells) n = std::max(n, c.col + 1);
  }
  g.n_cols = n;
  g.at.assign(static_cast<size_t>(g.n_rows) * n, -1);
  g.columns.assign(n, Column{});
  g.total_row.assign(g.n_rows, false);
  g.after_break = after_break;
  g.header_rows = count_header_rows(header);

  g.range = block.rows[members.front()].range;
  for (int r = 0; r < g.n_rows; ++r) {
    const RawRow& row = block.rows[members[r]];
    g.range.begin = std::min(g.range.begin, row.range.begin);
    g.range.end = std::max(g.range.end, row.range.end);
    for (const RawCell& rc : row.cells) {
      if (rc.col >= n || g.at[r * n + rc.col] >= 0) continue;
      Cell c;
      c.row = r;
      c.col = rc.col;
      c.text = rc.text;
      const CellFacts& facts = ctx.facts(c.text);
      c.key = facts.key;
      c.figure = facts.figure;
      c.range = rc.range;
      c.header = header[r];
      // A span reaches over the rows of this table only (a repeated header row left out).
      size_t end_row = members[r] + static_cast<size_t>(std::max(rc.rowspan, 1));
      c.rowspan = static_cast<int>(std::lower_bound(members.begin(), members.end(), end_row) - members.begin()) - r;
      c.colspan = std::min(std::max(rc.colspan, 1), n - rc.col);
      g.at[r * n + rc.col] = static_cast<int>(g.cells.size());
      g.cells.push_back(std::move(c));
    }
  }
  assign_roles(g, ctx);
  mark_total_rows(g, ctx);
  for (size_t a = 0; a < g.cells.size(); ++a) {
    const Cell& c = g.cells[a];
    for (int r = c.row; r < c.row + c.rowspan; ++r) {
      for (int k = c.col; k < c.col + c.colspan; ++k) {
        if (g.at[r * n + k] < 0) g.at[r * n + k] = static_cast<int>(a);
      }
    }
  }
  set_header_paths(g);
  set_kind(g, ctx);
  return g;
}

}  // namespace

std::vector<Grid> grids_from_html(const layout::Block& block, size_t block_index, const Context& ctx) {
  const std::vector<RawRow>& rows = block.rows;
  const size_t n = rows.size();
  auto header_like = [&](size_t r) { return marked_header(rows[r]) || is_header_row(rows[r].cells, ctx); };
  std::vector<Grid> grids;
  size_t i = 0;
  while (i < n) {
    std::vector<size_t> members;
    std::vector<bool> header, after_break;
    std::vector<TextRange> repeats;
    bool repeated = false;  // a header row repeated (a page break printed it again) came just before
    auto take = [&](size_t r, bool is_header) {
      members.push_back(r);
      header.push_back(is_header);
      after_break.push_back(repeated);
      repeated = false;
    };
    auto drop_last = [&](size_t k) {
      members.resize(members.size() - k);
      header.resize(header.size() - k);
      after_break.resize(after_break.size() - k);
    };
    // A title row or two (one cell each) right above the header row name the table below them.
    size_t titles = 0;
    while (titles < 2 && i + titles < n && rows[i + titles].cells.size() == 1 && !header_like(i + titles)) ++titles;
    const size_t first = i;
    if (titles > 0 && i + titles < n && header_like(i + titles)) {
      for (size_t k = 0; k < titles; ++k) take(i++, false);
    }
    const size_t own_titles_end = i;
    // Group headers above the header row ("收入来源" over 上年结余 / 上级财政 / …) join it.
    size_t group_rows = 0;
    while (i + group_rows < n && group_rows < 3 && !header_like(i + group_rows) &&
           is_group_header_row(rows[i + group_rows].cells, ctx)) {
      ++group_rows;
    }
    if (group_rows > 0 && i + group_rows < n && header_like(i + group_rows)) {
      for (size_t k = 0; k < group_rows; ++k) take(i++, true);
    }
    std::string header_sig;
    while (i < n && header_like(i)) {
      std::string sig = signature(rows[i].cells, ctx);
      if (!header_sig.empty() && sig == header_sig) break;
      if (header_sig.empty()) header_sig = sig;
      take(i++, true);
    }
    // Rows a header cell reaches down over belong to the header.
    size_t reach = 0;
    for (size_t k = 0; k < members.size(); ++k) {
      for (const RawCell& c : rows[members[k]].cells) reach = std::max(reach, members[k] + std::max(c.rowspan, 1));
    }
    while (i < n && i < reach) take(i++, true);
    // The body runs to the next header row that is not this table's header repeated, and leaves
    // the title rows above that header to the table it heads; repeats are left out, and the row
    // after one begins a part continued after a page break.
    const size_t body = i;
    while (i < n) {
      if (header_like(i)) {
        const size_t above = titles_before(rows, body, i, ctx);
        if (signature(rows[i].cells, ctx) != header_sig ||
            starts_another_table(rows, first, own_titles_end, above, i, ctx)) {
          // The title rows were taken into this table as rows of its body: give them back, unless
          // they are all it has.
          if (members.size() > above) drop_last(above), i -= above;
          break;
        }
        // The page break printed the table's caption again with its header: both are left out.
        for (size_t k = i - above; k < i; ++k) repeats.push_back(rows[k].range);
        drop_last(above);
        repeats.push_back(rows[i].range);
        ++i;
        repeated = true;
        continue;
      }
      take(i++, false);
    }
    if (!members.empty()) {
      grids.push_back(grid_of(block, block_index, members, header, after_break, ctx));
      grids.back().repeated_headers = std::move(repeats);
    }
  }
  return grids;
}

}  // namespace budgetlens::tables::detail
