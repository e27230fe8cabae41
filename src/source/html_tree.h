// Internal to source/: what the passes over Gumbo's tree of a web page ask of its nodes — what an
// element is, whether it shows, which tables hold data — and the text that does not show.
#pragma once

#include <gumbo.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>

namespace budgetlens::source::detail {

// The value of an element's attribute, empty when it has none.
std::string_view attribute(const GumboNode* n, const char* name);

// Whether an element and what it holds are shown at all (a comment or template never is).
bool is_shown(const GumboNode* n);

inline bool is_heading(GumboTag tag) {
  return tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6;
}

inline bool is_pre(GumboTag tag) {
  return tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING || tag == GUMBO_TAG_PLAINTEXT ||
         tag == GUMBO_TAG_XMP;
}

// Elements that start and end a line of the rendered text.
bool is_block(GumboTag tag);

// A node's children: a document's or an element's, null for anything else.
inline const GumboVector* children_of(const GumboNode* n) {
  if (n->type == GUMBO_NODE_DOCUMENT) return &n->v.document.children;
  if (n->type == GUMBO_NODE_ELEMENT) return &n->v.element.children;
  return nullptr;
}

inline bool is_caption(const GumboNode* n) {
  return n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_CAPTION;
}

// Characters that show nothing at all (zero-width spaces and joiners, the byte-order mark).
inline bool is_zero_width(char32_t c) {
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFEFF;
}

// HTML's rules for parsing a non-negative integer (a cell's colspan, rowspan): blanks, an optional
// '+', digits; `absent` when there are none, at most `max`.
uint32_t parse_span(std::string_view s, uint32_t absent, uint32_t max);

// The data tables of a page: every shown table but those used to lay the page out — one in which at
// most one cell shows anything, or one with a cell holding a heading, or a table of its own beside
// two or more paragraphs (a cell holding an article rather than a value).
std::unordered_set<const GumboNode*> find_data_tables(const GumboNode* root);

// The characters of text under nodes that are not shown, by the reason of the outermost such node
// (of the innermost script or style). Comments are markup, not text, and are not counted.
std::map<std::string, uint64_t> hidden_text(const GumboNode* root);

}  // namespace budgetlens::source::detail
