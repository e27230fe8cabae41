#include "sections/document_meta.h"

#include <algorithm>
#include <cstdlib>
#include <deque>

#include "text/fold.h"
#include "text/utf8.h"

namespace budgetlens::sections {
namespace {

// How many lines from the top to look through for the organisation and the year.
constexpr uint32_t kHeadLines = 80;

// A line as a reader sees it: trimmed, without the bars around a flattened table's row.
std::string_view clean_line(std::string_view line) {
  std::string_view s = text::trim(line);
  while (!s.empty() && (s.front() == '|' || s.front() == ' ')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '|' || s.back() == ' ')) s.remove_suffix(1);
  return text::trim(s);
}

// Whether a line is a row of cells: a flattened table's (bars) or a tab row or a page's (tabs).
bool is_row(std::string_view line) {
  return line.find(" |") != std::string_view::npos || line.find('\t') != std::string_view::npos;
}

// A row's first cell, which alone may be a title.
std::string_view first_cell(std::string_view row) {
  return text::trim(row.substr(0, std::min(row.find(" |"), row.find('\t'))));
}

// A row's cells joined by colons, as a label and its value read ("主管部门:云岭县农业农村局").
std::string cells_joined(std::string_view row) {
  std::string out;
  size_t i = 0;
  while (i < row.size()) {
    const size_t end = std::min(row.find('|', i), row.find('\t', i));
    const std::string_view cell = text::trim(row.substr(i, end - i));
    if (!cell.empty()) out.append(out.empty() ? "" : ":").append(cell);
    if (end == std::string_view::npos) break;
    i = end + 1;
  }
  return out;
}

std::optional<int> year_in(std::string_view key) {
  for (size_t i = 0; i + 5 <= key.size(); ++i) {
    if ((key.substr(i, 2) == "19" || key.substr(i, 2) == "20") && text::is_ascii_digit(key[i + 2]) &&
        text::is_ascii_digit(key[i + 3]) && key.substr(i + 4, 3) == "年" &&
        (i == 0 || !text::is_ascii_digit(key[i - 1]))) {
      return std::atoi(std::string(key.substr(i, 4)).c_str());
    }
  }
  return std::nullopt;
}

// Whether a paragraph of several lines is sentences that a page's width wrapped: it holds a full
// stop, and the widest of the few lines after the first is about as wide as the first (within a
// quarter).
bool is_wrapped_text(const source::SourceText& source, const layout::Block& b) {
  constexpr uint32_t kLinesMeasured = 8;
  const std::string_view whole = std::string_view(source.text).substr(b.range.begin, b.range.size());
  if (whole.find("。") == std::string_view::npos) return false;
  const size_t first = text::display_width(text::trim(source.line(b.first_line)));
  size_t widest = 0;
  for (uint32_t l = b.first_line + 1; l <= b.last_line && l <= b.first_line + kLinesMeasured; ++l)
    widest = std::max(widest, text::display_width(text::trim(source.line(l))));
  return widest * 4 <= first * 5 && widest * 4 >= first * 3;
}

}  // namespace

