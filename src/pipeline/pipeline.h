// pipeline: one document from file to records, the stages in order.
//
//   auto r = pipeline::extract_file("corpus/budget_pipe.txt", "budget_pipe.txt", grammar, {});
//   if (!r) report(r.error());          // the file could not be read as a disclosure
//   const DocumentResult& doc = *r;     // document, sections, tables, quantities
//
// Every stage is a pure function of its inputs, so a document gives the same records whatever else
// is processed with it and in whatever order.
#pragma once

#include <string>

#include "grammar/grammar.h"
#include "model/records.h"
#include "source/source.h"

namespace budgetlens::pipeline {

struct Options {
  source::Options source;
};

using DocumentOutcome = Result<DocumentResult, source::ErrorCode>;

// Reads, decodes and extracts the file at `path`; `id` names the document in its records.
DocumentOutcome extract_file(const std::string& path, const std::string& id, const grammar::Grammar& grammar,
                             const Options& options);

// The stages after source/: layout, sections, tables, extract.
DocumentResult extract_document(const source::SourceText& source, const std::string& id,
                                const grammar::Grammar& grammar);

}  // namespace budgetlens::pipeline
