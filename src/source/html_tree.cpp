// What the passes over Gumbo's tree ask of its nodes (html_tree.h).
#include "source/html_tree.h"

#include <strings.h>

#include <cctype>
#include <cstring>
#include <vector>

#include "text/utf8.h"

namespace budgetlens::source::detail {
namespace {

// The tag name of an element gumbo does not know ("o:p", "st1:chsdate"), lower-cased.
std::string unknown_tag_name(const GumboNode* n) {
  GumboStringPiece piece = n->v.element.original_tag;
  if (!piece.data) return {};
  gumbo_tag_from_original_text(&piece);
  std::string name(piece.data, piece.length);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

// display:none, visibility:hidden, or Word's mso-hide:all in a style attribute, read as a browser
// reads a declaration: in any case, with blanks anywhere ("Display : None"). One pass over the style,
// in place: a Word export puts a long one on nearly every element.
bool hidden_by_style(std::string_view style) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; };
  // Whether `needle` (lower case, no blanks) starts at style[i], blanks after its first letter skipped.
  auto at = [&](size_t i, std::string_view needle) {
    size_t k = 1;
    for (size_t j = i + 1; k < needle.size() && j < style.size(); ++j) {
      if (blank(style[j])) continue;
      if (lower(style[j]) != needle[k]) return false;
      ++k;
    }
    return k == needle.size();
  };
  for (size_t i = 0; i < style.size(); ++i) {
    switch (lower(style[i])) {
      case 'd':
        if (at(i, "display:none")) return true;
        break;
      case 'v':
        if (at(i, "visibility:hidden")) return true;
        break;
      case 'm':
        if (at(i, "mso-hide:all")) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

// Why an element of this tag never shows, as counted in Page::hidden_chars; null when it may show.
const char* never_shown_reason(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_NOSCRIPT:
      return "script";
    case GUMBO_TAG_STYLE:
      return "style";
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
      return "head";
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_DATALIST:
      return "form";
    case GUMBO_TAG_TEMPLATE:
      return "template";
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_COL:
      return "embedded";
    default:
      return nullptr;
  }
}

// Why a node is not shown (is_shown() is false), as counted in Page::hidden_chars.
const char* hidden_reason(const GumboNode* n) {
  if (n->type != GUMBO_NODE_ELEMENT) return "template";
  const char* reason = never_shown_reason(n->v.element.tag);
  return reason ? reason : "hidden";
}

size_t visible_chars(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t c = text::next_char(s, i);
    n += !text::is_blank(c) && !is_zero_width(c);
  }
  return n;
}

bool is_paragraph(GumboTag tag) {
  return tag == GUMBO_TAG_P || tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_LI || tag == GUMBO_TAG_BLOCKQUOTE ||
         is_heading(tag) || is_pre(tag);
}

}  // namespace

std::string_view attribute(const GumboNode* n, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? std::string_view(a->value) : std::string_view();
}

bool is_shown(const GumboNode* n) {
  if (n->type == GUMBO_NODE_COMMENT || n->type == GUMBO_NODE_TEMPLATE) return false;
  if (n->type != GUMBO_NODE_ELEMENT) return true;
  GumboTag tag = n->v.element.tag;
  if (never_shown_reason(tag)) return false;
  if (tag == GUMBO_TAG_UNKNOWN && unknown_tag_name(n) == "o:p") return false;  // Word's paragraph mark
  // The attributes in one pass: "hidden", or the first "style" hiding it (gumbo keeps the first
  // of an attribute given twice, as browsers do).
  const GumboVector& attributes = n->v.element.attributes;
  bool styled = false;
  for (unsigned k = 0; k < attributes.length; ++k) {
    const auto* a = static_cast<const GumboAttribute*>(attributes.data[k]);
    if (strcasecmp(a->name, "hidden") == 0) return false;
    if (!styled && strcasecmp(a->name, "style") == 0) {
      if (hidden_by_style(a->value)) return false;
      styled = true;
    }
  }
  return true;
}

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_OPTION:
      return true;
    default:
      return is_heading(tag) || is_pre(tag);
  }
}

