#include <algorithm>
#include <string>

#include "pipeline/pipeline.h"

namespace budgetlens::pipeline {
namespace {

// The positions of the grid a table block makes: its rows times its widest row, or for a stream of
// one cell per line (whose rows are cut from it later) its cells.
uint64_t grid_positions(const layout::Block& block, uint64_t& rows, uint64_t& cols) {
  uint64_t cells = 0;
  rows = block.rows.size();
  cols = 0;
  for (const layout::RawRow& r : block.rows) {
    cells += r.cells.size();
    cols = std::max<uint64_t>(cols, std::max<uint64_t>(r.width > 0 ? r.width : 0, r.cells.size()));
  }
  if (block.layout == layout::TableLayout::kCellLines || block.layout == layout::TableLayout::kBareLines) {
    rows = cols = 0;
    return cells;
  }
  return rows * cols;
}

}  // namespace

std::optional<Error<source::ErrorCode>> beyond_table_limit(const source::SourceText& source, const layout::Layout& layout,
                                                           const source::Limits& limits) {
  for (const layout::Block& block : layout.blocks) {
    if (block.kind != layout::BlockKind::kTable) continue;
    uint64_t rows = 0, cols = 0;
    uint64_t positions = grid_positions(block, rows, cols);
    if (positions <= limits.max_table_cells) continue;
    Span span = source.span_of({block.range.begin, block.range.begin});
    std::string shape = rows ? " (" + std::to_string(rows) + " rows × " + std::to_string(cols) + " columns)" : "";
    return Error<source::ErrorCode>{source::ErrorCode::kOverLimit,
                                    "line " + std::to_string(span.line) + ": a table of " + std::to_string(positions) +
                                        " cells" + shape + ", over the limit of " +
                                        std::to_string(limits.max_table_cells) + " (raise it with --max-table-cells)",
                                    span.offset};
  }
  return std::nullopt;
}

}  // namespace budgetlens::pipeline
