// Internal to checks/: what every family reads and how it reports.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/arithmetic.h"
#include "checks/checks.h"

namespace budgetlens::checks::detail {

// Whether a figure is a budget (年初预算, 预算数) or an actual (决算, 执行数) figure, last year's
// figure printed for comparison ("较上年2.08"), or none of these.
enum class Phase { kNone, kBudget, kActual, kPrevious };

class Workspace {
 public:
  Workspace(const Inputs& inputs, const grammar::Grammar& grammar);

  const Inputs& in;
  const grammar::Grammar& g;

  int size() const { return static_cast<int>(quantities().size()); }
  const std::vector<QuantityRecord>& quantities() const { return in.extraction.quantities; }
  const QuantityRecord& q(int i) const { return quantities()[i]; }
  const extract::FigureContext& context(int i) const { return in.extraction.contexts[i]; }
  bool in_text(int i) const { return q(i).table.empty(); }
  // The grid index of a table figure, -1 for running text.
  int grid_of(int i) const { return grid_[i]; }
  // The figure in a cell of a grid, or -1.
  int cell(int grid, int row, int col) const;

  // Folded text for matching grammar patterns.
  std::string key(std::string_view s) const;
  // The subject of a figure, folded: the clause's subject in text, the row label in a table.
  const std::string& subject_key(int i) const { return subject_key_[i]; }
  // The attribute of a text figure ("决算", "年初预算数"), folded; empty in tables.
  const std::string& attribute_key(int i) const { return attribute_key_[i]; }
  Phase phase(int i) const { return phase_[i]; }
  // The phase of the document's own figures, which a figure that names none has: actual in a final
  // account, budget in a budget, none otherwise.
  Phase natural_phase() const {
    return in.outline.kind == "final_accounts" ? Phase::kActual
           : in.outline.kind == "budget"       ? Phase::kBudget
                                               : Phase::kNone;
  }
  // Which sentence of its paragraph a text figure is in, counting only 。!? (not ;).
  int period(int i) const { return period_[i]; }
  Phase phase_of(std::string_view attribute) const;
  Phase phase_of_key(const std::string& key) const;
  // What a share is of, when a relation is a share's (see the grammar's share attribute): "一般公共
  // 预算支出" for 占一般公共预算支出的比重, "" for a bare 占 (the head of the share's list).
  std::optional<std::string> share_base(std::string_view relation) const;
  bool is_share_key(std::string_view key) const {
    return g.checks.share.valid() && g.checks.share.match_prefix(key).has_value();
  }

  bool is_money(int i) const { return q(i).kind == "money" && q(i).value_yuan.has_value(); }
  bool is_percent(int i) const { return q(i).kind == "percent"; }
  // A figure that can be added to others: money, or a count with a unit.
  bool is_addable(int i) const { return is_money(i) || q(i).kind == "count"; }
  // True iff a and b are in units that add (both money, or the same count unit).
  bool same_dimension(int a, int b) const;
  Amount amount(int i) const;
  // amount(i).value, without working out its resolution.
  const Decimal& value(int i) const { return is_money(i) ? *q(i).value_yuan : q(i).value; }
  // An amount in the base unit of figure i (money in 元) shown in i's own unit.
  Decimal in_unit_of(int i, const Decimal& base) const;

  // How a figure is named in messages: "收入总计", "合计 · 2020年实际执行数".
  std::string name(int i) const;
  CheckOperand operand(int i) const;

  // A new record for `rule`, stated by figure `stated` (its span and operand).
  CheckRecord& add(const grammar::CheckRule& rule, std::string_view family, int stated);
  // Fills a record from comparing figure `stated` with the sum of `parts` (signs: +1/-1 each, or
  // empty for all +1). A sum that falls short in a list that does not claim to be complete takes
  // the rule's open severity.
  void judge_sum(CheckRecord& r, const grammar::CheckRule& rule, int stated, const std::vector<int>& parts,
                 const std::vector<int>& signs, bool open);
  // Fills a record from comparing the percentage `stated` with 100 × a / b (ratio), or with
  // 100 × (a − b) / b (the change from b to a).
  void judge_ratio(CheckRecord& r, int stated, int a, int b);
  void judge_change_rate(CheckRecord& r, int stated, int current, int previous);
  // The same with the operands as amounts (derived values), described by `expression`.
  void judge_percent(CheckRecord& r, int stated, const Amount& numerator, const Amount& denominator,
                     const std::string& expression);
  // Fills a record from comparing figure `stated` with `other`, the same figure printed elsewhere.
  void judge_same(CheckRecord& r, const grammar::CheckRule& rule, int stated, int other);
  void skip(CheckRecord& r, std::string reason);

  // True iff a list already found figure i to be the sum of parts that include all of `parts`
  // (pass or rounding): an identity over fewer of them would only repeat it wrongly.
  bool listed_with(int i, const std::vector<int>& parts) const;
  // The records found so far.
  const std::vector<CheckRecord>& records() const { return out_; }

  std::vector<CheckRecord> finish();

 private:
  std::vector<int> grid_;
  std::vector<std::string> subject_key_;
  std::vector<std::string> attribute_key_;
  std::vector<Phase> phase_;
  std::vector<int> period_;
  std::vector<int> power_;  // a money figure's unit as a power of ten of 元 (万元: 4), looked up once
  std::vector<std::vector<int>> cells_;  // per grid: n_rows × n_cols figure index or -1
  std::vector<CheckRecord> out_;
  std::vector<std::vector<size_t>> lists_of_;  // per figure: the list records it is the total of
};

std::string decimal_text(const Decimal& d);

}  // namespace budgetlens::checks::detail
