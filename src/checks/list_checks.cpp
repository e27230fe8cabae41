// Lists in running text: a total followed by 其中/包括 and its parts in the same sentence, or a
// paragraph followed by numbered paragraphs whose first figures are its parts; and the shares of a
// list's parts, which add up to 100%.
#include <algorithm>
#include <map>
#include <optional>

#include "checks/families.h"
#include "text/numerals.h"
#include "text/utf8.h"

namespace budgetlens::checks::detail {
namespace {

using grammar::CheckRule;

struct Paragraph {
  int block = -1;
  std::vector<int> figures;       // text figures, in order
  std::vector<std::string> gaps;  // folded text before each figure, and after the last one
  std::vector<int> sentence;      // per figure: which sentence (split at 。!?) it is in
  std::string style;              // marker style of a numbered paragraph, "" otherwise
};

bool has_any(std::string_view s, std::initializer_list<std::string_view> marks) {
  for (std::string_view m : marks) {
    if (text::find_word(s, m) != std::string_view::npos) return true;
  }
  return false;
}

bool ends_sentence(std::string_view gap) { return has_any(gap, {"。", "!", "?"}); }

// A list's total is printed close before it: the heads are looked for among this many figures
// before the claim. The documents of corpus/ and ../shared have at most seven candidates; a
// "sentence" of thousands of figures (a table run into one line) would otherwise make every claim
// in it read all the figures before it.
constexpr int kHeadsLookBack = 64;

// Heads of one kind (budget or actual, one year) and the parts that go with them.
struct HeadGroup {
  Phase phase = Phase::kNone;
  int year = 0;
  std::vector<int> heads;  // nearest to the list first
  bool takes_unphased = false;
};

class Lists {
 public:
  explicit Lists(Workspace& w) : w_(w) {
    for (const CheckRule* r : w.g.checks.family("list")) rule_ = r;
    for (const CheckRule* r : w.g.checks.family("share-sum")) shares_ = r;
    for (const CheckRule* r : w.g.checks.family("share")) share_ = r;
    if (rule_) {  // asked of every gap: looked up once
      open_claims_ = &rule_->pattern("open");
      claims_ = &rule_->pattern("claims");
      open_tail_ = rule_->word("open-tail");
    }
    natural_ = w.natural_phase();
    read_paragraphs();
  }

  void run() {
    if (!rule_) return;
    for (size_t i = 0; i < paragraphs_.size(); ++i) sentence_lists(i);
    numbered_lists();
  }

 private:
  // ---- paragraphs -------------------------------------------------------------------------

  void read_paragraphs() {
    std::map<int, std::vector<int>> by_block;
    for (int i = 0; i < w_.size(); ++i) {
      if (w_.in_text(i) && w_.context(i).fused_row < 0) by_block[w_.context(i).block].push_back(i);
    }
    const std::string& text = w_.in.source.text;
    std::string folded;
    for (size_t b = 0; b < w_.in.layout.blocks.size(); ++b) {
      const layout::Block& block = w_.in.layout.blocks[b];
      if (block.kind != layout::BlockKind::kParagraph || w_.in.outline.in_toc[b]) continue;
      Paragraph p;
      p.block = static_cast<int>(b);
      p.style = block.style;
      auto it = by_block.find(p.block);
      if (it != by_block.end()) p.figures = std::move(it->second);
      p.gaps.reserve(p.figures.size() + 1);
      p.sentence.reserve(p.figures.size());
      uint32_t from = block.range.begin;
      int sentence = 0;
      for (int i : p.figures) {
        TextRange r = w_.context(i).range;
        uint32_t to = std::max(from, r.begin);
        p.gaps.push_back(w_.key(std::string_view(text).substr(from, to - from)));
        if (ends_sentence(p.gaps.back()) && !p.sentence.empty()) ++sentence;
        p.sentence.push_back(sentence);
        from = std::max(from, r.end);
      }
      uint32_t end = std::max(from, block.range.end);
      if (p.figures.empty()) {
        p.gaps.emplace_back(
            layout::block_key(w_.in.layout, w_.in.source, block, folded));  // folded by layout/
      } else {
        p.gaps.push_back(w_.key(std::string_view(text).substr(from, end - from)));
      }
      paragraphs_.push_back(std::move(p));
    }
  }

