// Internal to source/: web pages — recognising one, the charset it declares, and its visible text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "source/source.h"

namespace budgetlens::source::detail {

// True iff `head` (the first bytes of a file, or its decoded text) reads as a web page: a doctype,
// a comment or one of the usual tags (<html>, <head>, <body>, <meta>, <table>, <p>, <div>, <h1> …)
// first after blanks, or <html>, <body> or a doctype within the first 4 KiB.
bool looks_like_html(std::string_view head);

struct DeclaredCharset {
  std::string label;      // as written in the page: "gb2312"
  std::string name;       // what is recorded on the document: "GBK", "UTF-8", "Big5" …
  std::string converter;  // the ICU converter that reads it: "GB18030" for every GB label
};

// The charset a page declares in its first 8 KiB — <meta charset=…> or <meta http-equiv=
// "Content-Type" content="…; charset=…">, the first one found outside comments — or nullopt.
std::optional<DeclaredCharset> declared_charset(std::string_view bytes);

// How deep the elements of a page nest (see markup_depth.cpp for how tags are counted) and the
// markup offset of the tag that first reaches that depth. Stops reading once the depth is over
// `stop_at`.
struct MarkupDepth {
  uint32_t depth = 0;
  uint32_t offset = 0;
};
MarkupDepth markup_depth(std::string_view markup, uint32_t stop_at);

// Turns a decoded page into its visible text: on entry `source.text`, `line_starts` and `map` are
// the decoded markup; on return they are the rendered text and its lines, and `source.page` holds
// the markup, its maps and its structure (see source.h). Never recursive: a page nested ten
// thousand elements deep is read like any other.
void render_page(SourceText& source);

}  // namespace budgetlens::source::detail
