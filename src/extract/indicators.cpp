// Indicator records from indicator and score tables.
//
// A table is read as one when its header names levels (一级指标 …) or label columns beside targets,
// weights or scores. Each leaf indicator is a record with its level path (merged cells filled down),
// the weights printed with the levels, its target and actual value, weight and score. An indicator
// scored in several numbered rows (1、… 2、…) is one record whose parts are those rows. Total rows
// are the table's stated total, not indicators.
#include <algorithm>
#include <unordered_map>

#include "extract/reader.h"
#include "model/ids.h"
#include "text/utf8.h"

namespace budgetlens::extract::detail {
namespace {

using grammar::ColumnRole;

struct Columns {
  std::vector<int> levels;        // label columns, outermost first
  std::vector<int> level_weight;  // per level: the weight column beside it, or -1
  int weight = -1, score = -1, review = -1;
  int comparator = -1, target = -1, unit = -1, actual = -1;
  int criteria = -1, note = -1;
};

Columns columns_of(const tables::Grid& g) {
  Columns c;
  int n = g.n_cols;
  auto role = [&](int col) { return col >= 0 && col < n ? g.columns[col].role : ColumnRole::kUnknown; };
  // Levels: the columns that name one (一级指标 …) and label columns just left of them, or else the
  // first run of label columns.
  int first_leveled = -1;
  for (int col = 0; col < n; ++col) {
    if (g.columns[col].level > 0) {
      if (first_leveled < 0) first_leveled = col;
      c.levels.push_back(col);
    }
  }
  if (first_leveled >= 0) {
    for (int col = first_leveled - 1; col >= 0 && role(col) == ColumnRole::kLabel && g.columns[col].level == 0; --col) {
      c.levels.insert(c.levels.begin(), col);
    }
  } else {
    for (int col = 0; col < n; ++col) {
      if (role(col) == ColumnRole::kLabel) c.levels.push_back(col);
      else if (!c.levels.empty()) break;
    }
  }
  for (int col : c.levels) c.level_weight.push_back(role(col + 1) == ColumnRole::kWeight ? col + 1 : -1);
  // The indicator's own weight: beside the deepest level, or the first weight column beside none.
  if (!c.level_weight.empty() && c.level_weight.back() >= 0) c.weight = c.level_weight.back();
  for (int col = 0; col < n; ++col) {
    const tables::Column& k = g.columns[col];
    switch (k.role) {
      case ColumnRole::kWeight:
        if (c.weight < 0 && std::find(c.level_weight.begin(), c.level_weight.end(), col) == c.level_weight.end())
          c.weight = col;
        break;
      case ColumnRole::kScore:
        if (k.kind == "review") {
          if (c.review < 0) c.review = col;
        } else if (c.score < 0) {
          c.score = col;
        }
        break;
      case ColumnRole::kComparator: if (c.comparator < 0) c.comparator = col; break;
      case ColumnRole::kTarget: if (c.target < 0) c.target = col; break;
      case ColumnRole::kUnit: if (c.unit < 0) c.unit = col; break;
      case ColumnRole::kActual: if (c.actual < 0) c.actual = col; break;
      case ColumnRole::kText:
        if (k.kind == "criteria" && c.criteria < 0) c.criteria = col;
        else if ((k.kind == "note" || k.kind.empty()) && c.note < 0) c.note = col;
        break;
      default: break;
    }
  }
  return c;
}

class IndicatorReader {
 public:
  IndicatorReader(const DocumentContext& ctx, const tables::Grid& g, int table)
      : ctx_(ctx), g_(g), table_(table), cols_(columns_of(g)) {}

  bool is_indicator_table() const {
    if (g_.kind != "indicators" && g_.kind != "scores") return false;
    if (cols_.levels.empty()) return false;
    return cols_.target >= 0 || cols_.comparator >= 0 || cols_.weight >= 0 || cols_.score >= 0;
  }

