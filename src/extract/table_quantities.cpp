// Figures in table cells, labelled by their row and column.
#include <algorithm>
#include <optional>
#include <string_view>

#include "extract/reader.h"
#include "model/ids.h"
#include "model/path.h"
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
  explicit GridLabels(const tables::Grid& g)
      : g_(g), shown_(g.cells.size()), name_(g.cells.size()), body_headers_(g.n_cols) {
    // Header cells below the table's header rows, column by column in row order, so that the
    // header over a figure is found by a binary search rather than a walk up a long table.
    for (size_t i = 0; i < g.cells.size(); ++i) {
      const tables::Cell& cell = g.cells[i];
      if (!cell.header || cell.row < g.header_rows) continue;
      for (int c = cell.col; c < cell.col + cell.colspan && c < g.n_cols; ++c) body_headers_[c].push_back(i);
    }
    for (std::vector<size_t>& heads : body_headers_) {
      std::sort(heads.begin(), heads.end(), [&](size_t a, size_t b) { return g.cells[a].row < g.cells[b].row; });
    }
  }

  // The names of a row, left of column `col`: its label cells, merged ones included.
  std::string row_label(int row, int col) {
    // A row whose only cell of its own is in a text column is named by it ("1、资金来源:(1)财政性资金"
    // under 主要内容); a row with a label of its own is not named by its explanations.
    bool own_label = g_.kind == "indicators" || g_.kind == "scores";  // criteria are not names there
    for (int c = 0; c < col && !own_label; ++c) {
      const tables::Cell* cell = g_.cell(row, c);
      own_label = cell && cell->row == row && !cell->header && g_.columns[c].role != ColumnRole::kText &&
                  !cell->text.empty() && !cell->figure;
    }
    std::string path;
    const std::string* last = nullptr;
    // Two tables side by side ("项目 | 金额 | 项目 | 金额"): a label column headed as the first one,
    // after amounts, starts the row's name again, so that the right half is not named by the left.
    std::optional<std::string_view> first_label;
    bool after_amounts = false;
    for (int c = 0; c < col; ++c) {
      ColumnRole role = g_.columns[c].role;
      if (role == ColumnRole::kAmount) after_amounts = first_label.has_value();
      if (role == ColumnRole::kLabel) {
        const std::string_view head = last_in_path(g_.columns[c].header);
        if (!first_label) {
          first_label = head;
        } else if (after_amounts && head == *first_label) {
          path.clear();
          last = nullptr;
          after_amounts = false;
        }
      }
      const tables::Cell* cell = g_.cell(row, c);
      if (!cell || cell->header || cell->col != c) continue;
      bool own_text = role == ColumnRole::kText && cell->row == row && !own_label;
      // A code column names a row when it holds no code: "合计" printed under 科目编码.
      bool code = role == ColumnRole::kCode &&
                  std::any_of(cell->text.begin(), cell->text.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
      // Nor does a weight or a score that is no figure ("15分)", its bracket lost).
      if ((role == ColumnRole::kText && !own_text) || role == ColumnRole::kRownum || code ||
          role == ColumnRole::kComparator || role == ColumnRole::kUnit || role == ColumnRole::kWeight ||
          role == ColumnRole::kScore)
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
    const std::vector<size_t>& heads = body_headers_[col];
    auto above = std::partition_point(heads.begin(), heads.end(), [&](size_t i) { return g_.cells[i].row < row; });
    if (above != heads.begin()) return shown(*(above - 1));
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
      // A bilingual label is named by its Chinese: the English after it translates it.
      const std::string_view own = text::without_translation(text);
      name_[i] = g_.cells[i].figure || text::char_count(own) > kMaxLabelChars ? std::string()
                 : own.size() == text.size()                                  ? shown(i)
                                                                              : text::display(own);
    }
    return *name_[i];
  }

  const tables::Grid& g_;
  std::vector<std::optional<std::string>> shown_, name_;
  std::vector<std::vector<size_t>> body_headers_;  // per column, header cells below the header rows
};

std::string code_of_row(const tables::Grid& g, int row) {
  for (int c = 0; c < g.n_cols; ++c) {
    const tables::Cell* cell = g.cell(row, c);
    if (cell && g.columns[c].role == ColumnRole::kCode && !cell->header) return cell->text;
  }
  return {};
}

// The unit printed in the row's unit column (度量单位), if any.
PrintedUnit row_unit(const DocumentContext& ctx, const tables::Grid& g, int row) {
  for (int c = 0; c < g.n_cols; ++c) {
    const tables::Cell* cell = g.cell(row, c);
    if (!cell || cell->header || g.columns[c].role != ColumnRole::kUnit) continue;
    if (PrintedUnit u = printed_unit(ctx, cell); u.word || !u.text.empty()) return u;
  }
  return {};
}

