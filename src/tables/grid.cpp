// From a draft to a grid: anchors, spans, header rows, column roles, total rows and kind.
#include <algorithm>

#include "tables/draft.h"
#include "tables/placement.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace budgetlens::tables::detail {
namespace {

using grammar::ColumnRole;

std::string joined_text(const DraftCell& cell) {
  std::string s;
  for (const layout::RawCell& p : cell.parts) {
    if (p.blank) continue;
    if (!s.empty()) s += "\n";
    s += p.text;
  }
  return s;
}

TextRange joined_range(const DraftCell& cell) {
  TextRange r = cell.parts.front().range;
  for (const layout::RawCell& p : cell.parts) {
    r.begin = std::min(r.begin, p.range.begin);
    r.end = std::max(r.end, p.range.end);
  }
  return r;
}

bool is_value_role(ColumnRole r) {
  return r == ColumnRole::kAmount || r == ColumnRole::kCount || r == ColumnRole::kPercent || r == ColumnRole::kWeight ||
         r == ColumnRole::kScore || r == ColumnRole::kRownum;
}

}  // namespace

int count_header_rows(const std::vector<bool>& header) {
  int last_header = -1;
  for (int r = 0; r < static_cast<int>(header.size()); ++r) {
    if (header[r]) last_header = r;
    else if (last_header >= 0 || r > 1) break;
  }
  return last_header + 1;
}

void assign_roles(Grid& g, const Context& ctx) {
  const int n = g.n_cols;
  for (int r = 0; r < g.header_rows; ++r) {
    bool after_label = false;
    for (int c = 0; c < n; ++c) {
      int a = g.at[r * n + c];
      if (a < 0 || g.cells[a].row != r) continue;
      if (const grammar::ColumnRule* rule = ctx.column_rule(g.cells[a].text)) {
        g.columns[c].role = header_role(rule, after_label);
        g.columns[c].level = rule->level;
        g.columns[c].kind = g.columns[c].role == rule->role ? rule->kind : std::string();
        after_label |= g.columns[c].role == ColumnRole::kLabel;
      }
    }
  }
}

void mark_total_rows(Grid& g, const Context& ctx) {
  const int n = g.n_cols;
  for (int r = 0; r < g.n_rows; ++r) {
    int first = -1;
    for (int c = 0; c < n && first < 0; ++c) {
      if (g.at[r * n + c] >= 0) first = c;
    }
    if (first < 0) continue;
    const Cell& lead = g.cells[g.at[r * n + first]];
    g.total_row[r] = !lead.header && ctx.facts(lead.text).total;
  }
}

void set_header_paths(Grid& g) {
  const int n = g.n_cols;
  for (int c = 0; c < n; ++c) {
    std::string path, last;
    for (int r = 0; r < g.header_rows; ++r) {
      int a = g.at[r * n + c];
      if (a < 0 || !g.cells[a].header) continue;
      std::string t = text::display(g.cells[a].text);
      if (t.empty() || t == last) continue;
      path += (path.empty() ? "" : " / ") + t;
      last = t;
    }
    g.columns[c].header = path;
  }
}

void set_kind(Grid& g, const Context& ctx) {
  const int n = g.n_cols;
  int levels = 0, targets = 0, scores = 0, money = 0;
  for (const Column& col : g.columns) {
    levels += col.level > 0;
    targets += col.role == ColumnRole::kTarget || col.role == ColumnRole::kComparator;
  }
  for (const Cell& cell : g.cells) {
    if (cell.header) continue;
    CellKind k = ctx.facts(cell.text).kind;
    if (!is_figure_kind(k)) continue;
    ColumnRole role = g.columns[cell.col].role;
    if (role == ColumnRole::kWeight || role == ColumnRole::kScore) ++scores;
    else if (role == ColumnRole::kAmount || role == ColumnRole::kPercent || role == ColumnRole::kUnknown) ++money;
  }
  bool has_score_column = std::any_of(g.columns.begin(), g.columns.end(),
                                      [](const Column& c) { return c.role == ColumnRole::kScore; });
  if (has_score_column && (levels > 0 || scores >= money)) g.kind = "scores";
  else if (levels > 0 || targets > 0) g.kind = "indicators";
  else if (money > 0) g.kind = "amounts";
  else if (n <= 3) g.kind = "key_value";
  else g.kind = "other";
}

