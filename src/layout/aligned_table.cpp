#include "layout/aligned_table.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdlib>
#include <utility>

#include "text/utf8.h"

namespace budgetlens::layout::detail {
namespace {

enum Measure { kChars, kWidth };

// A field and where it sits on its line: [from, to) in characters and in display width.
struct Field {
  TextRange range;
  std::array<int, 2> from{}, to{};
};

std::vector<Field> fields_of(std::string_view text, TextRange line) {
  std::string_view s = text.substr(line.begin, line.size());
  std::vector<Field> out;
  std::array<int, 2> at{};
  size_t i = 0;
  auto advance_to = [&](size_t end) {
    while (i < end) {
      const char32_t c = text::next_char(s, i);
      at[kChars] += 1;
      at[kWidth] += text::display_width(c);
    }
  };
  for (const TextRange& r : aligned_fields(s, line.begin)) {
    Field f;
    f.range = r;
    advance_to(r.begin - line.begin);
    f.from = at;
    advance_to(r.end - line.begin);
    f.to = at;
    out.push_back(f);
  }
  return out;
}

// How far across the widest rows print each column: [first start, last end).
struct Extent {
  int from = INT_MAX, to = INT_MIN;
};

// How much the extents of the widest rows' columns wander, in a measure: a column is aligned at its
// left (labels) or its right (figures), so each counts the smaller of the two.
int wander(const std::vector<std::vector<Field>>& rows, size_t n, Measure m) {
  int total = 0;
  for (size_t k = 0; k < n; ++k) {
    Extent left, right;
    for (const std::vector<Field>& row : rows) {
      if (row.size() != n) continue;
      left.from = std::min(left.from, row[k].from[m]), left.to = std::max(left.to, row[k].from[m]);
      right.from = std::min(right.from, row[k].to[m]), right.to = std::max(right.to, row[k].to[m]);
    }
    total += std::min(left.to - left.from, right.to - right.from);
  }
  return total;
}

// How many places the fields after the first end at, over all rows: figures are aligned at their
// right, so they end at one place a column in the measure the table was aligned in, and at many in
// the other, as the labels before them hold more or fewer Han characters.
size_t ends(const std::vector<std::vector<Field>>& rows, Measure m) {
  std::vector<int> at;
  for (const std::vector<Field>& row : rows) {
    for (size_t k = 1; k < row.size(); ++k) at.push_back(row[k].to[m]);
  }
  std::sort(at.begin(), at.end());
  return static_cast<size_t>(std::unique(at.begin(), at.end()) - at.begin());
}

// The measure a table was aligned in: the one its figures end in fewest places in; where that
// does not tell, the one the widest rows' columns wander least in.
Measure measure_of(const std::vector<std::vector<Field>>& rows, size_t n) {
  const size_t by_width = ends(rows, kWidth), by_chars = ends(rows, kChars);
  if (by_width != by_chars) return by_width < by_chars ? kWidth : kChars;
  return wander(rows, n, kWidth) < wander(rows, n, kChars) ? kWidth : kChars;
}

// The columns of a shorter row's fields: each the column, after the one before it and leaving room
// for the fields after it, that it overlaps most (or is nearest to).
std::vector<size_t> columns_of(const std::vector<Field>& fields, const std::vector<Extent>& columns,
                               Measure m) {
  std::vector<size_t> out(fields.size());
  size_t next = 0;
  for (size_t q = 0; q < fields.size(); ++q) {
    const size_t last = columns.size() - (fields.size() - q);
    size_t best = next;
    int best_overlap = INT_MIN;
    for (size_t c = next; c <= last; ++c) {
      // Negative when they do not overlap: minus the gap between them.
      const int overlap =
          std::min(fields[q].to[m], columns[c].to) - std::max(fields[q].from[m], columns[c].from);
      if (overlap > best_overlap) best = c, best_overlap = overlap;
    }
    out[q] = best;
    next = best + 1;
  }
  return out;
}

// The columns [first, last] a field of a shorter row is printed across, within [lo, hi]: a name
// centred over several columns, outside the one it overlaps most for more than half its width (a
// year over its 预算数 and 决算数), spans the run of columns whose middle is nearest its own; any
// other field is in its column, `own`.
std::pair<size_t, size_t> span_of(const Field& f, size_t own, size_t lo, size_t hi,
                                  const std::vector<Extent>& columns, Measure m) {
  const int width = f.to[m] - f.from[m];
  const int inside = std::min(f.to[m], columns[own].to) - std::max(f.from[m], columns[own].from);
  if (inside * 2 >= width) return {own, own};
  // Twice the middles, to stay in whole numbers.
  const int middle = f.from[m] + f.to[m];
  auto off = [&](size_t a, size_t b) { return std::abs(columns[a].from + columns[b].to - middle); };
  std::pair<size_t, size_t> best = {own, own};
  for (size_t a = lo; a <= own; ++a) {
    for (size_t b = own; b <= hi; ++b) {
      if (b == a || f.from[m] < columns[a].from || f.to[m] > columns[b].to) continue;
      if (off(a, b) < off(best.first, best.second)) best = {a, b};
    }
  }
  return best;
}

RawCell cell(std::string_view text, TextRange r) {
  RawCell c;
  c.range = r;
  c.text = text.substr(r.begin, r.size());
  c.blank = r.size() == 0;
  return c;
}

}  // namespace

std::vector<TextRange> aligned_fields(std::string_view line, uint32_t offset) {
  // A converter starts each page with a form feed, on the line of the page's first row.
  auto blank = [](char c) { return c == ' ' || c == '\f' || c == '\v' || c == '\r'; };
  std::vector<TextRange> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && blank(line[i])) ++i;
    if (i == line.size()) break;
    const size_t begin = i;
    while (i < line.size() && !(line[i] == ' ' && i + 1 < line.size() && line[i + 1] == ' ')) ++i;
    size_t end = i;
    while (end > begin && blank(line[end - 1])) --end;
    out.push_back({static_cast<uint32_t>(offset + begin), static_cast<uint32_t>(offset + end)});
  }
  return out;
}

