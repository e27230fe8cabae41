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

bool is_figure_text(const DocumentContext& ctx, std::string_view text) {
  return units::cell_figure(text::match_key(text, ctx.source.traditional), ctx.grammar.units).has_value();
}

// The names of a row, left of column `col`: its label cells, merged ones included.
std::string row_label(const DocumentContext& ctx, const tables::Grid& g, int row, int col) {
  // A row whose only cell of its own is in a text column is named by it ("1、资金来源:(1)财政性资金"
  // under 主要内容); a row with a label of its own is not named by its explanations.
  bool own_label = g.kind == "indicators" || g.kind == "scores";  // criteria are not names there
  for (int c = 0; c < col; ++c) {
    const tables::Cell* cell = g.cell(row, c);
    own_label |= cell && cell->row == row && !cell->header && g.columns[c].role != ColumnRole::kText &&
                 !cell->text.empty() && !is_figure_text(ctx, cell->text);
  }
  std::string path, last;
  for (int c = 0; c < col; ++c) {
    const tables::Cell* cell = g.cell(row, c);
    if (!cell || cell->header || cell->col != c) continue;
    ColumnRole role = g.columns[c].role;
    bool own_text = role == ColumnRole::kText && cell->row == row && !own_label;
    // A code column names a row when it holds no code: "合计" printed under 科目编码.
    bool code = role == ColumnRole::kCode &&
                std::any_of(cell->text.begin(), cell->text.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    if ((role == ColumnRole::kText && !own_text) || role == ColumnRole::kRownum || code ||
        role == ColumnRole::kComparator || role == ColumnRole::kUnit)
      continue;
    if (is_figure_text(ctx, cell->text) || text::char_count(cell->text) > kMaxLabelChars) continue;
    std::string t = text::display(cell->text);
    if (t.empty() || t == last) continue;
    path += (path.empty() ? "" : " / ") + t;
    last = t;
  }
  return path;
}

// The header over each cell: the table's header path, or the nearest header row above it when the
// table repeats headers row group by row group. Worked out row by row for the whole grid at once:
// looking up from every cell made a table of 100,000 rows take minutes.
class ColumnLabels {
 public:
  explicit ColumnLabels(const tables::Grid& g) : g_(g), above_(static_cast<size_t>(g.n_rows) * g.n_cols, nullptr) {
    for (int r = g.header_rows + 1; r < g.n_rows; ++r) {
      for (int c = 0; c < g.n_cols; ++c) {
        const tables::Cell* cell = g.cell(r - 1, c);
        above_[index(r, c)] = cell && cell->header ? cell : above_[index(r - 1, c)];
      }
    }
  }

  std::string of(int row, int col) const {
    if (row >= 0 && row < g_.n_rows && col >= 0 && col < g_.n_cols) {
      if (const tables::Cell* header = above_[index(row, col)]) return text::display(header->text);
    }
    return g_.columns[col].header;
  }

 private:
  size_t index(int row, int col) const { return static_cast<size_t>(row) * g_.n_cols + col; }

  const tables::Grid& g_;
  std::vector<const tables::Cell*> above_;  // the nearest header cell above each position, below the header rows
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

void read_tables(const DocumentContext& ctx, const std::vector<tables::Grid>& grids, std::vector<QuantityRecord>& out) {
  const grammar::UnitGrammar& units = ctx.grammar.units;
  for (size_t t = 0; t < grids.size(); ++t) {
    const tables::Grid& g = grids[t];
    // Columns that print amounts with decimals or separators: a whole number there is an amount too.
    std::vector<bool> amount_like(g.n_cols, false);
    const ColumnLabels column_labels(g);
    for (const tables::Cell& cell : g.cells) {
      if (cell.header) continue;
      std::optional<units::Figure> fig = units::cell_figure(text::match_key(ctx.slice(cell.range), ctx.source.traditional), units);
      if (fig && !fig->unit && (fig->decimals > 0 || fig->separators)) amount_like[cell.col] = true;
    }
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
            if (!money.empty() && (fig->decimals > 0 || fig->separators || amount_like[cell.col])) {
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
      q.label = row_label(ctx, g, cell.row, cell.col);
      q.column = column_labels.of(cell.row, cell.col);
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
