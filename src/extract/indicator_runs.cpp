// Indicator records from run-together text: an indicator table exported or copied with every cell
// boundary lost, so that a form's rows arrive as one paragraph —
//
//   产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5 时效指标按时发放率=100% 22.5 … 合计100
//   数量指标办公大楼日常维修维护次数反映办公大楼全年维修维护情况≥280次大楼安检巡察次数反映…200次
//
// The standard level names (grammars/indicators.xml, <run>) start the run and set the levels; an
// indicator is a name, an optional explanation (反映…) and a target that can be told from the words
// around it: a figure with a unit or a comparator. An actual value and a score printed right after
// the target, or a bare number standing alone after it, are read with it. What cannot be cut this
// way — a name with figures in it, text with no target before the next level — is left as text, and
// the run waits for the next level name: a guess would put a target on the wrong indicator.
#include <algorithm>

#include "extract/reader.h"
#include "text/utf8.h"

namespace budgetlens::extract::detail {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

// A name no longer than this (in characters) is an indicator's; longer is running text.
constexpr size_t kMaxNameChars = 40;

struct Target {
  size_t begin = 0, end = 0;  // in the folded chunk, the comparator included
  std::string comparator;
  units::Figure figure;
};

struct Level {
  size_t begin = 0, end = 0;  // the name, and its weight when one follows
  int n = 0;
  std::string name;
  std::optional<Decimal> weight;
};

class RunReader {
 public:
  RunReader(const DocumentContext& ctx, std::vector<IndicatorRecord>& out)
      : ctx_(ctx), g_(ctx.grammar.indicators), out_(out) {}

  // Reads the block at `range`; returns the indicators it found.
  size_t read_block(TextRange range) {
    size_t first = out_.size();
    level1_ = level2_ = Level{};
    active_ = false;
    last_ = -1;
    std::string_view text = ctx_.slice(range);
    // Chunks between blanks: a space is the one cell boundary such text may have kept.
    for (size_t i = 0; i < text.size() && !ended_;) {
      size_t begin = i;
      while (i < text.size()) {
        size_t at = i;
        if (text::is_blank(text::next_char(text, i))) {
          i = at;
          break;
        }
      }
      if (i > begin) read_chunk(range.begin + static_cast<uint32_t>(begin), text.substr(begin, i - begin));
      while (i < text.size()) {
        size_t at = i;
        if (!text::is_blank(text::next_char(text, i))) {
          i = at;
          break;
        }
      }
    }
    ended_ = false;
    return out_.size() - first;
  }

 private:
  void read_chunk(uint32_t base, std::string_view chunk) {
    f_ = text::fold(chunk, base, text::FoldMode::kMatch, ctx_.source.traditional);
    std::string_view s = f_.text;
    // A bare number standing alone after an indicator: its weight, or its score when it has one.
    if (active_ && last_ >= 0 && is_number(s)) {
      IndicatorRecord& ind = out_[last_];
      std::optional<Decimal> v = Decimal::parse(s);
      if (!ind.weight) ind.weight = v, ind.weight_source = "run";
      else if (!ind.score) ind.score = v, ind.score_source = "run";
      return;
    }
    size_t p = 0;
    while (p < s.size()) {
      if (active_ && g_.run_total.valid() && g_.run_total.match_prefix(s.substr(p))) {
        ended_ = true;
        return;
      }
      std::optional<Level> level = next_level(s, p);
      if (level && level->begin == p) {
        take(*level);
        p = level->end;
        continue;
      }
      if (!active_) {
        if (!level) return;
        p = level->begin;
        continue;
      }
      size_t stop = s.size();
      if (g_.run_end.valid()) {
        if (auto m = g_.run_end.find(s, p)) stop = m->begin;
      }
      size_t limit = std::min(level ? level->begin : s.size(), stop);
      std::optional<Target> target = next_target(s, p, limit);
      if (!target) {
        if (limit == stop && stop < s.size()) {  // the sentence that follows the table ends the run
          ended_ = true;
          return;
        }
        last_ = -1;  // text with no target before the next level: not an indicator we can cut
        p = limit;
        continue;
      }
      p = read_indicator(s, p, *target);
    }
  }

  static bool is_number(std::string_view s) {
    if (s.empty() || !digit(s[0])) return false;
    size_t dots = 0;
    for (char c : s) {
      if (c == '.') ++dots;
      else if (!digit(c)) return false;
    }
    return dots <= 1 && s.back() != '.';
  }

