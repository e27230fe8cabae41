// grammar: the knowledge of Chinese disclosure conventions, read from grammars/*.xml.
//
// C++ holds mechanisms; the words they act on (heading markers, column headers, unit words, label
// rules, identities to check) are data. load_grammar() reads the copies built into the binary and,
// file by file, replaces them with those found in an overlay folder, so a user can change a rule
// by editing XML and passing --grammars DIR, without rebuilding.
//
//   auto g = grammar::load_grammar("my-grammars/");   // "" for the built-in files only
//   if (!g) die(g.error().message);                   // names the file, line and problem
//   const grammar::Grammar& grammar = **g;
//
// A Grammar is immutable once loaded and shared by all workers. Lists of rules tried in turn on the
// same text are PatternSets (one pass answers for all of them); where rules carry more than a
// pattern, a PatternSet beside them holds their patterns in the same order.
#pragma once

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/pattern.h"
#include "model/result.h"

namespace budgetlens::grammar {

struct HeadingStyle {
  std::string id;
  Pattern pattern;
  bool heading_only = false;
  bool top = false;  // always opens level 1
};

struct SectionGrammar {
  std::vector<HeadingStyle> styles;
  PatternSet style_patterns;  // the patterns of `styles`, in order
  int title_max_chars = 36;
  std::u32string sentence_marks;
  int title_max_commas = 1;
  Pattern toc;
  Pattern page_furniture;  // a line a page break leaves in running text: "—7—", "第 2 页,共 46 页"
};

enum class ColumnRole {
  kUnknown,
  kLabel,
  kAmount,
  kCount,
  kPercent,
  kWeight,
  kScore,
  kComparator,
  kUnit,
  kTarget,
  kActual,
  kText,
  kCode,
  kRownum,
};

std::string_view role_name(ColumnRole role);

struct ColumnRule {
  ColumnRole role = ColumnRole::kUnknown;
  int level = 0;     // indicator level for kLabel columns of indicator tables, 0 otherwise
  std::string kind;  // refinement, e.g. "review" for a reviewer's score
  Pattern pattern;
};

// One check from checks.xml: its family (the element name), id, name, severity, and the patterns and
// words its mechanism reads (by attribute name).
struct CheckRule {
  struct Part {
    std::string name;  // how a message names it when it is missing
    Pattern pattern;
    bool optional = false;
    int in_names = -1;  // its index in CheckGrammar::identity_names
  };
  std::string family;
  std::string id;
  std::string name;
  std::string severity = "error";
  std::string open_severity = "warning";
  bool exact = false;  // tolerance="exact"
  std::vector<std::pair<std::string, Pattern>> patterns;
  std::vector<std::pair<std::string, std::string>> words;
  Pattern total;             // identities
  int total_in_names = -1;   // its index in CheckGrammar::identity_names
  std::vector<Part> parts;   // identities

  // The pattern or the text given as attribute `name` (an invalid Pattern / "" when absent).
  const Pattern& pattern(std::string_view name) const;
  std::string word(std::string_view name) const;
};

// The standard tables of 部门决算 and 部门预算, known by their captions.
struct StandardTable {
  std::string id;
  Pattern caption;
};

// Figures of different standard tables that must agree: each is a table, a row and optionally a
// column of it. `rule` carries the id, name and severity of the check.
struct Agreement {
  struct Figure {
    std::string table;  // a StandardTable id
    Pattern row;
    Pattern column;  // invalid: the row's first amount
  };
  CheckRule rule;
  std::vector<Figure> figures;
};

struct TableGrammar {
  std::vector<ColumnRule> columns;
  PatternSet column_patterns;  // the patterns of `columns`, in order
  PatternSet captions;
  Pattern continued_caption;  // a caption saying its table goes on from the one before: 表1(续)
  int caption_max_chars = 60;
  int caption_distance = 5;
  PatternSet unit_statements;  // group 1 is the unit word
  std::string unit_stated_by;  // folded; a line with a unit statement and this word states the unit
  Pattern total_row;
  Pattern year_header;  // a column headed by a year alone: its whole numbers are amounts of that year
  std::vector<std::string> dashes;  // folded cell texts that stand for no value (—, 无 …); longest first
  std::vector<std::string> weight_cell_units;  // after the number of a cell that holds a weight: (15分)
  Pattern header_join_suffix;
  int header_join_max_chars = 10;
  std::vector<StandardTable> standards;  // the first whose caption matches names a table
  std::vector<Agreement> agreements;

