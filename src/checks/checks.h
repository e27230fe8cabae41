// checks: every figure a document states as a total, a sub-total, a score, a rate or a change,
// recomputed from the figures it claims to summarise, with the evidence.
//
// The mechanisms are C++ (one file per family); their instances — which rows are totals, which
// labels make an identity, which words claim a list is complete — are grammars/checks.xml. A check
// compares a stated figure with what its operands give, at the precision the document printed:
//
//   pass      equal
//   rounding  different by no more than the rounding of the printed figures (info)
//   fail      different beyond that; its severity (error, or warning for a list that does not
//             claim to be complete) says how sure the claim is
//   skipped   an operand the check needs is not in the document; the message says which
//
//   std::vector<CheckRecord> checks = checks::run_checks({source, layout, outline, grids, extraction}, grammar);
#pragma once

#include <vector>

#include "extract/extract.h"
#include "grammar/grammar.h"
#include "layout/layout.h"
#include "model/records.h"
#include "sections/sections.h"
#include "source/source.h"
#include "tables/tables.h"

namespace budgetlens::checks {

// What the checks read: the stages' outputs for one document.
struct Inputs {
  const source::SourceText& source;
  const layout::Layout& layout;
  const sections::Outline& outline;
  const std::vector<tables::Grid>& grids;
  const extract::Extraction& extraction;
};

// The checks of one document, in document order of their stated figures, numbered c1, c2, …
std::vector<CheckRecord> run_checks(const Inputs& inputs, const grammar::Grammar& grammar);

}  // namespace budgetlens::checks
