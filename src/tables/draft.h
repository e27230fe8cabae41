// Internal to tables/: a table while its rows are being placed, before it becomes a Grid.
#pragma once

#include <array>
#include <deque>
#include <optional>
#include <string>
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
  int colspan = 1;  // more than one for a header cell printed across the columns it names (aligned)
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
  std::vector<TextRange> repeated_headers;  // rows left out as the header repeated (Grid)
};

// What the steps ask of a cell's text. The same cells are looked at many times (each reading of
// a block, each pass of segmentation, the grid), so this is worked out once per text.
struct CellFacts {
  std::string key;                            // text::match_key with the document's script
  CellKind kind = CellKind::kEmpty;           // classify_cell(key)
  std::optional<units::Figure> figure;        // the figure the whole text is (units::cell_figure)
  bool total = false;                         // a total row's label (合计, 总分 …)
  bool header_word = false;                   // short, no figure or total, names a column role
  // The column role the text names as a header, through Context::column_rule: worked out when first
  // asked, as most cells are figures or body text that no step asks it of.
  // nullopt until then; a null rule when the text names none.
  mutable std::optional<const grammar::ColumnRule*> rule;
};

// The role a header's rule gives its column, where `after_label` says whether a label column stands
// left of it in the header: a stub (a header over the row labels that only states the figures'
// unit, 预算数(万元)) heads amounts once the labels have a column of their own (项目).
inline grammar::ColumnRole header_role(const grammar::ColumnRule* rule, bool after_label) {
  if (!rule) return grammar::ColumnRole::kUnknown;
  return rule->kind == "stub" && after_label ? grammar::ColumnRole::kAmount : rule->role;
}

// Context shared by the steps that make drafts, for one document.
class Context {
 public:
  Context(const source::SourceText& source, const grammar::Grammar& grammar) : source(source), grammar(grammar) {}

  const source::SourceText& source;
  const grammar::Grammar& grammar;

  std::string key(std::string_view s) const;  // text::match_key with the document's script
  const CellFacts& facts(std::string_view cell_text) const;
  // The column role the cell's text names as a header, or null.
  const grammar::ColumnRule* column_rule(std::string_view cell_text) const;
  bool is_header_word(const layout::RawCell& cell) const { return !cell.blank && facts(cell.text).header_word; }
  // A text made here (two pieces of a cell broken over lines, joined) kept for the document, so that
  // a RawCell can view it as it views the source.
  std::string_view keep(std::string text) const { return kept_.emplace_back(std::move(text)); }

 private:
  CellFacts facts_of(std::string_view cell_text) const;
  struct Entry {
    std::string text;
    uint64_t hash = 0;  // text::short_text_hash of the text
    CellFacts facts;
  };
  const Entry& entry(std::string_view cell_text) const;
  void grow() const;
  // The texts asked about, with their facts: a deque, so that the facts handed out never move. They
  // are found by an open-addressed table on the text's hash: 1 + the entry's index, 0 when free.
  mutable std::deque<Entry> entries_;
  mutable std::vector<uint32_t> slots_;
  mutable int slot_bits_ = 0;
  // The same cell's text is asked about many times, always from the same bytes: a slot per address
  // finds its entry without hashing the text. A slot is trusted only when its entry's text is equal.
  struct Recent {
    const char* data = nullptr;
    const Entry* entry = nullptr;
  };
  static constexpr int kRecentBits = 9;
  mutable std::array<Recent, size_t{1} << kRecentBits> recent_{};
  mutable std::deque<std::string> kept_;  // a deque: what it holds never moves
};

// The logical tables of one layout block.
std::vector<Draft> drafts_from_block(const layout::Block& block, size_t block_index, const Context& ctx);
// Those of a block of a stream layout (cell_lines, bare_lines), before drafts_from_block trims
// each to the columns it uses (stream_drafts.cpp).
std::vector<Draft> drafts_from_stream(const layout::Block& block, size_t index, const Context& ctx);

// That of a block of a spaced table, whose cells layout/ has put in their columns (spaced_draft.cpp).
std::vector<Draft> drafts_from_spaced(const layout::Block& block, size_t index);

// A grid from a draft: spans, headers, column roles, total rows, kind. Caption and unit are left
// to the caller.
Grid grid_from_draft(const Draft& draft, const Context& ctx);

// The grids of a web page's table (layout html): cells where the markup puts them, with its spans.
// Header rows are found as in other layouts (with <thead>, rows of <th> and rows under a header
// cell's rowspan counted in), and a header row in the middle that does not repeat the header
// starts another table, as in other layouts; one or two rows of a single cell right above a header
// row are the title rows of its table.
std::vector<Grid> grids_from_html(const layout::Block& block, size_t block_index, const Context& ctx);

// True iff at least two cells of the row, and half of those not blank, are column header words.
bool is_header_row(const std::vector<layout::RawCell>& cells, const Context& ctx);
// True iff the row is two or more short names and no figure (a group header over the header row).
bool is_group_header_row(const std::vector<layout::RawCell>& cells, const Context& ctx);
// The row's cells folded and joined, for recognising a header row repeated.
std::string signature(const std::vector<layout::RawCell>& cells, const Context& ctx);
// True iff the row is a title printed across its table: one cell, first, that is a caption or a
// unit statement ("表2 三公经费支出表", "单位:元").
bool is_title_row(const std::vector<layout::RawCell>& cells, const Context& ctx);
// How many rows, at most two, right before `end` and not before `begin` are title rows: the
// caption and unit of the table whose header row is at `end`, not rows of the table above it.
size_t titles_before(const std::vector<layout::RawRow>& rows, size_t begin, size_t end, const Context& ctx);
// Whether the `titles` title rows right above row `header`, which repeats the header of the table
// whose own title rows are [own_begin, own_end), say that another table begins there rather than
// that a page break printed the header again. They do unless one is a continued caption
// ("表1(续)") or they repeat the table's own titles; no rows say nothing.
bool starts_another_table(const std::vector<layout::RawRow>& rows, size_t own_begin, size_t own_end,
                          size_t titles, size_t header, const Context& ctx);

// The steps every layout shares in making a grid, in this order: count_header_rows, then with the
// cells anchored (`at` holding each cell at its own position only) assign_roles and mark_total_rows,
// then with the spans in `at` set_header_paths and set_kind.
//
// How many rows are header rows: the leading rows marked header, a title row above them counted in.
int count_header_rows(const std::vector<bool>& header);
// Column roles from the header cells starting in each column, the lowest that names a role winning.
void assign_roles(Grid& g, const Context& ctx);
// Rows whose first cell names a total (合计, 总计 …).
void mark_total_rows(Grid& g, const Context& ctx);
// Each column's header path, from the header cells covering it.
void set_header_paths(Grid& g);
// amounts, indicators, scores, key_value or other, from the roles and the cells.
void set_kind(Grid& g, const Context& ctx);

// The header cells of a draft, folded and joined, for recognising a header repeated after a page
// break; empty when it has no header row.
std::string header_signature(const Draft& draft, const Context& ctx);

}  // namespace budgetlens::tables::detail
