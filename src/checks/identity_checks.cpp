// Named identities: a total and its parts found by their names wherever the document prints them
// (基本支出 = 人员经费 + 公用经费, 收入总计 = 支出总计 …), in the same table column or the same
// section of running text, nearest first.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <string_view>
#include <unordered_map>

#include "checks/families.h"

namespace budgetlens::checks::detail {
namespace {

using grammar::CheckRule;

class Identities {
 public:
  explicit Identities(Workspace& w) : w_(w) {
    natural_ = w.natural_phase();
    // Candidates by place: a table's figures, a section's figures of running text; and the names
    // of the rules each one's name ends with, in one pass for all of them.
    names_.resize(w.size());
    place_of_.assign(w.size(), -1);
    std::unordered_map<std::string_view, int> tables, sections;  // a place's index, by its id
    for (int i = 0; i < w.size(); ++i) {
      if (!candidate(i)) continue;
      const QuantityRecord& q = w.q(i);
      auto [place, added] =
          (q.table.empty() ? sections : tables)
              .try_emplace(q.table.empty() ? q.section : q.table, static_cast<int>(places_.size()));
      if (added) places_.emplace_back();
      place_of_[i] = place->second;
      places_[place->second].push_back(i);
      if (const std::string& k = w.subject_key(i); !k.empty()) {
        w.g.checks.identity_names.matching(grammar::Anchor::kSuffix, k, names_[i]);
      }
    }
    // What the lists found: the total each part belongs to, and the totals that head a list.
    head_of_.assign(w.size(), -1);
    heads_.assign(w.size(), false);
    for (const CheckRecord& r : w.records()) {
      if (r.family != "list" || r.stated_operand.id.empty()) continue;
      int head = index_of(r.stated_operand.id);
      if (head < 0) continue;
      if (r.status != "skipped") heads_[head] = true;
      for (const CheckOperand& o : r.operands) {
        int part = index_of(o.id);
        if (part >= 0 && head_of_[part] < 0) head_of_[part] = head;
      }
    }
  }

  void run(const CheckRule& rule) {
    if (!rule.total.valid() || rule.parts.empty()) return;
    for (int t = 0; t < w_.size(); ++t) {
      if (!named(rule.total_in_names, t) || !candidate(t)) continue;  // the name first: it is the cheaper
      std::vector<int> parts;
      std::vector<std::string> missing;
      for (const CheckRule::Part& part : rule.parts) {
        int found = nearest(part.in_names, t, parts);
        if (found >= 0) {
          parts.push_back(found);
        } else if (!part.optional) {
          missing.push_back(part.name);
        }
      }
      if (parts.empty()) continue;  // nothing of the identity here
      if (w_.listed_with(t, parts)) continue;  // printed with these and more parts, which add up
      CheckRecord& r = w_.add(rule, "identity", t);
      if (!missing.empty()) {
        for (int p : parts) r.operands.push_back(w_.operand(p));
        std::string names;
        for (const std::string& m : missing) names += (names.empty() ? "" : "、") + m;
        w_.skip(r, rule.name + "：" + w_.name(t) + " " + w_.q(t).value.to_string() + w_.q(t).unit + " 的组成项未找到（" + names + "）");
        continue;
      }
      w_.judge_sum(r, rule, t, parts, {}, false);
      r.message = rule.name + "：" + r.message;
    }
  }

 private:
  // A figure that can be a total or a part: money or a count, and in text one that is no change or rate.
  bool candidate(int i) const { return w_.is_addable(i) && (!w_.in_text(i) || w_.context(i).relation.empty()); }

  // Whether figure i's name ends with identity name `name` (an index in identity_names).
  bool named(int name, int i) const {
    return name >= 0 && std::binary_search(names_[i].begin(), names_[i].end(), name);
  }

  bool phases_agree(Phase a, Phase b) const {
    return a == b || (a == Phase::kNone && b == natural_) || (b == Phase::kNone && a == natural_);
  }

  // The figure with identity name `name` that goes with total `t`: in the same table column, or in
  // the running text of the same section; of the same dimension, phase and year; the nearest one.
  // Found by walking out from the total through the figures of its place with that name, nearest first, so
  // that a section of ten thousand figures of one name is not searched once for each of them.
  int nearest(int name, int t, const std::vector<int>& taken) {
    const QuantityRecord& total = w_.q(t);
    const std::vector<int>& named_here = named_in(name, place_of_[t]);
    auto offset = [&](int i) { return w_.q(i).span.offset; };
    size_t right = std::lower_bound(named_here.begin(), named_here.end(), total.span.offset,
                                    [&](int i, uint64_t o) { return offset(i) < o; }) -
                   named_here.begin();
    size_t left = right;  // named_here[left - 1] and named_here[right] are the next candidates
    while (left > 0 || right < named_here.size()) {
      bool take_left = left > 0 && (right == named_here.size() ||
                                    total.span.offset - offset(named_here[left - 1]) <= offset(named_here[right]) - total.span.offset);
      int i = take_left ? named_here[--left] : named_here[right++];
      if (goes_with(t, i, taken)) return i;
    }
    return -1;
  }

  bool goes_with(int t, int i, const std::vector<int>& taken) const {
    const QuantityRecord& total = w_.q(t);
    if (i == t || !w_.same_dimension(t, i)) return false;
    if (std::find(taken.begin(), taken.end(), i) != taken.end()) return false;
    const QuantityRecord& q = w_.q(i);
    if (total.table != q.table) return false;
    if (!total.table.empty() ? q.col != total.col : q.section != total.section) return false;
    if (!phases_agree(w_.phase(t), w_.phase(i))) return false;
    // From another paragraph, a figure that is a part of another total's list belongs to that
    // total, and one that heads a list of its own is that paragraph's subject, not a part.
    if (w_.in_text(i) && w_.context(i).block != w_.context(t).block) {
      int head = head_of_[i];
      if ((head >= 0 && head != t) || heads_[i]) return false;
    }
    if (w_.in_text(t)) {
      int ty = w_.context(t).year, y = w_.context(i).year;
      if (ty && y && ty != y) return false;
    }
    return true;
  }

  // The candidates of a place with identity name `name`, by their offset in the file; worked out once.
  const std::vector<int>& named_in(int name, int place) {
    auto [it, added] = named_.try_emplace({name, place});
    if (!added) return it->second;
    for (int i : places_[place]) {
      if (named(name, i)) it->second.push_back(i);
    }
    std::stable_sort(it->second.begin(), it->second.end(),
                     [&](int a, int b) { return w_.q(a).span.offset < w_.q(b).span.offset; });
    return it->second;
  }

  // "q12" -> 11
  int index_of(const std::string& id) const {
    if (id.size() < 2 || id[0] != 'q') return -1;
    int i = std::atoi(id.c_str() + 1) - 1;
    return i >= 0 && i < w_.size() && w_.q(i).id == id ? i : -1;
  }

  Workspace& w_;
  Phase natural_ = Phase::kNone;
  // The places: a table, or a section's running text; the figures of each, and each figure's place
  // (-1 for one that is no candidate).
  std::vector<std::vector<int>> places_;
  std::vector<int> place_of_;
  std::vector<std::vector<int>> names_;  // per figure: the identity names it has, ascending
  std::map<std::pair<int, int>, std::vector<int>> named_;  // by identity name and place
  std::vector<int> head_of_;
  std::vector<bool> heads_;
};

}  // namespace

void check_identities(Workspace& w) {
  Identities ids(w);
  for (const grammar::CheckRule* rule : w.g.checks.family("identity")) ids.run(*rule);
}

}  // namespace budgetlens::checks::detail
