// inspect: how budgetlens read one document — its blocks, its sections and its grids — for those
// who write grammars or report a misread table.
#include <cstdio>

#include "cli/commands.h"
#include "extract/extract.h"
#include "layout/layout.h"
#include "pipeline/pipeline.h"
#include "sections/sections.h"
#include "source/source.h"
#include "tables/tables.h"
#include "text/fold.h"

namespace budgetlens::cli {
namespace {

std::string shorten(std::string_view s, size_t max_bytes) {
  std::string d = text::display(s);
  if (d.size() <= max_bytes) return d;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(d[cut]) & 0xC0) == 0x80) --cut;
  return d.substr(0, cut) + "…";
}

}  // namespace

int run_inspect(const Options& options, const grammar::Grammar& grammar) {
  source::Options so;
  so.encoding = options.encoding;
  so.limits = options.limits;
  source::SourceResult src = source::read_source(options.inputs[0], so);
  if (!src) {
    std::fprintf(stderr, "%s: error: %s [%s]\n", options.inputs[0].c_str(), src.error().message.c_str(),
                 std::string(source::error_name(src.error().code)).c_str());
    return kExitInputs;
  }
  layout::Layout layout = layout::build_layout(*src, grammar);
  if (std::optional<Error<source::ErrorCode>> e = pipeline::beyond_table_limit(*src, layout, options.limits)) {
    std::fprintf(stderr, "%s: error: %s [%s]\n", options.inputs[0].c_str(), e->message.c_str(),
                 std::string(source::error_name(e->code)).c_str());
    return kExitInputs;
  }
  sections::Outline outline = sections::build_outline(layout, *src, grammar);
  std::vector<tables::Grid> grids = tables::build_tables(layout, outline, *src, grammar);
  std::printf("%s, encoding %s (%s)%s, %u lines; title \"%s\", org \"%s\", kind %s\n", src->format.c_str(),
              src->encoding.c_str(), src->encoding_source.c_str(), src->traditional ? ", traditional" : "",
              src->original_line_count(),
              outline.title.c_str(), outline.org.c_str(), outline.kind.c_str());
  for (const std::string& w : src->warnings) std::printf("warning: %s\n", w.c_str());
  std::printf("\nblocks:\n");
  for (size_t b = 0; b < layout.blocks.size(); ++b) {
    const layout::Block& block = layout.blocks[b];
    const char* kind = block.kind == layout::BlockKind::kHeading ? "heading"
                       : block.kind == layout::BlockKind::kTable ? "table"
                                                                 : "paragraph";
    std::string what = block.kind == layout::BlockKind::kTable ? std::string(layout::layout_name(block.layout))
                                                               : shorten(std::string_view(src->text).substr(block.range.begin, block.range.size()), 60);
    std::printf("  %3zu L%-4u %-9s %s%s %s\n", b, block.first_line + 1, kind, outline.in_toc[b] ? "[toc] " : "",
                block.style.empty() ? "" : ("<" + block.style + ">").c_str(), what.c_str());
  }
  std::printf("\nsections:\n");
  for (size_t i = 0; i < outline.sections.size(); ++i) {
    const sections::Section& s = outline.sections[i];
    std::printf("  %*s%s %s\n", 2 * (s.level - 1), "", s.marker.c_str(), s.title.c_str());
  }
  for (size_t t = 0; t < grids.size(); ++t) {
    const tables::Grid& g = grids[t];
    std::printf("\ntable t%zu: %s %dx%d, %d header rows, kind %s, unit \"%s\" (%s), caption \"%s\"\n", t + 1,
                std::string(layout::layout_name(g.layout)).c_str(), g.n_rows, g.n_cols, g.header_rows, g.kind.c_str(),
                g.unit.c_str(), g.unit_source.c_str(), g.caption.c_str());
    std::printf("  roles:");
    for (const tables::Column& c : g.columns) std::printf(" %s", std::string(grammar::role_name(c.role)).c_str());
    std::printf("\n");
    for (int r = 0; r < g.n_rows; ++r) {
      std::printf("  %3d |", r);
      for (int c = 0; c < g.n_cols; ++c) {
        const tables::Cell* cell = g.cell(r, c);
        std::string shown = !cell ? "" : (cell->row != r || cell->col != c) ? "^" : shorten(cell->text, 18);
        std::printf(" %s |", shown.c_str());
      }
      std::printf("%s\n", r < static_cast<int>(g.total_row.size()) && g.total_row[r] ? "  [total]" : "");
    }
  }
  extract::Extraction ex = extract::extract_quantities(*src, layout, outline, grids, grammar);
  std::printf("\nfigures of running text (block.sentence.item  value unit  subject | attribute | relation):\n");
  for (size_t i = 0; i < ex.quantities.size(); ++i) {
    const QuantityRecord& q = ex.quantities[i];
    const extract::FigureContext& c = ex.contexts[i];
    if (!q.table.empty()) continue;
    std::printf("  %4s L%-4u %d.%d.%d  %s %s  %s | %s | %s%s\n", q.id.c_str(), q.span.line, c.block, c.sentence, c.item,
                q.value.to_string().c_str(), q.unit.c_str(), c.subject.c_str(), c.attribute.c_str(), c.relation.c_str(),
                c.year ? (" (" + std::to_string(c.year) + ")").c_str() : "");
  }
  return kExitOk;
}

}  // namespace budgetlens::cli
