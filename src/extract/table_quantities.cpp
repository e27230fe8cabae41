// Figures in table cells, labelled by their row and column.
#include <algorithm>

#include "extract/reader.h"
#include "model/ids.h"
#include "text/utf8.h"

namespace budgetlens::extract::detail {
namespace {

using grammar::ColumnRole;

// Longest label cell kept in a row's label path; longer cells are explanations, not names.
constexpr size_t kMaxLabelChars = 40;

// The labels of a grid's figures are made of its cells' display forms; every figure of a row asks
// for the same cells, so each cell's part is worked out once.
class GridLabels {
 public:
  GridLabels(const DocumentContext& ctx, const tables::Grid& g)
      : ctx_(ctx), g_(g), shown_(g.cells.size()), name_(g.cells.size()) {}

  // The names of a row, left of column `col`: its label cells, merged ones included.
  std::string row_label(int row, int col) {
    std::string path;
    const std::string* last = nullptr;
    for (int c = 0; c < col; ++c) {
      const tables::Cell* cell = g_.cell(row, c);
      if (!cell || cell->header || cell->col != c) continue;
      ColumnRole role = g_.columns[c].role;
      if (role == ColumnRole::kText || role == ColumnRole::kRownum || role == ColumnRole::kCode ||
          role == ColumnRole::kComparator || role == ColumnRole::kUnit)
        continue;
      const std::string& t = name(index_of(cell));
      if (t.empty() || (last && t == *last)) continue;
      path += (path.empty() ? "" : " / ") + t;
      last = &t;
    }
    return path;
  }

  // The header over a cell: the table's header path, or the nearest header row above it when the
  // table repeats headers row group by row group.
  std::string column_label(int row, int col) {
    for (int r = row - 1; r >= g_.header_rows; --r) {
      const tables::Cell* cell = g_.cell(r, col);
      if (cell && cell->header) return shown(index_of(cell));
    }
    return g_.columns[col].header;
  }

 private:
  size_t index_of(const tables::Cell* cell) const { return static_cast<size_t>(cell - g_.cells.data()); }

  const std::string& shown(size_t i) {
    if (!shown_[i]) shown_[i] = text::display(g_.cells[i].text);
    return *shown_[i];
  }

  // The cell as part of a row's name: its display form, or "" when it cannot name a row — a figure,
  // or a text longer than names are (an explanation).
  const std::string& name(size_t i) {
    if (!name_[i]) {
      const std::string& text = g_.cells[i].text;
      bool figure = units::cell_figure(text::match_key(text, ctx_.source.traditional), ctx_.grammar.units).has_value();
      name_[i] = figure || text::char_count(text) > kMaxLabelChars ? std::string() : shown(i);
    }
    return *name_[i];
  }

  const DocumentContext& ctx_;
  const tables::Grid& g_;
  std::vector<std::optional<std::string>> shown_, name_;
};

std::string code_of_row(const tables::Grid& g, int row) {
  for (int c = 0; c < g.n_cols; ++c) {
    const tables::Cell* cell = g.cell(row, c);
    if (cell && g.columns[c].role == ColumnRole::kCode && !cell->header) return cell->text;
  }
  return {};
}

// The unit word printed in the row's unit column (度量单位), if any.
const grammar::UnitWord* row_unit(const DocumentContext& ctx, const tables::Grid& g, int row) {
  for (int c = 0; c < g.n_cols; ++c) {
    const tables::Cell* cell = g.cell(row, c);
    if (!cell || cell->header || g.columns[c].role != ColumnRole::kUnit) continue;
    std::string k = text::match_key(cell->text, ctx.source.traditional);
    const grammar::UnitWord* u = ctx.grammar.units.unit_at(k);
    if (u && u->word.size() == k.size()) return u;
  }
  return nullptr;
}

const grammar::UnitWord* score_unit(const grammar::UnitGrammar& units) {
  for (const grammar::UnitWord& w : units.words) {
    if (w.kind == grammar::UnitKind::kScore) return &w;
  }
  return nullptr;
}

}  // namespace

void read_tables(const DocumentContext& ctx, const std::vector<tables::Grid>& grids, QuantityList& out) {
  const grammar::UnitGrammar& units = ctx.grammar.units;
  for (size_t t = 0; t < grids.size(); ++t) {
    const tables::Grid& g = grids[t];
    GridLabels labels(ctx, g);
    for (const tables::Cell& cell : g.cells) {
      if (cell.header) continue;
      const tables::Column& column = g.columns[cell.col];
      if (column.role == ColumnRole::kRownum || column.role == ColumnRole::kCode) continue;
      text::FoldedText f = text::fold(ctx.slice(cell.range), cell.range.begin, text::FoldMode::kMatch, ctx.source.traditional);
      std::optional<units::Figure> fig = units::cell_figure(f.text, units);
      if (!fig) continue;

      const grammar::UnitWord* unit = fig->unit;
      std::string source = "printed";
      if (!unit) {
        std::string money = !column.unit.empty() ? column.unit : !g.unit.empty() ? g.unit : std::string();
        switch (column.role) {
          case ColumnRole::kAmount:
            unit = units.money(!money.empty() ? money : ctx.default_unit);
            source = !column.unit.empty() ? "column" : !g.unit.empty() ? "table" : "document";
            break;
          case ColumnRole::kWeight:
          case ColumnRole::kScore:
            unit = score_unit(units);
            source = "column";
            break;
          case ColumnRole::kTarget:
          case ColumnRole::kActual:
            unit = row_unit(ctx, g, cell.row);
            source = "row";
            break;
          case ColumnRole::kPercent:
          case ColumnRole::kCount:
          case ColumnRole::kRownum:
          case ColumnRole::kCode:
            break;
          default:
            // A table that states its unit gives it to figures that look like amounts.
            if (!money.empty() && (fig->decimals > 0 || fig->separators)) {
              unit = units.money(money);
              source = "table";
            }
            break;
        }
      }
      QuantityRecord q;
      q.section = section_id(g.section);
      q.table = table_id(static_cast<int>(t));
      q.row = cell.row;
      q.col = cell.col;
      q.context = "table";
      q.label = labels.row_label(cell.row, cell.col);
      q.column = labels.column_label(cell.row, cell.col);
      q.code = code_of_row(g, cell.row);
      TextRange r = f.source_range(fig->begin, fig->end);
      q.raw = std::string(ctx.slice(r));
      q.span = ctx.source.span_of(r);
      set_value(q, *fig, unit, unit ? source : "");
      if (column.role == ColumnRole::kCount && q.kind == "other") q.kind = "count";
      out.push_back(std::move(q));
    }
  }
}

}  // namespace budgetlens::extract::detail