  std::optional<Level> next_level(std::string_view s, size_t from) const {
    std::optional<Level> best;
    // Where the best starts, kept apart from it: comparing with an empty optional's begin, which
    // the compiler may read before it tests the optional, is what memcheck reports.
    size_t best_begin = std::string_view::npos;
    int n = 1;
    for (const grammar::Pattern* p : {&g_.run_level1, &g_.run_level2}) {
      if (p->valid()) {
        // A level is named by some words: a grammar's pattern that matches nothing names none.
        if (auto m = p->find(s, from); m && m->end > m->begin && m->begin < best_begin) {
          best = Level{m->begin, m->end, n, display(m->begin, m->end), std::nullopt};
          best_begin = m->begin;
        }
      }
      ++n;
    }
    if (best && g_.run_level_weight.valid()) {
      if (auto w = g_.run_level_weight.match_prefix(s.substr(best->end))) {
        best->weight = Decimal::parse(w->key);
        best->end += w->end;
      }
    }
    return best;
  }

  void take(const Level& level) {
    if (level.n == 1) level1_ = level, level2_ = Level{};
    else level2_ = level;
    active_ = true;
    last_ = -1;
  }

  // The first target in s[from, limit): a figure with a unit or after a comparator, whose number
  // does not go on from a digit or point before it.
  std::optional<Target> next_target(std::string_view s, size_t from, size_t limit) const {
    for (size_t k = from; k < limit; ++k) {
      if (!digit(s[k]) || (k > from && (digit(s[k - 1]) || s[k - 1] == '.'))) continue;
      if (auto t = target_at(s, k, from); t && t->end <= limit) return t;
    }
    return std::nullopt;
  }

  std::optional<Target> target_at(std::string_view s, size_t k, size_t from) const {
    std::optional<units::Figure> f = units::read_figure(s, k, ctx_.grammar.units);
    if (!f) return std::nullopt;
    Target t{k, f->end, "", *f};
    std::string_view before = s.substr(from, k - from);
    for (const auto& [word, means] : g_.comparators) {
      if (means != "定性" && before.size() >= word.size() && before.substr(before.size() - word.size()) == word) {
        t.begin = k - word.size(), t.comparator = means;
        break;
      }
    }
    bool unit = f->unit && f->unit->kind != grammar::UnitKind::kScore;
    if (!unit && t.comparator.empty()) return std::nullopt;
    return t;
  }

  // The indicator whose name starts at `from` and whose target is `t`; returns where reading goes on.
  size_t read_indicator(std::string_view s, size_t from, const Target& t) {
    size_t name_end = t.begin, note_begin = t.begin;
    if (g_.run_note.valid()) {
      if (auto m = g_.run_note.find(s.substr(0, t.begin), from); m && m->begin > from) {
        name_end = m->begin, note_begin = m->begin;
      }
    }
    // "培训合格率10≥95%": a weight printed between the name and a comparator, which a target's
    // digits cannot reach across.
    std::optional<Decimal> weight_before;
    if (name_end == t.begin && !t.comparator.empty()) {
      size_t digits = name_end;
      while (digits > from && (digit(s[digits - 1]) || s[digits - 1] == '.')) --digits;
      std::optional<Decimal> w = digits < name_end ? Decimal::parse(s.substr(digits, name_end - digits)) : std::nullopt;
      const std::optional<Decimal>& cap = level2_.weight ? level2_.weight : level1_.weight;
      if (w && cap && !(*cap < *w)) weight_before = w, name_end = digits;
    }
    std::string name = display(from, name_end);
    size_t after = t.end;
    if (!plausible_name(s.substr(from, name_end - from))) {
      last_ = -1;
      active_ = false;  // lost track of the cells: wait for the next level name
      return after;
    }
    IndicatorRecord ind;
    ind.level1 = level1_.name, ind.level1_weight = level1_.weight;
    ind.level2 = level2_.name, ind.level2_weight = level2_.weight;
    ind.name = name;
    ind.span = ctx_.source.span_of(f_.source_range(from, name_end));
    if (note_begin < t.begin) ind.note = display(note_begin, t.begin);
    ind.target = value_of(t);
    if (weight_before) ind.weight = weight_before, ind.weight_source = "run";
    // An actual value printed right after the target, in a unit of the same kind.
    if (auto a = after < s.size() && digit(s[after]) ? target_at(s, after, after) : std::nullopt;
        a && a->comparator.empty() && a->figure.unit && t.figure.unit && a->figure.unit->kind == t.figure.unit->kind) {
      ind.actual = value_of(*a);
      after = a->end;
      split_fused_weight(ind, s, t, *a);
    }
    // A score printed right after them: digits up to the next word.
    size_t digits_end = after;
    while (digits_end < s.size() && (digit(s[digits_end]) || s[digits_end] == '.')) ++digits_end;
    if (digits_end > after && (digits_end == s.size() || !digit(s[digits_end]))) {
      if (auto v = Decimal::parse(s.substr(after, digits_end - after)); v && ind.actual.value) {
        ind.score = v, ind.score_source = "run";
        after = digits_end;
      }
    }
    ind.remarks.push_back("read from run-together text: the cells of this indicator's row were printed with no "
                          "boundary between them");
    out_.push_back(std::move(ind));
    last_ = static_cast<int>(out_.size() - 1);
    return after;
  }

