// Internal to checks/: a table's figures by row and column, whether the table is a grid or a run of
// cells that ran together in a paragraph ("保安服务费191191191保洁服务费999999…合计814662.98…").
#pragma once

#include <string>
#include <vector>

#include "checks/workspace.h"

namespace budgetlens::checks::detail {

struct TableView {
  int grid = -1;          // the grid, or -1 for a paragraph's run-together rows
  int n_rows = 0;
  int n_cols = 0;
  int first_body_row = 0;
  std::vector<int> at;                // n_rows × n_cols: the figure printed in the cell, or -1
  std::vector<std::string> row_key;   // the row's label, folded
  std::vector<std::string> code;      // a classification code printed in the row, or ""
  std::vector<bool> total_row;
  std::vector<std::string> col_key;   // the column's own header, folded
  std::vector<std::vector<std::string>> col_path;  // the header path, folded, outermost first
  // The header path joined ("2024年预算数" under 2024年 / 预算数): what a column is called where its
  // own header leaves out what a group header above it says.
  std::vector<std::string> col_name;

  int value(int row, int col) const { return at[static_cast<size_t>(row) * n_cols + col]; }
  bool has_figures(int row) const;
};

std::vector<TableView> table_views(const Workspace& w);

}  // namespace budgetlens::checks::detail