  // The rule for a header cell (folded), or nullptr.
  const ColumnRule* column_rule(std::string_view header) const;
  // Whether a cell's folded text stands for no value (one of `dashes`). Inline: asked of every cell,
  // most of them longer than any dash.
  bool is_dash(std::string_view key) const {
    if (dashes.empty() || key.size() > dashes.front().size()) return false;
    return std::find(dashes.begin(), dashes.end(), key) != dashes.end();
  }
};

enum class UnitKind { kMoney, kPercent, kCount, kScore };

struct UnitWord {
  std::string word;  // folded (simplified)
  UnitKind kind = UnitKind::kMoney;
  int power = 0;  // money: 10^power 元 per unit
  bool only_after_number = false;
};

struct ApproxWord {
  enum class Where { kBefore, kAfter, kWhole };
  std::string word;
  Where where = Where::kAfter;
};

struct UnitGrammar {
  std::vector<UnitWord> words;  // longest first
  std::vector<ApproxWord> approx;
  // The last bytes of the approximation words written before a number, and the first bytes of those
  // written after one: a figure with no such byte beside it has no such word there.
  std::bitset<256> approx_before_ends, approx_after_starts;
  // For each first byte, the words starting with it, longest first: each word's index into `words`
  // and its first bytes (up to four, the rest zero), which rule out most words without a comparison.
  struct WordStart {
    uint32_t head = 0;
    uint32_t mask = 0;
    uint16_t index = 0;
  };
  std::array<std::vector<WordStart>, 256> words_by_first_byte;
  // The money words that hold no other money word (元, 亿 of 元 万元 亿元 万亿 …): a text prints a
  // money word only if it prints one of these.
  std::vector<std::string> money_marks;
  // Words that start with a unit word but are words of their own (项目), each with the longer word
  // in which the unit is a unit after all (项目标: 3项 of 目标), or "".
  struct NotUnit {
    std::string word, but;
  };
  std::vector<NotUnit> not_units;

  // The unit word that s starts with (the longest), or nullptr; none where s starts with a word of
  // its own (`not_units`).
  const UnitWord* unit_at(std::string_view s) const;
  // The money unit named exactly `word`, or nullptr.
  const UnitWord* money(std::string_view word) const;
};

struct Mask {
  std::string kind;
  Pattern pattern;
  bool interrupts = false;  // read as if it were not there (a page header in mid-sentence)
};

struct FigureGrammar {
  std::vector<Mask> masks;
  PatternSet mask_patterns;  // the patterns of `masks`, in order
  Pattern code;
};

struct LabelGrammar {
  std::u32string boundaries;
  // The bytes that end a boundary character in UTF-8: text is searched backwards for those bytes,
  // and only a character ending in one of them is decoded.
  std::array<bool, 256> boundary_last_byte{};
  std::u32string list_separators;  // between the figures of a list whose unit is printed once
  PatternSet strip_prefix;
  PatternSet strip_suffix;
  PatternSet relations;
  PatternSet attributes;
  PatternSet postfix;
  Pattern distribute;
  std::string distribute_again;  // folded; a clause starting with it hands out the heads again ("各")
  Pattern share_base;
  Pattern explanation;
  Pattern header_tail;
  Pattern fund_total;
  Pattern item_marker;
  Pattern total_tail;
  Pattern subject_clause;
};

struct DocumentKindRule {
  std::string id;
  Pattern pattern;
};

struct DocumentGrammar {
  std::vector<DocumentKindRule> kinds;
  PatternSet kind_patterns;  // the patterns of `kinds`, in order
  Pattern title;
  PatternSet not_title;
  Pattern title_tail;
  int title_lines = 8;
  int title_min_chars = 6;
  PatternSet org;
  PatternSet not_org;
  Pattern org_in_title;
  std::string default_unit = "万元";
};

struct IndicatorGrammar {
  Pattern weight_label;
  std::vector<std::pair<std::string, std::string>> comparators;  // folded word, meaning; longest first
  Pattern criterion;
  // Indicators printed as run-together text, a table flattened with no cell boundary left
  // (extract/indicator_runs.cpp): the standard level names that start them, a level's weight printed
  // right after its name, where an indicator's explanation begins, the total that ends the run, what
  // ends it otherwise, and the form's header printed in the same text.
  Pattern run_level1, run_level2, run_level_weight, run_note, run_total, run_end, run_header;
  // Found in the text as printed (unfolded) of every paragraph that holds a run.
  Pattern run_needs;

