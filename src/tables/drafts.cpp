// From layout blocks to drafts: where each cell of each row goes.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <span>

#include "tables/draft.h"
#include "tables/placement.h"
#include "text/fold.h"
#include "text/utf8.h"
#include "units/units.h"

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

// A row of short names with no figure, such as a group header over the real header row.
bool is_group_header_row(const std::vector<RawCell>& cells, const Context& ctx) {
  int named = 0;
  for (const RawCell& c : cells) {
    if (c.blank) continue;
    const CellFacts& f = ctx.facts(c.text);
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

// A label's name without its weight and spacing: "实施过程 (12分)" -> "实施过程".
std::string label_name(const std::string& key) {
  size_t paren = key.find('(');
  std::string name = paren == std::string::npos ? key : key.substr(0, paren);
  name.erase(std::remove(name.begin(), name.end(), ' '), name.end());
  return name;
}

class RowPlacer {
 public:
  RowPlacer(const Context& ctx, int n_cols) : ctx_(ctx), model_(n_cols), counts_(n_cols), names_(n_cols) {
    for (auto& c : counts_) c.fill(0);
  }

  ColumnModel& model() { return model_; }

  void set_roles_from(const std::vector<DraftRow>& header_rows) {
    for (const DraftRow& row : header_rows) {
      for (const DraftCell& cell : row.cells) {
        if (cell.col >= model_.size()) continue;
        if (const grammar::ColumnRule* rule = ctx_.column_rule(cell.parts.front().text))
          model_.roles[cell.col] = rule->role;
      }
    }
    model_.roles_set();
  }

  std::vector<CellKind> kinds(const std::vector<RawCell>& cells) const {
    std::vector<CellKind> out;
    out.reserve(cells.size());
    for (const RawCell& c : cells) out.push_back(c.blank ? CellKind::kEmpty : ctx_.facts(c.text).kind);
    return out;
  }

  // True iff two figures of the row have empty printed columns between them.
  bool blank_between_figures(const std::vector<RawCell>& cells, const std::vector<int>& cols) const {
    std::vector<CellKind> k = kinds(cells);
    for (size_t i = 1; i < cells.size() && i < cols.size(); ++i) {
      if (cols[i] > cols[i - 1] + 1 && is_figure_kind(k[i - 1]) && is_figure_kind(k[i])) return true;
    }
    return false;
  }

  // True iff each cell, in the column given, fits what that column holds.
  bool fits_where_printed(const std::vector<RawCell>& cells, const std::vector<int>& cols) const {
    std::vector<CellKind> k = kinds(cells);
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i >= cols.size() || cols[i] >= model_.size() || model_.score(k[i], cols[i]) < 0) return false;
    }
    return true;
  }

  // Places one row and learns from it. `hints.cols`, when given, holds the printed columns.
  DraftRow place(const std::vector<RawCell>& cells, const RowHints& hints, TextRange range) {
    std::vector<CellKind> k = kinds(cells);
    Placement p = place_row(k, model_, hints);
    return commit(cells, k, p.col, range);
  }

  // Puts cells at the given columns (one per column) and learns from them.
  DraftRow commit(const std::vector<RawCell>& cells, const std::vector<CellKind>& kinds, const std::vector<int>& cols,
                  TextRange range) {
    DraftRow row;
    row.range = range;
    row.cells.reserve(cells.size());
    for (size_t i = 0; i < cells.size() && i < cols.size(); ++i) {
      int c = column(cols[i]);
      if (!row.cells.empty() && row.cells.back().col >= c) {
        row.cells.back().parts.push_back(cells[i]);  // a continuation of the cell before
        continue;
      }
      row.cells.push_back({c, {cells[i]}});
    }
    learn(cells, kinds, cols);
    return row;
  }

  // Learns what the columns hold from cells at the given columns, as commit() does, for a caller
  // that has no use for the row.
  void learn(std::span<const RawCell> cells, std::span<const CellKind> kinds, const std::vector<int>& cols) {
    // A lone cell (a title, a note) says nothing about what the columns hold.
    const bool teaches =
        std::count_if(kinds.begin(), kinds.end(), [](CellKind k) { return k != CellKind::kEmpty; }) >= 2;
    int last = -1;  // the column of the cell before; one at or left of it continues that cell
    for (size_t i = 0; i < cells.size() && i < cols.size() && teaches; ++i) {
      const int c = column(cols[i]);
      if (last >= c) continue;
      last = c;
      if (kinds[i] != CellKind::kEmpty) ++counts_[c][static_cast<int>(kinds[i])];
      if (is_text_kind(kinds[i])) names_[c].insert(label_name(ctx_.facts(cells[i].text).key));
    }
    model_.learn(counts_);
  }

  // The column in which a label with this name was seen, or -1: a row restating its level-1
  // label ("实施过程 (12分)") belongs under the other rows that print it there.
  int column_of_name(const RawCell& cell) const {
    std::string name = label_name(ctx_.facts(cell.text).key);
    if (name.empty()) return -1;
    for (int c = 0; c < model_.size(); ++c) {
      if (names_[c].count(name)) return c;
    }
    return -1;
  }

 private:
  const Context& ctx_;
  ColumnModel model_;
  std::vector<std::array<int, kKindCount>> counts_;
  std::vector<std::set<std::string>> names_;

  int column(int col) const { return std::clamp(col, 0, model_.size() - 1); }
};