std::vector<RawRow> aligned_rows(std::string_view text, const std::vector<TextRange>& lines) {
  std::vector<std::vector<Field>> fields;
  fields.reserve(lines.size());
  size_t n = 0;
  for (const TextRange& line : lines) {
    fields.push_back(fields_of(text, line));
    n = std::max(n, fields.back().size());
  }
  const Measure m = measure_of(fields, n);
  std::vector<Extent> columns(n);
  for (const std::vector<Field>& row : fields) {
    if (row.size() != n) continue;
    for (size_t k = 0; k < n; ++k) {
      columns[k].from = std::min(columns[k].from, row[k].from[m]);
      columns[k].to = std::max(columns[k].to, row[k].to[m]);
    }
  }
  std::vector<RawRow> rows;
  rows.reserve(lines.size());
  for (size_t j = 0; j < lines.size(); ++j) {
    RawRow row;
    row.range = lines[j];
    const std::vector<Field>& row_fields = fields[j];
    std::vector<size_t> at = columns_of(row_fields, columns, m);
    for (size_t q = 0; q < row_fields.size(); ++q) {
      const size_t hi = q + 1 < at.size() ? at[q + 1] - 1 : n - 1;
      const auto [first, last] = row_fields.size() == n
                                     ? std::pair{at[q], at[q]}
                                     : span_of(row_fields[q], at[q], row.cells.size(), hi, columns, m);
      const uint32_t gap = row.cells.empty() ? lines[j].begin : row.cells.back().range.end;
      while (row.cells.size() < first) row.cells.push_back(cell(text, {gap, gap}));
      row.cells.push_back(cell(text, row_fields[q].range));
      row.cells.back().colspan = static_cast<int>(last - first + 1);
      const uint32_t end = row_fields[q].range.end;
      while (row.cells.size() <= last) row.cells.push_back(cell(text, {end, end}));
    }
    row.width = static_cast<int>(row.cells.size());
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace budgetlens::layout::detail