  // A figure that can be a total or a part: an amount with no change or rate, not last year's.
  bool is_subject(int i) const {
    return w_.in_text(i) && w_.context(i).relation.empty() && w_.is_addable(i) && w_.phase(i) != Phase::kPrevious;
  }

  // ---- claims -----------------------------------------------------------------------------

  struct Claim {
    size_t end = 0;  // in the gap, just after the claim word
    bool open = false;
  };

  // The last claim word of a gap ("其中", "包括", "主要有" …).
  std::optional<Claim> claim_in(std::string_view gap) const {
    std::optional<Claim> last;
    for (bool open : {true, false}) {  // at the same place, 主要包括 is open, not 包括
      const grammar::Pattern& p = open ? *open_claims_ : *claims_;
      if (!p.valid()) continue;
      for (size_t from = 0; from < gap.size();) {
        auto m = p.find(gap, from);
        if (!m || m->end <= m->begin) break;
        if (!last || m->end > last->end) last = Claim{m->end, open};
        from = m->end;
      }
    }
    return last;
  }

  // The claim a paragraph ends with ("…8,936.35万元,其中:", "具体如下:"), if it ends with one.
  std::optional<Claim> closing_claim(const Paragraph& p) const {
    std::optional<Claim> claim = claim_in(p.gaps.back());
    if (claim && claim->end + 1 >= p.gaps.back().size()) return claim;
    return std::nullopt;
  }

  // What follows a claim word before the first part: nothing but punctuation and a marker, or a
  // clause without a figure (an item that has none), or a list of words (主要包括:基本工资、津贴…)
  // or a note in brackets, which are no lists of figures.
  enum class Lead { kFigure, kFigureless, kWords };
  Lead lead_after(std::string_view rest) const {
    while (!rest.empty() && (rest.front() == ':' || rest.front() == ',' || rest.front() == ' ')) rest.remove_prefix(1);
    // "(包括…)" closing before any figure: a note inside a name, no list.
    if (std::count(rest.begin(), rest.end(), ')') > std::count(rest.begin(), rest.end(), '(')) return Lead::kWords;
    size_t boundary = std::min(rest.find_first_of(",;"), rest.find("。"));
    if (boundary == std::string_view::npos) return Lead::kFigure;  // the first part follows
    size_t pause = rest.find("、");
    return pause < boundary ? Lead::kWords : Lead::kFigureless;
  }

  // ---- heads and parts --------------------------------------------------------------------

  // Heads grouped by phase, and by year when the parts name years (2016年预算 …, 2015年预算 …).
  std::vector<HeadGroup> group_heads(const std::vector<int>& heads, bool by_year) const {
    std::vector<HeadGroup> groups;
    for (int h : heads) {
      Phase ph = w_.phase(h);
      int year = by_year ? w_.context(h).year : 0;
      auto it = std::find_if(groups.begin(), groups.end(), [&](const HeadGroup& g) { return g.phase == ph && g.year == year; });
      if (it == groups.end()) {
        groups.push_back({ph, year, {h}, false});
      } else {
        it->heads.push_back(h);
      }
    }
    // Parts that say neither budget nor actual go with the heads that say neither, else with the
    // document's own kind of figure, else with the actual figures.
    auto take = [&](Phase ph) {
      bool any = false;
      for (HeadGroup& g : groups) {
        if (g.phase == ph) g.takes_unphased = any = true;
      }
      return any;
    };
    if (!take(Phase::kNone) && !(natural_ != Phase::kNone && take(natural_)) && !take(Phase::kActual) && !groups.empty()) {
      groups.front().takes_unphased = true;
    }
    return groups;
  }

  bool fits(int part, int head, const HeadGroup& g) const {
    if (!w_.same_dimension(head, part)) return false;
    Phase ph = w_.phase(part);
    if (ph == Phase::kPrevious) return false;  // "较上年2.08": last year's figure, no part
    if (!(ph == g.phase || (ph == Phase::kNone && g.takes_unphased))) return false;
    int year = w_.context(part).year;
    return year == 0 || g.year == 0 || year == g.year;
  }

