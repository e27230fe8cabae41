// Rates and changes in running text:
//   完成年初预算的131.02%        the actual figure of the sentence over its budget figure
//   占一般公共预算支出的96.74%   the figure over the total it names
//   比上年减少23.95万元,下降1.98%  the change over last year's figure (this year's ± the change),
//                                 the direction of the change and of its rate agreeing; when both
//                                 years are printed, the change equals their difference
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string_view>

#include "checks/families.h"
#include "text/utf8.h"

namespace budgetlens::checks::detail {
namespace {

using grammar::CheckRule;

// "2016年三公经费预算拨入" and "三公经费预算拨入" name the same thing in different years.
std::string without_year(const std::string& key) {
  size_t i = 0;
  while (i + 4 <= key.size() && std::isdigit(static_cast<unsigned char>(key[i]))) ++i;
  if (i == 4 && key.compare(4, 3, "年") == 0) {
    size_t j = 7;
    if (key.compare(j, 3, "度") == 0) j += 3;
    return key.substr(j);
  }
  return key;
}

class TextRates {
 public:
  explicit TextRates(Workspace& w) : w_(w) {}

  void completion(const CheckRule& rule) {
    const grammar::Pattern& relation = rule.pattern("relation");
    // A final account's figure that names no phase is what was spent: "2023年度…支出324.10万元,年初
    // 预算为300.00万元,完成年初预算的108.03%".
    const bool spent_unless_said = w_.natural_phase() == Phase::kActual;
    for (int p = 0; p < w_.size(); ++p) {
      if (!w_.in_text(p) || !w_.is_percent(p) || !relation.valid()) continue;
      std::string rel = w_.key(w_.context(p).relation);
      if (rel.empty() || !relation.match_full(rel)) continue;
      int actual = -1, budget = -1, unmarked = -1;
      for (int i = p - 1; i >= 0 && same_sentence(i, p); --i) {
        if (!w_.is_money(i) || !w_.context(i).relation.empty()) continue;
        if (actual < 0 && w_.phase(i) == Phase::kActual) actual = i;
        if (budget < 0 && w_.phase(i) == Phase::kBudget) budget = i;
        if (unmarked < 0 && spent_unless_said && w_.phase(i) == Phase::kNone &&
            w_.subject_key(i) == w_.subject_key(p))
          unmarked = i;
      }
      if (actual < 0) actual = unmarked;
      CheckRecord& r = w_.add(rule, "rate", p);
      if (actual < 0 || budget < 0) {
        w_.skip(r, w_.name(p) + " " + w_.q(p).value.to_string() + "%：同一句中没有" +
                       (actual < 0 ? std::string("决算数") : std::string("预算数")));
        continue;
      }
      w_.judge_ratio(r, p, actual, budget);
    }
  }

  void shares(const CheckRule& rule) {
    for (int p = 0; p < w_.size(); ++p) {
      if (!w_.in_text(p) || !w_.is_percent(p)) continue;
      const std::optional<std::string> of = w_.share_base(w_.context(p).relation);
      if (!of || of->empty()) continue;  // "占26.79%": of the list's total, see list.shares
      const std::string& base = *of;
      int owner = -1;
      for (int i = p - 1; i >= 0 && same_sentence(i, p); --i) {
        if (w_.is_money(i) && w_.context(i).relation.empty() && w_.attribute_key(i) != base) {
          owner = i;
          break;
        }
      }
      int whole = base_figure(base, p, owner);
      CheckRecord& r = w_.add(rule, "rate", p);
      if (owner < 0 || whole < 0) {
        w_.skip(r, w_.name(p) + " " + w_.q(p).value.to_string() + "%：" +
                       (owner < 0 ? std::string("没有找到所占的金额") : "文中没有“" + base + "”的金额"));
        continue;
      }
      w_.judge_ratio(r, p, owner, whole);
    }
  }

