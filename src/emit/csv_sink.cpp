// One CSV file per record type, UTF-8 with a byte-order mark so that Excel reads Chinese correctly.
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <vector>

#include "emit/output_file.h"
#include "emit/spreadsheet_text.h"
#include "emit/sinks.h"

namespace budgetlens::emit::detail {
namespace {

void cell(std::string& out, std::string_view field) {
  std::string safe = csv_text(field);
  std::string_view s = safe;
  bool quote = s.find_first_of(",\"\n\r") != std::string_view::npos;
  if (!quote) {
    out += s;
  } else {
    out.push_back('"');
    for (char c : s) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    out.push_back('"');
  }
}

class Row {
 public:
  explicit Row(std::string& out) : out_(out) {}
  Row& operator<<(std::string_view s) {
    if (!first_) out_.push_back(',');
    first_ = false;
    cell(out_, s);
    return *this;
  }
  Row& operator<<(int64_t v) { return *this << std::string_view(std::to_string(v)); }
  ~Row() { out_ += "\r\n"; }

 private:
  std::string& out_;
  bool first_ = true;
};

class CsvSink : public Sink {
 public:
  // `created`: the folder was made for this output, and is removed again when it is not written.
  CsvSink(const std::string& folder, bool created) : folder_(folder), created_(created) {
    static constexpr std::array<std::string_view, 7> kNames = {"documents", "sections", "tables", "cells",
                                                                "quantities", "indicators", "checks"};
    static constexpr std::array<std::string_view, 7> kHeaders = {
        "doc,title,org,year,kind,encoding,default_unit,default_unit_source,bytes,lines,sha256,warnings,chars,"
        "unaccounted,coverage",
        "doc,id,parent,level,marker,title,line,col",
        "doc,id,section,caption,unit,unit_source,layout,n_rows,n_cols,header_rows,kind,line,col",
        "doc,table,row,col,rowspan,colspan,header,text,line,col",
        "doc,id,section,table,row,col,label,column,code,raw,value,unit,unit_source,kind,value_yuan,approx,context,"
        "line,col,offset",
        "doc,id,table,row,level1,level1_weight,level2,level2_weight,level3,level3_weight,name,comparator,target,"
        "target_value,target_unit,actual,actual_value,weight,weight_source,score,score_source,review_score,parts,"
        "criteria,note,remarks,line,col",
        "doc,id,rule,family,name,severity,status,stated,computed,difference,tolerance,unit,formula,message,stated_id,"
        "operands,evidence,line,col"};
    std::string dir = folder;
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    for (size_t i = 0; i < kNames.size(); ++i) {
      files_.push_back(std::make_unique<OutputFile>(dir + "/" + std::string(kNames[i]) + ".csv"));
      files_.back()->write("\xEF\xBB\xBF");
      files_.back()->write(std::string(kHeaders[i]) + "\r\n");
    }
  }

  std::string error() const {
    for (const auto& f : files_) {
      if (!f->ok()) return f->error();
    }
    return {};
  }

