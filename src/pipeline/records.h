// Internal to pipeline/: the records of DESIGN.md made from what the stages found.
#pragma once

#include <string>
#include <vector>

#include "extract/extract.h"
#include "grammar/grammar.h"
#include "layout/layout.h"
#include "model/records.h"
#include "sections/sections.h"
#include "source/source.h"
#include "tables/tables.h"

namespace budgetlens::pipeline {

DocumentRecord document_record(const source::SourceText& source, const std::string& id,
                               const sections::Outline& outline, const extract::Extraction& extraction);
// Where each character of the document went (Coverage): heading, paragraph, a cell of `grids`, or
// left out and why.
Coverage account_for(const source::SourceText& source, const layout::Layout& layout, const sections::Outline& outline,
                     const std::vector<tables::Grid>& grids, const grammar::Grammar& grammar);
std::vector<SectionRecord> section_records(const source::SourceText& source, const sections::Outline& outline);
// Takes the grids' texts: made last, from what the other records no longer need.
std::vector<TableRecord> table_records(const source::SourceText& source, std::vector<tables::Grid>&& grids,
                                       const std::vector<std::optional<StatedTotal>>& totals);

}  // namespace budgetlens::pipeline
