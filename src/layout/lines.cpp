#include "layout/lines.h"

#include <algorithm>
#include <optional>

#include "layout/aligned_table.h"
#include "layout/csv_table.h"
#include "layout/spaced_table.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace budgetlens::layout::detail {
namespace {

bool only(std::string_view s, bool (*pred)(char32_t)) {
  bool any = false;
  for (size_t i = 0; i < s.size();) {
    char32_t c = text::next_char(s, i);
    if (!pred(c)) return false;
    any = true;
  }
  return any;
}

bool is_wide_space(char32_t c) { return c == 0x00A0 || c == 0x3000 || c == ' ' || c == '\t'; }
bool is_bar_or_space(char32_t c) { return c == '|' || c == ' ' || c == '\t'; }

int count_nonempty_tab_fields(std::string_view s) {
  int n = 0;
  size_t start = 0;
  while (start <= s.size()) {
    size_t tab = s.find('\t', start);
    std::string_view field = s.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
    if (!text::is_blank_text(field)) ++n;
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return n;
}

// "149.03", "96.%", "-0.3", "1,295.87万元", "1500项", "100%": mostly digits, starting with one.
bool looks_like_figure(std::string_view key) {
  if (key.empty()) return false;
  size_t first = (key[0] == '-' || key[0] == '+' || key[0] == '<' || key[0] == '>') ? 1 : 0;
  if (first >= key.size() || !text::is_ascii_digit(static_cast<unsigned char>(key[first]))) {
    // "≥90%" and "≤20%" are figures with a comparator.
    if (key.rfind("≥", 0) != 0 && key.rfind("≤", 0) != 0) return false;
  }
  size_t digits = 0, chars = 0;
  for (size_t i = 0; i < key.size();) {
    char32_t c = text::next_char(key, i);
    ++chars;
    if (text::is_ascii_digit(c) || c == '.' || c == ',' || c == '%') ++digits;
  }
  return chars <= 24 && digits * 2 >= chars;
}

// A field of a table aligned with spaces is at most this long; in a row of header fields, each is at
// most the shorter length. Running text with wide gaps has longer pieces.
constexpr size_t kAlignedCellChars = 30;
constexpr size_t kAlignedHeaderChars = 16;
// A row of a table aligned with spaces has at most this many cells: wider published tables do not
// fit a page, and placing a shorter row's cells costs its cells times the columns it may skip.
constexpr size_t kAlignedMaxCells = 40;

// Whether a line may be a row of a table aligned with spaces: two fields or more, each short, a
// figure after the first field or every field short enough to head a column.
bool may_be_aligned_row(std::string_view trimmed, bool traditional, bool& figure_after_first) {
  figure_after_first = false;
  if (trimmed.find("  ") == std::string_view::npos) return false;
  std::vector<TextRange> fields = aligned_fields(trimmed, 0);
  if (fields.size() < 2 || fields.size() > kAlignedMaxCells) return false;
  bool all_short = true;
  for (size_t k = 0; k < fields.size(); ++k) {
    std::string_view field = trimmed.substr(fields[k].begin, fields[k].size());
    const size_t chars = text::char_count(field);
    if (chars > kAlignedCellChars) return false;
    all_short = all_short && chars <= kAlignedHeaderChars;
    if (k > 0 && !figure_after_first)
      figure_after_first = looks_like_figure(text::match_key(field, traditional));
  }
  return figure_after_first || all_short;
}

// A table's caption or unit statement, which stays text above the table it names.
bool names_a_table(const grammar::Grammar& grammar, std::string_view key) {
  return grammar.tables.unit_statements.any(grammar::Anchor::kAnywhere, key) ||
         grammar.tables.captions.any(grammar::Anchor::kAnywhere, key);
}

// Lines between two aligned lines that each hold one short piece of text, without digits, are
// labels wrapped onto lines of their own ("机关事业单位基本养老保险" / "缴费支出"), a few at most:
// tables/ joins each to the row it belongs to. A caption, a unit statement or a page number between
// two tables is no such piece.
constexpr size_t kWrappedLabelLines = 3;

void take_wrapped_labels(const grammar::Grammar& grammar, std::string_view all, std::vector<Line>& lines) {
  auto piece = [&](const Line& l) {
    if (l.kind != LineKind::kText || l.chars > kAlignedCellChars || !l.style.empty()) return false;
    std::string_view printed = all.substr(l.trimmed.begin, l.trimmed.size());
    const bool digits =
        std::any_of(printed.begin(), printed.end(), [](unsigned char c) { return text::is_ascii_digit(c); });
    return !digits && printed.find("  ") == std::string_view::npos && !names_a_table(grammar, l.key);
  };
  for (size_t i = 1; i < lines.size(); ++i) {
    if (lines[i - 1].kind != LineKind::kAligned || !piece(lines[i])) continue;
    size_t end = i;
    while (end < lines.size() && end - i < kWrappedLabelLines && piece(lines[end])) ++end;
    if (end == lines.size() || lines[end].kind != LineKind::kAligned) continue;
    for (; i < end; ++i) lines[i].kind = LineKind::kAligned;
  }
}

// Aligned lines are rows of a table only in a run of them that holds two figure rows or more; the
// run's caption or unit statement at its head (with the date or the organisation printed beside
// it) and its lines without figures at its tail are text.
void keep_aligned_tables(const grammar::Grammar& grammar, std::vector<Line>& lines) {
  for (size_t i = 0; i < lines.size();) {
    if (lines[i].kind != LineKind::kAligned) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < lines.size() && lines[end].kind == LineKind::kAligned) ++end;
    size_t first = i, last = end;
    while (first < last && names_a_table(grammar, lines[first].key)) ++first;
    while (last > first && !lines[last - 1].figure_after_first) --last;
    const auto figure_rows = std::count_if(lines.begin() + static_cast<std::ptrdiff_t>(first),
                                           lines.begin() + static_cast<std::ptrdiff_t>(last),
                                           [](const Line& l) { return l.figure_after_first; });
    for (size_t j = i; j < end; ++j) {
      Line& l = lines[j];
      if (figure_rows >= 2 && j >= first && j < last) {
        l.style.clear();
        l.heading_only = l.title_like = false;
        l.inline_title_end = 0;
      } else {
        l.kind = LineKind::kText;
      }
    }
    i = end;
  }
}

int count_char(std::string_view s, char32_t target) {
  int n = 0;
  for (size_t i = 0; i < s.size();) n += text::next_char(s, i) == target;
  return n;
}

bool reads_as_title(const grammar::Grammar& grammar, std::string_view body) {
  const grammar::SectionGrammar& g = grammar.sections;
  std::string_view b = text::trim(body);
  if (b.empty()) return true;  // a marker alone on its line ("三、") titles what follows
  if (static_cast<int>(text::char_count(b)) > g.title_max_chars) return false;
  if (count_char(b, ',') > g.title_max_commas) return false;
  // A sentence mark anywhere but at the very end makes it a sentence.
  size_t i = 0;
  while (i < b.size()) {
    char32_t c = text::next_char(b, i);
    if (g.sentence_marks.find(c) != std::u32string::npos && i < b.size()) return false;
  }
  return !states_amount(grammar, b);
}

bool is_header_word(const grammar::Grammar& grammar, const Line& line) {
  if (line.chars == 0 || line.chars > 14 || !line.style.empty() || line.figure) return false;
  return grammar.tables.column_rule(line.key) != nullptr;
}

}  // namespace