  void add(const DocumentResult& r) override {
    const std::string& doc = r.document.id;
    std::string out;
    {
      const DocumentRecord& d = r.document;
      std::string warnings;
      for (const std::string& w : d.warnings) warnings += (warnings.empty() ? "" : "; ") + w;
      Row(out) << doc << d.title << d.org << (d.year ? std::to_string(*d.year) : "") << d.kind << d.encoding
               << d.default_unit << d.default_unit_source << static_cast<int64_t>(d.bytes)
               << static_cast<int64_t>(d.lines) << d.sha256 << warnings << static_cast<int64_t>(d.coverage.chars)
               << static_cast<int64_t>(d.coverage.unaccounted) << d.coverage.ratio().to_string();
    }
    files_[0]->write(out);
    out.clear();
    for (const SectionRecord& s : r.sections) {
      Row(out) << doc << s.id << s.parent << static_cast<int64_t>(s.level) << s.marker << s.title
               << static_cast<int64_t>(s.heading_span.line) << static_cast<int64_t>(s.heading_span.col);
    }
    files_[1]->write(out);
    out.clear();
    std::string cells;
    for (const TableRecord& t : r.tables) {
      Row(out) << doc << t.id << t.section << t.caption << t.unit << t.unit_source << t.layout
               << static_cast<int64_t>(t.n_rows) << static_cast<int64_t>(t.n_cols)
               << static_cast<int64_t>(t.header_rows) << t.kind << static_cast<int64_t>(t.span.line)
               << static_cast<int64_t>(t.span.col);
      for (const CellRecord& c : t.cells) {
        Row(cells) << doc << t.id << static_cast<int64_t>(c.row) << static_cast<int64_t>(c.col)
                   << static_cast<int64_t>(c.rowspan) << static_cast<int64_t>(c.colspan)
                   << std::string_view(c.header ? "true" : "false") << c.text << static_cast<int64_t>(c.span.line)
                   << static_cast<int64_t>(c.span.col);
      }
    }
    files_[2]->write(out);
    files_[3]->write(cells);
    out.clear();
    for (const QuantityRecord& q : r.quantities) {
      Row(out) << doc << q.id << q.section << q.table << (q.row >= 0 ? std::to_string(q.row) : "")
               << (q.col >= 0 ? std::to_string(q.col) : "") << q.label << q.column << q.code << q.raw
               << q.value.to_string() << q.unit << q.unit_source << q.kind
               << (q.value_yuan ? q.value_yuan->to_canonical() : "") << q.approx << q.context
               << static_cast<int64_t>(q.span.line) << static_cast<int64_t>(q.span.col)
               << static_cast<int64_t>(q.span.offset);
    }
    files_[4]->write(out);
    out.clear();
    auto dec = [](const std::optional<Decimal>& v) { return v ? v->to_canonical() : std::string(); };
    for (const IndicatorRecord& i : r.indicators) {
      std::string remarks;
      for (const std::string& m : i.remarks) remarks += (remarks.empty() ? "" : "; ") + m;
      Row(out) << doc << i.id << i.table << (i.row >= 0 ? std::to_string(i.row) : "") << i.level1 << dec(i.level1_weight) << i.level2
               << dec(i.level2_weight) << i.level3 << dec(i.level3_weight) << i.name << i.target.comparator
               << i.target.raw << dec(i.target.value) << i.target.unit << i.actual.raw << dec(i.actual.value)
               << dec(i.weight) << i.weight_source << dec(i.score) << i.score_source << dec(i.review_score)
               << static_cast<int64_t>(i.parts.size()) << i.criteria << i.note << remarks
               << static_cast<int64_t>(i.span.line) << static_cast<int64_t>(i.span.col);
    }
    files_[5]->write(out);
    out.clear();
    for (const CheckRecord& c : r.checks) {
      std::string operands, evidence;
      for (const CheckOperand& o : c.operands) {
        if (!o.id.empty()) operands += (operands.empty() ? "" : " ") + o.id;
        evidence += (evidence.empty() ? "" : "; ") + o.label + " " + o.value.to_string() + " @" + std::to_string(o.span.line);
      }
      Row(out) << doc << c.id << c.rule << c.family << c.name << c.severity << c.status << dec(c.stated)
               << dec(c.computed) << dec(c.difference) << dec(c.tolerance) << c.unit << c.formula << c.message
               << c.stated_operand.id << operands << evidence << static_cast<int64_t>(c.span.line)
               << static_cast<int64_t>(c.span.col);
    }
    files_[6]->write(out);
  }

  ~CsvSink() override {
    files_.clear();  // their temporary files are removed first
    if (created_ && !written_) ::rmdir(folder_.c_str());
  }

  // Every file is complete before any is renamed into place: a failure leaves none of them.
  std::optional<std::string> finish() override {
    for (auto& f : files_) {
      if (std::optional<std::string> e = f->prepare()) return e;
    }
    for (auto& f : files_) {
      if (std::optional<std::string> e = f->commit()) return e;
    }
    written_ = true;
    return std::nullopt;
  }

 private:
  std::string folder_;
  bool created_ = false;
  bool written_ = false;
  std::vector<std::unique_ptr<OutputFile>> files_;
};

}  // namespace

SinkResult open_csv_sink(const std::string& folder) {
  bool created = ::mkdir(folder.c_str(), 0777) == 0;
  if (!created && errno != EEXIST) {
    return Error<ErrorCode>{ErrorCode::kCannotCreate,
                            "cannot create folder " + folder + ": " + std::strerror(errno)};
  }
  auto sink = std::make_unique<CsvSink>(folder, created);
  if (std::string e = sink->error(); !e.empty()) return Error<ErrorCode>{ErrorCode::kCannotCreate, e};
  return std::unique_ptr<Sink>(std::move(sink));
}

}  // namespace budgetlens::emit::detail
