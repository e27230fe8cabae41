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
constexpr float kRowPenalty = 0.5f;        // per row when cutting a stream
// Rows of deep indicator hierarchies merge many columns from above; in a stream that is the norm.
constexpr float kStreamLeadingPenalty = 0.3f;
constexpr float kMinusInf = -std::numeric_limits<float>::infinity();

bool continues(CellKind previous, CellKind current, ColumnRole role) {
  return is_text_kind(previous) && is_text_kind(current) &&
         (role == ColumnRole::kText || role == ColumnRole::kLabel || role == ColumnRole::kTarget ||
          role == ColumnRole::kActual || role == ColumnRole::kUnknown);
}

bool is_value_column(ColumnRole r) {
  return r == ColumnRole::kAmount || r == ColumnRole::kPercent || r == ColumnRole::kScore || r == ColumnRole::kCount;
}

bool is_dash(std::string_view k) {
  static constexpr std::string_view kDashes[] = {"/", "-", "—", "--", "——", "无", "-/-", "\\", "—-", "/ /"};
  for (std::string_view d : kDashes) {
    if (k == d) return true;
  }
  return false;
}

bool is_comparator(std::string_view k) {
  static constexpr std::string_view kComparators[] = {"≥", "≤", "=", ">", "<", ">=", "<=", "定性", "定量", "≥=", "=<"};
  for (std::string_view c : kComparators) {
    if (k == c) return true;
  }
  return false;
}