  void run(std::vector<IndicatorRecord>& out, std::optional<StatedTotal>& total) {
    size_t first = out.size();
    // Where the table gives targets, weights or scores, a row without any is no indicator (a
    // 评价结论 or signature row run into the table).
    bool valued = false;
    for (int r = g_.header_rows; r < g_.n_rows && !valued; ++r) valued = has_values(r);
    int r = g_.header_rows;
    while (r < g_.n_rows) {
      if (g_.total_row[r]) {
        total = stated_total(r);
        break;  // what follows a total row is not part of the indicators (a form goes on)
      }
      const tables::Cell* anchor = leaf_cell(r);
      if (!anchor || header_row(r)) {
        ++r;
        continue;
      }
      // Rows under the same leaf cell are one indicator scored in parts.
      int end = r + 1;
      while (end < g_.n_rows && !g_.total_row[end] && leaf_cell(end) == anchor && !header_row(end)) ++end;
      bool any_value = false;
      for (int k = r; k < end && !any_value; ++k) any_value = has_values(k);
      if (!valued || any_value) out.push_back(indicator(r, end, *anchor));
      r = end;
    }
    join_page_continuations(out, first);
  }

 private:
  const tables::Cell* at(int row, int col) const { return col < 0 ? nullptr : g_.cell(row, col); }

  // A cell's text only where it starts in this row (not merged from above).
  const tables::Cell* own(int row, int col) const {
    const tables::Cell* c = at(row, col);
    return c && c->row == row ? c : nullptr;
  }

  bool header_row(int r) const {
    for (int c = 0; c < g_.n_cols; ++c) {
      const tables::Cell* cell = own(r, c);
      if (cell && !cell->header) return false;
    }
    return true;
  }

  bool has_values(int r) const {
    for (int col : {cols_.comparator, cols_.target, cols_.actual, cols_.weight, cols_.score, cols_.review}) {
      const tables::Cell* c = at(r, col);
      if (c && !c->header && !text::is_blank_text(c->text)) return true;
    }
    return false;
  }

  const tables::Cell* leaf_cell(int r) const {
    const tables::Cell* leaf = nullptr;
    for (int col : cols_.levels) {
      if (const tables::Cell* c = at(r, col); c && !c->header && !text::is_blank_text(c->text)) leaf = c;
    }
    return leaf;
  }

  std::optional<Decimal> number(const tables::Cell* c) const {
    if (!c) return std::nullopt;
    if (c->figure) return c->figure->value;
    if (auto w = weight_in(c->key)) return w;
    return std::nullopt;
  }

  // The weight label that ends folded text k ("投入管理指标(50分)", "7分)"), if any.
  std::optional<grammar::Match> weight_label_in(std::string_view k) const {
    return ctx_.grammar.indicators.weight_label.match_suffix(k);
  }
  // The weight a weight label carries: 50 of "(50分)".
  static std::optional<Decimal> weight_of(const std::optional<grammar::Match>& m) {
    if (!m || m->key.empty()) return std::nullopt;
    return Decimal::parse(m->key);
  }
  std::optional<Decimal> weight_in(std::string_view k) const { return weight_of(weight_label_in(k)); }

  // A level cell's name without its weight, and the weight: "投入管理指标(50分)" -> 投入管理指标, 50.
  struct Level {
    std::string name;
    std::optional<Decimal> weight;
  };
  Level read_level(const tables::Cell* c) const {
    if (!c) return {};
    Level l;
    l.name = text::display(c->text);
    std::optional<grammar::Match> m = weight_label_in(c->key);
    l.weight = weight_of(m);
    if (m && m->begin > 0) {
      // Cut the display form where the folded form's weight begins, counting characters.
      size_t chars = text::char_count(std::string_view(c->key).substr(0, m->begin));
      size_t i = 0;
      for (size_t n = 0; n < chars && i < l.name.size(); ++n) text::next_char(l.name, i);
      l.name = std::string(text::trim(std::string_view(l.name).substr(0, i)));
    }
    return l;
  }

  // The same for a level cell, worked out once: a merged level cell heads every indicator row
  // under it.
  const Level& level_of(const tables::Cell* c) const {
    auto [it, added] = levels_.try_emplace(c);
    if (added) it->second = read_level(c);
    return it->second;
  }

