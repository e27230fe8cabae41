#include <pugixml.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

#include "grammar/grammar.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace budgetlens::grammar {
namespace {

using LoadError = Error<ErrorCode>;

// The first four bytes of s (fewer when it is shorter, the rest zero) as one integer, the first
// byte lowest: what UnitGrammar::unit_at compares before it compares words.
uint32_t first_bytes(std::string_view s) {
  uint32_t bytes = 0;
  for (size_t k = 0; k < std::min<size_t>(s.size(), 4); ++k)
    bytes |= static_cast<uint32_t>(static_cast<unsigned char>(s[k])) << (8 * k);
  return bytes;
}

// One grammar file being read: its name for messages, its text for line numbers.
class Reader {
 public:
  Reader(std::string name, std::string text) : name_(std::move(name)), text_(std::move(text)) {}

  bool parse(pugi::xml_document& doc) {
    pugi::xml_parse_result r = doc.load_buffer(text_.data(), text_.size());
    if (!r) fail(ErrorCode::kXmlSyntax, r.offset, r.description());
    return static_cast<bool>(r);
  }

  Pattern pattern(const pugi::xml_node& node, const char* attribute = "pattern") {
    pugi::xml_attribute a = node.attribute(attribute);
    if (!a) {
      fail(ErrorCode::kBadValue, node.offset_debug(),
           std::string("<") + node.name() + "> needs a " + attribute + " attribute");
      return {};
    }
    std::string error;
    std::optional<Pattern> p = Pattern::compile(a.value(), &error);
    if (!p) {
      fail(ErrorCode::kBadPattern, node.offset_debug(), "pattern \"" + std::string(a.value()) + "\": " + error);
      return {};
    }
    return *p;
  }

  // The patterns of every <tag> child of `root`, in order.
  PatternSet patterns(const pugi::xml_node& root, const char* tag) {
    std::vector<Pattern> out;
    for (pugi::xml_node n : root.children(tag)) out.push_back(pattern(n));
    return PatternSet(std::move(out));
  }

  int integer(const pugi::xml_node& node, const char* attribute, int fallback) {
    pugi::xml_attribute a = node.attribute(attribute);
    if (!a) return fallback;
    char* end = nullptr;
    long v = std::strtol(a.value(), &end, 10);
    if (end == a.value() || *end != '\0') {
      fail(ErrorCode::kBadValue, node.offset_debug(),
           std::string(attribute) + "=\"" + a.value() + "\" is not a whole number");
      return fallback;
    }
    return static_cast<int>(v);
  }

  std::string required(const pugi::xml_node& node, const char* attribute) {
    pugi::xml_attribute a = node.attribute(attribute);
    if (!a || !*a.value()) {
      fail(ErrorCode::kBadValue, node.offset_debug(),
           std::string("<") + node.name() + "> needs a non-empty " + attribute + " attribute");
      return {};
    }
    return a.value();
  }

  // A word to look for in folded text: `attribute` folded, which must keep a visible character (a
  // word of spaces alone would be found everywhere).
  std::string word(const pugi::xml_node& node, const char* attribute = "word") {
    std::string folded = text::match_key(required(node, attribute));
    if (folded.empty()) {
      fail(ErrorCode::kBadValue, node.offset_debug(),
           std::string("<") + node.name() + "> needs a " + attribute + " with a visible character");
    }
    return folded;
  }

  void fail(ErrorCode code, ptrdiff_t offset, const std::string& what) {
    if (error_) return;  // the first problem is the one to fix
    size_t at = offset < 0 ? 0 : std::min<size_t>(static_cast<size_t>(offset), text_.size());
    size_t line = 1 + static_cast<size_t>(std::count(text_.begin(), text_.begin() + at, '\n'));
    error_ = LoadError{code, name_ + ":" + std::to_string(line) + ": " + what, at};
  }

  const std::optional<LoadError>& error() const { return error_; }

 private:
  std::string name_;
  std::string text_;
  std::optional<LoadError> error_;
};

// The patterns of rules that carry one, in the rules' order.
template <typename Rule>
PatternSet patterns_of(const std::vector<Rule>& rules, Pattern Rule::*pattern) {
  std::vector<Pattern> out;
  for (const Rule& rule : rules) out.push_back(rule.*pattern);
  return PatternSet(std::move(out));
}

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out.push_back(text::next_char(s, i));
  return out;
}

