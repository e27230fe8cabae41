// The workbook: a summary sheet, long sheets of sections, tables and amounts, and one sheet per
// table reproducing its grid. Text is always written as a string cell formatted as text, never as a
// formula or a link; sheet names are budgetlens's own (the long sheets' and T1, T2 … for tables),
// never a document's words.
#include <xlsxwriter.h>

#include <algorithm>
#include <map>

#include "emit/output_file.h"
#include "emit/spreadsheet_text.h"
#include "emit/sinks.h"
#include "model/ids.h"
#include "text/utf8.h"

namespace budgetlens::emit::detail {
namespace {

struct ColumnSpec {
  const char* name;
  double width;
};

constexpr double kMaxWidth = 60;

class XlsxSink : public Sink {
 public:
  XlsxSink(const std::string& path, const Options& options) : path_(path), file_(path), options_(options) {
    if (!file_.ok()) return;
    file_.release_stream();
    lxw_workbook_options wo = {};
    wo.constant_memory = options_.table_sheets ? LXW_FALSE : LXW_TRUE;
    workbook_ = workbook_new_opt(file_.temp_path().c_str(), &wo);
    if (!workbook_) {
      error_ = "cannot create workbook " + path;
      return;
    }
    header_ = workbook_add_format(workbook_);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xDDEBF7);
    format_set_border(header_, LXW_BORDER_THIN);
    format_set_text_wrap(header_);
    format_set_num_format(header_, "@");
    money_ = workbook_add_format(workbook_);
    format_set_num_format(money_, "#,##0.00");
    integer_ = workbook_add_format(workbook_);
    format_set_num_format(integer_, "0");
    percent_ = workbook_add_format(workbook_);
    format_set_num_format(percent_, "0.00\"%\"");
    plain_ = workbook_add_format(workbook_);
    format_set_num_format(plain_, "General");
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
    // Every cell of text is a string cell formatted as text ("@"): what a document prints stays
    // text, even "=…" and even when a reader edits the cell (spreadsheet_text.h).
    text_ = workbook_add_format(workbook_);
    format_set_num_format(text_, "@");
    table_number_ = workbook_add_format(workbook_);
    format_set_border(table_number_, LXW_BORDER_THIN);
    format_set_num_format(table_number_, "#,##0.00");

    summary_ = sheet("概览", {{"文件", 28}, {"标题", 40}, {"单位", 24}, {"年度", 8}, {"类型", 14}, {"编码", 10},
                               {"金额单位", 10}, {"章节数", 8}, {"表格数", 8}, {"金额数", 8}, {"指标数", 8}, {"校验数", 8},
                               {"通过", 6}, {"舍入", 6}, {"不符", 6}, {"未核对", 6}, {"字符数", 8}, {"覆盖率", 8},
                               {"提示", 40}});
    sections_ = sheet("章节", {{"文件", 28}, {"编号", 6}, {"上级", 6}, {"层级", 6}, {"标号", 10}, {"标题", 50},
                                {"行", 6}});
    tables_ = sheet("表格", {{"文件", 28}, {"编号", 6}, {"工作表", 10}, {"章节", 6}, {"标题", 40}, {"金额单位", 10},
                              {"版式", 12}, {"行数", 6}, {"列数", 6}, {"表头行数", 8}, {"类型", 12}, {"行", 6}});
    indicators_ = sheet("指标", {{"文件", 28}, {"编号", 6}, {"表格", 6}, {"一级指标", 16}, {"一级分值", 8},
                                  {"二级指标", 16}, {"二级分值", 8}, {"三级指标", 20}, {"三级分值", 8}, {"指标", 24},
                                  {"比较", 6}, {"指标值", 12}, {"目标数值", 10}, {"单位", 6}, {"完成值", 12},
                                  {"完成数值", 10}, {"分值", 8}, {"得分", 8}, {"审核得分", 8}, {"分项数", 6},
                                  {"评分标准", 30}, {"指标说明", 30}, {"备注", 30}, {"行", 6}});
    amounts_ = sheet("金额", {{"文件", 28}, {"编号", 6}, {"表格", 6}, {"标签", 40}, {"栏目", 30}, {"科目编码", 10},
                               {"原文", 16}, {"数值", 14}, {"单位", 6}, {"种类", 8}, {"元", 16}, {"约数", 6},
                               {"来源", 6}, {"单位依据", 10}, {"行", 6}, {"列", 6}});
    checks_ = sheet("校验", {{"文件", 28}, {"编号", 6}, {"规则", 22}, {"名称", 24}, {"严重性", 8}, {"状态", 8},
                              {"表述值", 14}, {"计算值", 14}, {"差额", 12}, {"容差", 10}, {"单位", 6}, {"说明", 60},
                              {"运算对象", 60}, {"行", 6}, {"列", 6}});
  }

