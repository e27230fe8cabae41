// The JSON Lines record contract (DESIGN.md): one object per line, `type` first, then `doc`.
#include "emit/emit.h"

#include <limits>

#include "emit/json_writer.h"

namespace budgetlens::emit {
namespace {

using detail::JsonObject;

// The fields every record of a document begins with, `type` and `doc`, written once for the
// document and each record type rather than for every record: a document has hundreds of records,
// and its id would be escaped again for each.
std::string record_head(std::string_view type, const std::string& doc) {
  std::string head;
  JsonObject(head).field("type", type).field("doc", doc);
  return head;
}

void coverage_field(JsonObject& o, const Coverage& c) {
  JsonObject co(o.raw("coverage"));
  co.field("chars", static_cast<int64_t>(c.chars)).field("heading", static_cast<int64_t>(c.heading));
  co.field("paragraph", static_cast<int64_t>(c.paragraph)).field("cell", static_cast<int64_t>(c.cell));
  JsonObject ignored(co.raw("ignored"));
  for (const auto& [reason, n] : c.ignored) ignored.field(reason, static_cast<int64_t>(n));
  ignored.close();
  co.field("unaccounted", static_cast<int64_t>(c.unaccounted)).field("overlapping", static_cast<int64_t>(c.overlapping));
  co.decimal("ratio", c.ratio(), false);
  co.close();
}

void document_line(const DocumentRecord& d, std::string& out) {
  JsonObject o(out);
  o.field("type", "document").field("doc", d.id).field("id", d.id).field("path", d.path).field("sha256", d.sha256);
  o.field("format", d.format).field("encoding", d.encoding).field("title", d.title).field("org", d.org);
  o.optional_int("year", d.year).field("kind", d.kind).field("default_unit", d.default_unit);
  o.field("default_unit_source", d.default_unit_source);
  o.field("bytes", static_cast<int64_t>(d.bytes)).field("lines", static_cast<int64_t>(d.lines));
  std::string& w = o.raw("warnings");
  w.push_back('[');
  for (size_t i = 0; i < d.warnings.size(); ++i) {
    if (i) w.push_back(',');
    detail::append_json_string(w, d.warnings[i]);
  }
  w.push_back(']');
  coverage_field(o, d.coverage);
  o.span("span", d.span);
  o.close();
  out.push_back('\n');
}

void section_line(std::string_view head, const SectionRecord& s, std::string& out) {
  JsonObject o(out, head);
  o.field("id", s.id).optional_string("parent", s.parent);
  o.field("level", static_cast<int64_t>(s.level)).field("marker", s.marker).field("title", s.title);
  o.span("span", s.span).span("heading_span", s.heading_span);
  o.close();
  out.push_back('\n');
}

void table_line(std::string_view head, const TableRecord& t, std::string& out) {
  JsonObject o(out, head);
  o.field("id", t.id).optional_string("section", t.section);
  o.field("caption", t.caption).field("unit", t.unit).field("unit_source", t.unit_source).field("layout", t.layout);
  o.field("n_rows", static_cast<int64_t>(t.n_rows)).field("n_cols", static_cast<int64_t>(t.n_cols));
  o.field("header_rows", static_cast<int64_t>(t.header_rows)).field("kind", t.kind).span("span", t.span);
  if (t.total) {
    std::string& total = o.raw("total");
    JsonObject to(total);
    to.field("row", static_cast<int64_t>(t.total->row)).decimal("weight", t.total->weight, true);
    to.decimal("score", t.total->score, true).decimal("review_score", t.total->review_score, true);
    to.span("span", t.total->span);
    to.close();
  } else {
    o.raw("total") += "null";
  }
  std::string& cells = o.raw("cells");
  cells.push_back('[');
  for (size_t i = 0; i < t.cells.size(); ++i) {
    const CellRecord& c = t.cells[i];
    if (i) cells.push_back(',');
    JsonObject co(cells);
    co.field("row", static_cast<int64_t>(c.row)).field("col", static_cast<int64_t>(c.col));
    co.field("rowspan", static_cast<int64_t>(c.rowspan)).field("colspan", static_cast<int64_t>(c.colspan));
    co.field("text", c.text).field("header", c.header).span("span", c.span);
    co.close();
  }
  cells.push_back(']');
  o.close();
  out.push_back('\n');
}

void quantity_line(std::string_view head, const QuantityRecord& q, std::string& out) {
  JsonObject o(out, head);
  o.field("id", q.id).optional_string("section", q.section);
  o.optional_string("table", q.table);
  o.optional_int("row", q.row >= 0 ? std::optional<int>(q.row) : std::nullopt);
  o.optional_int("col", q.col >= 0 ? std::optional<int>(q.col) : std::nullopt);
  o.field("label", q.label).field("column", q.column).optional_string("code", q.code).field("raw", q.raw);
  o.decimal("value", q.value, false).field("decimals", static_cast<int64_t>(q.decimals));
  o.field("unit", q.unit).field("unit_source", q.unit_source).field("kind", q.kind);
  o.decimal("value_yuan", q.value_yuan, true).optional_string("approx", q.approx).field("context", q.context);
  o.span("span", q.span);
  o.close();
  out.push_back('\n');
}

void value_object(JsonObject& o, std::string_view name, const IndicatorValue& v) {
  std::string& out = o.raw(name);
  if (v.raw.empty()) {
    out += "null";
    return;
  }
  JsonObject vo(out);
  vo.field("raw", v.raw).optional_string("comparator", v.comparator).decimal("value", v.value, false);
  vo.optional_string("unit", v.unit).decimal("value_yuan", v.value_yuan, true);
  vo.close();
}

void indicator_line(std::string_view head, const IndicatorRecord& i, std::string& out) {
  JsonObject o(out, head);
  o.field("id", i.id).optional_string("table", i.table);
  o.optional_int("row", i.row >= 0 ? std::optional<int>(i.row) : std::nullopt);
  o.field("level1", i.level1).field("level2", i.level2).field("level3", i.level3).field("name", i.name);
  o.decimal("level1_weight", i.level1_weight, true).decimal("level2_weight", i.level2_weight, true);
  o.decimal("level3_weight", i.level3_weight, true);
  value_object(o, "target", i.target);
  value_object(o, "actual", i.actual);
  o.decimal("weight", i.weight, true).optional_string("weight_source", i.weight_source);
  o.decimal("score", i.score, true).optional_string("score_source", i.score_source);
  o.decimal("review_score", i.review_score, true);
  o.field("criteria", i.criteria).field("note", i.note);
  std::string& parts = o.raw("parts");
  parts.push_back('[');
  for (size_t k = 0; k < i.parts.size(); ++k) {
    const IndicatorPart& p = i.parts[k];
    if (k) parts.push_back(',');
    JsonObject po(parts);
    po.field("row", static_cast<int64_t>(p.row)).field("text", p.text).decimal("weight", p.weight, true);
    po.decimal("score", p.score, true).decimal("review_score", p.review_score, true).span("span", p.span);
    po.close();
  }
  parts.push_back(']');
  std::string& remarks = o.raw("remarks");
  remarks.push_back('[');
  for (size_t k = 0; k < i.remarks.size(); ++k) {
    if (k) remarks.push_back(',');
    detail::append_json_string(remarks, i.remarks[k]);
  }
  remarks.push_back(']');
  o.span("span", i.span);
  o.close();
  out.push_back('\n');
}

void operand_object(std::string& out, const CheckOperand& op) {
  JsonObject o(out);
  o.optional_string("id", op.id).field("label", op.label).optional_string("table", op.table);
  o.optional_int("row", op.row >= 0 ? std::optional<int>(op.row) : std::nullopt);
  o.optional_int("col", op.col >= 0 ? std::optional<int>(op.col) : std::nullopt);
  o.decimal("value", op.value, false).span("span", op.span);
  o.close();
}

void check_line(std::string_view head, const CheckRecord& c, std::string& out) {
  JsonObject o(out, head);
  o.field("id", c.id).field("rule", c.rule).field("family", c.family);
  o.field("name", c.name).field("severity", c.severity).field("status", c.status);
  o.decimal("stated", c.stated, false).decimal("computed", c.computed, false);
  o.decimal("difference", c.difference, false).decimal("tolerance", c.tolerance, false);
  o.field("unit", c.unit).field("formula", c.formula).field("message", c.message);
  o.optional_string("stated_id", c.stated_operand.id);
  // `operands` are the ids of the records used (DESIGN.md); `evidence` says where each value is.
  std::string& ids = o.raw("operands");
  ids.push_back('[');
  bool first = true;
  for (const CheckOperand& op : c.operands) {
    if (op.id.empty()) continue;
    if (!first) ids.push_back(',');
    first = false;
    detail::append_json_string(ids, op.id);
  }
  ids.push_back(']');
  std::string& ev = o.raw("evidence");
  ev.push_back('[');
  operand_object(ev, c.stated_operand);
  for (const CheckOperand& op : c.operands) {
    ev.push_back(',');
    operand_object(ev, op);
  }
  ev.push_back(']');
  o.span("span", c.span);
  o.close();
  out.push_back('\n');
}

}  // namespace

void append_jsonl(const DocumentResult& document, std::string& out, size_t chunk,
                  const std::function<void(std::string&)>& flush) {
  const std::string& doc = document.document.id;
  auto each = [&](std::string_view type, const auto& records, auto line) {
    if (records.empty()) return;
    const std::string head = record_head(type, doc);
    for (const auto& r : records) {
      line(head, r, out);
      if (out.size() >= chunk) flush(out);
    }
  };
  document_line(document.document, out);
  each("section", document.sections, section_line);
  each("table", document.tables, table_line);
  each("quantity", document.quantities, quantity_line);
  each("indicator", document.indicators, indicator_line);
  each("check", document.checks, check_line);
}

void append_jsonl(const DocumentResult& document, std::string& out) {
  append_jsonl(document, out, std::numeric_limits<size_t>::max(), [](std::string&) {});
}

void append_checks_jsonl(const DocumentResult& document, std::string& out) {
  const std::string head = record_head("check", document.document.id);
  for (const CheckRecord& c : document.checks) check_line(head, c, out);
}

}  // namespace budgetlens::emit
