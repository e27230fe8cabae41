// The workbook: a summary sheet, long sheets of sections, tables, indicators, amounts and checks,
// and one sheet per table reproducing its grid.
//
// What the workbook promises a reader:
//   - numbers are numbers, in number formats (#,##0.00 for amounts, 0.00% for rates), and every row
//     names its file and line;
//   - document text is always a string cell, never a formula or a link (whatever it starts with);
//     the only links are the summary's, to the workbook's own sheets;
//   - a check over cells of one table carries a live formula over the table's sheet (=SUM('T3'!C5:C9)),
//     with budgetlens's own result stored as the formula's value, so a reader can recompute it;
//   - in a table's sheet, a figure that a failing check states is red, with the check as a comment,
//     and amber when the difference is within rounding.
// The long sheets stream row by row (constant memory); table sheets, which merge cells and carry
// comments, are held until the workbook closes — --no-table-sheets leaves them out of large batches.
#include <xlsxwriter.h>

#include <algorithm>
#include <map>
#include <set>

#include "emit/output_file.h"
#include "emit/spreadsheet_text.h"
#include "emit/sinks.h"
#include "model/ids.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace budgetlens::emit::detail {
namespace {

constexpr double kMaxWidth = 60;

// A column of a long sheet: its header in each language.
struct ColumnSpec {
  const char* zh;
  const char* en;
};

// Display width of text, wide characters counting two.
double display_width(std::string_view s) {
  double w = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t c = text::next_char(s, i);
    w += c >= 0x1100 ? 2 : 1;
  }
  return w;
}

// "#,##0" followed by the decimals: "#,##0.00".
std::string with_decimals(std::string base, int decimals) {
  if (decimals > 0) {
    base.push_back('.');
    base.append(static_cast<size_t>(std::min(decimals, 10)), '0');
  }
  return base;
}

// 'T3'!C5
std::string cell_ref(const std::string& sheet, int row, int col) {
  char buf[32];
  lxw_rowcol_to_cell(buf, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col));
  return "'" + sheet + "'!" + buf;
}

class XlsxSink : public Sink {
 public:
  XlsxSink(const std::string& path, const Options& options)
      : path_(path), file_(path), options_(options), en_(options.lang == "en") {
    if (!file_.ok()) return;
    file_.release_stream();
    lxw_workbook_options wo = {};
    wo.constant_memory = LXW_TRUE;
    workbook_ = workbook_new_opt(file_.temp_path().c_str(), &wo);
    if (!workbook_) {
      error_ = "cannot create workbook " + path;
      return;
    }
    make_formats();
    summary_ = sheet("概览", "Summary",
                     {{"文件", "file"}, {"标题", "title"}, {"单位", "organisation"}, {"年度", "year"}, {"类型", "kind"},
                      {"编码", "encoding"}, {"金额单位", "unit"}, {"章节数", "sections"}, {"表格数", "tables"},
                      {"金额数", "quantities"}, {"指标数", "indicators"}, {"校验数", "checks"}, {"通过", "pass"},
                      {"舍入", "rounding"}, {"不符", "fail"}, {"未核对", "skipped"}, {"字符数", "characters"},
                      {"覆盖率", "coverage"}, {"表格", "table sheets"},
                      {"不符的校验", "failing checks"}, {"提示", "warnings"}});
    sections_ = sheet("章节", "Sections",
                      {{"文件", "file"}, {"编号", "id"}, {"上级", "parent"}, {"层级", "level"}, {"标号", "marker"},
                       {"标题", "title"}, {"行", "line"}});
    tables_ = sheet("表格", "Tables",
                    {{"文件", "file"}, {"编号", "id"}, {"工作表", "sheet"}, {"章节", "section"}, {"标题", "caption"},
                     {"金额单位", "unit"}, {"版式", "layout"}, {"行数", "rows"}, {"列数", "columns"},
                     {"表头行数", "header rows"}, {"类型", "kind"}, {"行", "line"}});
    indicators_ = sheet("指标", "Indicators",
                        {{"文件", "file"}, {"编号", "id"}, {"表格", "table"}, {"一级指标", "level 1"},
                         {"一级分值", "level 1 weight"}, {"二级指标", "level 2"}, {"二级分值", "level 2 weight"},
                         {"三级指标", "level 3"}, {"三级分值", "level 3 weight"}, {"指标", "indicator"},
                         {"比较", "comparator"}, {"指标值", "target"}, {"目标数值", "target value"}, {"单位", "unit"},
                         {"完成值", "actual"}, {"完成数值", "actual value"}, {"分值", "weight"}, {"得分", "score"},
                         {"审核得分", "review score"}, {"分项数", "parts"}, {"评分标准", "criteria"},
                         {"指标说明", "note"}, {"备注", "remarks"}, {"行", "line"}});
    amounts_ = sheet("金额", "Amounts",
                     {{"文件", "file"}, {"编号", "id"}, {"表格", "table"}, {"标签", "label"}, {"栏目", "column"},
                      {"科目编码", "code"}, {"原文", "raw"}, {"数值", "value"}, {"单位", "unit"}, {"种类", "kind"},
                      {"元", "yuan"}, {"约数", "approx"}, {"来源", "context"}, {"单位依据", "unit source"},
                      {"行", "line"}, {"列", "column no."}});
    checks_ = sheet("校验", "Checks",
                    {{"文件", "file"}, {"编号", "id"}, {"规则", "rule"}, {"名称", "name"}, {"严重性", "severity"},
                     {"状态", "status"}, {"表述值", "stated"}, {"计算值", "computed"}, {"差额", "difference"},
                     {"容差", "tolerance"}, {"单位", "unit"}, {"公式", "formula"}, {"公式差额", "formula difference"},
                     {"说明", "message"}, {"运算对象", "operands"}, {"行", "line"}, {"列", "column no."}});
    // Table sheets merge cells and take comments: they are not streamed.
    workbook_->options.constant_memory = LXW_FALSE;
  }