// "(15分)", "15分)", "5人)" (a misread 分), "(8)".
bool is_weight_label(std::string_view k) {
  size_t i = 0;
  if (i < k.size() && k[i] == '(') ++i;
  size_t digits = i;
  while (i < k.size() && ((k[i] >= '0' && k[i] <= '9') || k[i] == '.')) ++i;
  if (i == digits) return false;
  if (k.substr(i, 3) == "分" || k.substr(i, 3) == "人") i += 3;
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

CellKind classify_cell(std::string_view key, const grammar::Grammar& grammar) {
  std::string_view k = text::trim(key);
  if (k.empty()) return CellKind::kEmpty;
  if (is_dash(k)) return CellKind::kDash;
  if (grammar.tables.total_row.valid() && grammar.tables.total_row.match_full(k)) return CellKind::kTotal;
  if (is_comparator(k)) return CellKind::kComparator;
  if (is_weight_label(k)) return CellKind::kWeightLabel;
  if (const grammar::UnitWord* u = grammar.units.unit_at(k); u && u->word.size() == k.size()) return CellKind::kUnit;
  if (is_date(k)) return CellKind::kDate;
  if (std::optional<units::Figure> f = units::cell_figure(k, grammar.units)) {
    if (!f->unit) return CellKind::kNumber;
    switch (f->unit->kind) {
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

Placement place_row(const std::vector<CellKind>& kinds, const ColumnModel& model, const RowHints& hints) {
  const int n = model.size(), m = static_cast<int>(kinds.size());
  Placement best;
  if (m == 0 || n == 0) return best;
  // dp[i][j]: best score with cells [0, i) placed and cell i-1 in column j-1. Buffers are reused:
  // segmentation places thousands of candidate rows.
  const int w = n + 1;
  thread_local std::vector<float> dp, fit;
  thread_local std::vector<int> from;
  dp.assign(static_cast<size_t>(m + 1) * w, kMinusInf);
  from.assign(static_cast<size_t>(m + 1) * w, -1);
  fit.resize(static_cast<size_t>(m) * n);
  for (int i = 0; i < m; ++i) {
    for (int c = 0; c < n; ++c) {
      float b = model.score(kinds[i], c);
      if (!hints.cols.empty() && hints.cols[i] == c) b += kPositionHintBonus;
      if (!hints.named.empty() && hints.named[i] == c) b += kNameBonus;
      fit[i * n + c] = b;
    }
  }
  auto leading_cost = [&](int c) {
    int merged = hints.mergeable < 0 ? c : std::min(c, hints.mergeable);
    return hints.leading_cost * merged + hints.gap_cost * (c - merged);
  };
  for (int c = 0; c < n; ++c) {
    float s = fit[c] - leading_cost(c);
    if (hints.leading >= 0 && c == hints.leading) s += kLeadingHintBonus;
    dp[w + c + 1] = s;
  }
  for (int i = 1; i < m; ++i) {
    const float* row = &dp[static_cast<size_t>(i) * w];
    float* next = &dp[static_cast<size_t>(i + 1) * w];
    int* back = &from[static_cast<size_t>(i + 1) * w];
    // A short total row ("合计 | 90") spans its label to the figures at the right.
    bool short_total = kinds[i - 1] == CellKind::kTotal && m - i <= 3;
    float gap_cost = short_total ? 0.0f : hints.gap_cost;
    for (int j = 1; j <= n; ++j) {
      if (row[j] == kMinusInf) continue;
      // The same column again: the cell continues the one before it.
      if (hints.continuation && continues(kinds[i - 1], kinds[i], model.roles[j - 1])) {
        float s = row[j] - kContinuation + 0.5f * model.score(kinds[i], j - 1);
        if (s > next[j]) next[j] = s, back[j] = j;
      }
      for (int c = j; c < n; ++c) {
        float s = row[j] - gap_cost * (c - j) + fit[i * n + c];
        if (s > next[c + 1]) next[c + 1] = s, back[c + 1] = j;
      }
    }
  }
  int best_j = -1;
  best.score = kMinusInf;
  float trailing = 0;  // cost of leaving columns [j, n) empty, built from the right
  std::vector<float> trail(n + 1, 0);
  for (int c = n - 1; c >= 0; --c) {
    trailing += is_value_column(model.roles[c]) ? kTrailingValuePenalty : kTrailingPenalty;
    trail[c] = trailing;
  }
  for (int j = 1; j <= n; ++j) {
    float v = dp[static_cast<size_t>(m) * w + j];
    if (v == kMinusInf) continue;
    float s = v - trail[j];
    if (s > best.score) best.score = s, best_j = j;
  }
  if (best_j < 0) return best;
  best.col.assign(m, 0);
  for (int i = m, j = best_j; i >= 1; --i) {
    best.col[i - 1] = j - 1;
    j = i > 1 ? from[static_cast<size_t>(i) * w + j] : j;
  }
  return best;
}

std::vector<Segment> segment_stream(const std::vector<CellKind>& kinds, const ColumnModel& model,
                                    const std::vector<int>& row_end_leading, bool continuation) {
  const size_t total = kinds.size();
  const size_t max_len = static_cast<size_t>(model.size()) + 6;
  std::vector<float> best(total + 1, kMinusInf);
  std::vector<size_t> start(total + 1, 0);
  std::vector<Placement> placement(total + 1);
  best[0] = 0;
  for (size_t q = 1; q <= total; ++q) {
    RowHints hints;
    hints.continuation = continuation;
    hints.leading_cost = kStreamLeadingPenalty;
    if (row_end_leading[q - 1] >= -1) hints.leading = row_end_leading[q - 1];
    for (size_t len = 1; len <= std::min(max_len, q); ++len) {
      size_t p = q - len;
      // A row must end after a cell with a forced end, so no row may run on past one.
      if (len > 1 && row_end_leading[p] >= -1) break;
      if (best[p] == kMinusInf) continue;
      std::vector<CellKind> row(kinds.begin() + p, kinds.begin() + q);
      Placement pl = place_row(row, model, hints);
      if (pl.col.empty()) continue;
      float s = best[p] + pl.score - kRowPenalty;
      if (s > best[q]) best[q] = s, start[q] = p, placement[q] = std::move(pl);
    }
  }
  std::vector<Segment> segments;
  for (size_t q = total; q > 0; q = start[q]) segments.push_back({start[q], q, placement[q]});
  std::reverse(segments.begin(), segments.end());
  return segments;
}

}  // namespace budgetlens::tables::detail