  // Judges one group of heads against its parts: the first head that the parts add up to, else
  // the nearest head that may be their total. A head printed away from the list (an earlier
  // sentence, the paragraph before) is no total of parts larger than itself; the `confident` head
  // (-1: none) is printed with the list.
  void judge(const HeadGroup& g, const std::vector<int>& parts, int confident, int missing_item, bool open) {
    const Decimal* largest_part = nullptr;
    for (int p : parts) {
      if (!largest_part || w_.value(p) > *largest_part) largest_part = &w_.value(p);
    }
    std::vector<int> eligible;
    for (int h : g.heads) {
      if (std::find(parts.begin(), parts.end(), h) != parts.end()) continue;
      bool larger_part = largest_part && *largest_part > w_.value(h);
      if (larger_part && h != confident) continue;
      eligible.push_back(h);
    }
    if (eligible.empty() || (parts.empty() && missing_item < 0)) return;
    // One part of a list that does not claim to be complete says nothing when it falls short.
    if (open && missing_item < 0 && parts.size() == 1 && w_.amount(parts[0]).value <= w_.amount(eligible.front()).value) return;
    if (missing_item >= 0) {
      CheckRecord& r = w_.add(*rule_, "list", eligible.front());
      for (int p : parts) r.operands.push_back(w_.operand(p));
      w_.skip(r, w_.name(eligible.front()) + " 所列第" + std::to_string(missing_item + 1) + "项没有对应的金额，无法核对");
      return;
    }
    int chosen = eligible.front();
    std::vector<Amount> terms;
    for (int p : parts) terms.push_back(w_.amount(p));
    for (int h : eligible) {
      if (verify_sum(w_.amount(h), terms, false).status != Status::kFail) {
        chosen = h;
        break;
      }
    }
    CheckRecord& r = w_.add(*rule_, "list", chosen);
    w_.judge_sum(r, *rule_, chosen, parts, {}, open);
    if (r.status != "fail") share_sum(chosen, parts);
  }

  // ---- lists inside a paragraph -------------------------------------------------------------