  bool ok() const { return file_.ok() && error_.empty(); }
  std::string error() const { return file_.ok() ? error_ : file_.error(); }

  void add(const DocumentResult& r) override {
    if (!ok()) return;
    const DocumentRecord& d = r.document;
    // Table sheets first: the summary links to them and the checks' formulas refer to their cells.
    std::map<std::string, TableSheet> sheets;
    if (options_.table_sheets) {
      for (const TableRecord& t : r.tables) sheets[t.id] = table_sheet(r, t);
    }
    summary_row(r, sheets);
    for (const SectionRecord& s : r.sections) {
      row(sections_).text(d.id).text(s.id).text(s.parent).integer(s.level).text(s.marker).text(s.title)
          .integer(static_cast<int>(s.heading_span.line));
    }
    for (const TableRecord& t : r.tables) {
      auto it = sheets.find(t.id);
      row(tables_).text(d.id).text(t.id).text(it == sheets.end() ? "" : it->second.name).text(t.section)
          .text(t.caption).text(t.unit).text(t.layout).integer(t.n_rows).integer(t.n_cols).integer(t.header_rows)
          .text(t.kind).integer(static_cast<int>(t.span.line));
    }
    for (const IndicatorRecord& i : r.indicators) {
      std::string remarks;
      for (const std::string& m : i.remarks) remarks += (remarks.empty() ? "" : "; ") + m;
      row(indicators_).text(d.id).text(i.id).text(i.table).text(i.level1).decimal(i.level1_weight)
          .text(i.level2).decimal(i.level2_weight).text(i.level3).decimal(i.level3_weight).text(i.name)
          .text(i.target.comparator).text(i.target.raw).decimal(i.target.value).text(i.target.unit)
          .text(i.actual.raw).decimal(i.actual.value).decimal(i.weight).decimal(i.score).decimal(i.review_score)
          .integer(static_cast<int>(i.parts.size())).text(i.criteria).text(i.note).text(remarks)
          .integer(static_cast<int>(i.span.line));
    }
    for (const QuantityRecord& q : r.quantities) {
      Row& out = row(amounts_).text(d.id).text(q.id).text(q.table).text(q.label).text(q.column).text(q.code).text(q.raw);
      out.quantity(q, *this).text(q.unit).text(q.kind);
      if (q.value_yuan) out.number(*q.value_yuan, number_format(0, false));
      else out.skip();
      out.text(q.approx).text(q.context).text(q.unit_source).integer(static_cast<int>(q.span.line))
          .integer(static_cast<int>(q.span.col));
    }
    for (const CheckRecord& c : r.checks) check_row(d, c, sheets);
  }

