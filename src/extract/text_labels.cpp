// The labels of figures in running text: the words of a figure's clause, stripped of markers and
// verbs, and split into subject, relation and attribute; a figure whose clause names nothing is of
// the subject before it.
#include <algorithm>

#include "extract/paragraph.h"
#include "text/utf8.h"

namespace budgetlens::extract::detail {
namespace {

class Labeller {
 public:
  Labeller(const ParagraphText& text, const std::vector<std::pair<size_t, size_t>>& codes,
           std::vector<Found>& found, std::vector<int>& hits)
      : p_(text),
        g_(text.ctx.grammar),
        f_(text.f),
        interruptions_(text.interruptions),
        codes_(codes),
        found_(found),
        hits_(hits) {}

  void label_all() {
    // The subject of the clause before, and where it ends without its attribute: a relation or
    // another attribute is about the core ("工资福利支出 / 同比减少", "公务接待费 / 2015年预算").
    size_t subject_b = 0, subject_e = 0, subject_core_e = 0;
    size_t subject_said = 0;  // where the subject was last taken up: its end, or a change of it after
    size_t previous_end = 0;
    // "占年初预算" after "占年初预算10065万元": the relation of a following share, as printed.
    std::string share_relation;
    std::vector<std::string> distributed;
    std::string distributed_relation;
    size_t distributed_next = 0;
    for (size_t k = 0; k < found_.size(); ++k) {
      Found& f = found_[k];
      if (f.labelled) {
        previous_end = f.figure.end;
        continue;
      }
      size_t end = f.figure.begin - f.fused_head;
      size_t b = clause_begin(previous_end, end), e = end;
      // A code opens the name, after what strip() takes off ("其中 2010302 一般行政管理事务").
      strip(b, e);
      for (const auto& [cb, ce] : codes_) {
        if (cb >= b && ce <= e && p_.view(b, cb).find_first_not_of(" :") == std::string_view::npos) {
          f.code = std::string(p_.view(cb, ce));
          b = ce;
          strip(b, e);
        }
      }
      // Separators alone name nothing: the last figure of "12.50、15.25和18.00万元" is named as the
      // others are, not 和.
      if (b < e && p_.only_list_separators(b, e)) b = e;
      if (g_.labels.total_tail.valid() && text::char_count(p_.view(b, e)) > 8) {
        if (auto m = g_.labels.total_tail.match_suffix(p_.view(b, e)); m && m->end > m->begin) b += m->begin;
      }
      // "年末固定资产原值:96.31万元": a figure right after a colon is named by what precedes it.
      if (b >= e && end > 0 && f_.text[end - 1 - (f_.text[end - 1] == ' ' && end > 1 ? 1 : 0)] == ':') {
        size_t colon = f_.text.rfind(':', end - 1);
        if (colon != std::string::npos && colon >= previous_end) {
          b = clause_begin(previous_end, colon);
          e = colon;
          strip(b, e);
        }
      }
      if (b >= e && g_.labels.postfix.size()) {
        for (const grammar::Pattern& p : g_.labels.postfix) {
          // A miss reads as an empty key. Written `m && m->key_end > …`, the compiler compared the
          // key before testing for a match, on bytes a miss leaves unset: harmless, but memcheck
          // (valgrind.memcheck) reports it.
          const grammar::Match m =
              p.match_prefix(p_.view(f.figure.end, f_.text.size())).value_or(grammar::Match{});
          if (m.key_end > m.key_begin) {
            b = f.figure.end + m.key_begin;
            e = f.figure.end + m.key_end;
            strip(b, e);
            break;
          }
        }
      }
      // A sentence ends the subject, unless the next starts with a change of it and names no other
      // ("其他收入15.62万元,为…取得的收入。比上年减少14.58万元,下降48.28%").
      subject_said = std::max(subject_said, subject_e);
      if (subject_e > subject_b && p_.sentence_break(subject_said, f.figure.begin)) {
        if (b < e && p_.opens_the_next_sentence(subject_said, b) && matches_full(g_.labels.relations, b, e)) {
          subject_said = b;
        } else {
          subject_b = subject_e = subject_core_e = 0;
          share_relation.clear();
        }
      }

      // "收、支总计各是4125.49,4143.91万元": heads and a common tail, handed out in order; a later
      // clause "各下降23.51%、38.28%" hands out the same heads again with its relation.
      if (b < e && g_.labels.distribute.valid()) {
        if (auto groups = g_.labels.distribute.full_groups(p_.view(b, e))) {
          distributed = split_heads((*groups)[0], (*groups)[1]);
          distributed_relation = p_.shown_text((*groups)[2]);
          distributed_next = 0;
        } else if (const std::string& again = g_.labels.distribute_again;
                   !distributed.empty() && !again.empty() && p_.view(b, e).starts_with(again)) {
          distributed_relation = p_.shown_text(p_.view(b, e).substr(again.size()));
          distributed_next = 0;
        } else {
          distributed.clear();
        }
      }
      if (!distributed.empty() && distributed_next < distributed.size()) {
        f.subject = distributed[distributed_next++];
        f.relation = distributed_relation;
        f.label = f.subject + (f.relation.empty() ? "" : " / " + f.relation);
        previous_end = f.figure.end;
        continue;
      }

      bool is_money = f.unit && f.unit->kind == grammar::UnitKind::kMoney;
      bool has_subject = subject_e > subject_b;
      // Each asked only where the branches below can tell its answer: the share base of an amount
      // after a subject, and whether the words are an attribute when they are no relation.
      std::optional<grammar::Match> base = g_.labels.share_base.valid() && b < e && is_money && has_subject
                                               ? g_.labels.share_base.match_prefix(p_.view(b, e))
                                               : std::nullopt;
      bool relation = b < e && matches_full(g_.labels.relations, b, e);
      bool attribute = b < e && !relation && matches_full(g_.labels.attributes, b, e);
      // A miss reads as an empty match, as with postfix above: written `base->`, the compiler warns
      // that it may read the fields of a miss.
      const grammar::Match share = base.value_or(grammar::Match{});
      if (is_money && base && share.end == e - b && has_subject) {
        // "占年初预算10065万元": the amount the share is of.
        f.subject = p_.shown(subject_b, subject_e);
        f.attribute = p_.shown(b + share.key_begin, b + share.key_end);
        share_relation = p_.shown(b, b + share.key_begin) + f.attribute;  // 占 and the name, as printed
      } else if (has_subject && !share_relation.empty() && (b >= e || only_a_suffix(b, e))) {
        // "占年初预算10065万元的43.2%": the share after its base.
        f.subject = p_.shown(subject_b, subject_e);
        f.relation = share_relation;
        share_relation.clear();
      } else if (b >= e && has_subject) {
        f.subject = p_.shown(subject_b, subject_e);
      } else if (relation && has_subject) {
        f.subject = p_.shown(subject_b, subject_core_e);
        f.relation = p_.shown(b, e);
      } else if (attribute && has_subject) {
        f.subject = p_.shown(subject_b, subject_core_e);
        f.attribute = p_.shown(b, e);
      } else {
        size_t core = b < e ? subject_end(b, e) : e;
        f.subject = p_.shown(b, core);
        (relation_suffix(core, e) ? f.relation : f.attribute) = p_.shown(core, e);
        if (relation) {
          f.relation = p_.shown(b, e);
          f.attribute.clear();
          f.subject.clear();
          const ClauseSubject before = subject_of_clause_before(previous_end, b);
          if (before.end > before.begin) {
            // Later figures of the sentence are about it too ("…,下降13.01%").
            subject_b = before.begin;
            subject_e = before.end;
            subject_core_e = subject_end(subject_b, subject_e);
            f.subject = p_.shown(subject_b, subject_core_e);
            // "收入支出总体与上年相比,增加…": the change is against what that clause names.
            if (before.basis_end > before.basis_begin)
              f.relation = p_.shown(before.basis_begin, before.basis_end) + f.relation;
          }
        }
        if (b < e && !relation && !attribute) {
          subject_b = b;
          subject_e = e;
          subject_core_e = core;
          share_relation.clear();
        }
      }
      f.label = f.subject;
      for (const std::string* part : {&f.attribute, &f.relation}) {
        if (part->empty()) continue;
        // A label printed in one piece keeps its form ("一般公共服务支出(类)年初预算"); a part that
        // comes from the clause before is set off by " / ".
        bool printed_together = f.subject.empty() || p_.shown(b, e) == f.subject + *part;
        f.label += (printed_together ? "" : " / ") + *part;
      }
      f.label_begin = b;
      f.label_end = e;
      previous_end = f.figure.end;
    }
  }

