// Internal to pipeline/: the records of DESIGN.md made from what the stages found.
#pragma once

#include <string>
#include <vector>

#include "extract/extract.h"
#include "model/records.h"
#include "sections/sections.h"
#include "source/source.h"
#include "tables/tables.h"

namespace budgetlens::pipeline {

DocumentRecord document_record(const source::SourceText& source, const std::string& id,
                               const sections::Outline& outline, const extract::Extraction& extraction);
std::vector<SectionRecord> section_records(const source::SourceText& source, const sections::Outline& outline);
std::vector<TableRecord> table_records(const source::SourceText& source, const std::vector<tables::Grid>& grids,
                                       const std::vector<std::optional<StatedTotal>>& totals);

}  // namespace budgetlens::pipeline