  void changes(const CheckRule& rule) {
    const grammar::Pattern& up = rule.pattern("increase");
    const grammar::Pattern& down = rule.pattern("decrease");
    const grammar::Pattern& rate_words = rule.pattern("rate");
    const grammar::Pattern& budget_words = rule.pattern("versus-budget");
    const grammar::Pattern& ratio_words = rule.pattern("ratio");
    const grammar::Pattern& last_year = rule.pattern("last-year");
    std::vector<bool> paired(static_cast<size_t>(w_.size()), false);  // rates given to a change
    auto is_rate_of = [&](int x, int i) {
      if (!w_.is_percent(i) || !rate_words.valid() || !rate_words.find(w_.key(w_.context(i).relation)))
        return false;
      const std::string& a = w_.subject_key(x);
      const std::string& b = w_.subject_key(i);
      return a.empty() || b.empty() || a == b;
    };
    for (int x = 0; x < w_.size(); ++x) {
      if (!w_.in_text(x) || !w_.is_money(x)) continue;
      std::string rel = w_.key(w_.context(x).relation);
      // A rate (执行率) or a share is no change of an amount.
      if (rel.empty() || (ratio_words.valid() && ratio_words.find(rel)) || w_.is_share_key(rel)) continue;
      if (against_budget(rel, budget_words, last_year)) continue;
      int direction = down.valid() && down.find(rel) ? -1 : (up.valid() && up.find(rel) ? 1 : 0);
      if (direction == 0) continue;
      int rate = -1;
      // Its rate: the next percentage of a change in the sentence, of the same subject ("收、支总计
      // …各减少1267.86,2570.97万元,各下降23.51%、38.28%" pairs them in order).
      for (int i = x + 1; i < w_.size() && same_period(x, i); ++i) {
        if (w_.is_money(i) && w_.context(i).relation.empty()) break;
        if (!is_rate_of(x, i)) continue;
        rate = i;
        break;
      }
      // Or the percentage printed right before it, no other's ("同比增长7.9%,增收913万元").
      if (rate < 0 && x > 0 && same_period(x, x - 1) && is_rate_of(x, x - 1) && !paired[x - 1]) rate = x - 1;
      if (rate >= 0) paired[rate] = true;
      auto [now, before] = current_and_previous(x, rule);
      if (now >= 0 && before >= 0) {
        // Both years printed: the change is their difference.
        CheckRecord& r = w_.add(rule, "yoy", x);
        w_.judge_sum(r, rule, x, direction > 0 ? std::vector<int>{now, before} : std::vector<int>{before, now}, {1, -1}, false);
        r.formula = "change";
      }
      if (rate < 0) continue;
      std::string rate_rel = w_.key(w_.context(rate).relation);
      int rate_direction = down.valid() && down.find(rate_rel) ? -1 : (up.valid() && up.find(rate_rel) ? 1 : 0);
      CheckRecord& r = w_.add(rule, "yoy", rate);
      if (rate_direction != 0 && rate_direction != direction && !w_.q(rate).value.is_zero()) {
        r.operands = {w_.operand(x)};
        r.formula = "direction";
        r.status = "fail";
        r.message = w_.name(rate) + " " + w_.q(rate).value.to_string() + "% 与 " + w_.name(x) + " " +
                    w_.q(x).value.to_string() + w_.q(x).unit + " 的增减方向相反";
        continue;
      }
      if (now < 0) {
        w_.skip(r, w_.name(rate) + " " + w_.q(rate).value.to_string() + "%：没有找到本期数");
        continue;
      }
      // Last year's figure is this year's minus an increase, plus a decrease.
      Amount current = w_.amount(now), change = w_.amount(x);
      Amount previous{direction > 0 ? current.value - change.value : current.value + change.value,
                      current.resolution + change.resolution};
      r.operands = {w_.operand(x), w_.operand(now)};
      w_.judge_percent(r, rate, change, previous,
                       w_.q(x).value.to_string() + " / (" + w_.name(now) + " " + w_.q(now).value.to_string() +
                           (direction > 0 ? " - " : " + ") + w_.q(x).value.to_string() + ")");
      r.formula = "change";
    }
  }