 private:
  bool is_boundary(char32_t c) const { return g_.labels.boundaries.find(c) != std::u32string::npos; }

  // Start of the clause that ends at `end`: after the last boundary or figure before it, or at the
  // last item marker ("二、") when a flattened table runs items together.
  size_t clause_begin(size_t floor, size_t end) const {
    size_t begin = floor;
    // Byte by byte: where a byte ends no boundary character, no character ending there is one; where
    // one does, a decoding that does not end there (the byte is inside a longer character) is none.
    for (size_t i = end; i > floor; --i) {
      if (!g_.labels.boundary_last_byte[static_cast<unsigned char>(f_.text[i - 1])]) continue;
      size_t j = i;
      if (is_boundary(text::prev_char(f_.text, j))) {
        begin = i;
        break;
      }
    }
    for (const auto& [b, e] : interruptions_.left_in) {
      if (e > begin && e <= end) begin = e;
    }
    if (g_.labels.item_marker.valid()) {
      for (size_t from = begin; from < end;) {
        std::optional<grammar::Match> m = g_.labels.item_marker.find(p_.view(0, end), from);
        if (!m) break;
        if (m->begin > begin) begin = m->begin;
        from = std::max(m->end, m->begin + 1);  // a grammar's marker may match nothing
      }
    }
    return begin;
  }