  std::optional<std::string> finish() override {
    if (!workbook_) return error();
    for (Sheet* s : {&summary_, &sections_, &tables_, &indicators_, &amounts_, &checks_}) {
      if (s->rows > 1) worksheet_autofilter(s->ws, 0, 0, s->rows - 1, s->cols - 1);
      for (uint16_t c = 0; c < s->cols; ++c) {
        worksheet_set_column(s->ws, c, c, std::min(kMaxWidth, s->widths[c] + 2), nullptr);
      }
    }
    lxw_error e = workbook_close(workbook_);
    workbook_ = nullptr;
    if (e != LXW_NO_ERROR) return "cannot write " + path_ + ": " + lxw_strerror(e);
    return file_.commit();
  }

  ~XlsxSink() override {
    if (workbook_) workbook_close(workbook_);
  }

 private:
  struct Sheet {
    lxw_worksheet* ws = nullptr;
    uint32_t rows = 0;
    uint16_t cols = 0;
    std::vector<double> widths;
  };

  // A table's sheet: its name, and the cells written as numbers (their sheet row and column).
  struct TableSheet {
    std::string name;
    int row_offset = 0;  // sheet row of grid row 0
    std::set<std::pair<int, int>> numeric;  // grid (row, col) written as numbers
  };

  class Row {
   public:
    Row(Sheet& s, uint32_t r, lxw_format* as_text) : s_(s), r_(r), as_text_(as_text) {}
    // Document text: always a string cell formatted as text, never a formula or a link, even when
    // it starts with = + - @ (spreadsheet_text.h).
    Row& text(std::string_view v, lxw_format* f = nullptr) {
      if (!v.empty()) {
        worksheet_write_string(s_.ws, r_, c_, detail::cell_text(v).c_str(), f ? f : as_text_);
        fit(display_width(v));
      }
      ++c_;
      return *this;
    }
    Row& integer(std::optional<int> v, lxw_format* f = nullptr) {
      if (v) {
        worksheet_write_number(s_.ws, r_, c_, *v, f);
        fit(std::to_string(*v).size());
      }
      ++c_;
      return *this;
    }
    Row& number(const Decimal& v, lxw_format* f) {
      worksheet_write_number(s_.ws, r_, c_, v.to_double(), f);
      fit(v.to_string().size() * 1.3);
      ++c_;
      return *this;
    }
    Row& decimal(const std::optional<Decimal>& v) {
      if (v) return number(*v, nullptr);
      ++c_;
      return *this;
    }
    Row& quantity(const QuantityRecord& q, XlsxSink& book) {
      if (q.kind == "percent") return number(q.value.shifted(-2), book.percent_format(q.decimals));
      return number(q.value, book.number_format(q.decimals, q.kind != "money"));
    }
    Row& formula(const std::string& f, const Decimal& cached, lxw_format* format) {
      worksheet_write_formula_num(s_.ws, r_, c_, f.c_str(), format, cached.to_double());
      fit(12);
      ++c_;
      return *this;
    }
    Row& link(const std::string& target, std::string_view shown) {
      worksheet_write_url_opt(s_.ws, r_, c_, ("internal:" + target).c_str(), nullptr, std::string(shown).c_str(), nullptr);
      fit(display_width(shown));
      ++c_;
      return *this;
    }
    Row& skip() {
      ++c_;
      return *this;
    }
    uint32_t index() const { return r_; }

   private:
    void fit(double w) {
      if (c_ < s_.widths.size()) s_.widths[c_] = std::max(s_.widths[c_], w);
    }
    Sheet& s_;
    uint32_t r_;
    lxw_format* as_text_;
    uint16_t c_ = 0;
  };

