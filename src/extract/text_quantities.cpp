// Figures in running text and their labels.
#include <algorithm>

#include "extract/fused_rows.h"
#include "extract/interruptions.h"
#include "extract/reader.h"
#include "model/ids.h"
#include "text/numerals.h"
#include "text/swar.h"
#include "text/utf8.h"

namespace budgetlens::extract::detail {
namespace {

struct Found {
  units::Figure figure;
  const grammar::UnitWord* unit = nullptr;
  std::string unit_source;
  std::string code;
  size_t label_begin = 0, label_end = 0;  // folded range of the label's own words
  std::string label;
  bool labelled = false;  // the label is known already (a row of fused cells)
  std::string subject, relation, attribute;  // the parts of the label, for the checks
  int fused_row = -1, fused_col = -1;
  size_t fused_head = 0;  // bytes before the figure that are a cell run into it, no label's words
};

// What a paragraph's reader works in. The readers of a document's paragraphs take it in turn,
// each finding it empty: the room of its vectors is kept from one paragraph to the next, where each
// reader grew its own vectors (and moved its figures as they grew).
struct ParagraphRoom {
  std::vector<int> masks;
  std::vector<bool> masked;
  std::vector<std::pair<size_t, size_t>> codes;
  std::vector<Found> found;
  std::vector<size_t> sentence_ends;
  std::vector<int> hits;

  ParagraphRoom& cleared() {
    masks.clear();
    masked.clear();
    codes.clear();
    found.clear();
    sentence_ends.clear();
    hits.clear();
    return *this;
  }
};

class ParagraphReader {
 public:
  ParagraphReader(const DocumentContext& ctx, TextRange range, int section, ParagraphRoom& room)
      : ctx_(ctx),
        g_(ctx.grammar),
        section_(section),
        masks_(room.cleared().masks),
        f_(text::fold(ctx.slice(range), range.begin, text::FoldMode::kMatch, ctx.source.traditional)),
        interruptions_(cut_interruptions(f_, g_.figures, masks_)),
        masked_(room.masked),
        codes_(room.codes),
        found_(room.found),
        sentence_ends_(room.sentence_ends),
        hits_(room.hits) {}

  void run(QuantityList& out, std::deque<FigureContext>& contexts, int block) {
    const std::string& s = f_.text;
    masked_.assign(s.size(), false);
    apply_masks();
    read_fused();
    find_figures();
    // Usually found in order already; a Found is a dozen fields, each moved by every swap of a sort.
    auto before = [](const Found& a, const Found& b) { return a.figure.begin < b.figure.begin; };
    auto not_before = [](const Found& a, const Found& b) { return a.figure.begin >= b.figure.begin; };
    if (std::adjacent_find(found_.begin(), found_.end(), not_before) != found_.end()) {
      std::sort(found_.begin(), found_.end(), before);
    }
    if (found_.empty()) return;
    part_fused_heads();
    find_sentence_ends();
    decide_units();
    std::erase_if(found_, [](const Found& f) { return f.unit == nullptr; });
    label_all();
    Position at;
    // The last use of what was found: its words move into the records.
    for (Found& f : found_) {
      contexts.push_back(context(f, block, at));
      out.push_back(record(std::move(f)));
    }
  }

 private:
  std::string_view view(size_t b, size_t e) const { return std::string_view(f_.text).substr(b, e - b); }

  void mask(size_t b, size_t e) {
    for (size_t i = b; i < e && i < masked_.size(); ++i) masked_[i] = true;
  }

  void apply_masks() {
    const std::string& s = f_.text;
    for (int k : masks_) {
      const grammar::Pattern& pattern = g_.figures.masks[k].pattern;
      for (size_t from = 0; from <= s.size();) {
        std::optional<grammar::Match> hit = pattern.find(s, from);
        if (!hit) break;
        mask(hit->key_begin, hit->key_end);
        from = std::max(hit->end, hit->begin + 1);
      }
    }
    if (!g_.figures.code.valid()) return;
    for (size_t from = 0; from < s.size();) {
      std::optional<grammar::Match> hit = g_.figures.code.find(s, from);
      if (!hit) break;
      from = std::max(hit->end, hit->begin + 1);
      size_t after = hit->key_end;
      while (after < s.size() && s[after] == ' ') ++after;
      std::string_view rest = std::string_view(s).substr(after);
      bool unit_follows = g_.units.unit_at(rest) != nullptr;
      for (const grammar::ApproxWord& a : g_.units.approx) unit_follows |= rest.substr(0, a.word.size()) == a.word;
      if (unit_follows) continue;
      codes_.push_back({hit->key_begin, hit->key_end});
      mask(hit->key_begin, hit->key_end);
    }
  }

