#include "layout/spaced_table.h"

#include <algorithm>

#include "text/utf8.h"

namespace budgetlens::layout::detail {
namespace {

// A label is printed on at most this many lines, each at most this long; a longer line is running
// text.
constexpr size_t kLabelLines = 3;
constexpr uint32_t kLabelLineChars = 60;
// A header line is at most this long, and each of its column names at most this short.
constexpr uint32_t kHeaderChars = 80;
constexpr size_t kNameChars = 12;
// A table holds at least this many whole rows, and at least two in three of its rows are whole.
constexpr size_t kWholeRows = 3;

constexpr std::string_view kIdeographicSpace = "\u3000";

bool digit(char c) {
  return text::is_ascii_digit(static_cast<unsigned char>(c));
}

// The words of a line, split by ASCII spaces, tabs and ideographic spaces.
std::vector<TextRange> words_of(std::string_view text, TextRange line) {
  std::vector<TextRange> words;
  uint32_t i = line.begin, start = line.begin;
  auto close = [&](uint32_t at) {
    if (at > start) words.push_back({start, at});
  };
  while (i < line.end) {
    size_t space = text[i] == ' ' || text[i] == '\t'                               ? 1
                   : text.substr(i, kIdeographicSpace.size()) == kIdeographicSpace ? kIdeographicSpace.size()
                                                                                   : 0;
    if (space == 0) {
      ++i;
      continue;
    }
    close(i);
    i += static_cast<uint32_t>(space);
    start = i;
  }
  close(line.end);
  return words;
}

// A number in figures: "3241839", "-12.5", "1,286.40", "35%".
bool number_word(std::string_view w) {
  if (!w.empty() && (w.front() == '-' || w.front() == '+')) w.remove_prefix(1);
  if (!w.empty() && w.back() == '%') w.remove_suffix(1);
  const size_t dot = w.find('.');
  std::string_view whole = w.substr(0, dot);
  if (dot != std::string_view::npos) {
    std::string_view fraction = w.substr(dot + 1);
    if (fraction.empty() || !std::all_of(fraction.begin(), fraction.end(), digit)) return false;
  }
  if (whole.empty() || !digit(whole.front())) return false;
  // Thousands separators stand between groups of three digits.
  size_t group = 0;
  bool grouped = false;
  for (char c : whole) {
    if (digit(c)) {
      ++group;
    } else if (c == ',' && group >= 1 && (grouped ? group == 3 : group <= 3)) {
      grouped = true;
      group = 0;
    } else {
      return false;
    }
  }
  return !grouped || group == 3;
}

// A cell's word: a number, or what stands for no value (tables.xml's dashes: "-", "—", "…"), as
// printed: the dashes fold to themselves, and folding every label's words to look for one would
// cost more than the full-width forms of two of them are worth.
bool figure_word(const grammar::TableGrammar& g, std::string_view w) {
  return number_word(w) || g.is_dash(w);
}

// Marks that end or break a sentence: a line holding one is running text, not a label or a header.
bool holds_sentence_mark(std::string_view s) {
  for (std::string_view mark : {"。", "，", "；", "？", "！", ";"}) {
    if (s.find(mark) != std::string_view::npos) return true;
  }
  return false;
}

// A column's name in a header line: short, no figure, and in Chinese; words of an English label
// ("expenditure for science and technology") name no columns.
bool name_word(const grammar::TableGrammar& g, std::string_view w) {
  const bool chinese =
      std::any_of(w.begin(), w.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  return chinese && !figure_word(g, w) && text::char_count(w) <= kNameChars;
}

// A line's words and how many of the last are figures.
struct Tail {
  std::vector<TextRange> words;
  size_t figures = 0;
  bool whole() const { return figures == words.size(); }
  // The label before the last `n` words, or an empty range at the line's start.
  TextRange label(size_t n) const {
    if (words.size() <= n) return {words.front().begin, words.front().begin};
    return {words.front().begin, words[words.size() - n - 1].end};
  }
};

std::string_view view(std::string_view text, TextRange r) {
  return text.substr(r.begin, r.size());
}

Tail tail_of(const grammar::TableGrammar& g, std::string_view text, const Line& line) {
  Tail t;
  t.words = words_of(text, line.trimmed);
  while (t.figures < t.words.size() && figure_word(g, view(text, t.words[t.words.size() - 1 - t.figures])))
    ++t.figures;
  return t;
}

// Whether a line ends in two figures, read from its end without splitting it into words: a line of
// running text is let go at the first byte of its end that no figure holds.
bool ends_in_two_figures(const grammar::TableGrammar& g, std::string_view text, const Line& line) {
  if (line.kind != LineKind::kText) return false;
  std::string_view s = view(text, line.trimmed);
  // The ideographic space's last byte is tested first: most bytes of Chinese text are not it.
  auto space_before = [&](size_t i) {
    return s[i - 1] == ' ' || s[i - 1] == '\t' ||
           (s[i - 1] == kIdeographicSpace.back() && i >= kIdeographicSpace.size() &&
            s.substr(i - kIdeographicSpace.size(), kIdeographicSpace.size()) == kIdeographicSpace);
  };
  auto figure_byte = [](char c) {
    return digit(c) || c == ',' || c == '.' || c == '%' || c == '-' || c == '+';
  };
  for (int k = 0; k < 2; ++k) {
    while (!s.empty() && space_before(s.size()))
      s.remove_suffix(s.back() == ' ' || s.back() == '\t' ? 1 : kIdeographicSpace.size());
    size_t start = s.size();
    while (start > 0 && figure_byte(s[start - 1])) --start;
    if (start == s.size()) {  // a dash of other bytes ("—", "…"), no longer than the longest
      const size_t longest = g.dashes.empty() ? 0 : g.dashes.front().size();
      while (start > 0 && s.size() - start < longest && !space_before(start)) --start;
    }
    if (start == 0 || start == s.size() || !space_before(start) || !figure_word(g, s.substr(start)))
      return false;
    s = s.substr(0, start);
  }
  return true;
}

// Whether `label`, on `line`, may be (a piece of) a row's label: short text that is no sentence.
bool label_line(std::string_view text, const Line& line, TextRange label) {
  if (line.kind != LineKind::kText && line.kind != LineKind::kSpaced) return false;
  std::string_view s = view(text, label);
  return text::char_count(s) <= kLabelLineChars && !holds_sentence_mark(s);
}

// Whether the line heads n columns: its last n words are all years or all names, and the words
// before them (the head of the label column) hold no figure, nor any digit beside years.
bool header_line(const grammar::TableGrammar& g, std::string_view text, const Line& line, size_t n) {
  if (line.kind != LineKind::kText || line.chars > kHeaderChars ||
      holds_sentence_mark(view(text, line.trimmed)))
    return false;
  const std::vector<TextRange> words = words_of(text, line.trimmed);
  if (words.size() < n) return false;
  const auto names = words.end() - static_cast<std::ptrdiff_t>(n);
  auto all = [&](auto test) {
    return std::all_of(names, words.end(), [&](TextRange w) { return test(view(text, w)); });
  };
  const bool years = all([&](std::string_view w) { return g.year_header.match_full(w); });
  if (!years && !all([&](std::string_view w) { return name_word(g, w); })) return false;
  return std::none_of(words.begin(), names, [&](TextRange w) {
    std::string_view s = view(text, w);
    return years ? std::any_of(s.begin(), s.end(), digit) : figure_word(g, s);
  });
}

struct Row {
  size_t first = 0, last = 0;    // lines
  std::vector<TextRange> label;  // a piece a line
  std::vector<TextRange> figures;
};

// The rows of n figures from line `first` on, as far as lines make rows; the last prints figures.
std::vector<Row> group_rows(const grammar::TableGrammar& g, std::string_view text,
                            const std::vector<Line>& lines, size_t first, size_t n) {
  std::vector<Row> rows;
  for (size_t k = first; k < lines.size(); ++k) {
    const Line& line = lines[k];
    if (line.kind != LineKind::kText && line.kind != LineKind::kSpaced) break;
    const Tail t = tail_of(g, text, line);
    if (t.words.empty()) break;
    Row* open = rows.empty() ? nullptr : &rows.back();
    if (t.whole()) {
      // Figures carried onto a line of their own finish the row above.
      if (!open || open->figures.size() + t.figures > n) break;
      open->figures.insert(open->figures.end(), t.words.begin(), t.words.end());
      open->last = k;
      continue;
    }
    const size_t figures = std::min(t.figures, n);
    const TextRange label = t.label(figures);
    if (!label_line(text, line, label)) break;
    // The label goes on: a line of it alone, or the end of its English translation before the
    // figures ("conservancy 47092 …"); Chinese text before figures names a row of its own.
    const bool translation_goes_on = text[label.begin] >= 'a' && text[label.begin] <= 'z';
    if ((figures == 0 || translation_goes_on) && open && open->figures.empty() &&
        open->label.size() < kLabelLines) {
      open->label.push_back(label);
      open->figures.assign(t.words.end() - static_cast<std::ptrdiff_t>(figures), t.words.end());
      open->last = k;
      continue;
    }
    Row& row = rows.emplace_back();
    row.first = row.last = k;
    row.label.push_back(label);
    row.figures.assign(t.words.end() - static_cast<std::ptrdiff_t>(figures), t.words.end());
  }
  while (!rows.empty() && rows.back().figures.empty()) rows.pop_back();
  return rows;
}

// The header line of a table whose first row of figures, n of them, is line `row`: that line itself
// when its figures are years, or a line above it and the pieces of a label wrapped before it.
size_t find_header(const grammar::TableGrammar& g, std::string_view text, const std::vector<Line>& lines,
                   size_t row, size_t n) {
  if (header_line(g, text, lines[row], n)) return row;
  for (size_t k = row, steps = 0; k-- > 0 && steps <= kLabelLines; ++steps) {
    if (header_line(g, text, lines[k], n)) return k;
    if (lines[k].kind != LineKind::kText || !label_line(text, lines[k], lines[k].trimmed)) break;
  }
  return lines.size();
}

RawCell cell_at(std::string_view text, TextRange r, int col, int colspan = 1) {
  RawCell c;
  c.range = r;
  c.text = view(text, r);
  c.col = col;
  c.colspan = colspan;
  return c;
}

}  // namespace

void keep_spaced_tables(std::string_view text, std::vector<Line>& lines, const grammar::TableGrammar& g) {
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!ends_in_two_figures(g, text, lines[i])) continue;
    const Tail t = tail_of(g, text, lines[i]);
    if (t.whole() || t.figures < 2) continue;
    const size_t header = find_header(g, text, lines, i, t.figures);
    if (header == lines.size()) continue;
    const std::vector<Row> rows = group_rows(g, text, lines, header + 1, t.figures);
    const auto whole = static_cast<size_t>(
        std::count_if(rows.begin(), rows.end(), [&](const Row& r) { return r.figures.size() == t.figures; }));
    if (whole < kWholeRows || whole * 3 < rows.size() * 2) {
      // No table starts within the rows read either: reading them again from each of their lines
      // would cost the square of their number.
      if (!rows.empty()) i = std::max(i, rows.back().last);
      continue;
    }
    const size_t end = rows.back().last + 1;
    for (size_t k = header; k < end; ++k) {
      Line& l = lines[k];
      l.kind = LineKind::kSpaced;
      l.style.clear();
      l.heading_only = l.title_like = false;
      l.inline_title_end = 0;
    }
    lines[header].spaced_columns = static_cast<int>(t.figures);
    i = end - 1;
  }
}