void read_sections(Reader& r, const pugi::xml_node& root, SectionGrammar& g) {
  for (pugi::xml_node n : root.children("style")) {
    HeadingStyle s;
    s.id = r.required(n, "id");
    s.pattern = r.pattern(n);
    s.heading_only = n.attribute("heading-only").as_bool(false);
    s.top = n.attribute("top").as_bool(false);
    g.styles.push_back(std::move(s));
  }
  g.style_patterns = patterns_of(g.styles, &HeadingStyle::pattern);
  if (pugi::xml_node t = root.child("title")) {
    g.title_max_chars = r.integer(t, "max-chars", g.title_max_chars);
    g.sentence_marks = to_u32(t.attribute("sentence-marks").value());
    g.title_max_commas = r.integer(t, "max-commas", g.title_max_commas);
  }
  if (pugi::xml_node t = root.child("toc")) g.toc = r.pattern(t);
  if (pugi::xml_node t = root.child("page-furniture")) g.page_furniture = r.pattern(t);
}

ColumnRole parse_role(std::string_view name) {
  static const std::pair<std::string_view, ColumnRole> kRoles[] = {
      {"label", ColumnRole::kLabel},       {"amount", ColumnRole::kAmount}, {"count", ColumnRole::kCount},
      {"percent", ColumnRole::kPercent},   {"weight", ColumnRole::kWeight}, {"score", ColumnRole::kScore},
      {"comparator", ColumnRole::kComparator}, {"unit", ColumnRole::kUnit}, {"target", ColumnRole::kTarget},
      {"actual", ColumnRole::kActual},     {"text", ColumnRole::kText},     {"code", ColumnRole::kCode},
      {"rownum", ColumnRole::kRownum},
  };
  for (const auto& [n, role] : kRoles) {
    if (n == name) return role;
  }
  return ColumnRole::kUnknown;
}