  // Rows of a table whose cells ran together: their figures carry the document's money unit.
  void read_fused() {
    std::vector<FusedFigure> fused = read_fused_rows(f_.text, masked_, g_);
    const grammar::UnitWord* unit = g_.units.money(ctx_.default_unit);
    const grammar::UnitWord* percent = g_.units.unit_at("%");
    for (const FusedFigure& ff : fused) {
      Found f;
      f.figure.begin = f.figure.number_begin = ff.begin;
      f.figure.end = f.figure.number_end = ff.end;
      f.figure.value = ff.value;
      f.figure.decimals = ff.decimals;
      f.unit = unit;
      f.unit_source = "document";
      if (ff.rate) {  // no cell of the table's rows: a figure of the text, its unit printed
        f.figure.end = ff.end + 1;
        f.figure.unit = f.unit = percent;
        f.unit_source = "printed";
      }
      f.label = shown(ff.label_begin, ff.label_end);
      f.subject = f.label;
      f.labelled = true;
      f.fused_row = ff.rate ? -1 : ff.row;
      f.fused_col = ff.rate ? -1 : ff.column;
      found_.push_back(std::move(f));
    }
    for (const FusedFigure& ff : fused) mask(ff.begin, ff.end + ff.rate);
  }

  void find_figures() {
    const std::string& s = f_.text;
    for (size_t i = 0; i < s.size(); ++i) {
      i = text::next_digit_candidate(s, i);  // most of a paragraph holds no digit
      if (i >= s.size()) break;
      if (s[i] < '0' || s[i] > '9' || masked_[i]) continue;
      if (i > 0 && (text::is_ascii_alnum(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == '_')) continue;
      size_t start = i;
      if (i > 0 && s[i - 1] == '-' && (i == 1 || !text::is_ascii_alnum(s[i - 2]))) start = i - 1;
      std::optional<units::Figure> f = units::read_figure(s, start, g_.units);
      if (!f) {
        while (i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') ++i;
        continue;
      }
      bool hit_mask = false;
      for (size_t k = f->number_begin; k < f->number_end; ++k) hit_mask |= masked_[k];
      // The head of a run of two points or more ("310.2154.741050"): cells fused that the fused
      // rows did not part with certainty, no figure.
      const bool fused = f->number_end + 1 < s.size() && s[f->number_end] == '.' &&
                         s[f->number_end + 1] >= '0' && s[f->number_end + 1] <= '9';
      if (fused) {
        while (i + 1 < s.size() && ((s[i + 1] >= '0' && s[i + 1] <= '9') || s[i + 1] == '.')) ++i;
        continue;
      }
      if (!hit_mask && !(f->number_end < s.size() && text::is_ascii_alnum(s[f->number_end]))) {
        Found found;
        found.figure = *f;
        found_.push_back(std::move(found));
      }
      i = std::max(i, f->end > 0 ? f->end - 1 : i);
    }
  }

  // Two figures of one unit with nothing between them are two cells of a form run together, and
  // when the first ends in the digits of the second ("415万元15万元": a weight 4, then a target and
  // a result of 15万元 each), its head is a cell of another kind: the first is the second's digits.
  void part_fused_heads() {
    const std::string& s = f_.text;
    for (size_t k = 0; k + 1 < found_.size(); ++k) {
      units::Figure& a = found_[k].figure;
      const units::Figure& b = found_[k + 1].figure;
      if (!a.unit || a.unit != b.unit || a.end != b.begin || a.negative || b.negative) continue;
      const std::string_view head(s.data() + a.number_begin, a.number_end - a.number_begin);
      const std::string_view tail(s.data() + b.number_begin, b.number_end - b.number_begin);
      if (head.size() <= tail.size() || !head.ends_with(tail)) continue;
      const size_t cut = head.size() - tail.size();
      if (!std::all_of(head.begin(), head.begin() + cut, [](char c) { return text::is_ascii_digit(c); }))
        continue;
      a.begin = a.number_begin = a.number_begin + cut;
      found_[k].fused_head = cut;
      a.value = b.value;
      a.decimals = b.decimals;
      a.separators = b.separators;
      a.trailing_point = b.trailing_point;
    }
  }

  // Where each sentence ends (。;!?), read once: a paragraph may hold thousands of figures, and
  // asking "is there a sentence end between these two" by reading the text between them each
  // time made a long paragraph cost the cube of its length.
  void find_sentence_ends() {
    // By bytes: in UTF-8 no character holds the byte of ; ! ? nor the bytes of 。 but these.
    const std::string& s = f_.text;
    using namespace text::swar;
    for (size_t i = 0; i < s.size(); ++i) {
      while (i + 8 <= s.size()) {
        const uint64_t w = load(s.data() + i);
        if (any_equal(w, ';') | any_equal(w, '!') | any_equal(w, '?') | any_equal(w, 0xE3)) break;
        i += 8;
      }
      if (i >= s.size()) break;
      char c = s[i];
      if (c == ';' || c == '!' || c == '?' || (c == '\xE3' && s.compare(i, 3, "。") == 0)) sentence_ends_.push_back(i);
    }
  }

  // True iff a sentence end starts in [from, to).
  bool sentence_break(size_t from, size_t to) const {
    auto it = std::lower_bound(sentence_ends_.begin(), sentence_ends_.end(), from);
    return it != sentence_ends_.end() && *it < to;
  }

  // Whether b starts the sentence after the one that holds `from`: nothing but spaces between the
  // end of that sentence and b.
  bool opens_the_next_sentence(size_t from, size_t b) const {
    auto first = std::lower_bound(sentence_ends_.begin(), sentence_ends_.end(), from);
    if (first == sentence_ends_.end() || *first >= b) return false;
    size_t after = *first + (f_.text[*first] == '\xE3' ? 3 : 1);  // 。 or ; ! ?
    while (after < b && f_.text[after] == ' ') ++after;
    return after == b;
  }

  bool only_list_separators(size_t from, size_t to) const {
    for (size_t i = from; i < to;) {
      char32_t c = text::next_char(f_.text, i);
      if (g_.labels.list_separators.find(c) == std::u32string::npos) return false;
    }
    return true;
  }

  bool looks_like_amount(const units::Figure& f) const { return f.decimals > 0 || f.separators; }

  // The unit a paragraph states: only with the word that makes a statement one (单位：万元); a
  // bracketed unit in a sentence is no statement.
  std::string unit_statement() const {
    const std::string& stated_by = g_.tables.unit_stated_by;
    if (stated_by.empty() || text::find_word(f_.text, stated_by, 0) == std::string_view::npos) return {};
    int u = g_.tables.unit_statements.first_matching(grammar::Anchor::kAnywhere, f_.text);
    return u < 0 ? std::string() : std::string(g_.tables.unit_statements[u].find(f_.text)->key);
  }

  // For each figure, the first figure after it that prints a unit with nothing but list
  // separators between them ("4125.49,4143.91万元"), or none: worked out from the last figure back,
  // so a list of any length is read once.
  std::vector<const units::Figure*> list_units() const {
    std::vector<const units::Figure*> out(found_.size(), nullptr);
    for (size_t k = found_.size(); k-- > 1;) {
      const Found& next = found_[k];
      if (!only_list_separators(found_[k - 1].figure.end, next.figure.begin)) continue;
      out[k - 1] = next.figure.unit ? &next.figure : out[k];
    }
    return out;
  }

  // A figure printed without a unit takes one only from evidence close by.
  void decide_units() {
    std::string stated = unit_statement();
    const grammar::UnitWord* stated_unit = stated.empty() ? nullptr : g_.units.money(stated);
    std::vector<const units::Figure*> list_unit = list_units();
    // The last figure so far whose unit is money, and the earliest end of it and every figure
    // after it: the figure before that a unitless amount takes its unit from, unless a sentence
    // ends between (the figures read back one by one, in a single step).
    const grammar::UnitWord* last_money = nullptr;
    size_t earliest_end_since = 0;
    for (size_t k = 0; k < found_.size(); ++k) {
      Found& f = found_[k];
      if (!f.unit && f.figure.unit) {
        f.unit = f.figure.unit;
        f.unit_source = "printed";
      }
      if (!f.unit) {  // not decided already (fused rows), nor printed
        // "4125.49,4143.91万元": the unit written once after a list.
        if (const units::Figure* listed = list_unit[k];
            listed && listed->unit->kind != grammar::UnitKind::kCount) {
          f.unit = listed->unit;
          f.unit_source = "inferred";
        } else if (looks_like_amount(f.figure) && last_money &&
                   !sentence_break(earliest_end_since, f.figure.begin)) {
          // "593.99万元其中593.71为…": an amount in the same sentence as one that carries its unit.
          f.unit = last_money;
          f.unit_source = "inferred";
        } else if (stated_unit && looks_like_amount(f.figure)) {
          f.unit = stated_unit;
          f.unit_source = "table";
        }
      }
      if (f.unit && f.unit->kind == grammar::UnitKind::kMoney) {
        last_money = f.unit;
        earliest_end_since = f.figure.end;
      } else if (last_money) {
        earliest_end_since = std::min(earliest_end_since, f.figure.end);
      }
    }
  }

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
        std::optional<grammar::Match> m = g_.labels.item_marker.find(view(0, end), from);
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
        prefixes.matching(grammar::Anchor::kPrefix, view(b, e), hits_);
        auto hit = std::lower_bound(hits_.begin(), hits_.end(), static_cast<int>(next));
        if (hit == hits_.end()) break;
        if (auto m = prefixes[*hit].match_prefix(view(b, e)); m && m->key_end > 0) {
          b += m->key_end;
          changed = true;
        }
        next = *hit + 1;
      }
      for (const grammar::Pattern& p : g_.labels.strip_suffix) {
        if (auto m = p.match_suffix(view(b, e)); m && m->end > m->key_begin && m->key_begin > 0) {
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
      if (p.match_full(view(b, e))) return true;
    }
    return false;
  }

  bool matches_full(const grammar::PatternSet& patterns, size_t b, size_t e) const {
    return patterns.any(grammar::Anchor::kFull, view(b, e));
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
    if (cb >= e || sentence_break(cb, b)) return {};
    const auto groups = g_.labels.subject_clause.full_groups(view(cb, e));
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
      list->matching(grammar::Anchor::kSuffix, view(b, e), hits_);
      for (int k : hits_) {
        auto m = (*list)[k].match_suffix(view(b, e));
        if (m && m->begin > 0 && m->end > m->begin) best = std::min(best, b + m->begin);
      }
    }
    return best;
  }

