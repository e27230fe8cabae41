// The records budgetlens produces: the output contract of ../DESIGN.md.
//
// One DocumentResult per input file. Each record names its document through `doc` when written
// (see emit/), carries an id unique within the document ("s3", "t2", "q17") and a Span into the
// original file. Field names here are the JSON Lines field names.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/decimal.h"
#include "model/span.h"

namespace budgetlens {

// Where every character of a document went. Each character that is not a space lies in exactly
// one heading, paragraph or table cell, or is left out for a stated reason; a character in none of
// them (`unaccounted`) or in two (`overlapping`) is a defect of budgetlens, never of the document.
struct Coverage {
  uint64_t chars = 0;       // characters that are not spaces: of the text, or of a page's text nodes
  uint64_t heading = 0;     // of them in headings,
  uint64_t paragraph = 0;   // in paragraphs,
  uint64_t cell = 0;        // in table cells
  std::map<std::string, uint64_t> ignored;  // left out, by reason (toc, page_furniture, table_rule,
                                            // repeated_header, and for pages script, style, head,
                                            // hidden, form, embedded)
  uint64_t unaccounted = 0;
  uint64_t overlapping = 0;

  uint64_t accounted() const {
    uint64_t n = heading + paragraph + cell;
    for (const auto& [reason, count] : ignored) n += count;
    return n;
  }
  // The share of the characters in exactly one place, to four decimals: 1.0000 when none is
  // unaccounted or overlapping.
  Decimal ratio() const {
    if (chars == 0) return Decimal::from_int(1).rescaled(4);
    int64_t in_one_place = std::max<int64_t>(0, static_cast<int64_t>(accounted()) - static_cast<int64_t>(overlapping));
    return Decimal::divide(Decimal::from_int(in_one_place), Decimal::from_int(static_cast<int64_t>(chars)), 4)
        .value_or(Decimal());
  }
};

struct DocumentRecord {
  std::string id;      // path relative to the input root, '/'-separated
  std::string path;    // path as given on the command line
  std::string sha256;  // of the original bytes
  std::string format;  // text | html
  std::string encoding;
  std::string title;
  std::string org;
  std::optional<int> year;
  std::string kind;  // budget | final_accounts | perf_target | perf_self_eval | perf_report |
                     // project_self_eval | unknown
  std::string default_unit;         // the money unit most of the document's amounts are printed in
  std::string default_unit_source;  // stated | majority | assumed
  uint64_t bytes = 0;
  uint32_t lines = 0;
  std::vector<std::string> warnings;  // things the reader of the output should know
  Coverage coverage;
  Span span;
};

struct SectionRecord {
  std::string id;
  std::string parent;  // empty for a top-level section
  int level = 1;
  std::string marker;  // as printed: "第一部分", "（二）", "1."
  std::string title;
  Span span;  // the heading through the end of the section
  Span heading_span;
};

struct CellRecord {
  int row = 0;
  int col = 0;
  int rowspan = 1;
  int colspan = 1;
  std::string text;
  bool header = false;
  Span span;
};

// What a total row of a score or indicator table states (总分 | 100 | 98.2).
struct StatedTotal {
  int row = -1;
  std::optional<Decimal> weight;
  std::optional<Decimal> score;
  std::optional<Decimal> review_score;
  Span span;
};

struct TableRecord {
  std::string id;
  std::string section;
  std::string caption;
  std::string unit;         // money unit of the table's amounts, "" when none applies
  std::string unit_source;  // caption | header | cell | document | assumed
  std::string layout;       // html | pipe | cell_lines | tab | bare_lines | csv | aligned | spaced
  int n_rows = 0;
  int n_cols = 0;
  int header_rows = 0;
  std::string kind;  // amounts | indicators | scores | key_value | other
  std::vector<CellRecord> cells;
  std::optional<StatedTotal> total;  // indicator and score tables with a total row
  Span span;
};

struct QuantityRecord {
  std::string id;
  std::string section;
  std::string table;  // empty for a quantity found in running text
  int row = -1;       // grid row and column for table quantities, -1 otherwise
  int col = -1;
  std::string label;   // what the figure is, as a reader would name it; a path joined by " / "
  std::string column;  // the column header path of a table quantity
  std::string code;    // a classification code printed with the label (2010301), if any
  std::string raw;     // the exact source text of the figure and its unit
  Decimal value;       // as printed, in `unit`
  int decimals = 0;    // decimals as printed (the precision a check may assume)
  std::string unit;    // 万元 | 元 | 亿元 | 千元 | % | 人 | 次 | 项 | 分 | ...
  std::string unit_source;  // printed | column | table | document | inferred
  std::string kind;         // money | percent | count | score | other
  std::optional<Decimal> value_yuan;  // money only: the exact value in 元
  std::string approx;                 // 余 | 多 | 约 | 以上 | 近 ..., empty when exact
  std::string context;                // table | text
  Span span;
};

// A value of an indicator: its target (指标值) or what was achieved (实际完成值).
struct IndicatorValue {
  std::string raw;          // as printed, the comparator included ("≥90%", "1500项", "相关")
  std::string comparator;   // ≥ ≤ = > < 定性, or "" when none is printed
  std::optional<Decimal> value;
  std::string unit;         // %, 万元, 项 …, or the unit column's word
  std::optional<Decimal> value_yuan;  // money only
};

// One criterion of an indicator scored in several numbered rows (1、… 2、…).
struct IndicatorPart {
  int row = -1;
  std::string text;
  std::optional<Decimal> weight;
  std::optional<Decimal> score;
  std::optional<Decimal> review_score;
  Span span;
};

struct IndicatorRecord {
  std::string id;
  std::string table;
  int row = -1;  // the first grid row of the indicator
  // Levels from the outermost; a fourth label column is the indicator's name.
  std::string level1, level2, level3, name;
  // Weights printed with the levels: "投入管理指标(50分)" or a 分值 column beside a level.
  std::optional<Decimal> level1_weight, level2_weight, level3_weight;
  IndicatorValue target;
  IndicatorValue actual;
  std::optional<Decimal> weight;        // 分值 / 权重
  std::optional<Decimal> score;         // 得分 / 自评得分
  std::optional<Decimal> review_score;  // 审核得分
  std::string weight_source;            // column | label | parts
  std::string score_source;             // column | parts | derived
  std::string criteria;                 // 评分标准
  std::string note;                     // 指标说明, 指标解释
  std::vector<IndicatorPart> parts;
  std::vector<std::string> remarks;     // what a reader should know about how it was read
  Span span;
};

// Where a value of a check sits: the record it came from and, for a table cell, the cell.
struct CheckOperand {
  std::string id;     // a quantity ("q12") or indicator ("i3") id
  std::string label;  // as in that record
  std::string table;  // table id when the value is a table cell
  int row = -1, col = -1;
  Decimal value;
  Span span;
};

struct CheckRecord {
  std::string id;
  std::string rule;      // the rule's id in grammars/checks.xml
  std::string family;    // table_total | code_hierarchy | identity | list | score_total | level_weight |
                         // score_cap | rate | yoy | proportion_cap | same_figure | cross_table
  std::string name;      // the rule's Chinese name
  std::string severity;  // error | warning | info
  std::string status;    // pass | fail | rounding | skipped
  std::optional<Decimal> stated, computed, difference, tolerance;
  std::string unit;
  std::string message;     // Chinese, one line
  std::string formula;     // how `computed` is made from the operands: "sum", "ratio", "change" …
  CheckOperand stated_operand;
  std::vector<CheckOperand> operands;
  Span span;  // of the stated value
};

struct DocumentResult {
  DocumentRecord document;
  std::vector<SectionRecord> sections;
  std::vector<TableRecord> tables;
  std::vector<QuantityRecord> quantities;
  std::vector<IndicatorRecord> indicators;
  std::vector<CheckRecord> checks;
};

}  // namespace budgetlens
