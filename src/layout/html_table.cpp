#include "layout/html_table.h"

#include <algorithm>

namespace budgetlens::layout::detail {
namespace {

struct Placed {
  size_t row, col, rowspan, colspan;
  const source::HtmlCell* cell;
};

}  // namespace

std::vector<RawRow> html_table_rows(const source::HtmlTable& table, const source::SourceText& source) {
  const size_t n = table.rows.size();
  // Where each row's group ends: spans stop there.
  std::vector<size_t> group_end(n, n);
  for (size_t r = n; r-- > 0;) {
    group_end[r] = r + 1 < n && table.rows[r + 1].group == table.rows[r].group ? group_end[r + 1] : r + 1;
  }
  std::vector<size_t> free_from;  // per column: the first row no earlier cell covers
  std::vector<Placed> placed;
  for (size_t r = 0; r < n; ++r) {
    size_t x = 0;
    for (const source::HtmlCell& cell : table.rows[r].cells) {
      while (x < free_from.size() && free_from[x] > r) ++x;
      size_t rows = cell.rowspan == 0 ? group_end[r] - r : std::min<size_t>(cell.rowspan, group_end[r] - r);
      size_t cols = std::max<uint32_t>(cell.colspan, 1);
      if (free_from.size() < x + cols) free_from.resize(x + cols, 0);
      for (size_t k = x; k < x + cols; ++k) free_from[k] = std::max(free_from[k], r + rows);
      if (!cell.range.empty()) placed.push_back({r, x, rows, cols, &cell});
      x += cols;
    }
  }
  // Keep the rows and columns in which some cell starts and shows something.
  std::vector<size_t> row_index(n + 1, 0), col_index(free_from.size() + 1, 0);
  std::vector<bool> row_kept(n, false), col_kept(free_from.size(), false);
  for (const Placed& p : placed) row_kept[p.row] = col_kept[p.col] = true;
  for (size_t r = 0; r < n; ++r) row_index[r + 1] = row_index[r] + row_kept[r];
  for (size_t c = 0; c < free_from.size(); ++c) col_index[c + 1] = col_index[c] + col_kept[c];
  const int width = static_cast<int>(col_index.back());

  std::vector<RawRow> rows(row_index.back());
  for (size_t r = 0; r < n; ++r) {
    if (row_kept[r]) rows[row_index[r]].head = table.rows[r].head;
  }
  for (const Placed& p : placed) {
    RawCell c;
    c.range = p.cell->range;
    c.text = std::string_view(source.text).substr(c.range.begin, c.range.size());
    c.col = static_cast<int>(col_index[p.col]);
    c.rowspan = static_cast<int>(row_index[std::min(p.row + p.rowspan, n)] - row_index[p.row]);
    c.colspan = static_cast<int>(col_index[std::min(p.col + p.colspan, free_from.size())] - col_index[p.col]);
    c.th = p.cell->th;
    RawRow& row = rows[row_index[p.row]];
    if (row.cells.empty()) row.range = c.range;
    row.range.begin = std::min(row.range.begin, c.range.begin);
    row.range.end = std::max(row.range.end, c.range.end);
    row.cells.push_back(std::move(c));
  }
  for (RawRow& row : rows) {
    row.width = width;
    std::stable_sort(row.cells.begin(), row.cells.end(), [](const RawCell& a, const RawCell& b) { return a.col < b.col; });
  }
  return rows;
}

}  // namespace budgetlens::layout::detail
