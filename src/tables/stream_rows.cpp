// Cutting a stream of cells into rows (segment_stream in placement.h): every candidate row is
// scored, and the best cut is the one whose rows' scores sum highest.
#include <algorithm>
#include <array>
#include <limits>

#include "tables/placement.h"

namespace budgetlens::tables::detail {
namespace {

constexpr float kRowPenalty = 0.5f;  // per row when cutting a stream
// Rows of deep indicator hierarchies merge many columns from above; in a stream that is the norm.
constexpr float kStreamLeadingPenalty = 0.3f;
constexpr float kMinusInf = -std::numeric_limits<float>::infinity();

}  // namespace

// The rows a stream's segmentation scores, by the kinds of their cells. Such a row's dp rows and
// score depend on those kinds alone (every row has the same hints, no leading count and no short
// total), and a table's stream holds the same few sequences of kinds again and again, one a row
// and from each cell of a row on. Each sequence is scored once, by extending the one a cell shorter.
class RowTrie {
 public:
  static constexpr int kRoot = 0;  // no cells
  explicit RowTrie(RowScorer& scorer) : scorer_(scorer), w_(static_cast<size_t>(scorer.model_.size()) + 1) {
    scorer_.start_row(-1);
    back_.resize(w_);
    clear();
  }

  // To be called before each walk from the root: the sequences kept so far are dropped when there
  // are many, so that a long stream of varied rows does not hold them all.
  void begin_walk() {
    if (nodes_.size() > kMostNodes) clear();
  }
  // The sequence of `node` followed by a cell of `kind`, scored when first asked for.
  int extend(int node, CellKind kind) {
    if (int known = nodes_[node].next[static_cast<int>(kind)]; known >= 0) return known;
    const int id = static_cast<int>(nodes_.size());
    rows_.resize((static_cast<size_t>(id) + 1) * w_);
    const Node& parent = nodes_[node];
    const RowScorer::Cell before =
        node == kRoot ? RowScorer::Cell{} : RowScorer::Cell{&rows_[node * w_], parent.first, parent.kind};
    Node child;
    child.kind = kind;
    child.cells = parent.cells + 1;
    float* row = &rows_[id * w_];
    child.first = scorer_.fill(before, parent.cells, kind, false, row, back_.data());
    child.score = scorer_.best_of(row, child.first);
    nodes_[node].next[static_cast<int>(kind)] = id;
    nodes_.push_back(child);
    return id;
  }
  // The best placement score of the node's cells as a row, -inf when they have none.
  float score(int node) const { return nodes_[node].score; }
  // The best placement score of the row kinds[0, m) whose cells from the k-th on (k >= 1) follow a
  // total closely (short_total_before): the k cells before are the sequence of `prefix`, scored
  // already; the rest are scored here, each with the flag that place() would give it.
  float score_ending(int prefix, const CellKind* kinds, int k, int m) {
    tail_.resize(2 * w_);
    RowScorer::Cell before{&rows_[prefix * w_], nodes_[prefix].first, nodes_[prefix].kind};
    for (int i = k; i < m; ++i) {
      float* next = &tail_[(i % 2) * w_];
      before.first = scorer_.fill(before, i, kinds[i], short_total_before(kinds, i, m), next, back_.data());
      before.row = next;
      before.kind = kinds[i];
    }
    return scorer_.best_of(before.row, before.first);
  }

 private:
  static constexpr size_t kMostNodes = 1 << 14;
  struct Node {
    std::array<int, kKindCount> next;  // by the next cell's kind; -1 until scored
    int cells = 0;
    int first = 0;  // see RowScorer::first_
    float score = 0;
    CellKind kind = CellKind::kEmpty;  // of the last cell
    Node() { next.fill(-1); }
  };
  void clear() {
    nodes_.assign(1, Node());
    rows_.clear();
    rows_.resize(w_);  // the root's, never read
  }

  RowScorer& scorer_;
  const size_t w_;
  std::vector<Node> nodes_;
  std::vector<float> rows_;  // node k's dp row at [k * w_]
  std::vector<float> tail_;  // score_ending()'s two dp rows, in turn
  std::vector<int> back_;    // what fill() writes of the path, which no caller here reads
};

std::vector<Segment> segment_stream(const std::vector<CellKind>& kinds, const ColumnModel& model,
                                    const std::vector<int>& row_end_leading, bool continuation) {
  const size_t total = kinds.size();
  const size_t max_len = static_cast<size_t>(model.size()) + 6;
  RowHints stream_hints;
  stream_hints.continuation = continuation;
  stream_hints.leading_cost = kStreamLeadingPenalty;
  // The leading hint of the row ending after cell q - 1: a forced end says how many cells it merges.
  auto leading_ending_at = [&](size_t q) { return std::max(row_end_leading[q - 1], -1); };
  // best[q]: the best score of cutting cells [0, q) into rows, and start[q] where its last row
  // starts. Rows are scored from each start p in turn, once best[p] is final (every row ending at p
  // starts before it), and each offers best[p + len] its cut. Of equal cuts the one whose last row
  // is shortest is kept: the later start replaces an earlier one.
  std::vector<float> best(total + 1, kMinusInf);
  std::vector<size_t> start(total + 1, 0);
  best[0] = 0;
  auto offer = [&](size_t p, size_t len, float row) {
    const float s = best[p] + row - kRowPenalty;
    if (s >= best[p + len]) best[p + len] = s, start[p + len] = p;
  };
  // Each start's rows are scored by extending one row a cell at a time; a row whose score depends
  // on where it ends in a way extension does not follow (a leading count forced at its end, a short
  // total row) is placed on its own.
  RowScorer scorer(model, stream_hints), alone(model, stream_hints);
  RowTrie rows(scorer);
  std::vector<int> walk(max_len + 1);  // walk[len]: the node of the row's first len cells
  for (size_t p = 0; p < total; ++p) {
    if (best[p] == kMinusInf) continue;
    rows.begin_walk();
    walk[0] = RowTrie::kRoot;
    for (size_t len = 1; len <= max_len && p + len <= total; ++len) {
      const size_t q = p + len;
      // A row must end after a cell with a forced end, so no row may run on past one.
      if (len > 1 && row_end_leading[q - 2] >= -1) break;
      walk[len] = rows.extend(walk[len - 1], kinds[q - 1]);
      // No placement of these cells (more of them than columns, none continuing another), so none
      // of more cells either; placing the row on its own (`alone`) would find none for the same reason.
      const float extended = rows.score(walk[len]);
      if (extended == kMinusInf) break;
      const int m = static_cast<int>(len);
      if (row_end_leading[q - 1] >= -1) {  // a forced end: its leading count changes every cell's fit
        Placement pl = alone.place(&kinds[p], m, leading_ending_at(q));
        if (!pl.col.empty() && pl.score != kMinusInf) offer(p, len, pl.score);
        continue;
      }
      // From the first cell that follows a total closely, the row is scored on from the sequence
      // before it; a row without one scores as its extension did.
      int k = std::max(1, m - 3);
      while (k < m && !short_total_before(&kinds[p], k, m)) ++k;
      const float row = k == m ? extended : rows.score_ending(walk[k], &kinds[p], k, m);
      if (row != kMinusInf) offer(p, len, row);
    }
  }
  std::vector<Segment> segments;
  for (size_t q = total; q > 0; q = start[q]) {
    segments.push_back(
        {start[q], q, alone.place(&kinds[start[q]], static_cast<int>(q - start[q]), leading_ending_at(q))});
  }
  std::reverse(segments.begin(), segments.end());
  return segments;
}

}  // namespace budgetlens::tables::detail