void describe_document(const source::SourceText& source, const layout::Layout& layout,
                       const grammar::Grammar& grammar, Outline& outline) {
  const grammar::DocumentGrammar& g = grammar.documents;
  // The first lines with text, folded; for the organisation, a row's cells joined where it may name
  // one; of the lines that may hold the title, what may be it (a row's first cell) as printed and
  // folded.
  std::vector<std::string_view> keys, org_keys;
  std::vector<std::string_view> lines, title_keys;
  std::vector<uint32_t> line_numbers;  // of `lines`, in the source
  std::deque<std::string> folded;  // the keys of lines layout/ did not fold as they are cleaned here
  auto fold = [&](std::string_view s) -> std::string_view {
    return folded.emplace_back(text::match_key(s, source.traditional));
  };
  auto may_name_org = [&](std::string_view key) {
    return std::any_of(g.org.begin(), g.org.end(), [&](const grammar::Pattern& p) {
      return p.may_match(grammar::Anchor::kAnywhere, key);
    });
  };
  for (uint32_t i = 0; i < source.line_count() && keys.size() < kHeadLines; ++i) {
    const std::string_view line = clean_line(source.line(i));
    if (line.empty()) continue;
    // layout/ folded each line as trimmed, a row's cells run together.
    const bool row = is_row(line);
    keys.push_back(i < layout.line_keys.size() ? std::string_view(layout.line_keys[i]) : fold(line));
    org_keys.push_back(row && may_name_org(keys.back()) ? fold(cells_joined(line)) : keys.back());
    if (static_cast<int>(lines.size()) >= g.title_lines) continue;
    lines.push_back(row ? first_cell(line) : line);
    title_keys.push_back(row ? fold(lines.back()) : keys.back());
    line_numbers.push_back(i);
  }
  // Lines that go on a paragraph begun on a line above: a title starts its own block (a title may
  // be joined with the lines below it, but the piece of a sentence printed on a line of its own that
  // a page's wrapping left is not a title).
  // Nor is the first line of a paragraph of sentences that a page's width wrapped: the lines below
  // it are as wide as it is, where those under a title joined with them are wider (a paragraph not
  // wrapped) or narrower (the title's own last words).
  std::vector<bool> continues_paragraph(lines.empty() ? 0 : line_numbers.back() + 1, false);
  for (const layout::Block& b : layout.blocks) {
    if (b.first_line >= continues_paragraph.size()) break;
    if (b.kind != layout::BlockKind::kParagraph) continue;
    for (uint32_t l = b.first_line + 1; l <= b.last_line && l < continues_paragraph.size(); ++l)
      continues_paragraph[l] = true;
    if (b.last_line > b.first_line && is_wrapped_text(source, b)) continues_paragraph[b.first_line] = true;
  }

  std::string_view previous;  // a short line above the title, as printed
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view key = title_keys[i];
    if (g.not_title.any(grammar::Anchor::kAnywhere, key)) continue;
    if (continues_paragraph[line_numbers[i]] || text::char_count(key) > 60 ||
        static_cast<int>(text::char_count(key)) < g.title_min_chars ||
        !g.title.matches(grammar::Anchor::kAnywhere, key)) {
      previous = text::char_count(key) <= 20 ? lines[i] : std::string_view();
      continue;
    }
    outline.title = text::display(lines[i]);
    if (g.title_tail.valid()) {
      if (auto m = g.title_tail.match_suffix(outline.title); m && m->begin > 0)
        outline.title.resize(m->begin);
    }
    // "梧州市市委政法委" above "2018年部门决算" names whose report it is; a site's "最新信息" or a
    // form's "文号" there names nothing.
    if (std::string above = text::display(previous); !above.empty() && !year_in(title_keys[i - 1]) &&
                                                     key.rfind("20", 0) == 0 && g.org_in_title.valid() &&
                                                     g.org_in_title.find(title_keys[i - 1])) {
      outline.title = above + " " + outline.title;
    }
    break;
  }

  std::string title_key = text::match_key(outline.title, source.traditional);
  // The first kind whose pattern is found in the title, else in the first line that has one.
  int kind = title_key.empty() ? -1 : g.kind_patterns.first_matching(grammar::Anchor::kAnywhere, title_key);
  for (size_t i = 0; i < keys.size() && kind < 0; ++i) {
    kind = g.kind_patterns.first_matching(grammar::Anchor::kAnywhere, keys[i]);
  }
  if (kind >= 0) outline.kind = g.kinds[kind].id;

  outline.year = year_in(title_key);
  for (size_t i = 0; i < keys.size() && !outline.year; ++i) outline.year = year_in(keys[i]);

  // The organisation: the name after a label on the label's own line (填报单位：…), else the name
  // that opens the title. Each line is read with the next joined after a colon, so that a pattern
  // may look past the line's end, but the name must start on the line: after a label alone on its
  // line (主管部门) comes as often a table's next cell (项目资金(万元)) as a name. Most pairs hold
  // none of the label words, which Pattern::find rules out before RE2 runs.
  std::string joined;
  for (size_t i = 0; i < org_keys.size() && outline.org.empty() && !g.org.empty(); ++i) {
    joined.assign(org_keys[i]);
    if (i + 1 < org_keys.size()) joined.append(":").append(org_keys[i + 1]);
    for (const grammar::Pattern& p : g.org) {
      // In a table's header row the cell after a label is the next column's header (单位名称 |
      // 项目名称), no name; nor is another field of the form (not-org).
      if (auto m = p.find(joined); m && !m->key.empty() && m->key_begin < org_keys[i].size() + 1 &&
                                   !grammar.tables.column_rule(m->key) &&
                                   !g.not_org.any(grammar::Anchor::kPrefix, m->key)) {
        outline.org = std::string(m->key);
        break;
      }
    }
  }
  if (outline.org.empty() && g.org_in_title.valid()) {
    if (auto m = g.org_in_title.find(title_key); m && !m->key.empty()) outline.org = std::string(m->key);
  }
}

}  // namespace budgetlens::sections