const grammar::UnitWord* score_unit(const grammar::UnitGrammar& units) {
  for (const grammar::UnitWord& w : units.words) {
    if (w.kind == grammar::UnitKind::kScore) return &w;
  }
  return nullptr;
}

}  // namespace

PrintedUnit printed_unit(const DocumentContext& ctx, const tables::Cell* cell) {
  // Longest unit of a form's own that is taken; a longer cell is a sentence pushed out of its column.
  constexpr size_t kMaxUnitChars = 8;
  if (!cell || cell->figure || ctx.grammar.tables.is_dash(cell->key)) return {};
  const std::string& k = cell->key;
  if (const grammar::UnitWord* u = ctx.grammar.units.unit_at(k); u && u->word.size() == k.size())
    return {u, {}};
  std::string shown = text::display(cell->text);
  if (shown.empty() || text::char_count(shown) > kMaxUnitChars) return {};
  return {nullptr, std::move(shown)};
}

void read_tables(const DocumentContext& ctx, const std::vector<tables::Grid>& grids, QuantityList& out) {
  const grammar::UnitGrammar& units = ctx.grammar.units;
  for (size_t t = 0; t < grids.size(); ++t) {
    const tables::Grid& g = grids[t];
    GridLabels labels(g);
    // Each body cell as printed in the source, folded with its map back there, and the figure it
    // holds: read once, for the two passes below. Most cells are printed as they fold ("1,186.81"):
    // their map is the identity, and is not made.
    std::vector<text::FoldedText> folded(g.cells.size());
    std::vector<bool> as_printed(g.cells.size(), false);
    std::vector<std::optional<units::Figure>> figures(g.cells.size());
    // Columns that print amounts with decimals or separators: a whole number there is an amount too.
    std::vector<bool> amount_like(g.n_cols, false);
    // So do columns headed by a year alone: a yearbook prints that year's amounts as whole numbers.
    for (int c = 0; c < g.n_cols && g.header_rows > 0; ++c) {
      const tables::Cell* head = g.cell(g.header_rows - 1, c);
      amount_like[c] = head && head->header && ctx.grammar.tables.year_header.match_full(head->key);
    }
    for (size_t i = 0; i < g.cells.size(); ++i) {
      const tables::Cell& cell = g.cells[i];
      if (cell.header) continue;
      // A cell printed in one piece has its folded text from tables/ already. Only a cell holding a
      // figure is folded again, with the map back to the source that the figure's span needs.
      const std::string_view printed = ctx.slice(cell.range);
      const bool one_piece = printed == cell.text;
      const std::string refolded =
          one_piece ? std::string() : text::match_key(printed, ctx.source.traditional);
      figures[i] = one_piece ? cell.figure : units::cell_figure(refolded, units);
      if (!figures[i]) continue;
      as_printed[i] = one_piece && cell.key == printed;
      if (!as_printed[i])
        folded[i] = text::fold(printed, cell.range.begin, text::FoldMode::kMatch, ctx.source.traditional);
      const units::Figure& fig = *figures[i];
      if (!fig.unit && (fig.decimals > 0 || fig.separators)) amount_like[cell.col] = true;
    }
    for (size_t i = 0; i < g.cells.size(); ++i) {
      const tables::Cell& cell = g.cells[i];
      if (cell.header) continue;
      const tables::Column& column = g.columns[cell.col];
      if (column.role == ColumnRole::kRownum || column.role == ColumnRole::kCode) continue;
      const text::FoldedText& f = folded[i];
      const std::optional<units::Figure>& fig = figures[i];
      if (!fig) continue;

      const grammar::UnitWord* unit = fig->unit;
      PrintedUnit row_printed;
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
            row_printed = row_unit(ctx, g, cell.row);
            unit = row_printed.word;
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
      q.label = labels.row_label(cell.row, cell.col);
      q.column = labels.column_label(cell.row, cell.col);
      q.code = code_of_row(g, cell.row);
      // A figure starts and ends at characters, where the identity maps each byte to its own.
      TextRange r = as_printed[i] ? TextRange{cell.range.begin + static_cast<uint32_t>(fig->begin),
                                              cell.range.begin + static_cast<uint32_t>(fig->end)}
                                  : f.source_range(fig->begin, fig->end);
      q.raw = std::string(ctx.slice(r));
      q.span = ctx.source.span_of(r);
      set_value(q, *fig, unit, unit ? source : "");
      if (!unit && !row_printed.text.empty()) {
        q.unit = std::move(row_printed.text);
        q.unit_source = "row";
      }
      if (column.role == ColumnRole::kCount && q.kind == "other") q.kind = "count";
      out.push_back(std::move(q));
    }
  }
}

}  // namespace budgetlens::extract::detail
