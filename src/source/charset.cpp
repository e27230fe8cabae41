// Recognising a web page by its content, and the charset it declares (a simplified form of the
// HTML5 prescan: <meta> tags read as tags, comments skipped).
#include <unicode/ucnv.h>

#include <algorithm>
#include <array>
#include <memory>

#include "source/html.h"

namespace budgetlens::source::detail {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (lower(s[i]) != prefix[i]) return false;
  }
  return true;
}

// Tags a page (or a fragment of one saved alone) opens with.
constexpr std::array<std::string_view, 28> kOpeningTags = {
    "html", "head", "body",  "meta", "title", "table", "p",  "div",     "h1",      "h2",
    "h3",   "h4",   "h5",    "h6",   "span",  "br",    "font", "center", "pre",    "style",
    "script", "link", "base", "ul",  "ol",    "section", "article", "strong"};

bool opens_with_tag(std::string_view s) {
  if (s.empty() || s[0] != '<') return false;
  if (starts_with_nocase(s, "<!doctype html") || starts_with_nocase(s, "<!--")) return true;
  size_t i = 1;
  while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9'))) ++i;
  if (i == 1 || (i < s.size() && !is_space(s[i]) && s[i] != '>' && s[i] != '/')) return false;
  std::string name;
  for (size_t k = 1; k < i; ++k) name.push_back(lower(s[k]));
  return std::find(kOpeningTags.begin(), kOpeningTags.end(), name) != kOpeningTags.end();
}

// The value of attribute `name` in the attribute text of a tag, lower-cased; empty when absent.
struct Attributes {
  std::string charset, http_equiv, content;
};

// Reads the attributes of the tag whose name ends at `i`; returns the offset past its '>'.
size_t read_attributes(std::string_view s, size_t i, Attributes& out) {
  while (i < s.size() && s[i] != '>') {
    while (i < s.size() && (is_space(s[i]) || s[i] == '/')) ++i;
    size_t name_begin = i;
    while (i < s.size() && !is_space(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/') ++i;
    std::string name;
    for (size_t k = name_begin; k < i; ++k) name.push_back(lower(s[k]));
    while (i < s.size() && is_space(s[i])) ++i;
    std::string value;
    if (i < s.size() && s[i] == '=') {
      ++i;
      while (i < s.size() && is_space(s[i])) ++i;
      if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
        char quote = s[i++];
        size_t end = s.find(quote, i);
        if (end == std::string_view::npos) end = s.size();
        for (size_t k = i; k < end; ++k) value.push_back(lower(s[k]));
        i = std::min(s.size(), end + 1);
      } else {
        while (i < s.size() && !is_space(s[i]) && s[i] != '>') value.push_back(lower(s[i++]));
      }
    }
    if (name.empty() && i < s.size() && s[i] != '>') ++i;  // a stray character: step over it
    if (name == "charset") out.charset = value;
    else if (name == "http-equiv") out.http_equiv = value;
    else if (name == "content") out.content = value;
  }
  return std::min(s.size(), i + 1);
}

std::string trim_label(std::string_view s) {
  while (!s.empty() && (is_space(s.front()) || s.front() == '"' || s.front() == '\'')) s.remove_prefix(1);
  size_t end = 0;
  while (end < s.size() && !is_space(s[end]) && s[end] != ';' && s[end] != '"' && s[end] != '\'') ++end;
  return std::string(s.substr(0, end));
}

// "text/html; charset=gb2312" -> "gb2312".
std::string charset_in_content(std::string_view content) {
  size_t at = content.find("charset");
  if (at == std::string_view::npos) return {};
  size_t i = at + 7;
  while (i < content.size() && is_space(content[i])) ++i;
  if (i >= content.size() || content[i] != '=') return {};
  return trim_label(content.substr(i + 1));
}

struct Label {
  std::string_view label, name, converter;
};

// The labels budgetlens meets in Chinese pages, mapped as browsers map them (WHATWG Encoding):
// every GB label is read with GB18030, which contains GBK and GB2312; a page declaring UTF-16 is
// read as UTF-8 (its bytes would hold no '<' otherwise); Latin-1 is windows-1252.
constexpr std::array<Label, 24> kLabels = {{
    {"utf-8", "UTF-8", "UTF-8"},          {"utf8", "UTF-8", "UTF-8"},
    {"unicode-1-1-utf-8", "UTF-8", "UTF-8"}, {"utf-16", "UTF-8", "UTF-8"},
    {"utf-16le", "UTF-8", "UTF-8"},       {"utf-16be", "UTF-8", "UTF-8"},
    {"gb2312", "GBK", "GB18030"},         {"gbk", "GBK", "GB18030"},
    {"x-gbk", "GBK", "GB18030"},          {"cp936", "GBK", "GB18030"},
    {"windows-936", "GBK", "GB18030"},    {"csgb2312", "GBK", "GB18030"},
    {"chinese", "GBK", "GB18030"},        {"gb_2312", "GBK", "GB18030"},
    {"gb_2312-80", "GBK", "GB18030"},     {"iso-ir-58", "GBK", "GB18030"},
    {"gb18030", "GB18030", "GB18030"},    {"big5", "Big5", "Big5-HKSCS"},
    {"big5-hkscs", "Big5", "Big5-HKSCS"}, {"x-x-big5", "Big5", "Big5-HKSCS"},
    {"iso-8859-1", "windows-1252", "windows-1252"}, {"latin1", "windows-1252", "windows-1252"},
    {"us-ascii", "windows-1252", "windows-1252"},   {"ascii", "windows-1252", "windows-1252"},
}};

DeclaredCharset resolve(std::string label) {
  for (const Label& l : kLabels) {
    if (l.label == label) return {label, std::string(l.name), std::string(l.converter)};
  }
  // Anything else is tried as ICU knows it; a name ICU does not know fails to decode later.
  UErrorCode status = U_ZERO_ERROR;
  const char* canonical = ucnv_getCanonicalName(label.c_str(), "", &status);
  std::string name = U_SUCCESS(status) && canonical ? canonical : label;
  return {label, name, label};
}

}  // namespace

