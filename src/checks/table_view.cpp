#include "checks/table_view.h"

#include <map>

#include "text/utf8.h"

namespace budgetlens::checks::detail {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t p; (p = path.find(" / ", start)) != std::string::npos; start = p + 3) out.push_back(path.substr(start, p - start));
  if (start < path.size()) out.push_back(path.substr(start));
  return out;
}

bool is_label_role(grammar::ColumnRole role) {
  return role == grammar::ColumnRole::kLabel || role == grammar::ColumnRole::kUnknown || role == grammar::ColumnRole::kText;
}

TableView grid_view(const Workspace& w, int t) {
  const tables::Grid& g = w.in.grids[t];
  TableView v;
  v.grid = t;
  v.n_rows = g.n_rows;
  v.n_cols = g.n_cols;
  v.first_body_row = g.header_rows;
  v.at.assign(static_cast<size_t>(g.n_rows) * g.n_cols, -1);
  v.row_key.resize(g.n_rows);
  v.code.resize(g.n_rows);
  v.total_row.assign(g.n_rows, false);
  for (int r = 0; r < g.n_rows; ++r) {
    v.total_row[r] = r < static_cast<int>(g.total_row.size()) && g.total_row[r];
    for (int c = 0; c < g.n_cols; ++c) {
      int i = w.cell(t, r, c);
      v.at[static_cast<size_t>(r) * g.n_cols + c] = i;
      if (i >= 0 && v.code[r].empty()) v.code[r] = w.q(i).code;
    }
    // The row's label: its own first text cell (a cell merged from above names a group, not the
    // row); failing that, any cell of its own that is no figure ("合计" under 科目编码).
    std::string fallback;
    for (int c = 0; c < g.n_cols; ++c) {
      const tables::Cell* cell = g.cell(r, c);
      if (!cell || cell->row != r || cell->col != c || cell->text.empty()) continue;
      if (w.cell(t, r, c) >= 0) break;
      if (!is_label_role(g.columns[c].role)) {
        if (fallback.empty()) fallback = cell->key;
        continue;
      }
      v.row_key[r] = cell->key;
      break;
    }
    if (v.row_key[r].empty()) v.row_key[r] = fallback;
  }
  for (int c = 0; c < g.n_cols; ++c) {
    std::vector<std::string> path = split_path(g.columns[c].header);
    for (std::string& s : path) s = w.key(s);
    v.col_key.push_back(path.empty() ? std::string() : path.back());
    std::string& name = v.col_name.emplace_back();
    for (const std::string& s : path) name += s;
    v.col_path.push_back(std::move(path));
  }
  return v;
}

// Paragraph figures that fused_rows read as the cells of a table, one view per paragraph.
std::vector<TableView> fused_views(const Workspace& w) {
  std::map<int, std::vector<int>> by_block;
  for (int i = 0; i < w.size(); ++i) {
    if (w.in_text(i) && w.context(i).fused_row >= 0) by_block[w.context(i).block].push_back(i);
  }
  std::vector<TableView> out;
  for (const auto& [block, figures] : by_block) {
    TableView v;
    for (int i : figures) {
      v.n_rows = std::max(v.n_rows, w.context(i).fused_row + 1);
      v.n_cols = std::max(v.n_cols, w.context(i).fused_col + 1);
    }
    v.at.assign(static_cast<size_t>(v.n_rows) * v.n_cols, -1);
    v.row_key.resize(v.n_rows);
    v.code.resize(v.n_rows);
    v.total_row.assign(v.n_rows, false);
    v.col_key.resize(v.n_cols);
    v.col_path.resize(v.n_cols);
    v.col_name.resize(v.n_cols);
    for (int i : figures) {
      const extract::FigureContext& c = w.context(i);
      v.at[static_cast<size_t>(c.fused_row) * v.n_cols + c.fused_col] = i;
      v.row_key[c.fused_row] = w.subject_key(i);
    }
    for (int r = 0; r < v.n_rows; ++r) {
      v.total_row[r] = w.g.tables.total_row.valid() && w.g.tables.total_row.match_full(v.row_key[r]);
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace

bool TableView::has_figures(int row) const {
  for (int c = 0; c < n_cols; ++c) {
    if (value(row, c) >= 0) return true;
  }
  return false;
}

std::vector<TableView> table_views(const Workspace& w) {
  std::vector<TableView> out;
  for (size_t t = 0; t < w.in.grids.size(); ++t) out.push_back(grid_view(w, static_cast<int>(t)));
  for (TableView& v : fused_views(w)) out.push_back(std::move(v));
  return out;
}

}  // namespace budgetlens::checks::detail