std::vector<RawRow> spaced_rows(std::string_view text, const std::vector<Line>& lines, size_t first,
                                size_t end, const grammar::TableGrammar& g) {
  const size_t n = static_cast<size_t>(lines[first].spaced_columns);
  const int width = static_cast<int>(n) + 1;
  std::vector<RawRow> out;
  RawRow& head = out.emplace_back();
  head.head = true;
  head.width = width;
  head.range = lines[first].trimmed;
  const std::vector<TextRange> words = words_of(text, lines[first].trimmed);
  const size_t names = words.size() - n;
  if (names > 0) head.cells.push_back(cell_at(text, {words.front().begin, words[names - 1].end}, 0));
  for (size_t k = names; k < words.size(); ++k)
    head.cells.push_back(cell_at(text, words[k], static_cast<int>(k - names) + 1));
  for (const Row& r : group_rows(g, text, lines, first + 1, n)) {
    if (r.first >= end) break;
    RawRow& row = out.emplace_back();
    row.width = width;
    row.range = {lines[r.first].trimmed.begin, lines[r.last].trimmed.end};
    for (TextRange piece : r.label) {
      if (piece.size() > 0) row.cells.push_back(cell_at(text, piece, 0));
    }
    if (r.figures.size() == n) {
      for (size_t k = 0; k < n; ++k)
        row.cells.push_back(cell_at(text, r.figures[k], static_cast<int>(k) + 1));
    } else if (!r.figures.empty()) {
      row.cells.push_back(
          cell_at(text, {r.figures.front().begin, r.figures.back().end}, 1, static_cast<int>(n)));
    }
  }
  return out;
}

}  // namespace budgetlens::layout::detail
