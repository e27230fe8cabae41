// Tables: total rows and columns, 其中 rows, classification codes, rate columns.
#include <algorithm>
#include <map>

#include "checks/families.h"
#include "checks/table_view.h"
#include "text/fold.h"

namespace budgetlens::checks::detail {
namespace {

using grammar::CheckRule;

bool is_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class TableChecks {
 public:
  TableChecks(Workspace& w, const TableView& v) : w_(w), v_(v) {
    for (const CheckRule* r : w.g.checks.family("of-which")) of_which_ = r;
    for (const CheckRule* r : w.g.checks.family("table-total")) total_ = r;
  }

  void total_rows() {
    if (!total_) return;
    for (int r = v_.first_body_row; r < v_.n_rows; ++r) {
      if (!v_.total_row[r] || !v_.has_figures(r)) continue;
      std::vector<int> range = covered_rows(r);
      if (range.empty()) continue;
      std::vector<std::vector<int>> candidates = row_sets(r, range);
      for (int c = 0; c < v_.n_cols; ++c) judge_column(*total_, "table_total", r, c, candidates, false);
    }
  }

  void of_which() {
    if (!of_which_) return;
    for (int s = std::max(v_.first_body_row + 1, 1); s < v_.n_rows; ++s) {
      if (!is_of_which(s) || is_of_which(s - 1)) continue;
      int parent = s - 1;
      if (parent < v_.first_body_row) continue;
      if (!v_.has_figures(parent) || v_.total_row[parent]) continue;
      int end = group_end(s, parent);
      // The group may end before the next break: a prefix that adds up exactly is the group.
      std::vector<std::vector<int>> candidates;
      for (int e = s + 1; e <= end; ++e) {
        std::vector<int> rows;
        for (int k = s; k < e; ++k) rows.push_back(k);
        candidates.push_back(rows);
      }
      std::reverse(candidates.begin(), candidates.end());  // the whole group first: it is reported
      for (int c = 0; c < v_.n_cols; ++c) judge_column(*of_which_, "of_which", parent, c, candidates, true);
    }
  }

  void total_columns(const CheckRule& rule) {
    if (v_.grid < 0) return;
    const grammar::Pattern& total = rule.pattern("pattern");
    for (int c = 0; c < v_.n_cols; ++c) {
      if (!total.valid() || !total.match_full(v_.col_key[c])) continue;
      std::vector<std::string> prefix(v_.col_path[c].begin(), v_.col_path[c].end() - 1);
      std::vector<int> parts = part_columns(rule, prefix, c);
      if (parts.empty()) continue;
      for (int r = v_.first_body_row; r < v_.n_rows; ++r) {
        int s = v_.value(r, c);
        if (s < 0 || !w_.is_addable(s)) continue;
        std::vector<int> figures;
        for (int pc : parts) {
          int f = v_.value(r, pc);
          if (f >= 0 && w_.same_dimension(s, f)) figures.push_back(f);
        }
        if (figures.empty()) continue;
        CheckRecord& rec = w_.add(rule, "table_total", s);
        w_.judge_sum(rec, rule, s, figures, {}, false);
      }
    }
  }

  void codes(const CheckRule& rule) {
    const grammar::Pattern& valid = rule.pattern("pattern");
    if (!valid.valid()) return;
    std::multimap<std::string, int> rows_by_code;
    for (int r = v_.first_body_row; r < v_.n_rows; ++r) {
      if (is_digits(v_.code[r])) rows_by_code.emplace(v_.code[r], r);
    }
    for (int r = v_.first_body_row; r < v_.n_rows; ++r) {
      const std::string& code = v_.code[r];
      if (!is_digits(code) || !valid.match_full(code)) continue;
      std::vector<int> children;
      for (auto it = rows_by_code.lower_bound(code); it != rows_by_code.end() && it->first.compare(0, code.size(), code) == 0; ++it) {
        if (it->first.size() == code.size() + 2) children.push_back(it->second);
      }
      std::sort(children.begin(), children.end());
      if (children.empty()) continue;
      for (int c = 0; c < v_.n_cols; ++c) judge_column(rule, "code_hierarchy", r, c, {children}, false);
    }
  }

  void rates(const CheckRule& rule) {
    if (v_.grid < 0) return;
    const std::string formula = rule.word("formula");
    const bool difference = formula == "difference", change = difference || formula == "change";
    const grammar::Pattern& rate = rule.pattern("pattern");
    for (int c = 0; c < v_.n_cols; ++c) {
      if (!rate.valid() || !rate.match_full(v_.col_key[c])) continue;
      int a = nearest_column(rule.pattern(change ? "current" : "numerator"), c, -1);
      int b = nearest_column(rule.pattern(change ? "previous" : "denominator"), c, a);
      if (a < 0 || b < 0 || (change && !order_by_year(rule.pattern("year"), a, b))) continue;
      for (int r = v_.first_body_row; r < v_.n_rows; ++r) {
        int p = v_.value(r, c), x = v_.value(r, a), y = v_.value(r, b);
        if (p < 0 || x < 0 || y < 0 || !w_.is_addable(x) || !w_.same_dimension(x, y)) continue;
        if (difference ? !w_.same_dimension(p, x) : !w_.is_percent(p)) continue;
        CheckRecord& rec = w_.add(rule, "rate", p);
        if (difference) {
          w_.judge_sum(rec, rule, p, {x, y}, {1, -1}, false);
        } else if (change) {
          w_.judge_change_rate(rec, p, x, y);
        } else {
          w_.judge_ratio(rec, p, x, y);
        }
      }
    }
  }

 private:
  bool is_of_which(int r) const {
    return of_which_ && of_which_->pattern("pattern").valid() && of_which_->pattern("pattern").match_prefix(v_.row_key[r]);
  }
  bool is_item(int r) const {
    const grammar::Pattern& p = total_ ? total_->pattern("item") : kNoPattern;
    return p.valid() && p.match_prefix(v_.row_key[r]).has_value();
  }
  bool is_subtotal(int r) const {
    const grammar::Pattern& p = total_ ? total_->pattern("subtotal") : kNoPattern;
    return v_.total_row[r] && p.valid() && p.match_full(v_.row_key[r]);
  }

  // The rows a total row covers: those above it back to the header or the total before, or, for a
  // total printed first, those below it to the next total.
  std::vector<int> covered_rows(int r) const {
    // Rows without figures are kept: a "其中:" row may print none and still open a group.
    std::vector<int> above, below;
    bool figures = false;
    for (int k = r - 1; k >= v_.first_body_row && !v_.total_row[k]; --k) {
      above.insert(above.begin(), k);
      figures |= v_.has_figures(k);
    }
    if (figures) return above;
    for (int k = r + 1; k < v_.n_rows && !v_.total_row[k]; ++k) below.push_back(k);
    return below;
  }

  // The rows after a 其中 row that belong to its group: up to a total, an item of the parent's
  // level, a row without figures or the end.
  int group_end(int s, int parent) const {
    int e = s + 1;
    static const std::string kNone;
    const std::string& pc = parent >= 0 ? v_.code[parent] : kNone;
    while (e < v_.n_rows && !v_.total_row[e] && v_.has_figures(e) && !is_item(e) && !is_of_which(e) &&
           !(is_digits(pc) && is_digits(v_.code[e]) && v_.code[e].size() <= pc.size())) {
      ++e;
    }
    return e;
  }

  // Where the 其中 group from row s ends: at the longest run of its rows that adds up to the row
  // above it, as the of_which check reads the group, so that a total the group's rows do not fit is
  // reported against the rows the table shows ("公务用车购置及运行费 / 其中:购置费 / 运行费 /
  // 公务接待费": 公务接待费 is no part of the group when 购置费 + 运行费 make its parent); else where
  // nothing marks its end.
  int settled_group_end(int s) const {
    const int end = group_end(s, -1), parent = s - 1;
    if (!of_which_ || parent < v_.first_body_row || !v_.has_figures(parent)) return end;
    for (int e = end; e > s; --e) {
      if (adds_up_to(parent, s, e)) return e;
    }
    return end;
  }

  // Whether rows [from, to) add up to row r in every column where both print figures (one at least).
  bool adds_up_to(int r, int from, int to) const {
    bool any = false;
    for (int c = 0; c < v_.n_cols; ++c) {
      const int s = v_.value(r, c);
      if (s < 0 || !w_.is_addable(s)) continue;
      std::vector<Amount> terms;
      for (int k = from; k < to; ++k) {
        const int f = v_.value(k, c);
        if (f >= 0 && w_.same_dimension(s, f)) terms.push_back(w_.amount(f));
      }
      if (terms.empty()) continue;
      if (verify_sum(w_.amount(s), terms, of_which_->exact).status == Status::kFail) return false;
      any = true;
    }
    return any;
  }

  // Readings of which rows a total adds, the one reported when none adds up first: the top level
  // of a hierarchy (codes, 一、二、 items), the subtotals, every row but the parts of 其中 groups,
  // the total before and the rows after it, every row but the 其中 rows themselves.
  std::vector<std::vector<int>> row_sets(int r, const std::vector<int>& range) const {
    std::vector<std::vector<int>> sets;
    size_t shortest = 0;
    for (int k : range) {
      if (is_digits(v_.code[k]) && (shortest == 0 || v_.code[k].size() < shortest)) shortest = v_.code[k].size();
    }
    std::vector<int> top, items, subtotals, plain, loose;
    for (int k : range) {
      if (shortest && is_digits(v_.code[k]) && v_.code[k].size() == shortest) top.push_back(k);
      if (is_item(k)) items.push_back(k);
    }
    if (!is_subtotal(r)) {
      for (int k = r - 1; k >= v_.first_body_row; --k) {
        if (v_.total_row[k] && !is_subtotal(k)) break;
        if (is_subtotal(k)) subtotals.insert(subtotals.begin(), k);
      }
    }
    // Every row but the parts of 其中 groups: each group as far as it adds up to its parent
    // (settled), and as far as nothing marks its end (widest).
    std::vector<int> widest;
    for (auto [rows, settled] : {std::pair{&plain, true}, std::pair{&widest, false}}) {
      for (size_t x = 0; x < range.size(); ++x) {
        int k = range[x];
        if (is_of_which(k)) {
          int e = settled ? settled_group_end(k) : group_end(k, -1);
          while (x + 1 < range.size() && range[x + 1] < e) ++x;
          continue;
        }
        rows->push_back(k);
      }
    }
    for (int k : range) {
      if (!is_of_which(k)) loose.push_back(k);
    }
    for (auto* s : {&top, &items, &subtotals, &plain}) {
      if (!s->empty()) sets.push_back(*s);
    }
    if (widest != plain && !widest.empty()) sets.push_back(widest);
    int before = range.front() - 1;
    if (range.front() < r && before >= v_.first_body_row && v_.total_row[before] && v_.has_figures(before)) {
      std::vector<int> chained = {before};
      chained.insert(chained.end(), plain.begin(), plain.end());
      sets.push_back(chained);
    }
    if (loose != plain) sets.push_back(loose);
    // A 其中 group without markers may end before the next break: "公务用车购置及运行费 / 其中:购置费
    // / 运行费 / 公务接待费" — each shorter extent of the first group is a reading too.
    for (size_t x = 0; x < range.size(); ++x) {
      int k = range[x];
      if (!is_of_which(k)) continue;
      for (int e = k + 1; e < group_end(k, -1); ++e) {
        std::vector<int> shorter;
        for (int j : range) {
          if (j < k || j >= e) shorter.push_back(j);
        }
        sets.push_back(shorter);
      }
      break;
    }
    // "总额 / 其中:财政资金 / 财政专户管理资金 / 单位资金": 其中 introducing every part.
    if (range != loose) sets.push_back(range);
    return sets;
  }

  // Judges the figure of row `r`, column `c` against the rows of the first reading that adds up
  // (or is within rounding); when none does, against the first reading.
  void judge_column(const CheckRule& rule, std::string_view family, int r, int c,
                    const std::vector<std::vector<int>>& readings, bool open) {
    int s = v_.value(r, c);
    if (s < 0 || !w_.is_addable(s)) return;
    std::vector<int> chosen;
    Status best = Status::kFail;
    // A row whose figures stand in one cell across this column and others (a spaced row short of
    // figures: which is whose is not printed) leaves the sum of its reading unknown.
    const tables::Cell* unplaced = nullptr;
    auto unplaced_at = [&](int k) -> const tables::Cell* {
      if (v_.grid < 0) return nullptr;  // a paragraph's run-together rows have no cells
      const tables::Cell* cell = w_.in.grids[v_.grid].cell(k, c);
      const bool figures =
          cell && cell->colspan > 1 && !cell->header && !cell->figure &&
          std::any_of(cell->key.begin(), cell->key.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
      return figures ? cell : nullptr;
    };
    const std::vector<int>* chosen_rows = nullptr;
    for (const std::vector<int>& rows : readings) {
      auto blind = std::find_if(rows.begin(), rows.end(), [&](int k) { return unplaced_at(k) != nullptr; });
      if (blind != rows.end()) {
        if (!unplaced) unplaced = unplaced_at(*blind);
        continue;
      }
      std::vector<int> parts;
      std::vector<Amount> terms;
      for (int k : rows) {
        int f = v_.value(k, c);
        if (f < 0 || !w_.same_dimension(s, f)) continue;
        parts.push_back(f);
        terms.push_back(w_.amount(f));
      }
      if (parts.empty()) continue;
      Status st = verify_sum(w_.amount(s), terms, rule.exact).status;
      if (chosen.empty() || st < best) {
        chosen = parts;
        chosen_rows = &rows;
        best = st;
      }
      if (best == Status::kPass) break;
    }

    if (chosen.empty() && unplaced) {
      CheckRecord& rec = w_.add(rule, family, s);
      w_.skip(rec, w_.name(s) + " " + w_.q(s).value.to_string() + w_.q(s).unit +
                       "：所合计的一行的数未分列（" + text::display(unplaced->text) + "），此列之和不可知");
      return;
    }
    if (chosen.empty()) {
      // A total printed over rows that print nothing in its column: nothing to add it from.
      if (!w_.amount(s).value.is_zero() && family == "table_total") {
        CheckRecord& rec = w_.add(rule, family, s);
        w_.skip(rec, w_.name(s) + " " + w_.q(s).value.to_string() + w_.q(s).unit + "：所合计的各行在此列没有数");
      }
      return;
    }
    CheckRecord& rec = w_.add(rule, family, s);
    w_.judge_sum(rec, rule, s, chosen, {}, open);
    // A sum that falls short names the rows it adds that print nothing in the column: as printed
    // the table does not add up, and the reader sees where a figure may have been left out.
    if (rec.status == "fail" && rec.difference && rec.difference->sign() > 0 && chosen_rows) {
      if (std::string blanks = blank_rows(*chosen_rows, c); !blanks.empty())
        rec.message += "；" + blanks + "在此列没有数";
    }
  }

  // The names of the rows among `rows` that have no cell in column c (、 joined), or "".
  std::string blank_rows(const std::vector<int>& rows, int c) const {
    if (v_.grid < 0) return {};
    const tables::Grid& g = w_.in.grids[v_.grid];
    std::string names;
    for (int k : rows) {
      if (v_.value(k, c) >= 0 || g.cell(k, c)) continue;
      const tables::Cell* name = nullptr;
      for (int col = 0; col < g.n_cols && !name; ++col) {
        const tables::Cell* cell = g.cell(k, col);
        if (cell && !cell->header && g.columns[col].role == grammar::ColumnRole::kLabel) name = cell;
      }
      names += (names.empty() ? "" : "、") +
               (name ? text::display(name->text) : "第" + std::to_string(k + 1) + "行");
    }
    return names;
  }

  // Columns whose sum a total column under `prefix` states: each child group's own total column
  // when it has one, else its parts, leaving out the columns the rule excludes.
  std::vector<int> part_columns(const CheckRule& rule, const std::vector<std::string>& prefix, int self) const {
    const grammar::Pattern& exclude = rule.pattern("exclude");
    const grammar::Pattern& total = rule.pattern("pattern");
    const tables::Grid& g = w_.in.grids[v_.grid];
    std::vector<std::pair<std::string, std::vector<int>>> groups;
    for (int c = 0; c < v_.n_cols; ++c) {
      const std::vector<std::string>& path = v_.col_path[c];
      if (c == self || path.size() <= prefix.size() || !std::equal(prefix.begin(), prefix.end(), path.begin())) continue;
      grammar::ColumnRole role = g.columns[c].role;
      if (role != grammar::ColumnRole::kAmount && role != grammar::ColumnRole::kUnknown && role != grammar::ColumnRole::kCount) continue;
      bool excluded = false;
      for (size_t k = prefix.size(); k < path.size(); ++k) excluded |= exclude.valid() && exclude.find(path[k]).has_value();
      if (excluded) continue;
      const std::string& seg = path[prefix.size()];
      auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& gr) { return gr.first == seg; });
      if (it == groups.end()) {
        groups.push_back({seg, {c}});
      } else {
        it->second.push_back(c);
      }
    }
    std::vector<int> out;
    for (const auto& [seg, cols] : groups) {
      if (cols.size() == 1 && v_.col_path[cols[0]].size() == prefix.size() + 1) {
        out.push_back(cols[0]);
        continue;
      }
      std::vector<std::string> deeper = prefix;
      deeper.push_back(seg);
      int own_total = -1;
      for (int c : cols) {
        if (v_.col_path[c].size() == deeper.size() + 1 && total.valid() && total.match_full(v_.col_path[c].back())) own_total = c;
      }
      if (own_total >= 0) {
        out.push_back(own_total);
      } else {
        std::vector<int> sub = part_columns(rule, deeper, -1);
        out.insert(out.end(), sub.begin(), sub.end());
      }
    }
    return out;
  }

