// Internal to tables/: a table while its rows are being placed, before it becomes a Grid.
#pragma once

#include <string>
#include <vector>

#include "grammar/grammar.h"
#include "layout/layout.h"
#include "sections/sections.h"
#include "source/source.h"
#include "tables/tables.h"

namespace budgetlens::tables::detail {

struct DraftCell {
  int col = 0;
  std::vector<layout::RawCell> parts;  // more than one when a cell was broken over lines
};

struct DraftRow {
  std::vector<DraftCell> cells;  // by column, no two in the same column
  TextRange range;
  bool header = false;
  bool after_break = false;  // the first row of a part continued after a page break
};

struct Draft {
  layout::TableLayout layout = layout::TableLayout::kPipe;
  int n_cols = 0;
  std::vector<DraftRow> rows;
  std::vector<size_t> blocks;
  TextRange range;
};

// Context shared by the steps that make drafts.
struct Context {
  const source::SourceText& source;
  const grammar::Grammar& grammar;
  std::string key(std::string_view s) const;  // text::match_key with the document's script
  bool is_header_word(const layout::RawCell& cell) const;
};

// The logical tables of one layout block.
std::vector<Draft> drafts_from_block(const layout::Block& block, size_t block_index, const Context& ctx);

// A grid from a draft: spans, headers, column roles, total rows, kind. Caption and unit are left
// to the caller.
Grid grid_from_draft(const Draft& draft, const Context& ctx);

// The header cells of a draft, folded and joined, for recognising a header repeated after a page
// break; empty when it has no header row.
std::string header_signature(const Draft& draft, const Context& ctx);

}  // namespace budgetlens::tables::detail