 private:
  bool same_sentence(int a, int b) const {
    return w_.in_text(a) && w_.in_text(b) && w_.context(a).block == w_.context(b).block &&
           w_.context(a).sentence == w_.context(b).sentence;
  }

  // "比预算增加", "较2018年年初预算数增加" in a 2018 report: against this year's budget, not last
  // year; "比2023年预算减少" in a 2024 budget compares two years' budgets.
  bool against_budget(const std::string& rel, const grammar::Pattern& budget_words,
                      const grammar::Pattern& last_year) const {
    if (!budget_words.valid() || !budget_words.find(rel)) return false;
    if (last_year.valid() && last_year.find(rel)) return false;
    for (size_t i = 0; i + 7 <= rel.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(rel[i])) || rel.compare(i + 4, 3, "年") != 0) continue;
      int year = std::atoi(rel.substr(i, 4).c_str());
      const std::optional<int>& own = w_.in.outline.year;
      return !(own && year < *own);  // an earlier year: a change over a year
    }
    return true;
  }

  bool same_period(int a, int b) const {
    return w_.in_text(a) && w_.in_text(b) && w_.context(a).block == w_.context(b).block && w_.period(a) == w_.period(b);
  }

  // The figure a share is of: printed in its sentence after 占 ("占年初预算10065万元的"), or a
  // figure of that name before it in the document, the nearest.
  int base_figure(const std::string& base, int p, int owner) const {
    for (int i = p - 1; i >= 0 && same_sentence(i, p); --i) {
      if (i != owner && w_.is_money(i) && w_.attribute_key(i) == base) return i;
    }
    // Else the nearest figure before p whose name (subject, or subject and attribute) ends in it, or
    // in a budget in it without its tail; or whose subject does without its own tail.
    const grammar::CheckGrammar& g = w_.g.checks;
    const std::string loose_base = w_.in.outline.kind == "budget" ? without_tail(base, g.budget_tail) : base;
    for (int i = p - 1; i >= 0; --i) {
      if (i == owner || !w_.is_money(i) || !w_.in_text(i) || !w_.context(i).relation.empty()) continue;
      const std::string& s = w_.subject_key(i);
      if (s.ends_with(base) || ends_in(s, w_.attribute_key(i), base)) return i;
      if (!w_.attribute_key(i).empty()) continue;
      // Found in the name at all before its tail is looked for: most names hold no base.
      if (s.ends_with(loose_base) ||
          (s.find(base) != std::string::npos && without_tail(s, g.spent_tail).ends_with(base)))
        return i;
    }
    return -1;
  }

  // A name without the tail `tail` matches at its end, when at least four characters are left: a
  // shorter name (支出) is no figure's own.
  static std::string without_tail(const std::string& name, const grammar::Pattern& tail) {
    constexpr size_t kMinChars = 4;
    if (!tail.valid()) return name;
    const std::optional<grammar::Match> m = tail.match_suffix(name);
    if (!m || m->begin == 0 || text::char_count(std::string_view(name).substr(0, m->begin)) < kMinChars)
      return name;
    return name.substr(0, m->begin);
  }

  // Whether a + b ends in `suffix`, without joining them.
  static bool ends_in(const std::string& a, const std::string& b, const std::string& suffix) {
    if (suffix.size() <= b.size()) return b.ends_with(suffix);
    const size_t head = suffix.size() - b.size();
    return a.size() >= head && a.compare(a.size() - head, head, suffix, 0, head) == 0 &&
           std::string_view(suffix).substr(head) == b;
  }