bool looks_like_html(std::string_view head) {
  if (head.substr(0, 3) == "\xef\xbb\xbf") head.remove_prefix(3);
  size_t i = 0;
  while (i < head.size() && is_space(head[i])) ++i;
  if (opens_with_tag(head.substr(i))) return true;
  // Otherwise a page's own tag in its first 4 KiB, after an XML declaration or stray text.
  std::string_view start = head.substr(0, 4096);
  for (size_t lt = start.find('<'); lt != std::string_view::npos; lt = start.find('<', lt + 1)) {
    std::string_view tag = start.substr(lt);
    if (starts_with_nocase(tag, "<html") || starts_with_nocase(tag, "<body") ||
        starts_with_nocase(tag, "<!doctype html")) {
      return true;
    }
  }
  return false;
}

std::optional<DeclaredCharset> declared_charset(std::string_view bytes) {
  std::string_view s = bytes.substr(0, 8192);
  size_t i = 0;
  while (i < s.size()) {
    size_t lt = s.find('<', i);
    if (lt == std::string_view::npos) break;
    std::string_view rest = s.substr(lt);
    if (rest.substr(0, 4) == "<!--") {
      size_t end = s.find("-->", lt + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    if (starts_with_nocase(rest, "<meta") && rest.size() > 5 && (is_space(rest[5]) || rest[5] == '/')) {
      Attributes a;
      i = read_attributes(s, lt + 5, a);
      std::string label = !a.charset.empty() ? trim_label(a.charset)
                          : a.http_equiv == "content-type" ? charset_in_content(a.content)
                                                           : std::string();
      if (!label.empty()) return resolve(label);
      continue;
    }
    i = lt + 1;
  }
  return std::nullopt;
}

}  // namespace budgetlens::source::detail
