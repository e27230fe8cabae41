#include "pipeline/records.h"

#include "layout/layout.h"
#include "model/ids.h"
#include "text/fold.h"

namespace budgetlens::pipeline {

DocumentRecord document_record(const source::SourceText& source, const std::string& id,
                               const sections::Outline& outline, const extract::Extraction& extraction) {
  DocumentRecord d;
  d.id = id;
  d.path = source.path;
  d.sha256 = source.sha256;
  d.format = source.format;
  d.encoding = source.encoding;
  d.title = outline.title;
  d.org = outline.org;
  d.year = outline.year;
  d.kind = outline.kind;
  d.default_unit = extraction.default_unit;
  d.default_unit_source = extraction.default_unit_source;
  d.bytes = source.original_bytes;
  d.lines = source.original_line_count();
  d.warnings = source.warnings;
  d.span = source.span_of({0, static_cast<uint32_t>(source.text.size())});
  return d;
}

std::vector<SectionRecord> section_records(const source::SourceText& source, const sections::Outline& outline) {
  std::vector<SectionRecord> out;
  for (size_t i = 0; i < outline.sections.size(); ++i) {
    const sections::Section& s = outline.sections[i];
    SectionRecord r;
    r.id = section_id(static_cast<int>(i));
    r.parent = section_id(s.parent);
    r.level = s.level;
    r.marker = s.marker;
    r.title = s.title;
    r.span = source.span_of(s.range);
    r.heading_span = source.span_of(s.heading);
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<TableRecord> table_records(const source::SourceText& source, std::vector<tables::Grid>&& grids,
                                       const std::vector<std::optional<StatedTotal>>& totals) {
  std::vector<TableRecord> out;
  out.reserve(grids.size());
  for (size_t t = 0; t < grids.size(); ++t) {
    tables::Grid& g = grids[t];
    TableRecord r;
    r.id = table_id(static_cast<int>(t));
    r.section = section_id(g.section);
    r.caption = std::move(g.caption);
    r.unit = std::move(g.unit);
    r.unit_source = std::move(g.unit_source);
    r.layout = std::string(layout::layout_name(g.layout));
    r.n_rows = g.n_rows;
    r.n_cols = g.n_cols;
    r.header_rows = g.header_rows;
    r.kind = std::move(g.kind);
    r.span = source.span_of(g.range);
    if (t < totals.size()) r.total = totals[t];
    r.cells.reserve(g.cells.size());
    for (tables::Cell& c : g.cells) {
      CellRecord cr;
      cr.row = c.row;
      cr.col = c.col;
      cr.rowspan = c.rowspan;
      cr.colspan = c.colspan;
      cr.text = std::move(c.text);
      cr.header = c.header;
      cr.span = source.span_of(c.range);
      r.cells.push_back(std::move(cr));
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace budgetlens::pipeline
