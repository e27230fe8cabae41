// Text layout and tables: any text is grouped into blocks in document order that never overlap,
// and every table block becomes grids whose cells lie inside the text and inside the grid.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.h"
#include "layout/layout.h"
#include "sections/sections.h"
#include "tables/tables.h"

using namespace budgetlens;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  source::SourceResult r = source::decode_source(bytes, "fuzz.txt", {});
  if (!r) return 0;
  const grammar::Grammar& grammar = fuzzing::builtin_grammar();
  layout::Layout l = layout::build_layout(*r, grammar);
  uint32_t previous_end = 0;
  for (const layout::Block& b : l.blocks) {
    FUZZ_REQUIRE(b.range.begin <= b.range.end && b.range.end <= r->text.size());
    FUZZ_REQUIRE(b.range.begin >= previous_end);
    previous_end = b.range.end;
  }
  sections::Outline outline = sections::build_outline(l, *r, grammar);
  FUZZ_REQUIRE(outline.section_of_block.size() == l.blocks.size());
  for (const tables::Grid& g : tables::build_tables(l, outline, *r, grammar)) {
    FUZZ_REQUIRE(g.at.size() == static_cast<size_t>(g.n_rows) * static_cast<size_t>(g.n_cols));
    FUZZ_REQUIRE(g.columns.size() == static_cast<size_t>(g.n_cols));
    for (const tables::Cell& c : g.cells) {
      FUZZ_REQUIRE(c.row >= 0 && c.col >= 0 && c.row + c.rowspan <= g.n_rows && c.col + c.colspan <= g.n_cols);
      FUZZ_REQUIRE(c.range.end <= r->text.size());
    }
  }
  return 0;
}
