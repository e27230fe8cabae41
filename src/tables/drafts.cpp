// From layout blocks to drafts: where each cell of each row goes. Row layouts (pipe, tab, csv) here;
// streams of cells in stream_drafts.cpp.
#include <algorithm>
#include <map>
#include <optional>

#include "tables/draft.h"
#include "tables/placement.h"
#include "tables/row_placer.h"
#include "text/utf8.h"

namespace budgetlens::tables::detail {

using layout::RawCell;
using layout::RawRow;

bool is_header_row(const std::vector<RawCell>& cells, const Context& ctx) {
  int nonblank = 0, words = 0, figures = 0, totals = 0;
  for (const RawCell& c : cells) {
    if (c.blank) continue;
    ++nonblank;
    const CellFacts& f = ctx.facts(c.text);
    words += f.header_word;
    figures += f.figure.has_value();
    totals += f.total;
  }
  // "科目名称 | 本年支出合计": a total's name heads a column beside a header word.
  if (words >= 1 && figures == 0) words += totals;
  // Row names such as "一、一般公共预算财政拨款收入" read like header words; a row that prints
  // amounts beside them is a row of the body.
  return words >= 2 && words * 2 >= nonblank && figures * 2 < words;
}

// A row of short names with no figure, such as a group header over the real header row. A cell
// whose text folds to nothing (an ideographic space) names nothing.
bool is_group_header_row(const std::vector<RawCell>& cells, const Context& ctx) {
  int named = 0;
  for (const RawCell& c : cells) {
    if (c.blank) continue;
    const CellFacts& f = ctx.facts(c.text);
    if (f.key.empty()) continue;
    if (text::char_count(f.key) > 16 || f.key.back() == ':' || f.figure) return false;
    ++named;
  }
  return named >= 2;
}

std::string signature(const std::vector<RawCell>& cells, const Context& ctx) {
  std::string s;
  for (const RawCell& c : cells) {
    if (!c.blank) s += ctx.facts(c.text).key + "|";
  }
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

namespace {

// A row that prints one cell, its first: a title across its table, or a note.
bool lone_first_cell(const std::vector<RawCell>& cells) {
  return !cells.empty() && !cells.front().blank &&
         std::all_of(cells.begin() + 1, cells.end(), [](const RawCell& c) { return c.blank; });
}

}  // namespace

bool is_title_row(const std::vector<RawCell>& cells, const Context& ctx) {
  if (!lone_first_cell(cells)) return false;
  const grammar::TableGrammar& g = ctx.grammar.tables;
  const std::string& key = ctx.facts(cells.front().text).key;
  if (static_cast<int>(text::char_count(key)) > g.caption_max_chars) return false;
  return g.captions.any(grammar::Anchor::kAnywhere, key) ||
         g.unit_statements.any(grammar::Anchor::kAnywhere, key);
}

size_t titles_before(const std::vector<RawRow>& rows, size_t begin, size_t end, const Context& ctx) {
  size_t n = 0;
  while (n < 2 && end - n > begin && is_title_row(rows[end - n - 1].cells, ctx)) ++n;
  return n;
}

bool starts_another_table(const std::vector<RawRow>& rows, size_t own_begin, size_t own_end, size_t titles,
                          size_t header, const Context& ctx) {
  if (titles == 0) return false;
  const grammar::Pattern& continued = ctx.grammar.tables.continued_caption;
  for (size_t k = header - titles; k < header; ++k) {
    if (continued.valid() && continued.find(ctx.facts(rows[k].cells.front().text).key)) return false;
  }
  if (own_end - own_begin != titles) return true;
  for (size_t k = 0; k < titles; ++k) {
    if (signature(rows[own_begin + k].cells, ctx) != signature(rows[header - titles + k].cells, ctx))
      return true;
  }
  return false;  // the table's own titles, printed again with its header on a new page
}

namespace {

DraftRow header_row(const std::vector<RawCell>& cells, int n, bool first_header, bool positioned) {
  DraftRow row;
  row.header = true;
  if (positioned) {  // tab rows print every header cell in its own column
    for (size_t c = 0; c < cells.size() && static_cast<int>(c) < n; ++c) {
      if (!cells[c].blank) row.cells.push_back({static_cast<int>(c), {cells[c]}, cells[c].colspan});
    }
    if (!cells.empty()) row.range = {cells.front().range.begin, cells.back().range.end};
    return row;
  }
  std::vector<const RawCell*> present;
  for (const RawCell& c : cells) present.push_back(&c);
  while (!present.empty() && present.back()->blank) present.pop_back();
  int count = static_cast<int>(present.size());
  // The first header row runs from the left (a short one spans to the right); lower header rows
  // sit under the right-hand columns they subdivide.
  int start = first_header || count >= n ? 0 : n - count;
  for (int i = 0; i < count && start + i < n; ++i) {
    if (present[i]->blank) continue;
    row.cells.push_back({start + i, {*present[i]}});
  }
  if (!cells.empty()) row.range = {cells.front().range.begin, cells.back().range.end};
  return row;
}

// The width of a row-based block: the commonest row width (pipe), or the widest row (tab).
int block_width(const layout::Block& block, bool tab) {
  int n = 1;
  if (tab) {
    for (const RawRow& r : block.rows) n = std::max(n, static_cast<int>(r.cells.size()));
    return n;
  }
  std::map<int, int> widths;
  for (const RawRow& r : block.rows) ++widths[r.width];
  int best = 0;
  for (const auto& [w, count] : widths) {
    if (count >= best) n = w, best = count;
  }
  for (const RawRow& r : block.rows) n = std::max(n, static_cast<int>(r.cells.size()));
  return std::max(n, 1);
}

// The smallest move to the right that puts each of a short CSV record's fields (at printed columns
// `cols`) in a column that suits it, or -1 when none does.
int csv_shift(const RowPlacer& placer, const std::vector<RawCell>& cells, const std::vector<int>& cols, int n) {
  if (cols.empty()) return -1;
  for (int shift = 0; cols.back() + shift < n; ++shift) {
    std::vector<int> moved = cols;
    for (int& c : moved) c += shift;
    if (placer.fits_where_printed(cells, moved)) return shift;
  }
  return -1;
}

// Layouts whose rows print every cell at its column, empty ones included (tab, csv, aligned); the
// others (pipe) print the cells a row has, to be placed.
bool positioned(layout::TableLayout layout) {
  return layout == layout::TableLayout::kTab || layout == layout::TableLayout::kCsv ||
         layout == layout::TableLayout::kAligned;
}

// A row of a table aligned with spaces that is a label wrapped onto a line of its own: one cell, of
// text, in a column the header names as labels (layout/ keeps such a line in the table only between
// two rows). Its column, or -1.
int wrapped_label_column(const layout::Block& block, size_t j, size_t end, const ColumnModel& model,
                         const Context& ctx) {
  if (block.layout != layout::TableLayout::kAligned || j + 1 >= end) return -1;
  const std::vector<RawCell>& cells = block.rows[j].cells;
  const auto filled = std::count_if(cells.begin(), cells.end(), [](const RawCell& c) { return !c.blank; });
  if (filled != 1 || !is_text_kind(ctx.facts(cells.back().text).kind)) return -1;
  const int col = static_cast<int>(cells.size()) - 1;
  if (col >= model.size()) return -1;
  const grammar::ColumnRole role = model.roles[static_cast<size_t>(col)];
  return role == grammar::ColumnRole::kLabel || role == grammar::ColumnRole::kText ? col : -1;
}

// Joins a wrapped label to the cell of `row` in column `col`: before its text when it was printed
// above the row, after it when below; a cell of its own where the row left the column empty.
void join_label(DraftRow& row, int col, const RawCell& piece, bool above) {
  auto at =
      std::find_if(row.cells.begin(), row.cells.end(), [&](const DraftCell& c) { return c.col >= col; });
  if (at == row.cells.end() || at->col != col) {
    row.cells.insert(at, DraftCell{col, {piece}});
  } else if (above) {
    at->parts.insert(at->parts.begin(), piece);
  } else {
    at->parts.push_back(piece);
  }
  row.range = {std::min(row.range.begin, piece.range.begin), std::max(row.range.end, piece.range.end)};
}

// Places the body rows [begin, end) of a row-based block under `headers`.
std::vector<DraftRow> place_body(const layout::Block& block, size_t begin, size_t end, int n,
                                 const std::vector<DraftRow>& headers, const Context& ctx) {
  const bool csv = block.layout == layout::TableLayout::kCsv;
  const bool tab = positioned(block.layout);
  RowPlacer placer(ctx, n);
  placer.set_roles_from(headers);
  // Full rows first teach the model what each column holds.
  for (size_t j = begin; j < end; ++j) {
    const RawRow& r = block.rows[j];
    if (!tab && static_cast<int>(r.cells.size()) == n) {
      std::vector<int> cols(n);
      for (int c = 0; c < n; ++c) cols[c] = c;
      placer.learn(r.cells, placer.kinds(r.cells), cols);
    }
  }
  // Columns with a cell above, into which a row's missing leading cells may be merged. Merging may
  // reach as far right as the rightmost of them: the holes between are levels left empty above.
  std::vector<bool> covered(n, false);
  // A header cell that names no column (a row-group label such as "预算执行情况(10分)") spans down
  // over the rows it groups.
  for (const DraftRow& h : headers) {
    for (const DraftCell& c : h.cells) {
      if (c.col < n && !ctx.is_header_word(c.parts.front())) covered[c.col] = true;
    }
  }
  auto note_coverage = [&](const DraftRow& row) {
    int first = row.cells.empty() ? n : row.cells.front().col;
    for (int c = first; c < n; ++c) covered[c] = false;
    for (const DraftCell& cell : row.cells) covered[cell.col] = true;
  };
  auto mergeable = [&]() {
    int m = n;
    while (m > 0 && !covered[m - 1]) --m;
    return m;
  };
  std::string header_sig;
  std::vector<DraftRow> rows;
  // A wrapped label printed above the row it names (a label centred on its row's height, the row's
  // own cell there empty), waiting for that row.
  std::optional<std::pair<int, RawCell>> label_above;
  for (size_t j = begin; j < end; ++j) {
    const RawRow& r = block.rows[j];
    if (const int col = wrapped_label_column(block, j, end, placer.model(), ctx); col >= 0) {
      const RawCell& piece = r.cells[static_cast<size_t>(col)];
      const std::vector<RawCell>& next = block.rows[j + 1].cells;
      const bool next_lacks_it =
          static_cast<size_t>(col) >= next.size() || next[static_cast<size_t>(col)].blank;
      if (next_lacks_it && !label_above) {
        label_above = {col, piece};
        continue;
      }
      // Below the row it names: that row's label there, if it has one, is text.
      auto above = [&] {
        for (const DraftCell& c : rows.back().cells) {
          if (c.col == col) return is_text_kind(ctx.facts(c.parts.back().text).kind);
        }
        return true;
      };
      if (!rows.empty() && above()) {
        join_label(rows.back(), col, piece, false);
        continue;
      }
    }
    std::vector<RawCell> cells;
    RowHints hints;
    hints.continuation = false;
    // Tab rows print merged cells as leading tabs, so merging is always allowed there.
    hints.mergeable = tab ? -1 : mergeable();
    for (size_t c = 0; c < r.cells.size(); ++c) {
      if (tab && r.cells[c].blank) continue;
      cells.push_back(r.cells[c]);
      if (tab) hints.cols.push_back(static_cast<int>(c));
    }
    if (cells.empty()) continue;
    // A CSV record of the table's width has every field where it belongs. One short of fields lost
    // those of merged cells: its fields stay side by side, moved right as far as the first place
    // where each suits its column.
    int shift = !csv ? -1 : static_cast<int>(r.cells.size()) >= n ? 0 : csv_shift(placer, cells, hints.cols, n);
    if (shift >= 0) {
      for (int& c : hints.cols) c = std::min(c + shift, n - 1);
      rows.push_back(placer.commit(cells, placer.kinds(cells), hints.cols, r.range));
    } else if (tab && placer.blank_between_figures(cells, hints.cols) && placer.fits_where_printed(cells, hints.cols)) {
      // A tab row that prints empty cells between figures, each of which suits the column its tabs
      // put it in, is taken as printed: the empty cells are amounts left blank, not noise.
      rows.push_back(placer.commit(cells, placer.kinds(cells), hints.cols, r.range));
    } else if (!tab && static_cast<int>(cells.size()) >= n) {
      std::vector<int> cols(cells.size());
      for (size_t c = 0; c < cells.size(); ++c) cols[c] = std::min<int>(static_cast<int>(c), n - 1);
      rows.push_back(placer.commit(cells, placer.kinds(cells), cols, r.range));
    } else {
      // A label that restates a name printed in a column above belongs in that column.
      for (const RawCell& c : cells) hints.named.push_back(placer.column_of_name(c));
      rows.push_back(placer.place(cells, hints, r.range));
    }
    if (label_above) {
      join_label(rows.back(), label_above->first, label_above->second, true);
      label_above.reset();
    }
    note_coverage(rows.back());
  }
  if (label_above && !rows.empty()) join_label(rows.back(), label_above->first, label_above->second, false);
  return rows;
}

// How well a header row's cells, at `offset`, name what the body holds in those columns.
float header_fit(const std::vector<RawCell>& header, int offset, const std::vector<DraftRow>& body, const Context& ctx) {
  float total = 0;
  int col = offset;
  for (const RawCell& h : header) {
    if (h.blank) {
      ++col;
      continue;
    }
    const grammar::ColumnRule* rule = ctx.column_rule(h.text);
    for (const DraftRow& row : body) {
      for (const DraftCell& c : row.cells) {
        if (c.col != col || c.parts.front().blank) continue;
        total += role_fit(rule ? rule->role : grammar::ColumnRole::kUnknown, ctx.facts(c.parts.front().text).kind);
      }
    }
    ++col;
  }
  return total;
}

// Row-based layouts (pipe, tab, csv, aligned): split at header rows, then place each data row.
std::vector<Draft> drafts_from_rows(const layout::Block& block, size_t index, const Context& ctx) {
  const bool tab = positioned(block.layout);
  const int n = block_width(block, tab);
  std::vector<Draft> drafts;
  size_t i = 0;
  while (i < block.rows.size()) {
    Draft d;
    d.layout = block.layout;
    d.n_cols = n;
    d.blocks = {index};
    const size_t first = i;
    // A title row or two (one cell each) right above the header row name the table below them.
    size_t titles = 0;
    while (titles < 2 && i + titles < block.rows.size() && lone_first_cell(block.rows[i + titles].cells) &&
           !is_header_row(block.rows[i + titles].cells, ctx)) {
      ++titles;
    }
    if (titles > 0 && i + titles < block.rows.size() && is_header_row(block.rows[i + titles].cells, ctx)) {
      for (; i < first + titles; ++i) {
        DraftRow title;
        title.cells.push_back({0, {block.rows[i].cells.front()}});
        title.range = block.rows[i].range;
        d.rows.push_back(std::move(title));
      }
    }
    const size_t own_titles_end = i;
    // Header rows at the start of this logical table; group headers above the header row
    // ("收入来源" over 上年结余 / 上级财政 / …) join it.
    std::vector<size_t> header_rows;
    size_t group_rows = 0;
    while (i + group_rows < block.rows.size() && group_rows < 3 &&
           !is_header_row(block.rows[i + group_rows].cells, ctx) &&
           is_group_header_row(block.rows[i + group_rows].cells, ctx)) {
      ++group_rows;
    }
    if (group_rows > 0 && i + group_rows < block.rows.size() && is_header_row(block.rows[i + group_rows].cells, ctx)) {
      for (size_t k = 0; k < group_rows; ++k) header_rows.push_back(i++);
    }
    std::string header_sig;
    while (i < block.rows.size() && is_header_row(block.rows[i].cells, ctx)) {
      if (!header_sig.empty() && signature(block.rows[i].cells, ctx) == header_sig) break;
      if (header_sig.empty()) header_sig = signature(block.rows[i].cells, ctx);
      header_rows.push_back(i++);
    }
    // The body runs to the next header row that is not this table's header repeated, and leaves
    // the title rows above that header to the table it heads.
    size_t end = i;
    std::vector<size_t> repeats;
    while (end < block.rows.size()) {
      if (is_header_row(block.rows[end].cells, ctx)) {
        const size_t above = titles_before(block.rows, i, end, ctx);
        if (signature(block.rows[end].cells, ctx) != header_sig ||
            starts_another_table(block.rows, first, own_titles_end, above, end, ctx)) {
          if (end - above > first) end -= above;  // a table of title rows alone keeps them
          break;
        }
        // The page break printed the table's caption again with its header: both are left out.
        for (size_t k = end - above; k < end; ++k) repeats.push_back(k);
        repeats.push_back(end);
      }
      ++end;
    }
    std::vector<DraftRow> headers;
    for (size_t k = 0; k < header_rows.size(); ++k) {
      headers.push_back(header_row(block.rows[header_rows[k]].cells, n, k == 0, tab));
      headers.back().range = block.rows[header_rows[k]].range;
    }
    // A lower header row of fewer cells subdivides some columns: find which by what lies below.
    if (!tab && headers.size() > 1) {
      std::vector<DraftRow> rough = place_body(block, i, end, n, {headers.front()}, ctx);
      for (size_t k = 1; k < headers.size(); ++k) {
        const std::vector<RawCell>& cells = block.rows[header_rows[k]].cells;
        int count = static_cast<int>(cells.size());
        if (count >= n) continue;
        int best = n - count;
        float best_fit = -1e30f;
        for (int offset = n - count; offset >= 0; --offset) {
          float f = header_fit(cells, offset, rough, ctx);
          if (f > best_fit + 0.01f) best_fit = f, best = offset;
        }
        headers[k].cells.clear();
        for (int c = 0; c < count; ++c) {
          if (!cells[c].blank) headers[k].cells.push_back({best + c, {cells[c]}});
        }
      }
    }
    for (const DraftRow& h : headers) d.rows.push_back(h);
    // Repeated header rows (a page break inside the block) are left out of the body.
    std::vector<DraftRow> body;
    size_t from = i;
    bool broken = false;
    auto take = [&](size_t a, size_t b) {
      std::vector<DraftRow> part = place_body(block, a, b, n, headers, ctx);
      if (broken && !part.empty()) part.front().after_break = true;
      for (DraftRow& row : part) body.push_back(std::move(row));
    };
    for (size_t r : repeats) {
      d.repeated_headers.push_back(block.rows[r].range);
      take(from, r);
      from = r + 1;
      broken = true;
    }
    take(from, end);
    for (DraftRow& row : body) d.rows.push_back(std::move(row));
    i = end;
    if (!d.rows.empty()) drafts.push_back(std::move(d));
  }
  return drafts;
}

}  // namespace

std::vector<Draft> drafts_from_block(const layout::Block& block, size_t block_index, const Context& ctx) {
  std::vector<Draft> drafts = block.layout == layout::TableLayout::kSpaced
                                  ? drafts_from_spaced(block, block_index)
                              : block.layout == layout::TableLayout::kPipe || positioned(block.layout)
                                  ? drafts_from_rows(block, block_index, ctx)
                                  : drafts_from_stream(block, block_index, ctx);
  for (Draft& d : drafts) {
    d.range = block.range;
    if (!d.rows.empty()) d.range = {d.rows.front().range.begin, d.rows.back().range.end};
    // A table is as wide as the columns it uses: the rest of a wider block belongs to other tables.
    d.n_cols = 1;
    for (const DraftRow& r : d.rows) {
      for (const DraftCell& c : r.cells) {
        bool empty = std::all_of(c.parts.begin(), c.parts.end(), [](const RawCell& p) { return p.blank; });
        if (!empty) d.n_cols = std::max(d.n_cols, c.col + 1);
      }
    }
    for (DraftRow& r : d.rows) std::erase_if(r.cells, [&](const DraftCell& c) { return c.col >= d.n_cols; });
  }
  // A reading that found no row is no table, and no table can continue it after a page break.
  std::erase_if(drafts, [](const Draft& d) { return d.rows.empty(); });
  return drafts;
}

}  // namespace budgetlens::tables::detail
