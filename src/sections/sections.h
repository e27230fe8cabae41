// sections: the outline of a document — its title and its tree of numbered sections.
//
// Chinese disclosures number their parts with several marker styles (第一部分, 一、, （一）, 1., （1）, ①,
// 附件1); the level of a style is the order in which a reader meets it, not a fixed rank: the first
// style opens level 1, a new style under it opens level 2, and a style met again closes what was
// opened after it. Styles marked top in sections.xml always open level 1.
//
// A table of contents (目录 followed by entries that reappear later as headings) is recognised and
// opens no section, so the tree has each heading once.
//
//   sections::Outline o = sections::build_outline(layout, source, grammar);
//   o.sections[i].level;  o.section_of_block[b];  o.title;  o.kind
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "grammar/grammar.h"
#include "layout/layout.h"
#include "source/source.h"

namespace budgetlens::sections {

struct Section {
  int parent = -1;  // index into Outline::sections, -1 at the top
  int level = 1;
  std::string style;
  std::string marker;
  std::string title;     // display form of the heading text after the marker
  size_t heading_block = 0;
  size_t end_block = 0;  // one past the last block of the section (its subsections included)
  TextRange heading;     // the heading line
  TextRange range;       // the heading through the section's last block
};

struct Outline {
  std::vector<Section> sections;
  std::vector<int> section_of_block;  // innermost section holding each block, -1 before the first
  std::vector<bool> in_toc;           // blocks that belong to a table of contents

  // What the document is, from its first lines.
  std::string title;
  std::string org;
  std::optional<int> year;
  std::string kind = "unknown";
};

Outline build_outline(const layout::Layout& layout, const source::SourceText& source,
                      const grammar::Grammar& grammar);

}  // namespace budgetlens::sections
