#include "sections/document_meta.h"

#include <cstdlib>

#include "text/fold.h"
#include "text/utf8.h"

namespace budgetlens::sections {
namespace {

// How many lines from the top to look through for the organisation and the year.
constexpr uint32_t kHeadLines = 80;

// A line as a reader sees it: trimmed, without the bars of a flattened table row.
std::string clean_line(std::string_view line) {
  std::string s(text::trim(line));
  while (!s.empty() && (s.back() == '|' || s.back() == ' ')) s.pop_back();
  size_t bar = s.find(" |");
  if (bar != std::string::npos) s.resize(bar);
  return std::string(text::trim(s));
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

}  // namespace

void describe_document(const source::SourceText& source, const layout::Layout& layout,
                       const grammar::Grammar& grammar, Outline& outline) {
  const grammar::DocumentGrammar& g = grammar.documents;
  // The first lines with text, folded; those that may be the title also as shown.
  std::vector<std::string> shown, keys;
  for (uint32_t i = 0; i < source.line_count() && keys.size() < kHeadLines; ++i) {
    std::string line = clean_line(source.line(i));
    if (line.empty()) continue;
    // Without a bar the line is cleaned by trimming, as layout/ trimmed it before folding.
    bool as_trimmed = i < layout.line_keys.size() && source.line(i).find('|') == std::string_view::npos;
    keys.push_back(as_trimmed ? layout.line_keys[i] : text::match_key(line, source.traditional));
    if (static_cast<int>(shown.size()) < g.title_lines) shown.push_back(text::display(line));
  }

  std::string previous;
  for (size_t i = 0; i < shown.size(); ++i) {
    const std::string& key = keys[i];
    if (g.not_title.matches(grammar::Anchor::kAnywhere, key)) continue;
    if (text::char_count(key) > 60 || !g.title.matches(grammar::Anchor::kAnywhere, key)) {
      previous = text::char_count(key) <= 20 ? shown[i] : "";
      continue;
    }
    outline.title = shown[i];
    // "梧州市市委政法委" above "2018年部门决算" names whose report it is.
    if (!previous.empty() && !year_in(keys[i - 1]) && keys[i].rfind("20", 0) == 0) {
      outline.title = previous + " " + outline.title;
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

  // The organisation: a labelled line (填报单位：…, or the label on one line and the name on the
  // next), else the name that opens the title. Most documents have no such line: when no pattern
  // matches anywhere in the head, joined as the pairs below are, no pair can match either.
  std::string head;
  bool may_name_org = false;
  for (const grammar::Pattern& p : g.org) may_name_org |= !p.context_free();
  if (!may_name_org && !g.org.empty()) {
    for (size_t i = 0; i < keys.size(); ++i) head += (i ? ":" : "") + keys[i];
    may_name_org = g.org.any(grammar::Anchor::kAnywhere, head);
  }
  for (size_t i = 0; i < keys.size() && outline.org.empty() && may_name_org; ++i) {
    std::string joined = i + 1 < keys.size() ? keys[i] + ":" + keys[i + 1] : keys[i];
    for (const grammar::Pattern& p : g.org) {
      if (auto m = p.find(joined); m && !m->key.empty() && m->key_begin < keys[i].size() + 1) {
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
