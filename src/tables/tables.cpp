#include "tables/tables.h"

#include <algorithm>

#include "tables/draft.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace budgetlens::tables {

const Cell* Grid::cell(int row, int col) const {
  if (row < 0 || col < 0 || row >= n_rows || col >= n_cols) return nullptr;
  int a = at[static_cast<size_t>(row) * n_cols + col];
  return a < 0 ? nullptr : &cells[a];
}

namespace {

using detail::Context;
using detail::Draft;

// Blocks between two table parts that a page break leaves: page numbers and the like, but not the
// caption of another table ("表3政府采购预算表").
bool only_page_furniture(const layout::Layout& layout, size_t from, size_t to, const Context& ctx) {
  for (size_t b = from; b < to; ++b) {
    const layout::Block& block = layout.blocks[b];
    if (block.kind == layout::BlockKind::kTable) return false;
    std::string k = ctx.key(std::string_view(ctx.source.text).substr(block.range.begin, block.range.size()));
    if (text::char_count(k) > 12) return false;
    for (const grammar::Pattern& p : ctx.grammar.tables.captions) {
      if (p.find(k)) return false;
    }
  }
  return true;
}

int leading_header_rows(const Draft& d) {
  int n = 0;
  while (n < static_cast<int>(d.rows.size()) && d.rows[n].header) ++n;
  return n;
}

// Joins a table continued after a page break: its header repeats the one before, or it has none
// and the same width and follows at once.
std::vector<Draft> join_continued(std::vector<Draft> drafts, const layout::Layout& layout, const Context& ctx) {
  std::vector<Draft> out;
  for (Draft& d : drafts) {
    if (!out.empty()) {
      Draft& prev = out.back();
      size_t gap_from = prev.blocks.back() + 1, gap_to = d.blocks.front();
      if (gap_to >= gap_from && only_page_furniture(layout, gap_from, gap_to, ctx)) {
        std::string sig = detail::header_signature(d, ctx);
        bool repeats = !sig.empty() && sig == detail::header_signature(prev, ctx);
        bool headless = sig.empty() && d.n_cols == prev.n_cols && leading_header_rows(prev) > 0 &&
                        gap_to - gap_from <= 1;
        if (repeats || headless) {
          size_t first = prev.rows.size();
          for (int r = 0; r < leading_header_rows(d); ++r) prev.repeated_headers.push_back(d.rows[r].range);
          prev.repeated_headers.insert(prev.repeated_headers.end(), d.repeated_headers.begin(), d.repeated_headers.end());
          prev.rows.insert(prev.rows.end(), d.rows.begin() + leading_header_rows(d), d.rows.end());
          if (first < prev.rows.size()) prev.rows[first].after_break = true;
          prev.blocks.insert(prev.blocks.end(), d.blocks.begin(), d.blocks.end());
          prev.n_cols = std::max(prev.n_cols, d.n_cols);  // a wider continued row keeps its cells
          prev.range.end = std::max(prev.range.end, d.range.end);
          continue;
        }
      }
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::string unit_in(std::string_view key, const grammar::TableGrammar& g) {
  int u = g.unit_statements.first_matching(grammar::Anchor::kAnywhere, key);
  return u < 0 ? std::string() : std::string(g.unit_statements[u].find(key)->key);
}

void find_caption_and_unit(Grid& grid, const layout::Layout& layout, const Context& ctx) {
  const grammar::TableGrammar& g = ctx.grammar.tables;
  const layout::Block& first = layout.blocks[grid.blocks.front()];
  // Lines above the table, nearest first, until another table or the caption distance.
  for (size_t b = grid.blocks.front(); b-- > 0;) {
    const layout::Block& block = layout.blocks[b];
    if (block.kind == layout::BlockKind::kTable) break;
    if (first.first_line > block.last_line + g.caption_distance * 2 + 2) break;
    std::string_view raw = std::string_view(ctx.source.text).substr(block.range.begin, block.range.size());
    if (text::char_count(raw) > static_cast<size_t>(g.caption_max_chars) * 2) break;
    std::string k = ctx.key(raw);
    if (grid.unit.empty()) {
      if (std::string u = unit_in(k, g); !u.empty()) grid.unit = u, grid.unit_source = "caption";
    }
    if (grid.caption.empty() && static_cast<int>(text::char_count(k)) <= g.caption_max_chars &&
        g.captions.any(grammar::Anchor::kAnywhere, k)) {
      grid.caption = text::display(raw);
      grid.caption_range = block.range;
    }
  }
  // A title row inside the table, or two (a caption and a unit statement), names it better than a
  // line above.
  bool titled = false;
  for (int r = 0; r < std::min(grid.n_rows, 2); ++r) {
    const Cell* top = grid.cell(r, 0);
    if (!top || top->row != r || top->colspan != grid.n_cols || grid.n_cols < 2) break;
    const std::string& k = ctx.facts(top->text).key;
    if (!titled && g.captions.any(grammar::Anchor::kAnywhere, k)) {
      grid.caption = text::display(top->text);
      grid.caption_range = top->range;
      titled = true;
    }
    if (grid.unit.empty()) {
      if (std::string u = unit_in(k, g); !u.empty()) grid.unit = u, grid.unit_source = "caption";
    }
  }
  // A unit in a header cell applies to its column, and to the table when nothing else states one.
  for (const Cell& cell : grid.cells) {
    std::string u = unit_in(ctx.facts(cell.text).key, g);
    if (u.empty()) continue;
    if (cell.header) {
      for (int c = cell.col; c < cell.col + cell.colspan && c < grid.n_cols; ++c) grid.columns[c].unit = u;
    }
    if (grid.unit.empty()) grid.unit = u, grid.unit_source = cell.header ? "header" : "cell";
  }
}

}  // namespace

std::vector<Grid> build_tables(const layout::Layout& layout, const sections::Outline& outline,
                               const source::SourceText& source, const grammar::Grammar& grammar) {
  Context ctx{source, grammar};
  std::vector<Draft> drafts;
  std::vector<Grid> grids;
  for (size_t b = 0; b < layout.blocks.size(); ++b) {
    const layout::Block& block = layout.blocks[b];
    if (block.kind != layout::BlockKind::kTable) continue;
    if (block.layout == layout::TableLayout::kHtml) {
      for (Grid& g : detail::grids_from_html(block, b, ctx)) grids.push_back(std::move(g));
      continue;
    }
    for (Draft& d : detail::drafts_from_block(block, b, ctx)) drafts.push_back(std::move(d));
  }
  drafts = join_continued(std::move(drafts), layout, ctx);
  for (const Draft& d : drafts) {
    if (!d.rows.empty()) grids.push_back(detail::grid_from_draft(d, ctx));
  }
  // In document order: a page's tables were made apart from the drafts.
  std::stable_sort(grids.begin(), grids.end(), [](const Grid& a, const Grid& b) { return a.blocks.front() < b.blocks.front(); });
  for (Grid& g : grids) {
    g.section = outline.section_of_block[g.blocks.front()];
    find_caption_and_unit(g, layout, ctx);
  }
  return grids;
}

}  // namespace budgetlens::tables