  // The column nearest to `c` (the left first at equal distance) whose header matches, other than `not_this`.
  // Columns `current` and `previous` of a change, swapped when both name a year (in their own
  // header or a group header above it) and `current`'s is the earlier; false when they name the same
  // year, which is no change.
  bool order_by_year(const grammar::Pattern& year, int& current, int& previous) const {
    if (!year.valid()) return true;
    auto year_of = [&](int c) {
      std::optional<grammar::Match> m = year.find(v_.col_key[c]);
      return m ? m : year.find(v_.col_name[c]);
    };
    const std::optional<grammar::Match> now = year_of(current), before = year_of(previous);
    if (!now || !before) return true;
    if (now->key == before->key) return false;
    if (now->key < before->key) std::swap(current, previous);  // four digits each: compared as text
    return true;
  }

  int nearest_column(const grammar::Pattern& p, int c, int not_this) const {
    if (!p.valid()) return -1;
    for (int d = 1; d < v_.n_cols; ++d) {
      for (int x : {c - d, c + d}) {
        if (x < 0 || x >= v_.n_cols || x == not_this) continue;
        // Its own header, or its path: 预算数 under 2024年 is 2024年预算数.
        if (p.match_full(v_.col_key[x]) || (v_.col_path[x].size() > 1 && p.match_full(v_.col_name[x])))
          return x;
      }
    }
    return -1;
  }

  static inline const grammar::Pattern kNoPattern{};
  Workspace& w_;
  const TableView& v_;
  const CheckRule* of_which_ = nullptr;
  const CheckRule* total_ = nullptr;
};

}  // namespace

void check_tables(Workspace& w, const std::vector<TableView>& views) {
  for (const TableView& v : views) {
    if (v.grid >= 0 && (w.in.grids[v.grid].kind == "indicators" || w.in.grids[v.grid].kind == "scores")) continue;
    TableChecks t(w, v);
    t.total_rows();
    t.of_which();
    for (const grammar::CheckRule* r : w.g.checks.family("column-total")) t.total_columns(*r);
    for (const grammar::CheckRule* r : w.g.checks.family("code-hierarchy")) t.codes(*r);
    for (const grammar::CheckRule* r : w.g.checks.family("rate")) t.rates(*r);
  }
}

}  // namespace budgetlens::checks::detail