  // The comparator that s starts with and its length in bytes, or {"", 0}.
  std::pair<std::string, size_t> comparator_at(std::string_view s) const;
};

struct CheckGrammar {
  std::vector<CheckRule> rules;
  Pattern budget;  // attributes of budget figures (年初预算, 预算数)
  Pattern actual;  // attributes of actual figures (决算, 执行数)
  Pattern previous;  // last year's figure printed for comparison (较上年, 比上年累计支出)
  Pattern share;     // what a share's relation starts with (占一般公共预算支出的比重)
  Pattern share_tail;  // what ends it after the name of what it is a share of (的比重)
  Pattern total;  // a row name that states its table's total (年度资金总额, 合计)
  // Words that end a figure's name where a share's base leaves them out (“三公”经费支出), and a
  // base's own in a budget, where every figure is one (项目支出预算).
  Pattern spent_tail, budget_tail;
  // The totals and parts of every identity rule as one set, so that a figure's name is tried
  // against all of them in one pass; the rules' total_in_names and in_names index it.
  PatternSet identity_names;

  std::vector<const CheckRule*> family(std::string_view name) const;
};

struct Grammar {
  SectionGrammar sections;
  TableGrammar tables;
  UnitGrammar units;
  FigureGrammar figures;
  LabelGrammar labels;
  DocumentGrammar documents;
  IndicatorGrammar indicators;
  CheckGrammar checks;
  std::string origin;  // "built-in", or the overlay folder
};

enum class ErrorCode {
  kUnreadable,  // an overlay file exists but cannot be read
  kXmlSyntax,   // not well-formed XML
  kBadPattern,  // a pattern RE2 refuses
  kBadValue,    // a missing or malformed attribute
};

using GrammarResult = Result<std::shared_ptr<const Grammar>, ErrorCode>;

// The built-in grammar files, each replaced by the file of the same name in `overlay_dir` when
// there is one. An empty overlay_dir loads the built-in files only.
GrammarResult load_grammar(const std::string& overlay_dir);

// A grammar file already in memory: `name` is one of grammar_file_names(), `shown` names it in
// messages (its path).
struct GrammarText {
  std::string name;
  std::string text;
  std::string shown;
};

// The built-in grammar files, each replaced by the text in `overlay` of the same name (names that
// are not grammar files are ignored). `origin` is recorded as Grammar::origin. load_grammar() reads
// the overlay folder and calls this; it is public for tools and fuzzing that hold the text already.
GrammarResult load_grammar_texts(const std::vector<GrammarText>& overlay, const std::string& origin);

// The names of the grammar files, and the built-in text of one ("" if there is none).
const std::vector<std::string>& grammar_file_names();
std::string_view builtin_grammar(std::string_view file_name);

}  // namespace budgetlens::grammar