  IndicatorValue value_of(int row, int col, bool with_comparator) const {
    IndicatorValue v;
    const tables::Cell* c = at(row, col);
    if (c) v.raw = text::display(c->text);
    std::string k = c ? c->key : "";
    const grammar::IndicatorGrammar& ig = ctx_.grammar.indicators;
    if (with_comparator) {
      if (const tables::Cell* cc = at(row, cols_.comparator)) v.comparator = ig.comparator_at(cc->key).first;
    }
    auto [printed, length] = ig.comparator_at(k);
    if (!printed.empty() && printed != "定性") {
      if (v.comparator.empty()) v.comparator = printed;
      k = std::string(text::trim(k.substr(length)));
    }
    if (auto f = units::cell_figure(k, ctx_.grammar.units)) {
      v.value = f->value;
      const grammar::UnitWord* u = f->unit;
      if (!u) {
        PrintedUnit printed = printed_unit(ctx_, at(row, cols_.unit));
        u = printed.word;
        v.unit = std::move(printed.text);
      }
      if (u) {
        v.unit = units::unit_name(*u);
        if (u->kind == grammar::UnitKind::kMoney) v.value_yuan = units::to_yuan(f->value, *u);
      }
    } else if (!v.raw.empty() && with_comparator && v.comparator.empty()) {
      v.comparator = "定性";  // a qualitative target: 相关, 有效提高, 2021年1月-12月
    }
    return v;
  }

  IndicatorRecord indicator(int begin, int end, const tables::Cell& leaf) const {
    IndicatorRecord ind;
    ind.table = table_id(table_);
    ind.row = begin;
    ind.span = ctx_.source.span_of(leaf.range);
    // Levels from the outermost; with four label columns the fourth is the name.
    std::vector<std::string> names;
    std::vector<std::optional<Decimal>> weights;
    names.reserve(cols_.levels.size());
    weights.reserve(cols_.levels.size());
    for (size_t k = 0; k < cols_.levels.size(); ++k) {
      const tables::Cell* c = at(begin, cols_.levels[k]);
      if (c && c->header) c = nullptr;
      const Level& l = level_of(c);
      names.push_back(l.name);
      std::optional<Decimal> w = cols_.level_weight[k] >= 0 ? number(at(begin, cols_.level_weight[k])) : std::nullopt;
      weights.push_back(w ? w : l.weight);
    }
    auto level = [&](size_t k) { return k < names.size() ? std::move(names[k]) : std::string(); };  // each once
    auto level_weight = [&](size_t k) { return k < weights.size() ? weights[k] : std::nullopt; };
    ind.level1 = level(0), ind.level2 = level(1), ind.level3 = level(2);
    ind.level1_weight = level_weight(0), ind.level2_weight = level_weight(1), ind.level3_weight = level_weight(2);
    Level leaf_level = read_level(&leaf);
    ind.name = std::move(leaf_level.name);
    std::optional<Decimal> label_weight = leaf_level.weight;

    ind.target = value_of(begin, cols_.target, true);
    if (cols_.actual >= 0) ind.actual = value_of(begin, cols_.actual, false);
    if (const tables::Cell* c = at(begin, cols_.criteria)) ind.criteria = text::display(c->text);
    if (const tables::Cell* c = at(begin, cols_.note)) ind.note = text::display(c->text);

    if (end - begin == 1) {
      ind.weight = number(at(begin, cols_.weight));
      ind.weight_source = ind.weight ? "column" : "";
      if (!ind.weight && label_weight) ind.weight = label_weight, ind.weight_source = "label";
      ind.score = number(at(begin, cols_.score));
      ind.score_source = ind.score ? "column" : "";
      ind.review_score = number(at(begin, cols_.review));
      return ind;
    }
    read_parts(ind, begin, end, label_weight);
    return ind;
  }

