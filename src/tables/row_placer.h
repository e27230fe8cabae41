// Internal to tables/: placing the cells of a table's rows into its columns, one row after another,
// learning from each row what the columns hold. Row layouts (drafts.cpp) and streams of cells
// (stream_drafts.cpp) both place their rows through it.
#pragma once

#include <algorithm>
#include <array>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "tables/draft.h"
#include "tables/placement.h"

namespace budgetlens::tables::detail {

class RowPlacer {
 public:
  RowPlacer(const Context& ctx, int n_cols);

  ColumnModel& model() { return model_; }

  // The columns' roles, from the column rules their header cells name.
  void set_roles_from(const std::vector<DraftRow>& header_rows);
  std::vector<CellKind> kinds(const std::vector<layout::RawCell>& cells) const;
  // True iff two figures of the row have empty printed columns between them.
  bool blank_between_figures(const std::vector<layout::RawCell>& cells, const std::vector<int>& cols) const;
  // True iff each cell, in the column given, fits what that column holds.
  bool fits_where_printed(const std::vector<layout::RawCell>& cells, const std::vector<int>& cols) const;
  // Places one row and learns from it. `hints.cols`, when given, holds the printed columns.
  DraftRow place(const std::vector<layout::RawCell>& cells, const RowHints& hints, TextRange range);
  // Puts cells at the given columns (one per column) and learns from them.
  DraftRow commit(const std::vector<layout::RawCell>& cells, const std::vector<CellKind>& kinds,
                  const std::vector<int>& cols, TextRange range);
  // Learns what the columns hold from cells at the given columns, as commit() does, for a caller
  // that has no use for the row.
  void learn(std::span<const layout::RawCell> cells, std::span<const CellKind> kinds,
             const std::vector<int>& cols);
  // The column in which a label with this name was seen, or -1: a row restating its level-1
  // label ("实施过程 (12分)") belongs under the other rows that print it there.
  int column_of_name(const layout::RawCell& cell) const;

 private:
  const Context& ctx_;
  ColumnModel model_;
  std::vector<std::array<int, kKindCount>> counts_;
  // Each name seen in a text cell, and the leftmost column it was seen in.
  std::unordered_map<std::string, int> column_of_name_;

  int column(int col) const { return std::clamp(col, 0, model_.size() - 1); }
};

}  // namespace budgetlens::tables::detail