bool states_amount(const grammar::Grammar& grammar, std::string_view key) {
  for (size_t i = 0; i < key.size(); ++i) {
    if (!text::is_ascii_digit(static_cast<unsigned char>(key[i]))) continue;
    size_t j = i;
    while (j < key.size() && (text::is_ascii_digit(static_cast<unsigned char>(key[j])) || key[j] == '.' || key[j] == ',')) ++j;
    while (j < key.size() && key[j] == ' ') ++j;
    const grammar::UnitWord* unit = grammar.units.unit_at(key.substr(j));
    if (unit && (unit->kind == grammar::UnitKind::kMoney || unit->kind == grammar::UnitKind::kPercent)) return true;
    i = j;
  }
  return false;
}

std::vector<Line> classify_lines(const source::SourceText& source, const grammar::Grammar& grammar, bool traditional) {
  std::vector<Line> lines(source.line_count());
  std::string_view all(source.text);
  std::vector<int> styles;  // the heading styles a line starts with
  for (uint32_t index = 0; index < source.line_count(); ++index) {
    Line& line = lines[index];
    line.range = source.line_range(index);
    std::string_view raw = all.substr(line.range.begin, line.range.size());
    std::string_view trimmed = text::trim(raw);
    line.trimmed = {static_cast<uint32_t>(line.range.begin + (trimmed.data() - raw.data())),
                    static_cast<uint32_t>(line.range.begin + (trimmed.data() - raw.data()) + trimmed.size())};
    line.bars = static_cast<int>(std::count(trimmed.begin(), trimmed.end(), '|'));
    line.starts_with_bar = !trimmed.empty() && trimmed.front() == '|';
    if (trimmed.empty()) {
      line.kind = only(raw, is_wide_space) && raw.find_first_not_of(" \t") != std::string_view::npos
                      ? LineKind::kBlankCell
                      : LineKind::kBlank;
      continue;
    }
    line.key = text::match_key(trimmed, traditional);
    line.chars = static_cast<uint32_t>(text::char_count(line.key));
    line.figure = looks_like_figure(line.key);
    if (only(trimmed, is_bar_or_space)) {
      line.kind = LineKind::kBars;
    } else if (line.bars >= 2) {
      line.kind = LineKind::kPipe;
    } else if (line.bars == 1 && trimmed.back() == '|') {
      line.kind = LineKind::kCell;
    } else if (looks_like_csv(trimmed)) {
      line.kind = LineKind::kCsv;
    } else if (raw.find('\t') != std::string_view::npos && count_nonempty_tab_fields(raw) >= 2) {
      line.kind = LineKind::kTab;
    } else if (may_be_aligned_row(trimmed, traditional, line.figure_after_first)) {
      line.kind = LineKind::kAligned;
    } else {
      line.kind = LineKind::kText;
    }
    // Aligned lines too: those left out of a table (keep_aligned_tables) are text.
    if (line.kind != LineKind::kText && line.kind != LineKind::kCell && line.kind != LineKind::kAligned)
      continue;
    grammar.sections.style_patterns.matching(grammar::Anchor::kPrefix, line.key, styles);
    for (int s : styles) {
      const grammar::HeadingStyle& style = grammar.sections.styles[s];
      std::optional<grammar::Match> m = style.pattern.match_prefix(line.key);
      if (!m || m->key_end == 0) continue;
      // Where the first k bytes of the key end in the source. A line that folds to itself (most
      // do) needs no map; only one that folding changed is folded again, with the map.
      std::optional<text::FoldedText> folded;
      auto source_end = [&](size_t k) {
        if (line.key == trimmed) return line.trimmed.begin + static_cast<uint32_t>(k);
        if (!folded) folded = text::fold(trimmed, line.trimmed.begin, text::FoldMode::kMatch, traditional);
        return folded->source_range(0, k).end;
      };
      line.style = style.id;
      line.heading_only = style.heading_only;
      line.marker_end = source_end(m->key_end);
      std::string_view body = std::string_view(line.key).substr(m->key_end);
      line.title_like = style.heading_only || reads_as_title(grammar, body);
      if (!line.title_like) {
        size_t stop = std::min(body.find("。"), body.find(':'));
        if (stop != std::string_view::npos && stop >= 6) {
          size_t mark = body[stop] == ':' ? 1 : 3;
          std::string_view rest = text::trim(body.substr(stop + mark));
          if (!rest.empty() && reads_as_title(grammar, body.substr(0, stop))) {
            line.inline_title_end = source_end(m->key_end + stop + mark);
          }
        }
      }
      break;
    }
  }
  // A line with tabs but a single field is a row of the tab table around it ("\t(2)其他资金\t\t").
  for (size_t i = 0; i < lines.size(); ++i) {
    Line& l = lines[i];
    if (l.kind != LineKind::kText) continue;
    std::string_view raw = all.substr(l.range.begin, l.range.size());
    if (raw.find('\t') == std::string_view::npos) continue;
    bool before = i > 0 && lines[i - 1].kind == LineKind::kTab;
    bool after = i + 1 < lines.size() && lines[i + 1].kind == LineKind::kTab;
    if (before || after) {
      l.kind = LineKind::kTab;
      l.style.clear();
      l.title_like = false;
    }
  }
  take_wrapped_labels(grammar, all, lines);
  keep_aligned_tables(grammar, lines);
  keep_spaced_tables(all, lines, grammar.tables);
  for (Line& l : lines) l.header_word = is_header_word(grammar, l);
  return lines;
}

}  // namespace budgetlens::layout::detail
