// Internal to tables/: what a cell looks like, what a column expects, and where a row's cells go.
#pragma once

#include <array>
#include <limits>
#include <string_view>
#include <vector>

#include "grammar/grammar.h"
#include "units/units.h"

namespace budgetlens::tables::detail {

enum class CellKind {
  kEmpty,
  kNumber,       // 149.03, 1,295.87, 7
  kPercent,      // 96%, ≥90%
  kMoney,        // 76.27万元
  kCountValue,   // 1500项, 17人
  kWeightLabel,  // (15分), 7分)
  kComparator,   // ≥ ≤ = 定性
  kDash,         // / - — 无: explicitly nothing
  kUnit,         // a unit word alone: %, 万元, 人
  kTotal,        // 合计, 总计, 总分
  kDate,         // 2021年1月-12月
  kShortText,
  kLongText,
  kEnumerated,   // ①…, 1、…, (2)…: one of a list of criteria or explanations
};
constexpr int kKindCount = 14;

// What a cell looks like, from its folded text. `total` (the text is a total row's label, see
// tables.xml) and `figure` (units::cell_figure of the text) are worked out by the caller, which
// needs them too.
CellKind classify_cell(std::string_view key, const grammar::Grammar& grammar, bool total,
                       const std::optional<units::Figure>& figure);
// How well a cell of this kind fits a column of this role: positive fits, negative does not.
float role_fit(grammar::ColumnRole role, CellKind kind);
bool is_figure_kind(CellKind k);
bool is_text_kind(CellKind k);

// What each column of a table expects: its role from the header, and what was seen in it.
struct ColumnModel {
  std::vector<grammar::ColumnRole> roles;
  std::vector<std::array<float, kKindCount>> learned;  // bonus per kind, from rows already placed

  explicit ColumnModel(int n_cols);
  int size() const { return static_cast<int>(roles.size()); }
  float score(CellKind kind, int col) const;
  // Re-learns `learned` from the kinds seen in each column.
  void learn(const std::vector<std::array<int, kKindCount>>& counts);
  // To be called when `roles` are set: in a table that has a score column, a bare number is more
  // likely a score than a weight, which such tables often print as "5分)".
  void roles_set();

 private:
  bool has_score_column_ = false;
};

// Hints a layout gives about a row.
struct RowHints {
  int leading = -1;        // cells merged from above at the start (a cell_lines closer), -1 unknown
  std::vector<int> cols;   // printed column of each cell (tab rows), empty when unknown
  // Leading columns that have a cell above to merge into; starting further right leaves a hole.
  // -1 when unknown (every column may be merged).
  int mergeable = -1;
  // Whether two cells may share a column (a cell broken over lines). Never in layouts whose cells
  // are delimited (pipe, tab).
  bool continuation = true;
  // Per cell, the column in which a label of the same name was printed above, or -1.
  std::vector<int> named;
  float leading_cost = 0.5f;  // per column merged from above
  float gap_cost = 1.5f;      // per column skipped inside the row (pipe exports drop empty cells)
};

struct Placement {
  std::vector<int> col;  // column of each cell; equal to the previous one for a continuation
  float score = 0;
};

// The best placement of a row's cells (in order) into n columns.
Placement place_row(const std::vector<CellKind>& kinds, const ColumnModel& model, const RowHints& hints);
// What place_row maximises, for one placement: the score of putting cell i in column cols[i]; -inf
// when cells go leftwards, or share a column without one continuing the other.
float placement_score(const std::vector<CellKind>& kinds, const std::vector<int>& cols,
                      const ColumnModel& model, const RowHints& hints);

// The dynamic programme behind place_row, fed one cell at a time. A scorer kept from one row to
// the next keeps the room of its rows. Segmentation (stream_rows.cpp) extends rows a cell at a
// time through fill(), on rows it keeps by the kinds of their cells.
class RowScorer {
 public:
  // `model` and `hints` must outlive the scorer.
  RowScorer(const ColumnModel& model, const RowHints& hints);
  // The best placement of the row kinds[0, m): what place_row() returns for it. `leading` stands
  // for hints.leading in it (a stream's forced end says it).
  Placement place(const CellKind* kinds, int m, int leading);

 private:
  friend float placement_score(const std::vector<CellKind>&, const std::vector<int>&, const ColumnModel&,
                               const RowHints&);
  friend class RowTrie;
  // Starts a new row; `leading` stands for hints.leading in it.
  void start_row(int leading);
  // Adds the next cell; `short_total` waives the gap cost before it (a short total row).
  void add(CellKind kind, bool short_total);
  // The best placement of the cells added so far.
  Placement placement() const;
  // A cell before the one being added: its dp row (null: none, the new cell starts the row), the
  // first column its row can hold a value in, and its kind.
  struct Cell {
    const float* row = nullptr;
    int first = 0;
    CellKind kind = CellKind::kEmpty;
  };
  // Fills the dp row `next` and its back columns for cell i of `kind` after `before`; returns the
  // new row's first column (see first_). What add() does, on rows kept anywhere.
  int fill(const Cell& before, int i, CellKind kind, bool short_total, float* next, int* back);
  // The best score of a row ending with the cell whose dp row is `row`, -inf when none; *column,
  // when asked, is the 1-based column of that cell on it, or -1.
  // Inline: segmentation (stream_rows.cpp) asks it for every candidate row.
  float best_of(const float* row, int first, int* column = nullptr) const {
    float score = -std::numeric_limits<float>::infinity();
    int best_j = -1;
    for (int j = first, n = model_.size(); j <= n; ++j) {
      if (row[j] == -std::numeric_limits<float>::infinity()) continue;
      float s = row[j] - trail_[j];
      if (s > score) score = s, best_j = j;
    }
    if (column) *column = best_j;
    return score;
  }
  float fit(int i, CellKind kind, int c) const;
  int best_column(float& score) const;

  const ColumnModel& model_;
  const RowHints& hints_;
  std::vector<float> trail_;     // cost of leaving columns [j, n) empty at a row's end
  std::vector<float> kind_fit_;  // model_.score(kind, c) at [kind * n + c]
  std::vector<float> gaps_;      // cost of skipping k columns, and nothing (a short total row)
  std::vector<float> no_gaps_;
  int leading_ = -1;
  std::vector<CellKind> kinds_;
  // One row of (columns + 1) per cell added; only the first kinds_.size() rows are the current
  // row's, the rest are kept from longer rows before (start_row keeps the room).
  std::vector<float> dp_;
  std::vector<int> from_;
  // Below first_[i], dp_ row i is -inf: cells take columns left to right, so cell i cannot sit
  // left of column i (or, when a cell may continue the one before, of where that one can sit).
  std::vector<int> first_;
  std::vector<float> fits_;
};

// A short total row ("合计 | 90") spans its label to the figures at the right: the cell after a
// total label skips columns for free when at most three cells, itself included, remain in a row
// of m cells.
inline bool short_total_before(const CellKind* kinds, int i, int m) {
  return i > 0 && kinds[i - 1] == CellKind::kTotal && m - i <= 3;
}

struct Segment {
  size_t begin = 0;  // cells [begin, end) of the stream
  size_t end = 0;
  Placement placement;
};

// Cuts a stream of cells into rows and places each. row_end_leading[i] >= -1 forces a row to end
// after cell i, with that leading count as the row's hint (-1: unknown); -2 leaves it free.
std::vector<Segment> segment_stream(const std::vector<CellKind>& kinds, const ColumnModel& model,
                                    const std::vector<int>& row_end_leading, bool continuation);

}  // namespace budgetlens::tables::detail