uint32_t parse_span(std::string_view s, uint32_t absent, uint32_t max) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f')) ++i;
  if (i < s.size() && s[i] == '+') ++i;
  if (i >= s.size() || s[i] < '0' || s[i] > '9') return absent;
  uint64_t v = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && v <= max) v = v * 10 + (s[i++] - '0');
  return static_cast<uint32_t>(std::min<uint64_t>(v, max));
}

std::unordered_set<const GumboNode*> find_data_tables(const GumboNode* root) {
  struct Frame {
    const GumboNode* node;
    unsigned next = 0;
    size_t chars = 0;
    int paragraphs = 0;  // paragraphs that show something, outside tables inside
    bool holds_table = false;
    bool holds_heading = false;
    int filled_cells = 0;       // tables: cells that show something
    bool article_cell = false;  // tables: a cell that reads as page content
  };
  std::unordered_set<const GumboNode*> data;
  std::vector<Frame> stack;
  stack.push_back({root});
  while (!stack.empty()) {
    Frame& f = stack.back();
    const GumboVector* kids = children_of(f.node);
    if (kids && f.next < kids->length) {
      const GumboNode* child = static_cast<const GumboNode*>(kids->data[f.next++]);
      if (!is_shown(child)) continue;
      if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_CDATA) {
        f.chars += visible_chars(child->v.text.text);
      } else if (child->type == GUMBO_NODE_ELEMENT) {
        stack.push_back({child});
      }
      continue;
    }
    Frame done = f;
    stack.pop_back();
    if (stack.empty()) break;
    GumboTag tag = done.node->type == GUMBO_NODE_ELEMENT ? done.node->v.element.tag : GUMBO_TAG_UNKNOWN;
    bool shows = done.chars > 0;
    if (tag == GUMBO_TAG_TABLE && done.filled_cells >= 2 && !done.article_cell) data.insert(done.node);
    if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) {
      // Report to the table the cell belongs to (td in tr in a row group or the table).
      for (size_t k = stack.size(); k-- > 0 && stack.size() - k <= 3;) {
        const GumboNode* a = stack[k].node;
        if (a->type == GUMBO_NODE_ELEMENT && a->v.element.tag == GUMBO_TAG_TABLE) {
          stack[k].filled_cells += shows;
          stack[k].article_cell |= done.holds_heading || (done.holds_table && done.paragraphs >= 2);
          break;
        }
      }
    }
    Frame& parent = stack.back();
    parent.chars += done.chars;
    parent.holds_table |= done.holds_table || (tag == GUMBO_TAG_TABLE && shows);
    parent.holds_heading |= done.holds_heading || (is_heading(tag) && shows);
    if (tag != GUMBO_TAG_TABLE) parent.paragraphs += done.paragraphs + (is_paragraph(tag) && shows);
  }
  return data;
}

std::map<std::string, uint64_t> hidden_text(const GumboNode* root) {
  std::map<std::string, uint64_t> out;
  struct Frame {
    const GumboNode* node;
    const char* hidden;  // the reason of a hidden node around it, or nullptr
  };
  std::vector<Frame> stack{{root, nullptr}};
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    const GumboNode* n = f.node;
    if (n->type == GUMBO_NODE_COMMENT) continue;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      if (f.hidden) {
        if (size_t chars = visible_chars(n->v.text.text)) out[f.hidden] += chars;
      }
      continue;
    }
    // Scripts and styles are counted as such wherever they are (in <head> too).
    const char* hidden = f.hidden;
    if (n != root && !is_shown(n)) {
      const char* reason = hidden_reason(n);
      if (!hidden || std::strcmp(reason, "script") == 0 || std::strcmp(reason, "style") == 0) hidden = reason;
    }
    if (const GumboVector* kids = children_of(n)) {
      for (unsigned k = 0; k < kids->length; ++k)
        stack.push_back({static_cast<const GumboNode*>(kids->data[k]), hidden});
    }
    if (n->type == GUMBO_NODE_TEMPLATE) {
      for (unsigned k = 0; k < n->v.element.children.length; ++k) {
        stack.push_back({static_cast<const GumboNode*>(n->v.element.children.data[k]), hidden});
      }
    }
  }
  return out;
}

}  // namespace budgetlens::source::detail
