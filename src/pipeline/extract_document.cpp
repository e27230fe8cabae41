#include "checks/checks.h"
#include "extract/extract.h"
#include "layout/layout.h"
#include "pipeline/pipeline.h"
#include "pipeline/records.h"
#include "sections/sections.h"
#include "tables/tables.h"

namespace budgetlens::pipeline {
namespace {

DocumentResult after_layout(const source::SourceText& source, const std::string& id, const grammar::Grammar& grammar,
                            const layout::Layout& layout) {
  sections::Outline outline = sections::build_outline(layout, source, grammar);
  std::vector<tables::Grid> grids = tables::build_tables(layout, outline, source, grammar);
  extract::Extraction extraction = extract::extract_quantities(source, layout, outline, grids, grammar);

  std::vector<CheckRecord> checks = checks::run_checks({source, layout, outline, grids, extraction}, grammar);

  DocumentResult result;
  result.document = document_record(source, id, outline, extraction);
  result.document.coverage = account_for(source, layout, outline, grids, grammar);
  result.sections = section_records(source, outline);
  result.tables = table_records(source, std::move(grids), extraction.table_totals);
  result.quantities = std::move(extraction.quantities);
  result.indicators = std::move(extraction.indicators);
  result.checks = std::move(checks);
  return result;
}

}  // namespace

DocumentOutcome extract_document(const source::SourceText& source, const std::string& id,
                                 const grammar::Grammar& grammar, const source::Limits& limits) {
  layout::Layout layout = layout::build_layout(source, grammar);
  if (std::optional<Error<source::ErrorCode>> e = beyond_table_limit(source, layout, limits)) return *e;
  return after_layout(source, id, grammar, layout);
}

DocumentResult extract_document(const source::SourceText& source, const std::string& id,
                                const grammar::Grammar& grammar) {
  return after_layout(source, id, grammar, layout::build_layout(source, grammar));
}

DocumentOutcome extract_file(const std::string& path, const std::string& id, const grammar::Grammar& grammar,
                             const Options& options) {
  source::SourceResult source = source::read_source(path, options.source);
  if (!source) return source.error();
  return extract_document(*source, id, grammar, options.source.limits);
}

}  // namespace budgetlens::pipeline
