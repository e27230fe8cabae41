// Internal to sections/: the title, organisation, year and kind of a document, from its first lines.
#pragma once

#include "grammar/grammar.h"
#include "layout/layout.h"
#include "sections/sections.h"
#include "source/source.h"

namespace budgetlens::sections {

void describe_document(const source::SourceText& source, const layout::Layout& layout,
                       const grammar::Grammar& grammar, Outline& outline);

}  // namespace budgetlens::sections
