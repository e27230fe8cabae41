// Internal to layout/: what each line of a document looks like.
#pragma once

#include <string>
#include <vector>

#include "grammar/grammar.h"
#include "model/span.h"
#include "source/source.h"

namespace budgetlens::layout::detail {

enum class LineKind {
  kBlank,      // nothing visible
  kBlankCell,  // only no-break or ideographic spaces: an empty cell in a bare-lines table
  kBars,       // only '|'
  kCell,       // "text |": one cell of a cell_lines table
  kPipe,       // two or more bars: a row of a pipe table
  kTab,        // two or more non-empty tab-separated fields
  // Short fields split by runs of spaces (layout/aligned_table.h), in a run of lines at least two
  // of which hold a figure after their first field: a row of a table aligned with spaces.
  kAligned,
  kCsv,  // comma-separated fields, quoted ("a","b"), or a row of empty ones (,,)
  // A line of a table printed with single spaces, its figures counted from the right
  // (layout/spaced_table.h): its header line, a row, a piece of a wrapped label, carried figures.
  kSpaced,
  kText,
  kHtmlTable,  // a row of a web page's table, laid out from the markup
};

struct Line {
  LineKind kind = LineKind::kText;
  TextRange range;          // the line without its '\n'
  TextRange trimmed;        // without leading and trailing blanks
  int bars = 0;             // number of '|'
  bool starts_with_bar = false;
  uint32_t chars = 0;       // visible length in characters
  bool figure = false;      // the whole line is a figure: "149.03", "96.%", "1500项", "76.27万元"
  bool figure_after_first = false;  // kAligned: a field after the first is a figure
  int spaced_columns = 0;           // kSpaced: the header line of a table, the figures of its rows
  std::string key;          // the folded text (text::match_key) of the trimmed line
  // Numbered lines: the heading style matched at the start of `key` and the marker's end in the
  // source; empty style when the line is not numbered.
  std::string style;
  bool heading_only = false;
  uint32_t marker_end = 0;  // source offset just past the marker
  bool title_like = false;  // a numbered line whose text reads as a title
  // A numbered line that is a title and then its text ("1.政治部。研究…", "1、前期准备:我单位…"):
  // the source offset just past the title's closing mark, 0 otherwise.
  uint32_t inline_title_end = 0;
  // A short, unnumbered line that names a table column (grammars/tables.xml): a header word.
  bool header_word = false;
};

std::vector<Line> classify_lines(const source::SourceText& source, const grammar::Grammar& grammar, bool traditional);

// True iff folded text contains a number followed by a money unit or a percent sign.
bool states_amount(const grammar::Grammar& grammar, std::string_view key);

}  // namespace budgetlens::layout::detail