void read_tables(Reader& r, const pugi::xml_node& root, TableGrammar& g) {
  for (pugi::xml_node n : root.children("column")) {
    ColumnRule rule;
    std::string role = r.required(n, "role");
    rule.role = parse_role(role);
    if (rule.role == ColumnRole::kUnknown && !role.empty()) {
      r.fail(ErrorCode::kBadValue, n.offset_debug(), "unknown column role \"" + role + "\"");
    }
    rule.level = r.integer(n, "level", 0);
    rule.kind = n.attribute("kind").value();
    rule.pattern = r.pattern(n);
    g.columns.push_back(std::move(rule));
  }
  g.column_patterns = patterns_of(g.columns, &ColumnRule::pattern);
  g.captions = r.patterns(root, "caption");
  if (pugi::xml_node n = root.child("caption-continued")) g.continued_caption = r.pattern(n);
  if (pugi::xml_node n = root.child("caption-max-chars")) g.caption_max_chars = r.integer(n, "value", 60);
  if (pugi::xml_node n = root.child("caption-distance")) g.caption_distance = r.integer(n, "value", 5);
  g.unit_statements = r.patterns(root, "unit-statement");
  if (pugi::xml_node n = root.child("unit-stated-by")) g.unit_stated_by = r.word(n);
  if (pugi::xml_node n = root.child("total-row")) g.total_row = r.pattern(n);
  if (pugi::xml_node n = root.child("year-header")) g.year_header = r.pattern(n);
  for (pugi::xml_node n : root.children("dash")) g.dashes.push_back(r.word(n));
  for (pugi::xml_node n : root.children("weight-cell-unit")) g.weight_cell_units.push_back(r.word(n));
  std::stable_sort(g.dashes.begin(), g.dashes.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  if (pugi::xml_node n = root.child("header-join")) {
    g.header_join_suffix = r.pattern(n, "suffix");
    g.header_join_max_chars = r.integer(n, "max-chars", 10);
  }
  for (pugi::xml_node n : root.children("standard")) g.standards.push_back({r.required(n, "id"), r.pattern(n, "caption")});
  for (pugi::xml_node n : root.children("agreement")) {
    Agreement a;
    a.rule.family = "agreement";
    a.rule.id = r.required(n, "id");
    a.rule.name = r.required(n, "name");
    a.rule.severity = n.attribute("severity").as_string("error");
    for (pugi::xml_node f : n.children("figure")) {
      Agreement::Figure fig;
      fig.table = r.required(f, "table");
      if (std::none_of(g.standards.begin(), g.standards.end(), [&](const StandardTable& t) { return t.id == fig.table; })) {
        r.fail(ErrorCode::kBadValue, f.offset_debug(), "agreement " + a.rule.id + " names no <standard> \"" + fig.table + "\"");
      }
      fig.row = r.pattern(f, "row");
      if (f.attribute("column")) fig.column = r.pattern(f, "column");
      a.figures.push_back(std::move(fig));
    }
    g.agreements.push_back(std::move(a));
  }
}

void read_units(Reader& r, const pugi::xml_node& root, UnitGrammar& g) {
  static const std::pair<const char*, UnitKind> kKinds[] = {
      {"money", UnitKind::kMoney}, {"percent", UnitKind::kPercent}, {"count", UnitKind::kCount},
      {"score", UnitKind::kScore}};
  for (const auto& [tag, kind] : kKinds) {
    for (pugi::xml_node n : root.children(tag)) {
      UnitWord w;
      w.word = r.word(n);
      w.kind = kind;
      w.power = r.integer(n, "power", 0);
      w.only_after_number = n.attribute("only-after-number").as_bool(false);
      g.words.push_back(std::move(w));
    }
  }
  std::stable_sort(g.words.begin(), g.words.end(),
                   [](const UnitWord& a, const UnitWord& b) { return a.word.size() > b.word.size(); });
  for (size_t i = 0; i < g.words.size(); ++i) {
    if (g.words[i].word.empty()) continue;
    const std::string& w = g.words[i].word;
    const size_t n = std::min<size_t>(w.size(), 4);
    UnitGrammar::WordStart start{first_bytes(w), n == 4 ? 0xFFFFFFFFu : (1u << (8 * n)) - 1,
                                 static_cast<uint16_t>(i)};
    g.words_by_first_byte[static_cast<unsigned char>(w[0])].push_back(start);
  }
  for (const UnitWord& w : g.words) {
    if (w.kind != UnitKind::kMoney) continue;
    bool holds_another = std::any_of(g.words.begin(), g.words.end(), [&](const UnitWord& o) {
      return o.kind == UnitKind::kMoney && o.word.size() < w.word.size() &&
             w.word.find(o.word) != std::string::npos;
    });
    if (!holds_another) g.money_marks.push_back(w.word);
  }
  for (pugi::xml_node n : root.children("not-unit")) {
    g.not_units.push_back({r.word(n), n.attribute("but") ? r.word(n, "but") : std::string()});
  }
  for (pugi::xml_node n : root.children("approx")) {
    ApproxWord a;
    a.word = r.word(n);
    std::string_view where = n.attribute("where").value();
    a.where = where == "before" ? ApproxWord::Where::kBefore
              : where == "whole" ? ApproxWord::Where::kWhole
                                 : ApproxWord::Where::kAfter;
    if (!a.word.empty() && a.where == ApproxWord::Where::kBefore)
      g.approx_before_ends.set(static_cast<unsigned char>(a.word.back()));
    if (!a.word.empty() && a.where == ApproxWord::Where::kAfter)
      g.approx_after_starts.set(static_cast<unsigned char>(a.word.front()));
    g.approx.push_back(std::move(a));
  }
}

void read_figures(Reader& r, const pugi::xml_node& root, FigureGrammar& g) {
  for (pugi::xml_node n : root.children("mask")) {
    g.masks.push_back({r.required(n, "kind"), r.pattern(n), n.attribute("interrupts").as_bool(false)});
  }
  g.mask_patterns = patterns_of(g.masks, &Mask::pattern);
  if (pugi::xml_node n = root.child("code")) g.code = r.pattern(n);
}

void read_labels(Reader& r, const pugi::xml_node& root, LabelGrammar& g) {
  if (pugi::xml_node n = root.child("boundary")) g.boundaries = to_u32(n.attribute("chars").value());
  for (char32_t c : g.boundaries) {
    char bytes[4];
    const size_t n = text::encode_utf8(c, bytes);
    g.boundary_last_byte[static_cast<unsigned char>(bytes[n - 1])] = true;
  }
  if (pugi::xml_node n = root.child("list-separator"))
    g.list_separators = to_u32(n.attribute("chars").value());
  g.strip_prefix = r.patterns(root, "strip-prefix");
  g.strip_suffix = r.patterns(root, "strip-suffix");
  g.relations = r.patterns(root, "relation");
  g.attributes = r.patterns(root, "attribute");
  g.postfix = r.patterns(root, "postfix");
  if (pugi::xml_node n = root.child("distribute")) {
    g.distribute = r.pattern(n);
    if (n.attribute("again")) g.distribute_again = r.word(n, "again");
    if (g.distribute.valid() && g.distribute.groups() < 3) {
      r.fail(ErrorCode::kBadPattern, n.offset_debug(),
             "<distribute> needs three groups: the heads, their common tail and a relation");
    }
  }
  if (pugi::xml_node n = root.child("subject-clause")) g.subject_clause = r.pattern(n);
  if (pugi::xml_node n = root.child("share-base")) g.share_base = r.pattern(n);
  if (pugi::xml_node n = root.child("explanation")) g.explanation = r.pattern(n);
  if (pugi::xml_node n = root.child("header-tail")) g.header_tail = r.pattern(n);
  if (pugi::xml_node n = root.child("fund-total")) g.fund_total = r.pattern(n);
  if (pugi::xml_node n = root.child("item-marker")) g.item_marker = r.pattern(n);
  if (pugi::xml_node n = root.child("total-tail")) g.total_tail = r.pattern(n);
}

void read_documents(Reader& r, const pugi::xml_node& root, DocumentGrammar& g) {
  for (pugi::xml_node n : root.children("kind")) g.kinds.push_back({r.required(n, "id"), r.pattern(n)});
  g.kind_patterns = patterns_of(g.kinds, &DocumentKindRule::pattern);
  if (pugi::xml_node n = root.child("title")) g.title = r.pattern(n);
  g.not_title = r.patterns(root, "not-title");
  if (pugi::xml_node n = root.child("title-tail")) g.title_tail = r.pattern(n);
  if (pugi::xml_node n = root.child("title-lines")) g.title_lines = r.integer(n, "value", 8);
  if (pugi::xml_node n = root.child("title-min-chars")) g.title_min_chars = r.integer(n, "value", 6);
  g.org = r.patterns(root, "org");
  g.not_org = r.patterns(root, "not-org");
  if (pugi::xml_node n = root.child("org-in-title")) g.org_in_title = r.pattern(n);
  if (pugi::xml_node n = root.child("default-unit")) g.default_unit = r.required(n, "value");
}

void read_indicators(Reader& r, const pugi::xml_node& root, IndicatorGrammar& g) {
  if (pugi::xml_node n = root.child("weight-label")) g.weight_label = r.pattern(n);
  for (pugi::xml_node n : root.children("comparator")) {
    g.comparators.emplace_back(r.word(n), r.required(n, "means"));
  }
  std::stable_sort(g.comparators.begin(), g.comparators.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  if (pugi::xml_node n = root.child("criterion")) g.criterion = r.pattern(n);
  if (pugi::xml_node run = root.child("run")) {
    if (run.attribute("needs")) g.run_needs = r.pattern(run, "needs");
    for (pugi::xml_node n : run.children("level")) {
      std::string level = r.required(n, "n");
      if (level == "1") g.run_level1 = r.pattern(n);
      else if (level == "2") g.run_level2 = r.pattern(n);
      else r.fail(ErrorCode::kBadValue, n.offset_debug(), "<level> of <run> needs n=\"1\" or n=\"2\"");
    }
    if (pugi::xml_node n = run.child("level-weight")) g.run_level_weight = r.pattern(n);
    if (pugi::xml_node n = run.child("note")) g.run_note = r.pattern(n);
    if (pugi::xml_node n = run.child("total")) g.run_total = r.pattern(n);
    if (pugi::xml_node n = run.child("end")) g.run_end = r.pattern(n);
    if (pugi::xml_node n = run.child("header")) g.run_header = r.pattern(n);
  }
}

// Attributes of check elements that hold patterns; every other attribute is a word or a setting.
constexpr std::string_view kPatternAttributes[] = {
    "pattern",      "exclude",  "claims",   "open",          "numerator", "denominator", "current",
    "previous",     "relation", "actual",   "budget",        "increase",  "decrease",    "amount",
    "rate",         "item",     "subtotal", "versus-budget", "strip",     "ratio",       "last-year",
    "caption-tail", "year",     "joint",    "joint-parts"};

void read_checks(Reader& r, const pugi::xml_node& root, CheckGrammar& g) {
  for (pugi::xml_node n : root.children()) {
    if (n.type() != pugi::node_element) continue;
    std::string_view tag = n.name();
    if (tag == "attribute") {
      static constexpr std::pair<std::string_view, Pattern CheckGrammar::*> kClasses[] = {
          {"budget", &CheckGrammar::budget},         {"actual", &CheckGrammar::actual},
          {"previous", &CheckGrammar::previous},     {"share", &CheckGrammar::share},
          {"share-tail", &CheckGrammar::share_tail}, {"total", &CheckGrammar::total},
          {"spent-tail", &CheckGrammar::spent_tail}, {"budget-tail", &CheckGrammar::budget_tail}};
      const std::string cls = r.required(n, "class");
      const auto* it = std::find_if(std::begin(kClasses), std::end(kClasses),
                                    [&](const auto& c) { return c.first == cls; });
      if (it != std::end(kClasses)) {
        g.*(it->second) = r.pattern(n);
      } else {
        r.fail(ErrorCode::kBadValue, n.offset_debug(),
               "attribute class \"" + cls +
                   "\" is not budget, actual, previous, share, share-tail, total, spent-tail or budget-tail");
      }
      continue;
    }
    CheckRule rule;
    rule.family = std::string(tag);
    rule.id = r.required(n, "id");
    rule.name = r.required(n, "name");
    rule.severity = n.attribute("severity").as_string("error");
    rule.open_severity = n.attribute("open-severity").as_string("warning");
    rule.exact = std::string_view(n.attribute("tolerance").value()) == "exact";
    for (pugi::xml_attribute a : n.attributes()) {
      std::string_view name = a.name();
      bool is_pattern = std::find(std::begin(kPatternAttributes), std::end(kPatternAttributes), name) !=
                        std::end(kPatternAttributes);
      if (is_pattern) rule.patterns.emplace_back(std::string(name), r.pattern(n, a.name()));
      else rule.words.emplace_back(std::string(name), a.value());
    }
    for (const std::string& s : {rule.severity, rule.open_severity}) {
      if (s != "error" && s != "warning" && s != "info") {
        r.fail(ErrorCode::kBadValue, n.offset_debug(), "severity \"" + s + "\" is not error, warning or info");
      }
    }
    if (pugi::xml_node t = n.child("total")) rule.total = r.pattern(t);
    for (pugi::xml_node p : n.children("part")) {
      rule.parts.push_back({p.attribute("name").as_string(p.attribute("pattern").value()), r.pattern(p),
                            p.attribute("optional").as_bool(false)});
    }
    g.rules.push_back(std::move(rule));
  }
}

void index_identity_names(CheckGrammar& g) {
  std::vector<Pattern> names;
  for (CheckRule& rule : g.rules) {
    if (rule.family != "identity") continue;
    if (rule.total.valid()) {
      rule.total_in_names = static_cast<int>(names.size());
      names.push_back(rule.total);
    }
    for (CheckRule::Part& part : rule.parts) {
      if (!part.pattern.valid()) continue;
      part.in_names = static_cast<int>(names.size());
      names.push_back(part.pattern);
    }
  }
  g.identity_names = PatternSet(std::move(names));
}

bool is_regular_file(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

std::string_view role_name(ColumnRole role) {
  switch (role) {
    case ColumnRole::kUnknown: return "unknown";
    case ColumnRole::kLabel: return "label";
    case ColumnRole::kAmount: return "amount";
    case ColumnRole::kCount: return "count";
    case ColumnRole::kPercent: return "percent";
    case ColumnRole::kWeight: return "weight";
    case ColumnRole::kScore: return "score";
    case ColumnRole::kComparator: return "comparator";
    case ColumnRole::kUnit: return "unit";
    case ColumnRole::kTarget: return "target";
    case ColumnRole::kActual: return "actual";
    case ColumnRole::kText: return "text";
    case ColumnRole::kCode: return "code";
    case ColumnRole::kRownum: return "rownum";
  }
  return "unknown";
}

const ColumnRule* TableGrammar::column_rule(std::string_view header) const {
  int i = column_patterns.first_matching(Anchor::kFull, header);
  return i < 0 ? nullptr : &columns[i];
}

const Pattern& CheckRule::pattern(std::string_view name) const {
  static const Pattern kNone;
  for (const auto& [n, p] : patterns) {
    if (n == name) return p;
  }
  return kNone;
}

std::string CheckRule::word(std::string_view name) const {
  for (const auto& [n, w] : words) {
    if (n == name) return w;
  }
  return {};
}

std::vector<const CheckRule*> CheckGrammar::family(std::string_view name) const {
  std::vector<const CheckRule*> out;
  for (const CheckRule& r : rules) {
    if (r.family == name) out.push_back(&r);
  }
  return out;
}

std::pair<std::string, size_t> IndicatorGrammar::comparator_at(std::string_view s) const {
  for (const auto& [word, means] : comparators) {
    if (s.substr(0, word.size()) == word) return {means, word.size()};
  }
  return {"", 0};
}

const UnitWord* UnitGrammar::unit_at(std::string_view s) const {
  if (s.empty()) return nullptr;
  const uint32_t head = first_bytes(s);
  for (const WordStart& start : words_by_first_byte[static_cast<unsigned char>(s[0])]) {
    if ((head & start.mask) != start.head) continue;
    const std::string& w = words[start.index].word;
    if (w.size() <= 4 ? w.size() <= s.size() : s.substr(0, w.size()) == w) {
      for (const NotUnit& n : not_units) {
        if (s.starts_with(n.word) && (n.but.empty() || !s.starts_with(n.but))) return nullptr;
      }
      return &words[start.index];
    }
  }
  return nullptr;
}

const UnitWord* UnitGrammar::money(std::string_view word) const {
  for (const UnitWord& w : words) {
    if (w.kind == UnitKind::kMoney && w.word == word) return &w;
  }
  return nullptr;
}

GrammarResult load_grammar_texts(const std::vector<GrammarText>& overlay, const std::string& origin) {
  auto grammar = std::make_shared<Grammar>();
  grammar->origin = origin;
  for (const std::string& name : grammar_file_names()) {
    std::string text(builtin_grammar(name));
    std::string shown = "grammars/" + name + " (built-in)";
    for (const GrammarText& file : overlay) {
      if (file.name != name) continue;
      text = file.text;
      shown = file.shown;
    }
    Reader reader(shown, text);
    pugi::xml_document doc;
    if (!reader.parse(doc)) return *reader.error();
    pugi::xml_node root = doc.document_element();
    std::string_view tag = root.name();
    if (tag == "sections") read_sections(reader, root, grammar->sections);
    else if (tag == "tables") read_tables(reader, root, grammar->tables);
    else if (tag == "units") read_units(reader, root, grammar->units);
    else if (tag == "figures") read_figures(reader, root, grammar->figures);
    else if (tag == "labels") read_labels(reader, root, grammar->labels);
    else if (tag == "documents") read_documents(reader, root, grammar->documents);
    else if (tag == "indicators") read_indicators(reader, root, grammar->indicators);
    else if (tag == "checks") read_checks(reader, root, grammar->checks);
    else reader.fail(ErrorCode::kBadValue, 0, "unexpected root element <" + std::string(tag) + ">");
    if (reader.error()) return *reader.error();
  }
  index_identity_names(grammar->checks);
  return std::shared_ptr<const Grammar>(std::move(grammar));
}

GrammarResult load_grammar(const std::string& overlay_dir) {
  if (overlay_dir.empty()) return load_grammar_texts({}, "built-in");
  std::vector<GrammarText> overlay;
  for (const std::string& name : grammar_file_names()) {
    std::string path = overlay_dir + "/" + name;
    if (!is_regular_file(path)) continue;
    std::ifstream in(path, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    if (!in) return LoadError{ErrorCode::kUnreadable, path + ": cannot read grammar file"};
    overlay.push_back({name, buf.str(), path});
  }
  return load_grammar_texts(overlay, overlay_dir);
}

}  // namespace budgetlens::grammar
