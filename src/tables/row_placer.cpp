// Placing the cells of a table's rows into its columns (row_placer.h).
#include "tables/row_placer.h"

#include <algorithm>

namespace budgetlens::tables::detail {

using layout::RawCell;

namespace {

// A label's name without its weight and spacing: "实施过程 (12分)" -> "实施过程".
std::string label_name(const std::string& key) {
  size_t paren = key.find('(');
  std::string name = paren == std::string::npos ? key : key.substr(0, paren);
  name.erase(std::remove(name.begin(), name.end(), ' '), name.end());
  return name;
}

}  // namespace

RowPlacer::RowPlacer(const Context& ctx, int n_cols) : ctx_(ctx), model_(n_cols), counts_(n_cols) {
  for (auto& c : counts_) c.fill(0);
}

void RowPlacer::set_roles_from(const std::vector<DraftRow>& header_rows) {
  for (const DraftRow& row : header_rows) {
    bool after_label = false;
    for (const DraftCell& cell : row.cells) {
      if (cell.col >= model_.size()) continue;
      if (const grammar::ColumnRule* rule = ctx_.column_rule(cell.parts.front().text)) {
        model_.roles[cell.col] = header_role(rule, after_label);
        after_label |= model_.roles[cell.col] == grammar::ColumnRole::kLabel;
      }
    }
  }
  model_.roles_set();
}

std::vector<CellKind> RowPlacer::kinds(const std::vector<RawCell>& cells) const {
  std::vector<CellKind> out;
  out.reserve(cells.size());
  for (const RawCell& c : cells) out.push_back(c.blank ? CellKind::kEmpty : ctx_.facts(c.text).kind);
  return out;
}

bool RowPlacer::blank_between_figures(const std::vector<RawCell>& cells, const std::vector<int>& cols) const {
  std::vector<CellKind> k = kinds(cells);
  for (size_t i = 1; i < cells.size() && i < cols.size(); ++i) {
    if (cols[i] > cols[i - 1] + 1 && is_figure_kind(k[i - 1]) && is_figure_kind(k[i])) return true;
  }
  return false;
}

bool RowPlacer::fits_where_printed(const std::vector<RawCell>& cells, const std::vector<int>& cols) const {
  std::vector<CellKind> k = kinds(cells);
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i >= cols.size() || cols[i] >= model_.size() || model_.score(k[i], cols[i]) < 0) return false;
  }
  return true;
}

DraftRow RowPlacer::place(const std::vector<RawCell>& cells, const RowHints& hints, TextRange range) {
  std::vector<CellKind> k = kinds(cells);
  Placement p = place_row(k, model_, hints);
  return commit(cells, k, p.col, range);
}

DraftRow RowPlacer::commit(const std::vector<RawCell>& cells, const std::vector<CellKind>& kinds,
                           const std::vector<int>& cols, TextRange range) {
  DraftRow row;
  row.range = range;
  row.cells.reserve(cells.size());
  for (size_t i = 0; i < cells.size() && i < cols.size(); ++i) {
    int c = column(cols[i]);
    if (!row.cells.empty() && row.cells.back().col >= c) {
      row.cells.back().parts.push_back(cells[i]);  // a continuation of the cell before
      continue;
    }
    row.cells.push_back({c, {cells[i]}});
  }
  learn(cells, kinds, cols);
  return row;
}

void RowPlacer::learn(std::span<const RawCell> cells, std::span<const CellKind> kinds,
                      const std::vector<int>& cols) {
  // A lone cell (a title, a note) says nothing about what the columns hold.
  const bool teaches =
      std::count_if(kinds.begin(), kinds.end(), [](CellKind k) { return k != CellKind::kEmpty; }) >= 2;
  int last = -1;  // the column of the cell before; one at or left of it continues that cell
  for (size_t i = 0; i < cells.size() && i < cols.size() && teaches; ++i) {
    const int c = column(cols[i]);
    if (last >= c) continue;
    last = c;
    if (kinds[i] != CellKind::kEmpty) ++counts_[c][static_cast<int>(kinds[i])];
    if (is_text_kind(kinds[i])) {
      auto [at, fresh] = column_of_name_.try_emplace(label_name(ctx_.facts(cells[i].text).key), c);
      if (!fresh) at->second = std::min(at->second, c);
    }
  }
  model_.learn(counts_);
}

int RowPlacer::column_of_name(const RawCell& cell) const {
  std::string name = label_name(ctx_.facts(cell.text).key);
  if (name.empty()) return -1;
  auto at = column_of_name_.find(name);
  return at == column_of_name_.end() ? -1 : at->second;
}

}  // namespace budgetlens::tables::detail