  void strip(size_t& b, size_t& e) const {
    for (int round = 0; round < 6; ++round) {
      bool changed = false;
      while (b < e && f_.text[b] == ' ') ++b, changed = true;
      // Each prefix pattern in turn, on what the ones before it left.
      const grammar::PatternSet& prefixes = g_.labels.strip_prefix;
      for (size_t next = 0; next < prefixes.size();) {
        prefixes.matching(grammar::Anchor::kPrefix, p_.view(b, e), hits_);
        auto hit = std::lower_bound(hits_.begin(), hits_.end(), static_cast<int>(next));
        if (hit == hits_.end()) break;
        if (auto m = prefixes[*hit].match_prefix(p_.view(b, e)); m && m->key_end > 0) {
          b += m->key_end;
          changed = true;
        }
        next = *hit + 1;
      }
      for (const grammar::Pattern& p : g_.labels.strip_suffix) {
        if (auto m = p.match_suffix(p_.view(b, e)); m && m->end > m->key_begin && m->key_begin > 0) {
          e = b + m->key_begin;
          changed = true;
        }
      }
      while (e > b && f_.text[e - 1] == ' ') --e, changed = true;
      if (!changed) break;
    }
  }

  // Whether the words [b, e) are only what strip() takes off a label's end ("的"), which it leaves
  // when nothing else would be left.
  bool only_a_suffix(size_t b, size_t e) const {
    for (const grammar::Pattern& p : g_.labels.strip_suffix) {
      if (p.match_full(p_.view(b, e))) return true;
    }
    return false;
  }