  void make_formats() {
    header_ = workbook_add_format(workbook_);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xDDEBF7);
    format_set_border(header_, LXW_BORDER_THIN);
    format_set_text_wrap(header_);
    format_set_num_format(header_, "@");
    alert_ = workbook_add_format(workbook_);
    format_set_bg_color(alert_, 0xF4B6B6);
    format_set_bold(alert_);
    text_ = workbook_add_format(workbook_);
    format_set_num_format(text_, "@");
    table_header_ = workbook_add_format(workbook_);
    format_set_bold(table_header_);
    format_set_bg_color(table_header_, 0xF2F2F2);
    format_set_border(table_header_, LXW_BORDER_THIN);
    format_set_text_wrap(table_header_);
    format_set_align(table_header_, LXW_ALIGN_VERTICAL_CENTER);
    format_set_num_format(table_header_, "@");
    table_cell_ = workbook_add_format(workbook_);
    format_set_border(table_cell_, LXW_BORDER_THIN);
    format_set_text_wrap(table_cell_);
    format_set_align(table_cell_, LXW_ALIGN_VERTICAL_TOP);
    format_set_num_format(table_cell_, "@");
  }

  // #,##0.00 for amounts printed with two decimals; 0 for counts; 0.00% for rates (value / 100).
  lxw_format* number_format(int decimals, bool plain, uint32_t fill = 0) {
    return format_for(with_decimals(plain ? "0" : "#,##0", decimals), fill);
  }
  lxw_format* percent_format(int decimals, uint32_t fill = 0) {
    std::string f = with_decimals("0", decimals);
    f.push_back('%');
    return format_for(f, fill);
  }
  lxw_format* format_for(const std::string& num_format, uint32_t fill, bool bordered = false) {
    auto key = std::make_tuple(num_format, fill, bordered);
    auto it = formats_.find(key);
    if (it != formats_.end()) return it->second;
    lxw_format* f = workbook_add_format(workbook_);
    if (!num_format.empty()) format_set_num_format(f, num_format.c_str());
    if (fill) format_set_bg_color(f, fill);
    if (bordered) {
      format_set_border(f, LXW_BORDER_THIN);
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    }
    formats_[key] = f;
    return f;
  }

  Sheet sheet(const char* zh, const char* en, std::initializer_list<ColumnSpec> columns) {
    Sheet s;
    s.ws = workbook_add_worksheet(workbook_, en_ ? en : zh);
    uint16_t c = 0;
    for (const ColumnSpec& col : columns) {
      const char* name = en_ ? col.en : col.zh;
      worksheet_write_string(s.ws, 0, c, name, header_);
      s.widths.push_back(display_width(name));
      ++c;
    }
    s.cols = c;
    s.rows = 1;
    worksheet_freeze_panes(s.ws, 1, 0);
    return s;
  }

  Row& row(Sheet& s) {
    current_ = std::make_unique<Row>(s, s.rows++, text_);
    return *current_;
  }

  static int count(const DocumentResult& r, std::string_view status) {
    int n = 0;
    for (const CheckRecord& c : r.checks) n += c.status == status;
    return n;
  }

  // One row per document; a document with failing checks has its 不符 count in red, and links to
  // its first table sheet and its first failing check.
  void summary_row(const DocumentResult& r, const std::map<std::string, TableSheet>& sheets) {
    const DocumentRecord& d = r.document;
    std::string warnings;
    for (const std::string& w : d.warnings) warnings += (warnings.empty() ? "" : "; ") + w;
    int fails = count(r, "fail");
    Row& out = row(summary_).text(d.id).text(d.title).text(d.org).integer(d.year).text(d.kind).text(d.encoding)
                   .text(d.default_unit).integer(static_cast<int>(r.sections.size()))
                   .integer(static_cast<int>(r.tables.size())).integer(static_cast<int>(r.quantities.size()))
                   .integer(static_cast<int>(r.indicators.size())).integer(static_cast<int>(r.checks.size()))
                   .integer(count(r, "pass")).integer(count(r, "rounding"))
                   .integer(fails, fails ? alert_ : nullptr).integer(count(r, "skipped"))
                   .integer(static_cast<int>(d.coverage.chars)).number(d.coverage.ratio(), percent_format(2));
    if (!r.tables.empty() && sheets.count(r.tables.front().id)) {
      const std::string& first = sheets.at(r.tables.front().id).name;
      out.link("'" + first + "'!A1", first + (r.tables.size() > 1 ? " …" : ""));
    } else {
      out.skip();
    }
    // Check rows are written right after this document's other rows, in order.
    auto first_fail = std::find_if(r.checks.begin(), r.checks.end(), [](const CheckRecord& c) { return c.status == "fail"; });
    if (first_fail != r.checks.end()) {
      uint32_t at = checks_.rows + static_cast<uint32_t>(first_fail - r.checks.begin()) + 1;
      std::string target = en_ ? "'Checks'!A" : "'校验'!A";
      target += std::to_string(at);
      out.link(target,
               (en_ ? "first of " : "第一个，共") + std::to_string(fails));
    } else {
      out.skip();
    }
    out.text(warnings);
  }

  // The formula that recomputes a check from the cells of one table's sheet, or "" when its
  // operands are not all cells printed there as numbers.
  std::string formula_of(const CheckRecord& c, const std::map<std::string, TableSheet>& sheets) const {
    if (c.operands.empty() || c.stated_operand.table.empty()) return {};
    auto it = sheets.find(c.stated_operand.table);
    if (it == sheets.end()) return {};
    const TableSheet& ts = it->second;
    std::vector<std::string> refs;
    for (const CheckOperand& o : c.operands) {
      if (o.table != c.stated_operand.table || !ts.numeric.count({o.row, o.col})) return {};
      refs.push_back(cell_ref(ts.name, o.row + ts.row_offset, o.col));
    }
    if (c.formula == "sum" || c.formula == "same") {
      std::string f = "=SUM(";
      for (size_t k = 0; k < refs.size(); ++k) f += (k ? "," : "") + refs[k];
      return f + ")";
    }
    if (refs.size() != 2) return {};
    // A rate is computed, as budgetlens computes it, to two more decimals than it is printed with.
    std::string places = std::to_string(c.computed ? c.computed->scale() : 2);
    if (c.formula == "ratio") return "=ROUND(" + refs[0] + "/" + refs[1] + "*100," + places + ")";
    if (c.formula == "change") return "=ROUND((" + refs[0] + "-" + refs[1] + ")/" + refs[1] + "*100," + places + ")";
    return {};
  }

  void check_row(const DocumentRecord& d, const CheckRecord& c, const std::map<std::string, TableSheet>& sheets) {
    std::string operands;
    for (const CheckOperand& o : c.operands) {
      operands += (operands.empty() ? "" : "；") + o.label + " " + o.value.to_string() + "（" +
                  (en_ ? "line " : "第") + std::to_string(o.span.line) + (en_ ? "" : "行") + "）";
    }
    lxw_format* status_format = c.status == "fail" ? alert_ : nullptr;
    Row& out = row(checks_).text(d.id).text(c.id).text(c.rule).text(c.name).text(c.severity).text(c.status, status_format)
                   .decimal(c.stated).decimal(c.computed).decimal(c.difference).decimal(c.tolerance).text(c.unit);
    std::string f = c.computed ? formula_of(c, sheets) : std::string();
    if (!f.empty()) {
      uint32_t r = out.index() + 1;  // 1-based row of this check
      out.formula(f, *c.computed, nullptr);
      out.formula("=G" + std::to_string(r) + "-L" + std::to_string(r), c.stated ? *c.stated - *c.computed : Decimal(), nullptr);
    } else {
      out.skip().skip();
    }
    out.text(c.message).text(operands).integer(static_cast<int>(c.span.line)).integer(static_cast<int>(c.span.col));
  }

  // A sheet reproducing one table's grid: merged cells merged, header rows styled, figures as numbers
  // in the table's unit, a figure that a check finds wrong red (amber within rounding) with the check
  // as a comment.
  TableSheet table_sheet(const DocumentResult& r, const TableRecord& t) {
    TableSheet ts;
    ts.name = numbered_id('T', ++table_count_);  // short, unique, within Excel's 31 characters
    ts.row_offset = 2;
    lxw_worksheet* ws = workbook_add_worksheet(workbook_, ts.name.c_str());
    if (!ws) return {};
    std::string title = r.document.id + " " + t.id + (t.caption.empty() ? "" : " " + t.caption) +
                        (t.unit.empty() ? "" : " (" + t.unit + ")");
    worksheet_write_string(ws, 0, 0, detail::cell_text(title).c_str(), header_);
    std::map<std::pair<int, int>, const QuantityRecord*> figures;
    for (const QuantityRecord& q : r.quantities) {
      if (q.table == t.id) figures.emplace(std::make_pair(q.row, q.col), &q);
    }
    // What the checks say of each cell they state: the worst status wins.
    std::map<std::pair<int, int>, const CheckRecord*> flagged;
    for (const CheckRecord& c : r.checks) {
      if (c.stated_operand.table != t.id || c.stated_operand.row < 0 || c.stated_operand.col < 0) continue;
      if (c.status != "fail" && c.status != "rounding") continue;
      auto key = std::make_pair(c.stated_operand.row, c.stated_operand.col);
      auto it = flagged.find(key);
      if (it == flagged.end() || (it->second->status != "fail" && c.status == "fail")) flagged[key] = &c;
    }
    std::vector<double> widths(std::max(t.n_cols, 1), 8);
    for (const CellRecord& c : t.cells) {
      lxw_row_t row = static_cast<lxw_row_t>(c.row + ts.row_offset);
      lxw_col_t col = static_cast<lxw_col_t>(c.col);
      auto flag = flagged.find({c.row, c.col});
      uint32_t fill = flag == flagged.end() ? 0 : flag->second->status == "fail" ? 0xF4B6B6 : 0xFFE699;
      auto fig = figures.find({c.row, c.col});
      // A cell that is just its figure is written as that number; text around a figure keeps the cell text.
      bool numeric = !c.header && fig != figures.end() && text::display(c.text) == text::display(fig->second->raw) &&
                     fig->second->kind != "other";
      double w = std::min(kMaxWidth, 2.0 + display_width(c.text) / std::max(1, c.colspan));
      if (c.col < static_cast<int>(widths.size())) widths[c.col] = std::max(widths[c.col], std::min(w, 30.0));
      if (numeric) {
        const QuantityRecord& q = *fig->second;
        lxw_format* f = q.kind == "percent" ? percent_format(q.decimals, fill)
                                            : format_for(with_decimals("#,##0", q.decimals), fill, true);
        Decimal v = q.kind == "percent" ? q.value.shifted(-2) : q.value;
        if (c.rowspan > 1 || c.colspan > 1) {
          // A merged range takes a string; its first cell is then given the number.
          worksheet_merge_range(ws, row, col, row + c.rowspan - 1, col + c.colspan - 1, "", f);
        }
        worksheet_write_number(ws, row, col, v.to_double(), f);
        ts.numeric.insert({c.row, c.col});
      } else {
        lxw_format* f = c.header ? table_header_ : fill ? format_for("@", fill, true) : table_cell_;
        std::string shown = detail::cell_text(c.text);
        if (c.rowspan > 1 || c.colspan > 1) {
          worksheet_merge_range(ws, row, col, row + c.rowspan - 1, col + c.colspan - 1, shown.c_str(), f);
        } else {
          worksheet_write_string(ws, row, col, shown.c_str(), f);
        }
      }
      if (flag != flagged.end()) {
        const CheckRecord& k = *flag->second;
        std::string note = "[" + k.rule + "] " + k.status + ": " + k.message;
        worksheet_write_comment(ws, row, col, note.c_str());
      }
    }
    for (size_t c = 0; c < widths.size(); ++c) worksheet_set_column(ws, c, c, widths[c], nullptr);
    return ts;
  }

  std::string path_;
  OutputFile file_;
  Options options_;
  bool en_ = false;
  std::string error_;
  lxw_workbook* workbook_ = nullptr;
  lxw_format *header_ = nullptr, *alert_ = nullptr, *table_header_ = nullptr, *table_cell_ = nullptr;
  lxw_format* text_ = nullptr;  // "@": text that stays text
  std::map<std::tuple<std::string, uint32_t, bool>, lxw_format*> formats_;
  Sheet summary_, sections_, tables_, indicators_, amounts_, checks_;
  std::unique_ptr<Row> current_;
  int table_count_ = 0;
};

}  // namespace

SinkResult open_xlsx_sink(const std::string& path, const Options& options) {
  auto sink = std::make_unique<XlsxSink>(path, options);
  if (!sink->ok()) return Error<ErrorCode>{ErrorCode::kCannotCreate, sink->error()};
  return std::unique_ptr<Sink>(std::move(sink));
}

}  // namespace budgetlens::emit::detail