  void sentence_lists(size_t index) {
    const Paragraph& p = paragraphs_[index];
    const int n = static_cast<int>(p.figures.size());
    // Each gap's claim, looked for once: a list's later gaps are asked again for nested claims.
    std::vector<std::optional<Claim>> claims(n);
    for (int k = 0; k < n; ++k) claims[k] = claim_in(p.gaps[k]);
    for (int k = 0; k < n; ++k) {
      const std::optional<Claim>& claim = claims[k];
      if (!claim) continue;
      std::string_view rest = std::string_view(p.gaps[k]).substr(claim->end);
      Lead lead = lead_after(rest);
      if (lead == Lead::kWords || ends_sentence(rest)) continue;  // words, or no figure in its sentence
      // "主要用于单位日常运行,比上年减少…": an open list whose first item has no figure says nothing.
      if (lead == Lead::kFigureless && claim->open) continue;
      // Heads: the figures of the claim's sentence before it, or of the last sentence before
      // that has any when the claim begins its sentence.
      std::string_view before_claim = std::string_view(p.gaps[k]).substr(0, claim->end);
      bool starts_sentence = ends_sentence(before_claim) || k == 0;
      std::vector<int> heads;
      const int nearest = std::max(0, k - kHeadsLookBack);
      if (!starts_sentence) {
        for (int j = k - 1; j >= nearest && p.sentence[j] == p.sentence[k - 1]; --j) {
          if (is_subject(p.figures[j])) heads.push_back(p.figures[j]);
        }
      } else {
        int sentence = -1;
        for (int j = k - 1; j >= nearest; --j) {
          if (sentence >= 0 && p.sentence[j] != sentence) break;
          if (!is_subject(p.figures[j])) continue;
          sentence = p.sentence[j];
          heads.push_back(p.figures[j]);
        }
        // A paragraph of its own that opens with its claim, after the numbered items of a list,
        // splits the total that list split another way ("按支出性质分:基本支出…,项目支出…"); a
        // numbered one is an item.
        if (heads.empty() && k == 0 && p.style.empty()) heads = heads_split_before(index);
      }
      if (heads.empty()) continue;
      // The nearest head in the claim's own sentence is its total even when a part is larger.
      int confident = starts_sentence ? -1 : heads.front();
      // Parts: to the end of the sentence, or of the numbered items that follow the claim, or to
      // a nested list that has figures of its own.
      bool items = k < n && w_.context(p.figures[k]).item > 0;
      int end = k;
      int last_item = items ? w_.context(p.figures[k]).item : 0;
      // Figures inside brackets after the claim ("…2.90万元(其中:购置费0.00万元,运行费2.90万元)")
      // are a list of their own within a part: not parts, and their claim does not end this list.
      // Counted only as far as the list reaches: counting to the paragraph's end for every claim
      // made a paragraph of many claims cost the square of its length.
      std::vector<bool> bracketed;  // of figures k, k + 1, …
      int depth = 0;
      auto is_bracketed = [&](int x) {
        while (static_cast<int>(bracketed.size()) <= x - k) {
          int y = k + static_cast<int>(bracketed.size());
          std::string_view gap =
              y == k ? std::string_view(p.gaps[y]).substr(claim->end) : std::string_view(p.gaps[y]);
          depth += static_cast<int>(std::count(gap.begin(), gap.end(), '(')) -
                   static_cast<int>(std::count(gap.begin(), gap.end(), ')'));
          depth = std::max(depth, 0);
          bracketed.push_back(depth > 0);
        }
        return bracketed[x - k];
      };
      for (; end < n; ++end) {
        if (end > k) {
          const std::string& gap = p.gaps[end];
          if (const std::optional<Claim>& nested = claims[end];
              nested && !is_bracketed(end) &&
              lead_after(std::string_view(gap).substr(nested->end)) == Lead::kFigure && !items) {
            break;
          }
          int item = w_.context(p.figures[end]).item;
          // Numbered items may hold sentences of their own: the list goes on while they count on.
          if (ends_sentence(gap) && !(items && item != 0 && (item == last_item || item == last_item + 1))) {
            break;
          }
          if (items) last_item = item;
        }
      }
      // Parts separated by commas end at a semicolon: "其中A 866万元,B 35万元,C 68万元;完成…支出4093万元".
      // A part's own figure of another kind after a comma ("税收收入3511万元,年初预算8465万元;
      // 非税收入837万元,…") is no second part: its parts are separated by the semicolons.
      if (!items) {
        int first = -1;
        for (int x = k; x < end; ++x) {
          if (is_bracketed(x) || !is_subject(p.figures[x])) continue;
          if (first < 0) {
            first = x;
            continue;
          }
          if (w_.phase(p.figures[x]) != w_.phase(p.figures[first])) continue;
          bool semicolons = false;
          for (int y = first + 1; y <= x; ++y) semicolons |= p.gaps[y].find(';') != std::string::npos;
          if (!semicolons) {
            for (int y = x + 1; y < end; ++y) {
              if (p.gaps[y].find(';') != std::string::npos) {
                end = y;
                break;
              }
            }
          }
          break;
        }
      }
      bool any_part = false;
      for (int x = k; x < end; ++x) any_part |= is_subject(p.figures[x]);
      if (!any_part) continue;
      bool open =
          claim->open || (!open_tail_.empty() && std::string_view(p.gaps[end]).rfind(open_tail_, 0) == 0);
      bool by_year = false;
      for (int x = k; x < end; ++x) by_year |= is_subject(p.figures[x]) && w_.context(p.figures[x]).year != 0;
      for (const HeadGroup& g : group_heads(heads, by_year)) {
        std::vector<int> parts;
        int missing = lead == Lead::kFigureless ? 0 : -1;
        if (items) {
          std::map<int, int> first_of_item;
          std::vector<int> order;
          for (int x = k; x < end; ++x) {
            int f = p.figures[x];
            int item = w_.context(f).item;
            if (!first_of_item.count(item)) {
              first_of_item[item] = -1;
              order.push_back(item);
            }
            if (first_of_item[item] < 0 && !is_bracketed(x) && is_subject(f) && fits(f, g.heads.front(), g))
              first_of_item[item] = f;
          }
          for (size_t o = 0; o < order.size(); ++o) {
            int f = first_of_item[order[o]];
            if (f < 0 && missing < 0) missing = static_cast<int>(o);
            if (f >= 0) parts.push_back(f);
          }
        } else {
          for (int x = k; x < end; ++x) {
            int f = p.figures[x];
            if (!is_bracketed(x) && is_subject(f) && fits(f, g.heads.front(), g)) parts.push_back(f);
          }
        }
        judge(g, parts, confident, missing, open);
      }
    }
  }