  bool ok() const { return file_.ok() && error_.empty(); }
  std::string error() const { return file_.ok() ? error_ : file_.error(); }

  void add(const DocumentResult& r) override {
    if (!ok()) return;
    const DocumentRecord& d = r.document;
    std::string warnings;
    for (const std::string& w : d.warnings) warnings += (warnings.empty() ? "" : "; ") + w;
    row(summary_).text(d.id).text(d.title).text(d.org).integer(d.year).text(d.kind).text(d.encoding)
        .text(d.default_unit).integer(static_cast<int>(r.sections.size())).integer(static_cast<int>(r.tables.size()))
        .integer(static_cast<int>(r.quantities.size())).integer(static_cast<int>(r.indicators.size()))
        .integer(static_cast<int>(r.checks.size())).integer(count(r, "pass")).integer(count(r, "rounding"))
        .integer(count(r, "fail")).integer(count(r, "skipped")).integer(static_cast<int>(d.coverage.chars))
        .decimal(d.coverage.ratio(), plain_).text(warnings);
    for (const SectionRecord& s : r.sections) {
      row(sections_).text(d.id).text(s.id).text(s.parent).integer(s.level).text(s.marker).text(s.title)
          .integer(static_cast<int>(s.heading_span.line));
    }
    for (const TableRecord& t : r.tables) {
      std::string sheet_name = options_.table_sheets ? table_sheet(r, t) : "";
      row(tables_).text(d.id).text(t.id).text(sheet_name).text(t.section).text(t.caption).text(t.unit).text(t.layout)
          .integer(t.n_rows).integer(t.n_cols).integer(t.header_rows).text(t.kind).integer(static_cast<int>(t.span.line));
    }
    for (const IndicatorRecord& i : r.indicators) {
      std::string remarks;
      for (const std::string& m : i.remarks) remarks += (remarks.empty() ? "" : "; ") + m;
      Row& out = row(indicators_).text(d.id).text(i.id).text(i.table).text(i.level1).decimal(i.level1_weight, plain_)
                     .text(i.level2).decimal(i.level2_weight, plain_).text(i.level3).decimal(i.level3_weight, plain_)
                     .text(i.name).text(i.target.comparator).text(i.target.raw).decimal(i.target.value, plain_)
                     .text(i.target.unit).text(i.actual.raw).decimal(i.actual.value, plain_);
      out.decimal(i.weight, plain_).decimal(i.score, plain_).decimal(i.review_score, plain_)
          .integer(static_cast<int>(i.parts.size())).text(i.criteria).text(i.note).text(remarks)
          .integer(static_cast<int>(i.span.line));
    }
    for (const QuantityRecord& q : r.quantities) {
      Row& out = row(amounts_).text(d.id).text(q.id).text(q.table).text(q.label).text(q.column).text(q.code).text(q.raw);
      out.number(q.value, q.kind == "percent" ? percent_ : q.decimals > 0 ? money_ : integer_).text(q.unit).text(q.kind);
      if (q.value_yuan) out.number(*q.value_yuan, money_);
      else out.skip();
      out.text(q.approx).text(q.context).text(q.unit_source).integer(static_cast<int>(q.span.line))
          .integer(static_cast<int>(q.span.col));
    }
    for (const CheckRecord& c : r.checks) {
      std::string operands;
      for (const CheckOperand& o : c.operands) {
        operands += (operands.empty() ? "" : "；") + o.label + " " + o.value.to_string() + "（第" + std::to_string(o.span.line) + "行）";
      }
      row(checks_).text(d.id).text(c.id).text(c.rule).text(c.name).text(c.severity).text(c.status)
          .decimal(c.stated, plain_).decimal(c.computed, plain_).decimal(c.difference, plain_)
          .decimal(c.tolerance, plain_).text(c.unit).text(c.message).text(operands)
          .integer(static_cast<int>(c.span.line)).integer(static_cast<int>(c.span.col));
    }
  }

