#include "extract/extract.h"
#include "layout/layout.h"
#include "pipeline/pipeline.h"
#include "pipeline/records.h"
#include "sections/sections.h"
#include "tables/tables.h"

namespace budgetlens::pipeline {

DocumentResult extract_document(const source::SourceText& source, const std::string& id,
                                const grammar::Grammar& grammar) {
  layout::Layout layout = layout::build_layout(source, grammar);
  sections::Outline outline = sections::build_outline(layout, source, grammar);
  std::vector<tables::Grid> grids = tables::build_tables(layout, outline, source, grammar);
  extract::Extraction extraction = extract::extract_quantities(source, layout, outline, grids, grammar);

  DocumentResult result;
  result.document = document_record(source, id, outline, extraction);
  result.sections = section_records(source, outline);
  result.tables = table_records(source, grids, extraction.table_totals);
  result.quantities = std::move(extraction.quantities);
  result.indicators = std::move(extraction.indicators);
  return result;
}

DocumentOutcome extract_file(const std::string& path, const std::string& id, const grammar::Grammar& grammar,
                             const Options& options) {
  source::SourceResult source = source::read_source(path, options.source);
  if (!source) return source.error();
  return extract_document(*source, id, grammar);
}

}  // namespace budgetlens::pipeline
