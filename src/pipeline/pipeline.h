// pipeline: one document from file to records, the stages in order.
//
//   auto r = pipeline::extract_file("corpus/budget_pipe.txt", "budget_pipe.txt", grammar, {});
//   if (!r) report(r.error());          // the file could not be read as a disclosure
//   const DocumentResult& doc = *r;     // document, sections, tables, quantities
//
// Every stage is a pure function of its inputs, so a document gives the same records whatever else
// is processed with it and in whatever order.
#pragma once

#include <optional>
#include <string>

#include "grammar/grammar.h"
#include "layout/layout.h"
#include "model/records.h"
#include "source/source.h"

namespace budgetlens::pipeline {

struct Options {
  source::Options source;  // the encoding, and the limits a document must keep within
};

using DocumentOutcome = Result<DocumentResult, source::ErrorCode>;

// Reads, decodes and extracts the file at `path`; `id` names the document in its records. A file
// that cannot be read as a disclosure, or that goes beyond options.source.limits, is refused with
// its code and a one-line message; nothing of it is returned.
DocumentOutcome extract_file(const std::string& path, const std::string& id, const grammar::Grammar& grammar,
                             const Options& options);

// The stages after source/ (layout, sections, tables, extract, checks), refusing a document with a
// table of more than limits.max_table_cells positions (kOverLimit) before its grids are built.
DocumentOutcome extract_document(const source::SourceText& source, const std::string& id,
                                 const grammar::Grammar& grammar, const source::Limits& limits);

// The same with no limit on tables, for documents already in memory (tests, fuzzing).
DocumentResult extract_document(const source::SourceText& source, const std::string& id,
                                const grammar::Grammar& grammar);

// The error that refuses a document with a table block of more than limits.max_table_cells grid
// positions (its rows times its widest row; for a one-cell-per-line stream, its cells), or nullopt.
// The other limits are checked by source/ as the file is read.
std::optional<Error<source::ErrorCode>> beyond_table_limit(const source::SourceText& source, const layout::Layout& layout,
                                                           const source::Limits& limits);

}  // namespace budgetlens::pipeline