  static int count(const DocumentResult& r, std::string_view status) {
    int n = 0;
    for (const CheckRecord& c : r.checks) n += c.status == status;
    return n;
  }

  std::optional<std::string> finish() override {
    if (!workbook_) return error();
    for (Sheet* s : {&summary_, &sections_, &tables_, &indicators_, &amounts_, &checks_}) {
      if (s->rows > 1) worksheet_autofilter(s->ws, 0, 0, s->rows - 1, s->cols - 1);
    }
    lxw_error e = workbook_close(workbook_);
    workbook_ = nullptr;
    if (e != LXW_NO_ERROR) {
      return "cannot write " + path_ + ": " + lxw_strerror(e);
    }
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
  };

  class Row {
   public:
    Row(Sheet& s, uint32_t r, lxw_format* as_text) : s_(s), r_(r), as_text_(as_text) {}
    Row& text(std::string_view v) {
      if (!v.empty()) {
        worksheet_write_string(s_.ws, r_, c_, cell_text(v).c_str(), as_text_);
      }
      ++c_;
      return *this;
    }
    Row& integer(std::optional<int> v) {
      if (v) worksheet_write_number(s_.ws, r_, c_, *v, nullptr);
      ++c_;
      return *this;
    }
    Row& number(const Decimal& v, lxw_format* f) {
      worksheet_write_number(s_.ws, r_, c_, v.to_double(), f);
      ++c_;
      return *this;
    }
    Row& decimal(const std::optional<Decimal>& v, lxw_format* f) {
      if (v) worksheet_write_number(s_.ws, r_, c_, v->to_double(), f);
      ++c_;
      return *this;
    }
    Row& skip() {
      ++c_;
      return *this;
    }

   private:
    Sheet& s_;
    uint32_t r_;
    lxw_format* as_text_;
    uint16_t c_ = 0;
  };

  Sheet sheet(const char* name, std::initializer_list<ColumnSpec> columns) {
    Sheet s;
    s.ws = workbook_add_worksheet(workbook_, name);
    uint16_t c = 0;
    for (const ColumnSpec& col : columns) {
      worksheet_set_column(s.ws, c, c, std::min(col.width, kMaxWidth), nullptr);
      worksheet_write_string(s.ws, 0, c, col.name, header_);
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

  // A sheet reproducing one table's grid, merged cells merged. Returns its name.
  std::string table_sheet(const DocumentResult& r, const TableRecord& t) {
    std::string name = numbered_id('T', ++table_count_);
    lxw_worksheet* ws = workbook_add_worksheet(workbook_, name.c_str());
    if (!ws) return {};
    std::string title = r.document.id + " " + t.id + (t.caption.empty() ? "" : " " + t.caption) +
                        (t.unit.empty() ? "" : " (" + t.unit + ")");
    worksheet_write_string(ws, 0, 0, cell_text(title).c_str(), header_);
    std::vector<double> widths(std::max(t.n_cols, 1), 8);
    for (const CellRecord& c : t.cells) {
      lxw_row_t row = static_cast<lxw_row_t>(c.row + 2);
      lxw_col_t col = static_cast<lxw_col_t>(c.col);
      lxw_format* f = c.header ? table_header_ : table_cell_;
      std::string shown = cell_text(c.text);
      double w = std::min(kMaxWidth, 2.0 + 2.0 * text::char_count(c.text) / std::max(1, c.colspan));
      if (c.col < static_cast<int>(widths.size())) widths[c.col] = std::max(widths[c.col], std::min(w, 30.0));
      if (c.rowspan > 1 || c.colspan > 1) {
        worksheet_merge_range(ws, row, col, row + c.rowspan - 1, col + c.colspan - 1, shown.c_str(), f);
      } else {
        worksheet_write_string(ws, row, col, shown.c_str(), f);
      }
    }
    for (size_t c = 0; c < widths.size(); ++c) worksheet_set_column(ws, c, c, widths[c], nullptr);
    return name;
  }

  std::string path_;
  OutputFile file_;
  Options options_;
  std::string error_;
  lxw_workbook* workbook_ = nullptr;
  lxw_format *header_ = nullptr, *money_ = nullptr, *integer_ = nullptr, *percent_ = nullptr, *plain_ = nullptr;
  lxw_format *table_header_ = nullptr, *table_cell_ = nullptr, *table_number_ = nullptr;
  lxw_format* text_ = nullptr;
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