  // Display form of the folded range [b, e), without what was cut from inside it.
  std::string shown(size_t b, size_t e) const {
    if (b >= e) return {};
    const std::vector<size_t>& cuts = interruptions_.cuts;
    auto cut = std::upper_bound(cuts.begin(), cuts.end(), b);
    if (cut == cuts.end() || *cut >= e) return ctx_.display(f_.source_range(b, e));
    std::string out;
    for (; cut != cuts.end() && *cut < e; ++cut) {
      out += ctx_.display(f_.source_range(b, *cut));
      b = *cut;
    }
    out += ctx_.display(f_.source_range(b, e));
    return out;
  }

  // Display form of a piece of the folded text.
  std::string shown_text(std::string_view piece) const {
    if (piece.empty()) return {};
    size_t b = static_cast<size_t>(piece.data() - f_.text.data());
    return shown(b, b + piece.size());
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
    for (std::string_view h : heads) out.push_back(shown_text(h) + shown_text(tail));
    return out;
  }

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
        if (cb >= b && ce <= e && view(b, cb).find_first_not_of(" :") == std::string_view::npos) {
          f.code = std::string(view(cb, ce));
          b = ce;
          strip(b, e);
        }
      }
      // Separators alone name nothing: the last figure of "12.50、15.25和18.00万元" is named as the
      // others are, not 和.
      if (b < e && only_list_separators(b, e)) b = e;
      if (g_.labels.total_tail.valid() && text::char_count(view(b, e)) > 8) {
        if (auto m = g_.labels.total_tail.match_suffix(view(b, e)); m && m->end > m->begin) b += m->begin;
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
              p.match_prefix(view(f.figure.end, f_.text.size())).value_or(grammar::Match{});
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
      if (subject_e > subject_b && sentence_break(subject_said, f.figure.begin)) {
        if (b < e && opens_the_next_sentence(subject_said, b) && matches_full(g_.labels.relations, b, e)) {
          subject_said = b;
        } else {
          subject_b = subject_e = subject_core_e = 0;
          share_relation.clear();
        }
      }

      // "收、支总计各是4125.49,4143.91万元": heads and a common tail, handed out in order; a later
      // clause "各下降23.51%、38.28%" hands out the same heads again with its relation.
      if (b < e && g_.labels.distribute.valid()) {
        if (auto groups = g_.labels.distribute.full_groups(view(b, e))) {
          distributed = split_heads((*groups)[0], (*groups)[1]);
          distributed_relation = shown_text((*groups)[2]);
          distributed_next = 0;
        } else if (const std::string& again = g_.labels.distribute_again;
                   !distributed.empty() && !again.empty() && view(b, e).starts_with(again)) {
          distributed_relation = shown_text(view(b, e).substr(again.size()));
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
                                               ? g_.labels.share_base.match_prefix(view(b, e))
                                               : std::nullopt;
      bool relation = b < e && matches_full(g_.labels.relations, b, e);
      bool attribute = b < e && !relation && matches_full(g_.labels.attributes, b, e);
      // A miss reads as an empty match, as with postfix above: written `base->`, the compiler warns
      // that it may read the fields of a miss.
      const grammar::Match share = base.value_or(grammar::Match{});
      if (is_money && base && share.end == e - b && has_subject) {
        // "占年初预算10065万元": the amount the share is of.
        f.subject = shown(subject_b, subject_e);
        f.attribute = shown(b + share.key_begin, b + share.key_end);
        share_relation = shown(b, b + share.key_begin) + f.attribute;  // 占 and the name, as printed
      } else if (has_subject && !share_relation.empty() && (b >= e || only_a_suffix(b, e))) {
        // "占年初预算10065万元的43.2%": the share after its base.
        f.subject = shown(subject_b, subject_e);
        f.relation = share_relation;
        share_relation.clear();
      } else if (b >= e && has_subject) {
        f.subject = shown(subject_b, subject_e);
      } else if (relation && has_subject) {
        f.subject = shown(subject_b, subject_core_e);
        f.relation = shown(b, e);
      } else if (attribute && has_subject) {
        f.subject = shown(subject_b, subject_core_e);
        f.attribute = shown(b, e);
      } else {
        size_t core = b < e ? subject_end(b, e) : e;
        f.subject = shown(b, core);
        (relation_suffix(core, e) ? f.relation : f.attribute) = shown(core, e);
        if (relation) {
          f.relation = shown(b, e);
          f.attribute.clear();
          f.subject.clear();
          const ClauseSubject before = subject_of_clause_before(previous_end, b);
          if (before.end > before.begin) {
            // Later figures of the sentence are about it too ("…,下降13.01%").
            subject_b = before.begin;
            subject_e = before.end;
            subject_core_e = subject_end(subject_b, subject_e);
            f.subject = shown(subject_b, subject_core_e);
            // "收入支出总体与上年相比,增加…": the change is against what that clause names.
            if (before.basis_end > before.basis_begin)
              f.relation = shown(before.basis_begin, before.basis_end) + f.relation;
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
        bool printed_together = f.subject.empty() || shown(b, e) == f.subject + *part;
        f.label += (printed_together ? "" : " / ") + *part;
      }
      f.label_begin = b;
      f.label_end = e;
      previous_end = f.figure.end;
    }
  }

  // How far context() has read: the figures come in order, so the item markers before each are
  // counted from where the previous one stopped (a paragraph of any length is read once, not once
  // per figure).
  struct Position {
    std::optional<grammar::Match> marker;  // the next item marker not yet passed
    bool marker_sought = false;
    int item = 0;
  };

  // Takes the parts of f's label; its label itself stays, for record().
  FigureContext context(Found& f, int block, Position& at) const {
    FigureContext c;
    c.block = block;
    c.subject = std::move(f.subject);
    c.relation = std::move(f.relation);
    c.attribute = std::move(f.attribute);
    c.range = f_.source_range(f.figure.begin, f.figure.end);
    c.fused_row = f.fused_row;
    c.fused_col = f.fused_col;
    // The sentences ended before the figure (find_sentence_ends).
    c.sentence =
        static_cast<int>(std::lower_bound(sentence_ends_.begin(), sentence_ends_.end(), f.figure.begin) -
                         sentence_ends_.begin());
    if (g_.labels.item_marker.valid()) {
      if (!at.marker_sought) at.marker = g_.labels.item_marker.find(f_.text, 0), at.marker_sought = true;
      while (at.marker && at.marker->end <= f.figure.begin) {
        at.item = text::marker_ordinal(view(at.marker->begin, at.marker->end));
        at.marker = g_.labels.item_marker.find(f_.text, std::max(at.marker->end, at.marker->begin + 1));
      }
      c.item = at.item;
    }
    // A year ("2023年") in the folded label: only a label that prints 年 can hold one (the source is
    // NFKC-normalised, so no other form of the character is left to fold into it).
    std::string key = f.label.find("年") == std::string::npos
                          ? std::string()
                          : text::match_key(f.label, ctx_.source.traditional);
    // Found from each 年 back: a label has one or two of them, and many places that start with 1 or 2.
    for (size_t y = text::find_word(key, "年"); y != std::string::npos;
         y = text::find_word(key, "年", y + 1)) {
      if (y < 4) continue;
      const size_t i = y - 4;
      if ((key[i] == '1' && key[i + 1] == '9') || (key[i] == '2' && key[i + 1] == '0')) {
        if (text::is_ascii_digit(key[i + 2]) && text::is_ascii_digit(key[i + 3])) {
          c.year = std::stoi(key.substr(i, 4));
          break;
        }
      }
    }
    return c;
  }

  QuantityRecord record(Found&& f) const {
    QuantityRecord q;
    q.section = section_id(section_);
    q.context = "text";
    q.label = std::move(f.label);
    q.code = std::move(f.code);
    TextRange r = f_.source_range(f.figure.begin, f.figure.end);
    q.raw = std::string(ctx_.slice(r));
    q.span = ctx_.source.span_of(r);
    set_value(q, f.figure, f.unit, f.unit_source);
    return q;
  }

  const DocumentContext& ctx_;
  const grammar::Grammar& g_;
  int section_;
  std::vector<int>& masks_;  // the masks that match f_ (grammar: figures)
  text::FoldedText f_;
  Interruptions interruptions_;  // taken out of f_ as it was folded, or left in it
  std::vector<bool>& masked_;
  std::vector<std::pair<size_t, size_t>>& codes_;
  std::vector<Found>& found_;
  std::vector<size_t>& sentence_ends_;
  std::vector<int>& hits_;  // patterns of a set that match, reused by every query
};

// Whether folded text of s can hold an ASCII digit: s has one, or a full-width one (０-９, which
// folding writes as ASCII). Every figure starts at a digit, so a paragraph without one has none —
// and needs neither folding nor masking.
bool may_hold_digits(std::string_view s) {
  for (size_t i = text::next_digit_candidate(s, 0); i < s.size(); i = text::next_digit_candidate(s, i + 1)) {
    if (text::digit_length_at(s, i)) return true;
  }
  return false;
}

// A note under a table: the only cell printed in the table's last row, holding a sentence with a
// figure.
bool is_note(const tables::Grid& g, size_t index) {
  const tables::Cell& cell = g.cells[index];
  if (cell.header || cell.row != g.n_rows - 1 || cell.row < g.header_rows || cell.figure ||
      cell.text.find("。") == std::string::npos) {
    return false;
  }
  for (int c = 0; c < g.n_cols; ++c) {
    const int a = g.at[static_cast<size_t>(cell.row) * g.n_cols + c];
    if (a >= 0 && static_cast<size_t>(a) != index && g.cells[a].row == cell.row) return false;
  }
  return may_hold_digits(cell.text);
}

}  // namespace

void read_table_notes(const DocumentContext& ctx, const std::vector<tables::Grid>& grids, QuantityList& out,
                      std::deque<FigureContext>& contexts) {
  ParagraphRoom room;
  for (const tables::Grid& g : grids) {
    for (size_t i = 0; i < g.cells.size(); ++i) {
      if (!is_note(g, i)) continue;
      ParagraphReader(ctx, g.cells[i].range, g.section, room)
          .run(out, contexts, static_cast<int>(g.blocks.front()));
    }
  }
}

void read_paragraphs(const DocumentContext& ctx, const layout::Layout& layout, QuantityList& out,
                     std::deque<FigureContext>& contexts) {
  ParagraphRoom room;
  for (size_t b = 0; b < layout.blocks.size(); ++b) {
    const layout::Block& block = layout.blocks[b];
    if (block.kind != layout::BlockKind::kParagraph || ctx.outline.in_toc[b]) continue;
    if (!may_hold_digits(ctx.slice(block.range))) continue;
    ParagraphReader(ctx, block.range, ctx.outline.section_of_block[b], room)
        .run(out, contexts, static_cast<int>(b));
  }
}

}  // namespace budgetlens::extract::detail
