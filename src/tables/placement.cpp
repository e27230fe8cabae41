#include "tables/placement.h"

#include <algorithm>
#include <limits>

#include "text/utf8.h"
#include "units/units.h"

namespace budgetlens::tables::detail {
namespace {

using grammar::ColumnRole;

// How well a cell of each kind fits a column of each role: positive fits, negative does not.
// Columns: Empty Number Percent Money CountValue WeightLabel Comparator Dash Unit Total Date Short Long
//          Enumerated
constexpr float kFit[][kKindCount] = {
    /* unknown    */ {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
    /* label      */ {0, -2, -2, -2, -1.5f, 0.5f, -2, -1, -1.5f, 2, -1, 2, 1.5f, 1.5f},
    /* amount     */ {0.5f, 2, -1, 2, 0, -1, -2, 1, -2, -2, -2, -2, -3, -3},
    /* count      */ {0.5f, 2, -1, 0, 2, -1, -2, 1, -2, -2, -2, -2, -3, -3},
    /* percent    */ {0.5f, 1, 2.5f, -1, -1, -1, -2, 1, -1, -2, -2, -2, -3, -3},
    /* weight     */ {0.5f, 2, -1, -1, -1, 2, -2, 1, -2, -2, -2, -2, -3, -3},
    /* score      */ {0.5f, 2, -1, -1, -1, 0.5f, -2, 1, -2, -2, -2, -2, -3, -3},
    /* comparator */ {0.5f, -2, -2, -2, -2, -2, 3, -1, -1, -2, -2, -1.5f, -3, -3},
    /* unit       */ {0.5f, -2, -1, -2, -2, -2, -1, 0, 3, -2, -2, -1, -3, -3},
    /* target     */ {0.5f, 1.5f, 1.5f, 1.5f, 1.5f, -1, -1, 0.5f, -1, -2, 1.5f, 1, 0, -1},
    /* actual     */ {0.5f, 1.5f, 1.5f, 1.5f, 1.5f, -1, -1, 0.5f, -1, -2, 1.5f, 1, 0, -1},
    /* text       */ {0.5f, -1.5f, -0.5f, -1, -1, -1, -1, 0.5f, -1, -1, -0.5f, 1, 2, 2.5f},
    /* code       */ {0.5f, 0.5f, -2, -2, -2, -2, -2, 0, -2, -2, -2, -1, -2, -2},
    /* rownum     */ {0.5f, 2, -2, -2, -2, -2, -2, 0, -2, -2, -2, -2, -3, -3},
};

int role_row(ColumnRole role) {
  switch (role) {
    case ColumnRole::kUnknown: return 0;
    case ColumnRole::kLabel: return 1;
    case ColumnRole::kAmount: return 2;
    case ColumnRole::kCount: return 3;
    case ColumnRole::kPercent: return 4;
    case ColumnRole::kWeight: return 5;
    case ColumnRole::kScore: return 6;
    case ColumnRole::kComparator: return 7;
    case ColumnRole::kUnit: return 8;
    case ColumnRole::kTarget: return 9;
    case ColumnRole::kActual: return 10;
    case ColumnRole::kText: return 11;
    case ColumnRole::kCode: return 12;
    case ColumnRole::kRownum: return 13;
  }
  return 0;
}

constexpr float kTrailingPenalty = 0.3f;   // per empty column at a row's end
constexpr float kTrailingValuePenalty = 0.8f;  // … when the column holds figures: a row without its value
constexpr float kContinuation = 0.6f;      // a second text cell in the same column (a broken cell)
constexpr float kLeadingHintBonus = 2.0f;  // the row starts where the layout said it does
constexpr float kPositionHintBonus = 1.5f; // a cell stays in the column it was printed in
constexpr float kNameBonus = 3.0f;         // a label goes where the same label was printed above
constexpr float kMinusInf = -std::numeric_limits<float>::infinity();

// Whether a column of this role may hold text broken over two cells.
bool holds_broken_text(ColumnRole role) {
  return role == ColumnRole::kText || role == ColumnRole::kLabel || role == ColumnRole::kTarget ||
         role == ColumnRole::kActual || role == ColumnRole::kUnknown;
}

bool continues(CellKind previous, CellKind current, ColumnRole role) {
  return is_text_kind(previous) && is_text_kind(current) && holds_broken_text(role);
}

bool is_value_column(ColumnRole r) {
  return r == ColumnRole::kAmount || r == ColumnRole::kPercent || r == ColumnRole::kScore || r == ColumnRole::kCount;
}

// The list is of a few short words, longest first: most cells are longer than any of them.
bool is_comparator(std::string_view k, const grammar::Grammar& grammar) {
  const auto& comparators = grammar.indicators.comparators;
  if (comparators.empty() || k.size() > comparators.front().first.size()) return false;
  for (const auto& [word, means] : comparators) {
    if (k == word) return true;
  }
  return false;
}

// "(15分)", "15分)", "5人)" (a misread 分), "(8)": the words after the number are tables.xml's.
bool is_weight_label(std::string_view k, const grammar::Grammar& grammar) {
  size_t i = 0;
  if (i < k.size() && k[i] == '(') ++i;
  size_t digits = i;
  while (i < k.size() && ((k[i] >= '0' && k[i] <= '9') || k[i] == '.')) ++i;
  if (i == digits) return false;
  for (const std::string& unit : grammar.tables.weight_cell_units) {
    if (k.substr(i, unit.size()) == unit) {
      i += unit.size();
      break;
    }
  }
  return i + 1 == k.size() && k[i] == ')';
}

// "①有内部…", "2、是否…", "(3)…", "1.…": an item of a numbered list.
bool is_enumerated(std::string_view k) {
  size_t i = 0;
  char32_t c = text::next_char(k, i);
  if (c >= U'①' && c <= U'⑳') return true;
  size_t j = k[0] == '(' ? 1 : 0, digits = j;
  while (j < k.size() && k[j] >= '0' && k[j] <= '9') ++j;
  if (j == digits || j - digits > 2 || j >= k.size()) return false;
  if (k[0] == '(') return k[j] == ')';
  return k.substr(j, 3) == "、" || (k[j] == '.' && j + 1 < k.size() && !(k[j + 1] >= '0' && k[j + 1] <= '9'));
}

bool is_date(std::string_view k) {
  return k.size() >= 7 && k.substr(4, 3) == "年" && std::all_of(k.begin(), k.begin() + 4, [](char c) {
           return c >= '0' && c <= '9';
         });
}

}  // namespace

bool is_figure_kind(CellKind k) {
  return k == CellKind::kNumber || k == CellKind::kPercent || k == CellKind::kMoney || k == CellKind::kCountValue;
}

bool is_text_kind(CellKind k) {
  return k == CellKind::kShortText || k == CellKind::kLongText || k == CellKind::kEnumerated;
}

CellKind classify_cell(std::string_view key, const grammar::Grammar& grammar, bool total,
                       const std::optional<units::Figure>& figure) {
  std::string_view k = text::trim(key);
  if (k.empty()) return CellKind::kEmpty;
  if (grammar.tables.is_dash(k)) return CellKind::kDash;
  if (total) return CellKind::kTotal;
  if (is_comparator(k, grammar)) return CellKind::kComparator;
  if (is_weight_label(k, grammar)) return CellKind::kWeightLabel;
  if (const grammar::UnitWord* u = grammar.units.unit_at(k); u && u->word.size() == k.size()) return CellKind::kUnit;
  if (is_date(k)) return CellKind::kDate;
  if (figure) {
    if (!figure->unit) return CellKind::kNumber;
    switch (figure->unit->kind) {
      case grammar::UnitKind::kPercent: return CellKind::kPercent;
      case grammar::UnitKind::kMoney: return CellKind::kMoney;
      case grammar::UnitKind::kCount: return CellKind::kCountValue;
      case grammar::UnitKind::kScore: return CellKind::kWeightLabel;
    }
  }
  if (is_enumerated(k)) return CellKind::kEnumerated;
  return text::char_count(k) <= 12 ? CellKind::kShortText : CellKind::kLongText;
}

ColumnModel::ColumnModel(int n_cols) : roles(n_cols, ColumnRole::kUnknown), learned(n_cols) {
  for (auto& l : learned) l.fill(0);
}

float role_fit(ColumnRole role, CellKind kind) { return kFit[role_row(role)][static_cast<int>(kind)]; }

float ColumnModel::score(CellKind kind, int col) const {
  float fit = kFit[role_row(roles[col])][static_cast<int>(kind)];
  if (has_score_column_ && kind == CellKind::kNumber && roles[col] == ColumnRole::kWeight) fit = 0.5f;
  return fit + learned[col][static_cast<int>(kind)];
}

void ColumnModel::roles_set() {
  has_score_column_ = std::find(roles.begin(), roles.end(), ColumnRole::kScore) != roles.end();
}

void ColumnModel::learn(const std::vector<std::array<int, kKindCount>>& counts) {
  for (int c = 0; c < size() && c < static_cast<int>(counts.size()); ++c) {
    int total = 0;
    for (int k = 1; k < kKindCount; ++k) total += counts[c][k];
    learned[c].fill(0);
    if (total < 2) continue;
    int top = 0;
    for (int k = 1; k < kKindCount; ++k) top = std::max(top, counts[c][k]);
    // A column that holds one kind of cell almost only (weights printed as "5分)") rejects others.
    bool pure = total >= 4 && top * 5 >= total * 4;
    for (int k = 1; k < kKindCount; ++k) {
      float share = static_cast<float>(counts[c][k]) / total;
      // Totals and dashes are rare in any column: their absence says nothing.
      bool rare = k == static_cast<int>(CellKind::kTotal) || k == static_cast<int>(CellKind::kDash);
      learned[c][k] = pure && share < 0.1f && !rare ? -2.0f : 3.0f * share - 0.4f;
    }
  }
}

RowScorer::RowScorer(const ColumnModel& model, const RowHints& hints) : model_(model), hints_(hints) {
  const int n = model_.size();
  kind_fit_.resize(static_cast<size_t>(kKindCount) * n);
  for (int k = 0; k < kKindCount; ++k) {
    for (int c = 0; c < n; ++c) kind_fit_[k * n + c] = model_.score(static_cast<CellKind>(k), c);
  }
  trail_.assign(n + 1, 0);
  float trailing = 0;  // cost of leaving columns [j, n) empty, built from the right
  for (int c = n - 1; c >= 0; --c) {
    trailing += is_value_column(model_.roles[c]) ? kTrailingValuePenalty : kTrailingPenalty;
    trail_[c] = trailing;
  }
  gaps_.resize(n);
  no_gaps_.assign(n, 0.0f);
  for (int k = 0; k < n; ++k) gaps_[k] = hints_.gap_cost * k;
  leading_ = hints_.leading;
}

void RowScorer::start_row(int leading) {
  kinds_.clear();
  first_.clear();
  leading_ = leading;
}

Placement RowScorer::place(const CellKind* kinds, int m, int leading) {
  start_row(leading);
  // The row's length is known: room for all of it at once, not grown a cell at a time.
  const size_t cells = static_cast<size_t>(m), w = static_cast<size_t>(model_.size()) + 1;
  kinds_.reserve(cells);
  first_.reserve(cells);
  if (dp_.size() < cells * w) dp_.resize(cells * w), from_.resize(cells * w);
  for (int i = 0; i < m; ++i) add(kinds[i], short_total_before(kinds, i, m));
  return placement();
}

float RowScorer::fit(int i, CellKind kind, int c) const {
  float b = kind_fit_[static_cast<int>(kind) * model_.size() + c];
  if (!hints_.cols.empty() && hints_.cols[i] == c) b += kPositionHintBonus;
  if (!hints_.named.empty() && hints_.named[i] == c) b += kNameBonus;
  return b;
}

void RowScorer::add(CellKind kind, bool short_total) {
  const int w = model_.size() + 1;
  const int i = static_cast<int>(kinds_.size());
  kinds_.push_back(kind);
  // dp_ row i holds, for each column j (1-based), the best score with cells [0, i] placed and cell
  // i in column j - 1; from_ the column of cell i - 1 on that best path.
  // The rows are kept when a row starts again (start_row), so that a scorer extended cell by cell
  // along a stream grows them once: each new row is only filled.
  const size_t at = static_cast<size_t>(i) * w;
  if (dp_.size() < at + w) dp_.resize(at + w), from_.resize(at + w);
  const Cell before = i == 0 ? Cell{} : Cell{&dp_[at - w], first_[i - 1], kinds_[i - 1]};
  first_.push_back(fill(before, i, kind, short_total, &dp_[at], &from_[at]));
}

int RowScorer::fill(const Cell& before, int i, CellKind kind, bool short_total, float* next, int* back) {
  const int n = model_.size(), w = n + 1;
  std::fill_n(next, w, kMinusInf);
  std::fill_n(back, w, -1);
  if (!before.row) {
    for (int c = 0; c < n; ++c) {
      int merged = hints_.mergeable < 0 ? c : std::min(c, hints_.mergeable);
      float s = fit(0, kind, c) - (hints_.leading_cost * merged + hints_.gap_cost * (c - merged));
      if (leading_ >= 0 && c == leading_) s += kLeadingHintBonus;
      next[c + 1] = s;
    }
    return 1;
  }
  const float* row = before.row;
  const int first = before.first;
  // This cell's fit in each column (the kind's alone unless the hints place cells), and the cost
  // of skipping k columns to get there.
  const float* kind_fits = &kind_fit_[static_cast<size_t>(kind) * n];
  if (!hints_.cols.empty() || !hints_.named.empty()) {
    fits_.resize(n);
    for (int c = 0; c < n; ++c) fits_[c] = fit(i, kind, c);
    kind_fits = fits_.data();
  }
  // Columns are 1-based in the dp rows, and j below is the column of cell i - 1 in them; cell i goes
  // to a 0-based column c >= j, skipping c - j columns. The cost of skipping grows by the same step
  // per column (or is nothing), so the j that is best for column c stays best for the columns after
  // it unless the next j does better: one pass over the columns, not one per column of the cell
  // before.
  const float* gap = short_total ? no_gaps_.data() : gaps_.data();
  // Whether this cell may continue the one before in the same column, the column's role aside.
  const bool may_continue = hints_.continuation && is_text_kind(before.kind) && is_text_kind(kind);
  int best_j = -1;
  for (int c = first - 1; c < n; ++c) {
    if (c >= first && row[c] != kMinusInf) {
      if (best_j < 0 || row[c] - gap[0] + kind_fits[c] > row[best_j] - gap[c - best_j] + kind_fits[c])
        best_j = c;
    }
    if (best_j >= 0) {
      next[c + 1] = row[best_j] - gap[c - best_j] + kind_fits[c];
      back[c + 1] = best_j;
    }
    // The same column again: the cell continues the one before it.
    const int j = c + 1;
    if (may_continue && row[j] != kMinusInf && holds_broken_text(model_.roles[j - 1])) {
      float s = row[j] - kContinuation + 0.5f * kind_fit_[static_cast<int>(kind) * n + j - 1];
      if (s > next[j]) next[j] = s, back[j] = j;
    }
  }
  return hints_.continuation ? first : first + 1;
}

int RowScorer::best_column(float& score) const {
  score = kMinusInf;
  const int n = model_.size(), m = static_cast<int>(kinds_.size());
  if (m == 0 || n == 0) return -1;
  int best_j;
  score = best_of(&dp_[static_cast<size_t>(m - 1) * (n + 1)], first_[m - 1], &best_j);
  return best_j;
}

Placement RowScorer::placement() const {
  Placement best;
  int j = best_column(best.score);
  if (j < 0) return best;
  const int m = static_cast<int>(kinds_.size()), w = model_.size() + 1;
  best.col.assign(m, 0);
  for (int i = m - 1; i >= 0; --i) {
    best.col[i] = j - 1;
    if (i > 0) j = from_[static_cast<size_t>(i) * w + j];
  }
  return best;
}

Placement place_row(const std::vector<CellKind>& kinds, const ColumnModel& model, const RowHints& hints) {
  const int m = static_cast<int>(kinds.size());
  if (m == 0 || model.size() == 0) return {};
  return RowScorer(model, hints).place(kinds.data(), m, hints.leading);
}

float placement_score(const std::vector<CellKind>& kinds, const std::vector<int>& cols,
                      const ColumnModel& model, const RowHints& hints) {
  const int m = static_cast<int>(kinds.size()), n = model.size();
  if (m == 0 || static_cast<int>(cols.size()) != m) return kMinusInf;
  RowScorer scorer(model, hints);  // for its fit(), trail_ and gaps_
  float score = 0;
  for (int i = 0; i < m; ++i) {
    const int c = cols[i];
    if (c < 0 || c >= n) return kMinusInf;
    if (i == 0) {
      int merged = hints.mergeable < 0 ? c : std::min(c, hints.mergeable);
      score = scorer.fit(0, kinds[0], c) - (hints.leading_cost * merged + hints.gap_cost * (c - merged));
      if (hints.leading >= 0 && c == hints.leading) score += kLeadingHintBonus;
    } else if (c == cols[i - 1]) {
      if (!hints.continuation || !continues(kinds[i - 1], kinds[i], model.roles[c])) return kMinusInf;
      score += -kContinuation + 0.5f * model.score(kinds[i], c);
    } else if (c > cols[i - 1]) {
      const int skipped = c - cols[i - 1] - 1;
      score += -(short_total_before(kinds.data(), i, m) ? 0.0f : hints.gap_cost * skipped) +
               scorer.fit(i, kinds[i], c);
    } else {
      return kMinusInf;
    }
  }
  return score - scorer.trail_[cols[m - 1] + 1];
}

}  // namespace budgetlens::tables::detail
