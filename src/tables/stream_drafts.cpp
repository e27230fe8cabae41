// From the blocks of stream layouts (cell_lines, bare_lines) to drafts: a stream of cells cut into
// the rows of one or more tables.
#include <algorithm>
#include <optional>
#include <span>

#include "tables/draft.h"
#include "tables/placement.h"
#include "tables/row_placer.h"
#include "text/utf8.h"

namespace budgetlens::tables::detail {

using layout::RawCell;
using layout::RawRow;

namespace {

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
      bool makes_word =
          fragment && whole && (!tail || tail->role != whole->role || tail->level != whole->level);
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
float cut_stream(const std::vector<RawCell>& cells, size_t body, size_t run, int n,
                 const std::vector<int>& ends, bool continuation, const Context& ctx, Draft& d) {
  RowPlacer placer(ctx, n);
  if (run > 0) {
    DraftRow header;
    header.header = true;
    int start = n - static_cast<int>(run);
    for (size_t i = 0; i < run; ++i)
      header.cells.push_back({start + static_cast<int>(i), {cells[body - run + i]}});
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
    while (j < st.cells.size() &&
           (ctx.is_header_word(st.cells[j]) ||
            (st.cells[j].blank && j + 1 < st.cells.size() && ctx.is_header_word(st.cells[j + 1])))) {
      words += !st.cells[j].blank;
      ++j;
    }
    // Fewer figures follow than the header has cells: the last word is the first row's name.
    size_t figures = 0;
    for (size_t k = j; k < st.cells.size() && (st.cells[k].blank || ctx.facts(st.cells[k].text).figure);
         ++k) {
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
  for (size_t i = 0; i < st.run; ++i)
    header.cells.push_back({start + static_cast<int>(i), {st.cells[st.body - st.run + i]}});
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
std::optional<Draft> prefix_draft(const Stream& st, const layout::Block& block, size_t index,
                                  const Context& ctx) {
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
// words after some body, with figures after it, starts another table. Without figures the words
// are the names of the last rows (公务接待费, 公务用车购置及运行费 … whose figures were left out).
std::vector<size_t> later_runs(const Stream& st, const Context& ctx) {
  std::vector<size_t> starts;
  size_t figures_end = 0;  // one past the last figure
  for (size_t i = 0; i < st.cells.size(); ++i) {
    if (!st.cells[i].blank && is_figure_kind(ctx.facts(st.cells[i].text).kind)) figures_end = i + 1;
  }
  for (size_t i = st.body; i + 2 < st.cells.size(); ++i) {
    size_t j = i;
    while (j < st.cells.size() && ctx.is_header_word(st.cells[j])) ++j;
    if (j - i >= 3 && i > st.body && j < figures_end) {
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
Draft read_stream_table(const Stream& st, const Stream* blanks, bool bare, layout::TableLayout layout,
                        size_t index, const Context& ctx, bool& blanks_won) {
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

}  // namespace

// Stream layouts (cell_lines, bare_lines): a prefix before the first header, then a table per
// header run.
std::vector<Draft> drafts_from_stream(const layout::Block& block, size_t index, const Context& ctx) {
  const bool bare = block.layout == layout::TableLayout::kBareLines;
  Stream st = stream_of(block, /*closers=*/!bare, ctx);
  Stream blanks = bare ? Stream{} : stream_of(block, /*closers=*/false, ctx);
  std::vector<Draft> drafts;
  if (st.run == 0) {
    if (std::optional<Draft> prefix = prefix_draft(st, block, index, ctx))
      drafts.push_back(std::move(*prefix));
    return drafts;
  }
  // Decide the reading of the bar lines on the first table, then cut both the same way.
  std::vector<size_t> cuts = later_runs(st, ctx),
                      blank_cuts = bare ? std::vector<size_t>{} : later_runs(blanks, ctx);
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

}  // namespace budgetlens::tables::detail