  // The heads of the paragraph before paragraph `index` and the numbered items after it, if any,
  // when that paragraph ends in a claim ("2024年支出预算8,936.35万元,其中:"): the figures of its last
  // sentence.
  std::vector<int> heads_split_before(size_t index) const {
    // No further back than a list's heads are looked for: thousands of numbered paragraphs, each
    // opening with a claim, would otherwise each be read back to the first.
    const size_t look_back = static_cast<size_t>(kHeadsLookBack);
    const size_t nearest = index > look_back ? index - look_back : 0;
    size_t x = index;
    while (x > nearest && !paragraphs_[x - 1].style.empty() &&
           next_paragraph_block(paragraphs_[x - 1].block) == paragraphs_[x].block) {
      --x;
    }
    if (x == 0) return {};
    const Paragraph& head = paragraphs_[x - 1];
    if (head.figures.empty() || next_paragraph_block(head.block) != paragraphs_[x].block) return {};
    if (!closing_claim(head)) return {};
    std::vector<int> heads;
    for (int j = static_cast<int>(head.figures.size()) - 1;
         j >= 0 && head.sentence[j] == head.sentence.back(); --j) {
      if (is_subject(head.figures[j])) heads.push_back(head.figures[j]);
    }
    return heads;
  }

  // ---- numbered paragraphs under a paragraph ---------------------------------------------------

  void numbered_lists() {
    for (size_t x = 0; x + 1 < paragraphs_.size(); ++x) {
      const Paragraph& head = paragraphs_[x];
      const Paragraph& next = paragraphs_[x + 1];
      if (next.block != next_paragraph_block(head.block)) continue;
      const std::optional<Claim> tail_claim = closing_claim(head);
      const bool claims = tail_claim.has_value();
      // Items are numbered paragraphs of a style other than the head's, or, after a head that
      // ends in a claim ("具体如下:"), the plain paragraphs that follow it.
      std::string item_style = next.style;
      if (item_style.empty() ? !claims : item_style == head.style) continue;
      // A list starts at its first item: "2." after a paragraph continues a list above it.
      if (!item_style.empty() && text::marker_ordinal(w_.in.layout.blocks[next.block].marker) > 1) continue;
      std::vector<std::vector<const Paragraph*>> items;
      int section = w_.in.outline.section_of_block[head.block];
      for (size_t y = x + 1; y < paragraphs_.size(); ++y) {
        const Paragraph& p = paragraphs_[y];
        if (p.block != next_paragraph_block(paragraphs_[y - 1].block)) break;
        if (w_.in.outline.section_of_block[p.block] != section) break;
        if (!head.style.empty() && p.style == head.style) break;
        if (p.style == item_style) {
          items.push_back({&p});
        } else if (item_style.empty()) {
          break;
        } else {
          items.back().push_back(&p);
        }
      }
      if (items.size() < 1) continue;
      // The heads: the head paragraph's figures; a paragraph that is only a claim ("其中:")
      // speaks of the paragraph before it.
      const Paragraph* source = &head;
      if (head.figures.empty() && claims && x > 0 && paragraphs_[x - 1].block == previous_paragraph_block(head.block)) {
        source = &paragraphs_[x - 1];
      }
      // The paragraph's first figure of a kind is its main one: tried first.
      std::vector<int> heads;
      for (int f : source->figures) {
        if (is_subject(f)) heads.push_back(f);
      }
      if (heads.empty()) continue;
      // A list that runs to the end of the text given may go on beyond it.
      bool to_the_end = items.back().back()->block + 1 >= static_cast<int>(w_.in.layout.blocks.size());
      bool open = !claims || tail_claim->open || to_the_end;
      bool by_year = false;
      for (const auto& item : items) {
        for (int f : item.front()->figures) by_year |= is_subject(f) && w_.context(f).year != 0;
      }
      for (const HeadGroup& g : group_heads(heads, by_year)) {
        std::vector<int> parts;
        int missing = -1;
        for (size_t k = 0; k < items.size(); ++k) {
          int found = -1;
          const Paragraph& item = *items[k].front();
          for (size_t x = 0; x < item.figures.size(); ++x) {
            int f = item.figures[x];
            // An item's parts are in its first sentence (a list of its own may follow: "其中:…"):
            // plain paragraphs after "其中:" go on with the list, each with the parts of that
            // sentence; a numbered item has one part, its first there.
            if (item.sentence[x] > 0) break;
            if (!is_subject(f) || !fits(f, g.heads.front(), g)) continue;
            if (item_style.empty()) {
              parts.push_back(f);
              continue;
            }
            found = f;
            break;
          }
          if (item_style.empty()) continue;
          if (found < 0 && missing < 0) missing = static_cast<int>(k);
          if (found >= 0) parts.push_back(found);
        }
        // Items none of which has a figure of this kind are about something else.
        if (parts.empty()) continue;
        judge(g, parts, /*confident=*/-1, missing, open);
      }
    }
  }