  // "保障人数102370人2370人": a weight printed before the target with nothing between them, seen
  // where the actual value repeats the target's last digits and the level printed its weight.
  void split_fused_weight(IndicatorRecord& ind, std::string_view s, const Target& t, const Target& a) const {
    if (!level2_.weight && !level1_.weight) return;
    std::string_view target = s.substr(t.figure.number_begin, t.figure.number_end - t.figure.number_begin);
    std::string_view actual = s.substr(a.figure.number_begin, a.figure.number_end - a.figure.number_begin);
    if (target.size() <= actual.size() || target.substr(target.size() - actual.size()) != actual) return;
    std::string_view prefix = target.substr(0, target.size() - actual.size());
    std::optional<Decimal> w = Decimal::parse(prefix);
    const std::optional<Decimal>& cap = level2_.weight ? level2_.weight : level1_.weight;
    if (!w || prefix[0] == '0' || *cap < *w) return;
    // What is left of the target is printed as the actual is ("2,370" too), so it has its value.
    Target cut = t;
    cut.figure.value = a.figure.value;
    cut.figure.number_begin = t.figure.number_begin + prefix.size();
    IndicatorValue v = value_of(cut);
    v.raw = display(cut.figure.number_begin, t.end);
    ind.target = v;
    ind.weight = w, ind.weight_source = "run";
    ind.remarks.push_back("weight " + w->to_canonical() + " read from the digits printed before the target (" +
                          display(t.begin, t.end) + "), which end in the actual value's");
  }

  bool plausible_name(std::string_view key) const {
    if (key.empty() || text::char_count(key) > kMaxNameChars) return false;
    for (char c : key) {
      if (digit(c) || c == ',' || c == ';') return false;
    }
    return text::char_count(key) >= 2;
  }

  IndicatorValue value_of(const Target& t) const {
    IndicatorValue v;
    v.raw = display(t.begin, t.end);
    v.comparator = t.comparator;
    v.value = t.figure.value;
    if (const grammar::UnitWord* u = t.figure.unit) {
      v.unit = units::unit_name(*u);
      if (u->kind == grammar::UnitKind::kMoney) v.value_yuan = units::to_yuan(t.figure.value, *u);
    }
    return v;
  }

  std::string display(size_t b, size_t e) const { return text::display(ctx_.slice(f_.source_range(b, e))); }

  const DocumentContext& ctx_;
  const grammar::IndicatorGrammar& g_;
  std::vector<IndicatorRecord>& out_;
  text::FoldedText f_;
  Level level1_, level2_;
  bool active_ = false, ended_ = false;
  int last_ = -1;
};

}  // namespace

void read_indicator_runs(const DocumentContext& ctx, const layout::Layout& layout, std::vector<IndicatorRecord>& out) {
  RunReader reader(ctx, out);
  const grammar::Pattern& needs = ctx.grammar.indicators.run_needs;
  for (size_t b = 0; b < layout.blocks.size(); ++b) {
    const layout::Block& block = layout.blocks[b];
    if (block.kind != layout::BlockKind::kParagraph || ctx.outline.in_toc[b]) continue;
    // A paragraph without the words every run holds is passed over, and not folded.
    std::string_view text = ctx.slice(block.range);
    if (needs.valid() && !needs.matches(grammar::Anchor::kAnywhere, text)) continue;
    size_t first = out.size();
    size_t found = reader.read_block(block.range);
    // One indicator alone is a sentence that names a level, unless the form's header is there too.
    const grammar::Pattern& header = ctx.grammar.indicators.run_header;
    bool form = found == 1 && header.valid() && header.find(text::match_key(text, ctx.source.traditional));
    if (found < 2 && !form) out.resize(first);
  }
}

}  // namespace budgetlens::extract::detail
