// The records budgetlens produces: the output contract of ../DESIGN.md.
//
// One DocumentResult per input file. Each record names its document through `doc` when written
// (see emit/), carries an id unique within the document ("s3", "t2", "q17") and a Span into the
// original file. Field names here are the JSON Lines field names.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/decimal.h"
#include "model/span.h"

namespace budgetlens {

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
  std::string layout;       // html | pipe | cell_lines | tab | bare_lines | aligned
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

struct DocumentResult {
  DocumentRecord document;
  std::vector<SectionRecord> sections;
  std::vector<TableRecord> tables;
  std::vector<QuantityRecord> quantities;
  std::vector<IndicatorRecord> indicators;
};

}  // namespace budgetlens
