// Web pages: any markup after a doctype is parsed, rendered and laid out; every line, table cell
// and heading of the rendering maps back into the page.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "layout/layout.h"

using namespace budgetlens;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The doctype makes every input a page, whatever it starts with.
  std::string page = "<!DOCTYPE html>\n";
  page.append(reinterpret_cast<const char*>(data), size);
  source::SourceResult r = source::decode_source(page, "fuzz.html", {});
  if (!r) return 0;
  fuzzing::require_sound_source(*r, page.size());
  if (!r->page) return 0;
  for (const source::HtmlTable& t : r->page->tables) {
    FUZZ_REQUIRE(t.first_line <= t.last_line);
    for (const source::HtmlRow& row : t.rows) {
      for (const source::HtmlCell& c : row.cells) {
        FUZZ_REQUIRE(c.range.begin <= c.range.end && c.range.end <= r->text.size());
        fuzzing::require_in_input(r->span_of(c.range), page.size());
      }
    }
  }
  layout::Layout l = layout::build_layout(*r, fuzzing::builtin_grammar());
  for (const layout::Block& b : l.blocks) {
    for (const layout::RawRow& row : b.rows) {
      for (const layout::RawCell& c : row.cells) fuzzing::require_in_input(r->span_of(c.range), page.size());
    }
  }
  return 0;
}