  // This year's figure of the subject a change is about, and last year's when it is printed too
  // ("公务接待费2016年预算8万元,2015年预算12.5万元;对比减少4.35万元", "支出251万元,比上年累计支出
  // 285万元下降34万元").
  std::pair<int, int> current_and_previous(int x, const CheckRule& rule) const {
    // A change named after last year's figure ("比上年累计支出285万元下降34万元") is about the
    // subject before that figure.
    const grammar::Pattern& last_year = w_.g.checks.previous;
    const std::string subject = last_year.valid() && last_year.match_full(w_.subject_key(x))
                                    ? std::string()
                                    : without_year(w_.subject_key(x));
    std::vector<int> same;
    int previous = -1;
    for (int i = x - 1; i >= 0 && w_.in_text(i) && w_.context(i).block == w_.context(x).block; --i) {
      if (w_.context(i).sentence + 1 < w_.context(x).sentence) break;
      if (!w_.is_money(i) || !w_.context(i).relation.empty()) {
        if (!same.empty()) break;  // another change or rate between: a different subject
        continue;
      }
      if (w_.phase(i) == Phase::kPrevious) {
        if (previous < 0 && same.empty()) previous = i;
        continue;
      }
      std::string s = without_year(w_.subject_key(i));
      bool named = subject.empty() || s.empty() || s.ends_with(subject) || subject.ends_with(s) ||
                   s.starts_with(subject) || subject.starts_with(s);
      if (!named) {
        if (same.empty() && !subject.empty()) continue;
        break;
      }
      if (!same.empty() && w_.context(i).sentence != w_.context(same.back()).sentence &&
          !(w_.context(i).year && w_.context(same.back()).year)) {
        break;
      }
      same.push_back(i);
      if (same.size() == 2 || previous >= 0) break;
    }
    if (same.empty()) {
      // Named in a paragraph of its own before: "公务接待费支出决算16.85万元" … "公务接待费…比去年减少".
      if (subject.empty()) return {-1, -1};
      if (const grammar::Pattern& joint = rule.pattern("joint"); joint.valid() && joint.match_full(subject)) {
        return {joint_figure(x, rule.pattern("joint-parts")), -1};
      }
      for (int i = x - 1; i >= 0; --i) {
        if (!named_amount_before(i, x)) continue;
        if (w_.phase(i) != Phase::kPrevious && without_year(w_.subject_key(i)) == subject) return {i, -1};
      }
      return {-1, -1};
    }
    if (previous >= 0) return {same[0], previous};
    if (same.size() == 2) {
      int a = same[0], b = same[1];
      int ya = w_.context(a).year, yb = w_.context(b).year;
      if (ya && yb && ya != yb) return ya > yb ? std::pair{a, b} : std::pair{b, a};
    }
    return {same[0], -1};
  }

  // Whether figure i, before x, is an amount of running text in x's section named by itself: no
  // change or rate of another.
  bool named_amount_before(int i, int x) const {
    return w_.in_text(i) && w_.q(i).section == w_.q(x).section && w_.is_money(i) &&
           w_.context(i).relation.empty();
  }

  // The figure of a subject that names several at once ("收入支出总体", "收支": 收入总计 and 支出总计):
  // the latest before x of the first part named, when the nearest figure of every part before x
  // has the same value; else -1, the parts telling no one figure.
  int joint_figure(int x, const grammar::Pattern& parts) const {
    if (!parts.valid()) return -1;
    std::vector<std::pair<std::string, int>> nearest;  // part named, its latest figure
    for (int i = x - 1; i >= 0; --i) {
      if (!named_amount_before(i, x)) continue;
      const std::optional<grammar::Match> m = parts.match_suffix(w_.subject_key(i));
      if (!m) continue;
      const std::string part = w_.subject_key(i).substr(m->begin);
      if (std::none_of(nearest.begin(), nearest.end(), [&](const auto& n) { return n.first == part; }))
        nearest.emplace_back(part, i);
    }
    if (nearest.size() < 2) return -1;
    for (const auto& [part, i] : nearest) {
      if (w_.q(i).value_yuan != w_.q(nearest.front().second).value_yuan) return -1;
    }
    return nearest.front().second;
  }

  Workspace& w_;
};

}  // namespace

void check_text_rates(Workspace& w) {
  TextRates t(w);
  for (const grammar::CheckRule* r : w.g.checks.family("completion")) t.completion(*r);
  for (const grammar::CheckRule* r : w.g.checks.family("share")) t.shares(*r);
  for (const grammar::CheckRule* r : w.g.checks.family("yoy")) t.changes(*r);
}

}  // namespace budgetlens::checks::detail