  // The block right after `block` when it is a paragraph, else -1.
  int next_paragraph_block(int block) const {
    size_t b = static_cast<size_t>(block) + 1;
    const auto& blocks = w_.in.layout.blocks;
    return b < blocks.size() && blocks[b].kind == layout::BlockKind::kParagraph ? static_cast<int>(b) : -1;
  }
  int previous_paragraph_block(int block) const {
    if (block <= 0) return -1;
    const layout::Block& b = w_.in.layout.blocks[block - 1];
    return b.kind == layout::BlockKind::kParagraph ? block - 1 : -1;
  }

  // ---- shares -------------------------------------------------------------------------------

  // The parts of a list that adds up, each followed by its share of the total ("占26.79%"): the
  // shares add up to 100%, and a share that names nothing is its part over the total.
  void share_sum(int head, const std::vector<int>& parts) {
    if (!shares_ || parts.size() < 2) return;
    std::vector<int> shares;
    // The first share's relation. After one that names what it is of, each share names the same
    // or nothing ("占26.79%"); after a bare one, each is bare.
    std::string relation;
    bool first_bare = false;
    for (int p : parts) {
      int share = -1;
      std::optional<std::string> of;
      for (int i = p + 1; i < w_.size() && w_.in_text(i) && w_.context(i).block == w_.context(p).block; ++i) {
        if (w_.is_money(i) && w_.context(i).relation.empty()) break;
        if (w_.is_percent(i) && (of = w_.share_base(w_.context(i).relation))) {
          share = i;
          break;
        }
      }
      if (share < 0) return;
      // "年初预算8465万元的41.5%": a share of the part itself (the part is what it names), none of
      // the list's total.
      if (!of->empty() && *of == w_.key(w_.context(p).attribute)) return;
      const std::string& rel = w_.context(share).relation;
      if (shares.empty()) {
        relation = rel;
        first_bare = of->empty();
      } else if (rel != relation && (first_bare || !of->empty())) {
        return;
      }
      shares.push_back(share);
    }
    CheckRecord& r = w_.add(*shares_, "list", -1);
    std::vector<Amount> terms;
    std::string expression;
    for (int s : shares) {
      terms.push_back(w_.amount(s));
      r.operands.push_back(w_.operand(s));
      expression += (expression.empty() ? "" : " + ") + w_.q(s).value.to_string() + "%";
    }
    // The 100% is exact; the shares are each rounded.
    Verdict v = verify_sum({Decimal::from_int(100), Decimal()}, terms, false);
    r.stated = Decimal::from_int(100);
    r.unit = "%";
    r.span = w_.q(shares.front()).span;
    r.stated_operand = w_.operand(shares.front());
    r.stated_operand.id.clear();
    r.stated_operand.value = Decimal::from_int(100);
    r.stated_operand.label = w_.name(head) + "的构成";
    r.formula = "sum";
    r.status = std::string(status_name(v.status));
    r.computed = v.computed;
    r.difference = v.difference;
    r.tolerance = v.tolerance;
    r.message = w_.name(head) + "占比100%：各组成部分 " + expression + " = " + v.computed.to_string() + "%" +
                (v.status == Status::kPass ? "" : v.status == Status::kRounding ? "，与100%的差在舍入误差以内" : "，不等于100%");
    if (!first_bare || !share_) return;
    for (size_t k = 0; k < shares.size(); ++k) {
      CheckRecord& each = w_.add(*share_, "rate", shares[k]);
      w_.judge_ratio(each, shares[k], parts[k], head);
    }
  }

  Workspace& w_;
  const CheckRule* rule_ = nullptr;
  const CheckRule* shares_ = nullptr;
  const CheckRule* share_ = nullptr;  // a share of a whole, for each share of a list's parts
  // Of rule_: the words that claim a list that need not be complete (其中, 主要包括 …), those that claim
  // a complete one (包括, 分别为 …), and the word after a last part that makes a list open (等).
  const grammar::Pattern* open_claims_ = nullptr;
  const grammar::Pattern* claims_ = nullptr;
  std::string open_tail_;
  Phase natural_ = Phase::kNone;
  std::vector<Paragraph> paragraphs_;
};

}  // namespace

void check_lists(Workspace& w) { Lists(w).run(); }

}  // namespace budgetlens::checks::detail
