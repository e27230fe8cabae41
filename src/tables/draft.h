// Internal to tables/: a table while its rows are being placed, before it becomes a Grid.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "grammar/grammar.h"
#include "layout/layout.h"
#include "sections/sections.h"
#include "source/source.h"
#include "tables/placement.h"
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
};

struct Draft {
  layout::TableLayout layout = layout::TableLayout::kPipe;
  int n_cols = 0;
  std::vector<DraftRow> rows;
  std::vector<size_t> blocks;
  TextRange range;
};

// What the steps ask of a cell's text. The same cells are looked at many times (each reading of
// a block, each pass of segmentation, the grid), so this is worked out once per text.
struct CellFacts {
  std::string key;                            // text::match_key with the document's script
  CellKind kind = CellKind::kEmpty;           // classify_cell(key)
  const grammar::ColumnRule* rule = nullptr;  // the column role the text names as a header
  bool figure = false;                        // the whole text is one figure (units::cell_figure)
  bool total = false;                         // a total row's label (合计, 总分 …)
  bool header_word = false;                   // short, no figure or total, names a column role
};

// Context shared by the steps that make drafts, for one document.
class Context {
 public:
  Context(const source::SourceText& source, const grammar::Grammar& grammar) : source(source), grammar(grammar) {}

  const source::SourceText& source;
  const grammar::Grammar& grammar;

  std::string key(std::string_view s) const;  // text::match_key with the document's script
  const CellFacts& facts(std::string_view cell_text) const;
  bool is_header_word(const layout::RawCell& cell) const { return !cell.blank && facts(cell.text).header_word; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  mutable std::unordered_map<std::string, CellFacts, Hash, std::equal_to<>> facts_;
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