  // An indicator scored in several rows: each row a criterion with its own weight and score.
  void read_parts(IndicatorRecord& ind, int begin, int end, const std::optional<Decimal>& label_weight) const {
    int text_col = cols_.note >= 0 ? cols_.note : cols_.criteria;
    Decimal weights, scores, reviews, deductions;
    bool any_weight = false, any_score = false, any_review = false, unscored = false;
    for (int r = begin; r < end; ++r) {
      IndicatorPart part;
      part.row = r;
      const tables::Cell* t = own(r, text_col);
      if (!t) t = own(r, cols_.criteria == text_col ? cols_.note : cols_.criteria);
      if (t) {
        part.text = text::display(t->text);
        part.span = ctx_.source.span_of(t->range);
      }
      part.weight = number(own(r, cols_.weight));
      part.score = number(own(r, cols_.score));
      part.review_score = number(own(r, cols_.review));
      if (part.weight) weights = weights + *part.weight, any_weight = true;
      if (part.score) scores = scores + *part.score, any_score = true;
      if (part.review_score) reviews = reviews + *part.review_score, any_review = true;
      if (part.weight && part.score) deductions = deductions + (*part.weight - *part.score);
      if (!part.weight && !part.score) unscored = true;
      ind.parts.push_back(std::move(part));
    }
    if (any_weight) ind.weight = weights, ind.weight_source = "parts";
    if (any_score) ind.score = scores, ind.score_source = "parts";
    if (any_review) ind.review_score = reviews;
    if (unscored && label_weight && any_weight && weights < *label_weight) {
      // A criterion printed without its figures: the weight the label states stands, and no
      // deduction is recorded for the criterion that lost its figures.
      ind.weight = label_weight;
      ind.weight_source = "label";
      ind.score = *label_weight - deductions;
      ind.score_source = "derived";
      ind.remarks.push_back("a criterion is printed without 分值 or 得分: weight " + label_weight->to_canonical() +
                            " from the label, score = weight - the deductions printed (" +
                            deductions.to_canonical() + ")");
    }
  }

  std::optional<StatedTotal> stated_total(int r) const {
    StatedTotal t;
    t.row = r;
    t.weight = number(own(r, cols_.weight));
    if (!t.weight) {
      for (int col : cols_.level_weight) {
        if (col >= 0 && (t.weight = number(own(r, col)))) break;
      }
    }
    t.score = number(own(r, cols_.score));
    t.review_score = number(own(r, cols_.review));
    const tables::Cell* label = nullptr;
    for (int c = 0; c < g_.n_cols && !label; ++c) label = own(r, c);
    if (label) t.span = ctx_.source.span_of(label->range);
    if (!t.weight && !t.score && !t.review_score) return std::nullopt;
    return t;
  }

  // A table cut by a page break sometimes repeats the next level-1 name over the rows that still
  // belong to the one before: "工作效果 (20分) | 完成指标 (20分) | 重点工作办结率" right after a break,
  // under 工作产出 (20分) whose 完成指标 (20分) this row continues.
  void join_page_continuations(std::vector<IndicatorRecord>& out, size_t first) const {
    for (size_t i = first + 1; i < out.size(); ++i) {
      IndicatorRecord& cur = out[i];
      const IndicatorRecord& prev = out[i - 1];
      if (cur.row < 0 || !g_.after_break[cur.row]) continue;
      if (cur.level2.empty() || cur.level2 != prev.level2 || cur.level2_weight != prev.level2_weight) continue;
      if (cur.level1 == prev.level1) continue;
      cur.remarks.push_back("continues " + prev.level1 + " / " + prev.level2 + " after a page break that printed " +
                            cur.level1 + " above it");
      cur.level1 = prev.level1;
      cur.level1_weight = prev.level1_weight;
    }
  }

  const DocumentContext& ctx_;
  const tables::Grid& g_;
  int table_;
  Columns cols_;
  mutable std::unordered_map<const tables::Cell*, Level> levels_;
};

}  // namespace

void read_indicators(const DocumentContext& ctx, const layout::Layout& layout, const std::vector<tables::Grid>& grids,
                     std::vector<IndicatorRecord>& out, std::vector<std::optional<StatedTotal>>& totals) {
  totals.assign(grids.size(), std::nullopt);
  for (size_t t = 0; t < grids.size(); ++t) {
    IndicatorReader reader(ctx, grids[t], static_cast<int>(t));
    if (reader.is_indicator_table()) reader.run(out, totals[t]);
  }
  if (out.empty()) read_indicator_runs(ctx, layout, out);
  for (size_t i = 0; i < out.size(); ++i) out[i].id = indicator_id(static_cast<int>(i));
}

}  // namespace budgetlens::extract::detail