  bool matches_full(const grammar::PatternSet& patterns, size_t b, size_t e) const {
    return patterns.any(grammar::Anchor::kFull, p_.view(b, e));
  }

  // The subject named by the figureless clause that ends just before `b` (grammar: subject-clause),
  // as a range of the folded text, empty when there is none in the same sentence.
  struct ClauseSubject {
    size_t begin = 0, end = 0;              // the subject
    size_t basis_begin = 0, basis_end = 0;  // what it is compared with, when that is all the clause says
  };
  ClauseSubject subject_of_clause_before(size_t floor, size_t b) const {
    if (!g_.labels.subject_clause.valid() || b <= floor) return {};
    size_t e = b;
    while (e > floor) {  // back over the boundary that ends the clause before
      size_t j = e;
      char32_t c = text::prev_char(f_.text, j);
      if (c == ',' || c == U'，') {
        e = j;
        break;
      }
      if (!(c == ' ')) return {};
      e = j;
    }
    size_t cb = clause_begin(floor, e);
    strip(cb, e);
    if (cb >= e || p_.sentence_break(cb, b)) return {};
    const auto groups = g_.labels.subject_clause.full_groups(p_.view(cb, e));
    if (!groups || groups->empty() || (*groups)[0].empty()) return {};
    auto at = [&](std::string_view g) { return static_cast<size_t>(g.data() - f_.text.data()); };
    ClauseSubject out{at((*groups)[0]), at((*groups)[0]) + (*groups)[0].size()};
    if (groups->size() > 1 && !(*groups)[1].empty()) {
      out.basis_begin = at((*groups)[1]);
      out.basis_end = out.basis_begin + (*groups)[1].size();
    }
    return out;
  }

  // True iff the text [b, e) is a relation (比上年减少, 完成年初预算的 …).
  bool relation_suffix(size_t b, size_t e) const { return b < e && matches_full(g_.labels.relations, b, e); }

  // Where the subject of a label ends: before a trailing relation or attribute.
  size_t subject_end(size_t b, size_t e) const {
    size_t best = e;
    for (const grammar::PatternSet* list : {&g_.labels.relations, &g_.labels.attributes}) {
      list->matching(grammar::Anchor::kSuffix, p_.view(b, e), hits_);
      for (int k : hits_) {
        auto m = (*list)[k].match_suffix(p_.view(b, e));
        if (m && m->begin > 0 && m->end > m->begin) best = std::min(best, b + m->begin);
      }
    }
    return best;
  }

  // "收、支" + "总计" -> 收总计, 支总计. The heads are parallel words, so the first is cut to the
  // length of the last ("2022年度收" -> 收).
  std::vector<std::string> split_heads(std::string_view list, std::string_view tail) const {
    std::vector<std::string_view> heads;
    size_t start = 0;
    for (size_t p; (p = list.find("、", start)) != std::string_view::npos; start = p + 3) {
      heads.push_back(list.substr(start, p - start));
    }
    heads.push_back(list.substr(start));
    size_t width = text::char_count(heads.back());
    std::string_view& first = heads.front();
    while (text::char_count(first) > width) {
      size_t i = 0;
      text::next_char(first, i);
      first.remove_prefix(i);
    }
    std::vector<std::string> out;
    for (std::string_view h : heads) out.push_back(p_.shown_text(h) + p_.shown_text(tail));
    return out;
  }

  const ParagraphText& p_;
  const grammar::Grammar& g_;
  const text::FoldedText& f_;
  const Interruptions& interruptions_;
  const std::vector<std::pair<size_t, size_t>>& codes_;
  std::vector<Found>& found_;
  std::vector<int>& hits_;  // patterns of a set that match, reused by every query
};

}  // namespace

void label_figures(const ParagraphText& text, const std::vector<std::pair<size_t, size_t>>& codes,
                   std::vector<Found>& found, std::vector<int>& hits) {
  Labeller(text, codes, found, hits).label_all();
}

}  // namespace budgetlens::extract::detail