std::string header_signature(const Draft& draft, const Context& ctx) {
  std::string s;
  for (const DraftRow& row : draft.rows) {
    if (!row.header) {
      if (!s.empty()) break;
      continue;
    }
    for (const DraftCell& c : row.cells) s += ctx.facts(joined_text(c)).key + "|";
  }
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

Grid grid_from_draft(const Draft& d, const Context& ctx) {
  Grid g;
  g.layout = d.layout;
  g.blocks = d.blocks;
  g.range = d.range;
  g.repeated_headers = d.repeated_headers;
  g.n_cols = std::max(d.n_cols, 1);
  g.n_rows = static_cast<int>(d.rows.size());
  const int n = g.n_cols;
  g.at.assign(static_cast<size_t>(g.n_rows) * n, -1);
  g.columns.assign(n, Column{});
  g.total_row.assign(g.n_rows, false);
  g.after_break.assign(g.n_rows, false);
  for (int r = 0; r < g.n_rows; ++r) g.after_break[r] = d.rows[r].after_break;

  std::vector<bool> header;
  for (const DraftRow& row : d.rows) header.push_back(row.header);
  g.header_rows = count_header_rows(header);

  for (int r = 0; r < g.n_rows; ++r) {
    for (const DraftCell& dc : d.rows[r].cells) {
      if (dc.col >= n || g.at[r * n + dc.col] >= 0) continue;
      Cell c;
      c.row = r;
      c.col = dc.col;
      c.text = joined_text(dc);
      const CellFacts& facts = ctx.facts(c.text);
      c.key = facts.key;
      c.figure = facts.figure;
      c.range = joined_range(dc);
      if (dc.parts.size() > 1 && d.layout == layout::TableLayout::kAligned) {
        for (const layout::RawCell& p : dc.parts) c.pieces.push_back(p.range);
      }
      c.header = d.rows[r].header;
      c.colspan = std::min(dc.colspan, n - dc.col);  // widened below, when it was printed across columns
      if (c.text.empty()) continue;  // an explicit empty cell is an empty position
      g.at[r * n + dc.col] = static_cast<int>(g.cells.size());
      g.cells.push_back(std::move(c));
    }
  }

  assign_roles(g, ctx);
  mark_total_rows(g, ctx);

  // Spans.
  const bool header_area_above = g.header_rows > 0;
  for (int r = 0; r < g.n_rows; ++r) {
    bool header = r < g.header_rows;
    int filled = 0, first = -1;
    for (int c = 0; c < n; ++c) {
      if (g.at[r * n + c] >= 0) {
        ++filled;
        if (first < 0) first = c;
      }
    }
    if (filled == 0) continue;
    // A lone cell in the first row, or a lone header cell above the header: a title across the table.
    if (filled == 1 && first == 0 && (r == 0 || (header && r + 1 < g.header_rows))) {
      g.cells[g.at[r * n]].colspan = n;
      for (int c = 1; c < n; ++c) g.at[r * n + c] = g.at[r * n];
      continue;
    }
    // Leading positions with nothing are merged from the cell above; so are empty label positions.
    for (int c = 0; c < n; ++c) {
      if (g.at[r * n + c] >= 0 || r == 0) continue;
      bool leading = c < first;
      // An empty level under a label merges from above only while every level left of it does:
      // under a new parent it is a level the row leaves out.
      bool label = !header && g.columns[c].role == ColumnRole::kLabel && c < first + 3;
      for (int k = 0; label && k < c; ++k) {
        int a = g.at[r * n + k];
        if (g.columns[k].role == ColumnRole::kLabel && a >= 0 && g.cells[a].row == r) label = false;
      }
      if (!leading && !label) continue;
      int above = g.at[(r - 1) * n + c];
      if (above < 0) continue;
      Cell& anchor = g.cells[above];
      bool anchor_header = anchor.row < g.header_rows;
      if (anchor_header != header || g.total_row[anchor.row] || g.total_row[r]) continue;
      if (anchor.col != c || anchor.colspan > 1) continue;
      anchor.rowspan = r - anchor.row + 1;
      g.at[r * n + c] = above;
    }
    // A header cell over empty positions spans them when the header row below subdivides them; a
    // total row's label spans to its first figure. A cell printed across columns spans those.
    for (int c = 0; c < n; ++c) {
      int a = g.at[r * n + c];
      if (a < 0 || g.cells[a].row != r || g.cells[a].col != c) continue;
      if (g.cells[a].colspan > 1) {
        for (int k = c + 1; k < c + g.cells[a].colspan; ++k) g.at[r * n + k] = a;
        continue;
      }
      bool spans = (header && r + 1 < g.header_rows) || (g.total_row[r] && c == first) ||
                   (!header && !header_area_above && c == first && filled == 1 && r > 0);
      if (!spans) continue;
      int e = c + 1;
      while (e < n && g.at[r * n + e] < 0) {
        if (g.total_row[r] && is_value_role(g.columns[e].role)) break;
        ++e;
      }
      if (header && r + 1 < g.header_rows) {
        // Only as far as some lower header row has cells under it: that is what it groups.
        int f = c + 1;
        while (f < e) {
          bool below = false;
          for (int rr = r + 1; rr < g.header_rows && !below; ++rr) below = g.at[rr * n + f] >= 0;
          if (!below) break;
          ++f;
        }
        e = f;
      }
      for (int k = c + 1; k < e; ++k) g.at[r * n + k] = a;
      g.cells[a].colspan = e - c;
    }
  }

  set_header_paths(g);
  set_kind(g, ctx);
  return g;
}

}  // namespace budgetlens::tables::detail