DraftRow header_row(const std::vector<RawCell>& cells, int n, bool first_header, bool positioned) {
  DraftRow row;
  row.header = true;
  if (positioned) {  // tab rows print every header cell in its own column
    for (size_t c = 0; c < cells.size() && static_cast<int>(c) < n; ++c) {
      if (!cells[c].blank) row.cells.push_back({static_cast<int>(c), {cells[c]}});
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

// Places the body rows [begin, end) of a row-based block under `headers`.
std::vector<DraftRow> place_body(const layout::Block& block, size_t begin, size_t end, int n,
                                 const std::vector<DraftRow>& headers, const Context& ctx) {
  const bool csv = block.layout == layout::TableLayout::kCsv;
  const bool tab = block.layout == layout::TableLayout::kTab || csv;
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
  for (size_t j = begin; j < end; ++j) {
    const RawRow& r = block.rows[j];
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
    note_coverage(rows.back());
  }
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

// Row-based layouts (pipe, tab, csv): split at header rows, then place each data row.
std::vector<Draft> drafts_from_rows(const layout::Block& block, size_t index, const Context& ctx) {
  const bool tab = block.layout == layout::TableLayout::kTab || block.layout == layout::TableLayout::kCsv;
  const int n = block_width(block, tab);
  std::vector<Draft> drafts;
  size_t i = 0;
  while (i < block.rows.size()) {
    Draft d;
    d.layout = block.layout;
    d.n_cols = n;
    d.blocks = {index};
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
    // The body runs to the next header row that is not this table's header repeated.
    size_t end = i;
    std::vector<size_t> repeats;
    while (end < block.rows.size()) {
      if (is_header_row(block.rows[end].cells, ctx)) {
        if (signature(block.rows[end].cells, ctx) != header_sig) break;
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

// Joins cells of a bare-lines stream that a line break cut in two: "一级"+"指标", "经济效"+"益指标",
// "2020年"+"实际在职人数". Two cells that are header words each are never joined.
std::vector<RawCell> join_fragments(std::vector<RawCell> cells, const Context& ctx) {
  const grammar::TableGrammar& g = ctx.grammar.tables;
  std::vector<RawCell> out;
  for (size_t i = 0; i < cells.size(); ++i) {
    RawCell c = cells[i];
    while (i + 1 < cells.size() && !c.blank && !cells[i + 1].blank) {
      const CellFacts& fa = ctx.facts(c.text);
      const CellFacts& fb = ctx.facts(cells[i + 1].text);
      const std::string &a = fa.key, &b = fb.key;
      if (fa.figure || fb.figure) break;
      bool year_only = a.size() >= 7 && a.size() <= 10 && a.substr(4, 3) == "年" &&
                       std::all_of(a.begin(), a.begin() + 4, [](char ch) { return ch >= '0' && ch <= '9'; });
      bool fragment = !ctx.is_header_word(c) && text::char_count(a) <= 7 && fa.kind != CellKind::kWeightLabel;
      RawCell joined = c;
      joined.text = ctx.keep(std::string(c.text) + std::string(cells[i + 1].text));
      // The pieces make a header word that the second piece alone is not ("一级"+"指标").
      const grammar::ColumnRule* whole = ctx.column_rule(joined.text);
      const grammar::ColumnRule* tail =
          ctx.is_header_word(cells[i + 1]) ? ctx.column_rule(cells[i + 1].text) : nullptr;
      bool makes_word = fragment && whole && (!tail || tail->role != whole->role || tail->level != whole->level);
      bool broken_word = fragment && g.header_join_suffix.valid() && !g.header_join_suffix.match_suffix(a) &&
                         g.header_join_suffix.match_suffix(b) &&
                         static_cast<int>(text::char_count(a + b)) <= g.header_join_max_chars;
      if (!year_only && !makes_word && !broken_word) break;
      c.text = joined.text;
      c.range.end = cells[i + 1].range.end;
      ++i;
    }
    out.push_back(std::move(c));
  }
  return out;
}

// Cuts a stream of cells into rows under a header of `run` cells placed at the right of n columns;
// cells [body, end) are the body. Returns the total placement score.
float cut_stream(const std::vector<RawCell>& cells, size_t body, size_t run, int n, const std::vector<int>& ends,
                 bool continuation, const Context& ctx, Draft& d) {
  RowPlacer placer(ctx, n);
  if (run > 0) {
    DraftRow header;
    header.header = true;
    int start = n - static_cast<int>(run);
    for (size_t i = 0; i < run; ++i) header.cells.push_back({start + static_cast<int>(i), {cells[body - run + i]}});
    header.range = {cells[body - run].range.begin, cells[body - 1].range.end};
    placer.set_roles_from({header});
    d.rows.push_back(std::move(header));
  }
  std::vector<RawCell> rest(cells.begin() + body, cells.end());
  std::vector<int> rest_ends(ends.begin() + body, ends.end());
  if (rest.empty()) return 0;
  std::vector<CellKind> kinds = placer.kinds(rest);
  // Twice: the first pass learns what the columns hold, the second places with that knowledge.
  std::vector<Segment> segments = segment_stream(kinds, placer.model(), rest_ends, continuation);
  for (const Segment& s : segments) {
    const size_t n = s.end - s.begin;
    placer.learn(std::span(rest).subspan(s.begin, n), std::span(kinds).subspan(s.begin, n), s.placement.col);
  }
  segments = segment_stream(kinds, placer.model(), rest_ends, continuation);
  float total = 0;
  for (const Segment& s : segments) {
    DraftRow row;
    row.range = {rest[s.begin].range.begin, rest[s.end - 1].range.end};
    for (size_t i = s.begin; i < s.end; ++i) {
      int c = s.placement.col[i - s.begin];
      if (!row.cells.empty() && row.cells.back().col >= c) {
        row.cells.back().parts.push_back(rest[i]);
      } else {
        row.cells.push_back({c, {rest[i]}});
      }
    }
    total += s.placement.score;
    d.rows.push_back(std::move(row));
  }
  return total;
}

// A stream of cells and, per cell, whether a row must end after it (see segment_stream).
struct Stream {
  std::vector<RawCell> cells;
  std::vector<int> ends;
  size_t body = 0;  // first cell after the header
  size_t run = 0;   // header cells
};

// The cells of a cell_lines or bare_lines block. A line of bars either ends a row (`closers`) or
// stands for that many empty cells.
Stream stream_of(const layout::Block& block, bool closers, const Context& ctx) {
  Stream st;
  for (const RawRow& r : block.rows) {
    for (const RawCell& c : r.cells) {
      st.cells.push_back(c);
      st.ends.push_back(-2);
    }
    if (r.closer < 0 || st.cells.empty()) continue;
    if (closers) {
      st.ends.back() = r.closer;
      continue;
    }
    for (int k = 0; k < r.closer; ++k) {
      RawCell blank;
      blank.range = {r.range.end, r.range.end};
      blank.blank = true;
      st.cells.push_back(blank);
      st.ends.push_back(-2);
    }
  }
  if (block.layout == layout::TableLayout::kBareLines) {
    st.cells = join_fragments(std::move(st.cells), ctx);
    st.ends.assign(st.cells.size(), -2);
  }
  // The header: a run of header words (and the empty header over a label column), without a
  // last word that figures follow at once — that one names the first data row.
  for (size_t i = 0; i < st.cells.size(); ++i) {
    if (!ctx.is_header_word(st.cells[i])) continue;
    size_t j = i, words = 0;
    while (j < st.cells.size() && (ctx.is_header_word(st.cells[j]) || (st.cells[j].blank && j + 1 < st.cells.size() &&
                                                                        ctx.is_header_word(st.cells[j + 1])))) {
      words += !st.cells[j].blank;
      ++j;
    }
    // Fewer figures follow than the header has cells: the last word is the first row's name.
    size_t figures = 0;
    for (size_t k = j; k < st.cells.size() && (st.cells[k].blank || ctx.facts(st.cells[k].text).figure); ++k) {
      figures += !st.cells[k].blank;
    }
    if (figures > 0 && figures + 1 < j - i && words > 2) --j, --words;
    if (words >= 2) {
      st.body = j, st.run = j - i;
      break;
    }
  }
  return st;
}

DraftRow header_of(const Stream& st, int n) {
  DraftRow header;
  header.header = true;
  int start = n - static_cast<int>(st.run);
  for (size_t i = 0; i < st.run; ++i) header.cells.push_back({start + static_cast<int>(i), {st.cells[st.body - st.run + i]}});
  header.range = {st.cells[st.body - st.run].range.begin, st.cells[st.body - 1].range.end};
  return header;
}

// How well the body cells of a draft fit the roles of their columns, per cell: for choosing
// between readings of the same block.
float fit_per_cell(const Draft& d, const Context& ctx) {
  RowPlacer placer(ctx, d.n_cols);
  std::vector<DraftRow> headers;
  for (const DraftRow& r : d.rows) {
    if (r.header) headers.push_back(r);
  }
  placer.set_roles_from(headers);
  float total = 0;
  int cells = 0;
  for (const DraftRow& r : d.rows) {
    if (r.header) continue;
    for (const DraftCell& c : r.cells) {
      for (const RawCell& part : c.parts) {
        if (part.blank) continue;
        total += placer.model().score(ctx.facts(part.text).kind, c.col);
        ++cells;
      }
    }
  }
  return cells ? total / cells : -1e9f;
}

// Rows cut by closers: a group of cells up to a bar line makes rows of n, the last of them short
// by the bars' count and merged from above on the left.
bool rows_from_closers(const Stream& st, const Context& ctx, Draft& d) {
  const int n = static_cast<int>(st.run);
  d.n_cols = n;
  d.rows.push_back(header_of(st, n));
  RowPlacer placer(ctx, n);
  placer.set_roles_from({d.rows.back()});
  std::vector<RawCell> group;
  for (size_t i = st.body; i < st.cells.size(); ++i) {
    group.push_back(st.cells[i]);
    bool last = i + 1 == st.cells.size();
    if (st.ends[i] < 0 && !last) continue;
    int k = std::max(st.ends[i], 0);
    if (st.ends[i] >= 0 && (group.size() + k) % n != 0) return false;
    size_t at = 0;
    while (at < group.size()) {
      size_t take = std::min<size_t>(n, group.size() - at);
      std::vector<RawCell> row(group.begin() + at, group.begin() + at + take);
      std::vector<int> cols(take);
      bool closes = at + take == group.size();
      if (take == static_cast<size_t>(n)) {
        for (size_t c = 0; c < take; ++c) cols[c] = static_cast<int>(c);
      } else if (closes && st.ends[i] >= 0) {
        for (size_t c = 0; c < take; ++c) cols[c] = k + static_cast<int>(c);
      } else {
        RowHints hints;
        hints.continuation = false;
        cols = place_row(placer.kinds(row), placer.model(), hints).col;
      }
      DraftRow r = placer.commit(row, placer.kinds(row), cols, {});
      r.range = {row.front().range.begin, row.back().range.end};
      d.rows.push_back(std::move(r));
      at += take;
    }
    group.clear();
  }
  return true;
}

// Cells before a stream's header: a title row, or a small form of name / value pairs.
std::optional<Draft> prefix_draft(const Stream& st, const layout::Block& block, size_t index, const Context& ctx) {
  size_t head = st.run ? st.body - st.run : st.cells.size();
  if (head == 0) return std::nullopt;
  Draft form;
  form.layout = block.layout;
  form.blocks = {index};
  std::vector<RawCell> before(st.cells.begin(), st.cells.begin() + head);
  if (before.size() == 1) {
    DraftRow title;
    title.cells.push_back({0, {before[0]}});
    title.range = before[0].range;
    form.n_cols = 1;
    form.rows.push_back(std::move(title));
    return form;
  }
  std::vector<int> ends(st.ends.begin(), st.ends.begin() + head);
  Stream sub;
  sub.cells = std::move(before);
  sub.ends = std::move(ends);
  form.n_cols = 2;
  cut_stream(sub.cells, 0, 0, 2, sub.ends, block.layout == layout::TableLayout::kBareLines, ctx, form);
  return form;
}

// The header runs of a stream after its first (see stream_of): a run of at least three header
// words after some body starts another table.
std::vector<size_t> later_runs(const Stream& st, const Context& ctx) {
  std::vector<size_t> starts;
  for (size_t i = st.body; i + 2 < st.cells.size(); ++i) {
    size_t j = i;
    while (j < st.cells.size() && ctx.is_header_word(st.cells[j])) ++j;
    if (j - i >= 3 && i > st.body) {
      starts.push_back(i);
      i = j;
    }
  }
  return starts;
}

// Cells [from, to) of a stream as a stream of their own, its header found anew.
Stream substream(const Stream& st, size_t from, size_t to, const Context& ctx) {
  layout::Block block;
  layout::RawRow row;
  row.cells.assign(st.cells.begin() + from, st.cells.begin() + to);
  block.rows.push_back(row);
  block.layout = layout::TableLayout::kCellLines;
  Stream sub = stream_of(block, /*closers=*/false, ctx);
  sub.ends.assign(st.ends.begin() + from, st.ends.begin() + to);
  return sub;
}

// One table of a stream: the reading of its bar lines and its width that fit best.
Draft read_stream_table(const Stream& st, const Stream* blanks, bool bare, layout::TableLayout layout, size_t index,
                        const Context& ctx, bool& blanks_won) {
  auto fresh = [&]() {
    Draft d;
    d.layout = layout;
    d.blocks = {index};
    return d;
  };
  Draft best = fresh();  // no rows when no reading applies; the caller drops it
  float best_fit = -1e30f;
  auto consider = [&](Draft d) {
    // A second reading must fit clearly better to be preferred.
    float f = fit_per_cell(d, ctx);
    bool better = best_fit < -1e29f || f > best_fit + 0.25f;
    if (better) best_fit = f, best = std::move(d);
    return better;
  };
  blanks_won = false;
  if (!bare) {
    // Two readings of the bar lines; the one under which cells fit their columns best wins.
    Draft closers = fresh();
    if (rows_from_closers(st, ctx, closers)) consider(std::move(closers));
    if (blanks && blanks->run > 0) {
      Draft d = fresh();
      d.n_cols = static_cast<int>(blanks->run);
      cut_stream(blanks->cells, blanks->body, blanks->run, d.n_cols, blanks->ends, false, ctx, d);
      blanks_won = consider(std::move(d));
    }
  } else {
    // The header may leave out a column of row-group names on its left: try both widths.
    for (size_t extra = 0; extra <= 1; ++extra) {
      Draft d = fresh();
      d.n_cols = static_cast<int>(st.run + extra);
      cut_stream(st.cells, st.body, st.run, d.n_cols, st.ends, true, ctx, d);
      consider(std::move(d));
    }
  }
  if (best.rows.empty()) {
    // No reading fits: the cells are kept, one a row, rather than lost with the table.
    for (const RawCell& c : st.cells) {
      if (c.blank) continue;
      DraftRow row;
      row.cells.push_back({0, {c}});
      row.range = c.range;
      best.rows.push_back(std::move(row));
    }
    best.n_cols = 1;
  }
  return best;
}

// Stream layouts (cell_lines, bare_lines): a prefix before the first header, then a table per
// header run.
std::vector<Draft> drafts_from_stream(const layout::Block& block, size_t index, const Context& ctx) {
  const bool bare = block.layout == layout::TableLayout::kBareLines;
  Stream st = stream_of(block, /*closers=*/!bare, ctx);
  Stream blanks = bare ? Stream{} : stream_of(block, /*closers=*/false, ctx);
  std::vector<Draft> drafts;
  if (st.run == 0) {
    if (std::optional<Draft> prefix = prefix_draft(st, block, index, ctx)) drafts.push_back(std::move(*prefix));
    return drafts;
  }
  // Decide the reading of the bar lines on the first table, then cut both the same way.
  std::vector<size_t> cuts = later_runs(st, ctx), blank_cuts = bare ? std::vector<size_t>{} : later_runs(blanks, ctx);
  size_t first_end = cuts.empty() ? st.cells.size() : cuts.front();
  size_t blank_first_end = blank_cuts.empty() ? blanks.cells.size() : blank_cuts.front();
  Stream head = substream(st, 0, first_end, ctx), blank_head;
  head.ends.assign(st.ends.begin(), st.ends.begin() + first_end);
  head.body = st.body, head.run = st.run;
  const Stream* blank_ptr = nullptr;
  if (!bare && blanks.run > 0) {
    blank_head = substream(blanks, 0, blank_first_end, ctx);
    blank_head.body = blanks.body, blank_head.run = blanks.run;
    blank_ptr = &blank_head;
  }
  bool blanks_won = false;
  Draft first = read_stream_table(head, blank_ptr, bare, block.layout, index, ctx, blanks_won);
  const Stream& used = blanks_won ? blanks : st;
  const std::vector<size_t>& used_cuts = blanks_won ? blank_cuts : cuts;

  std::optional<Draft> prefix = prefix_draft(used, block, index, ctx);
  if (prefix && prefix->rows.size() == 1 && prefix->n_cols == 1) {
    first.rows.insert(first.rows.begin(), prefix->rows.front());  // a title row belongs to its table
  } else if (prefix) {
    drafts.push_back(std::move(*prefix));
  }
  drafts.push_back(std::move(first));
  for (size_t k = 0; k < used_cuts.size(); ++k) {
    size_t to = k + 1 < used_cuts.size() ? used_cuts[k + 1] : used.cells.size();
    Stream sub = substream(used, used_cuts[k], to, ctx);
    if (sub.run == 0) continue;
    bool unused = false;
    Draft d = read_stream_table(sub, nullptr, bare || blanks_won, block.layout, index, ctx, unused);
    if (!bare && !blanks_won) {
      // Closers were the reading; a later table is cut the same way.
      Draft closers;
      closers.layout = block.layout;
      closers.blocks = {index};
      if (rows_from_closers(sub, ctx, closers)) d = std::move(closers);
    }
    drafts.push_back(std::move(d));
  }
  return drafts;
}

}  // namespace

std::vector<Draft> drafts_from_block(const layout::Block& block, size_t block_index, const Context& ctx) {
  std::vector<Draft> drafts = block.layout == layout::TableLayout::kPipe || block.layout == layout::TableLayout::kTab ||
                                      block.layout == layout::TableLayout::kCsv
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
