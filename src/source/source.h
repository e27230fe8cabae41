// source: from the bytes of a file to the normalised text every later stage reads.
//
// A disclosure arrives as UTF-8 (with or without a byte-order mark), GB18030/GBK, or UTF-16 with a
// mark, with LF, CRLF or CR line ends. read_source() decodes it to UTF-8 with LF line ends and keeps
// a map from every position of that text back to the line, column and byte offset of the original
// file, so that a figure found anywhere later can be pointed at in the file the user has.
//
// A web page (recognised by its content, not its name: a doctype, <html>, <head>, <body>, <table>,
// <p> … at the start) is decoded in the charset its <meta> declares, parsed as a browser parses it
// (the HTML5 algorithm, so broken markup gives the browser's tree), and its visible text rendered
// into `text`: one line per paragraph, <br> as a line break, one line per table row with the cells
// split by tabs; scripts, styles, comments, hidden elements and Word's <o:p> left out, entities
// decoded, runs of spaces (no-break and ideographic ones included) folded into one. What the markup
// says about that text — where its blocks begin, its headings, its tables with their spans — is
// kept in `page`, and span_of() still answers in lines, columns and bytes of the original file.
//
//   auto r = source::read_source("seeds/003.txt", {});
//   if (!r) { print(r.error().message); }
//   r->text;                    // UTF-8, '\n' line ends, no BOM
//   r->encoding;                // "UTF-8", "GB18030", "UTF-16LE", ...
//   r->span_of({120, 126});     // {line, col, offset, length} in the original bytes
//
// It never guesses silently: the encoding is recorded with how it was found, and anything replaced
// or dropped is listed in `warnings`. Files it cannot read as text are refused with a code.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/result.h"
#include "model/span.h"

namespace budgetlens::source {

enum class ErrorCode {
  kNotFound,     // no such file
  kNotAFile,     // a directory, device or other non-regular file
  kUnreadable,   // the file exists but could not be read (permissions, I/O error)
  kEmpty,        // zero bytes, or nothing but blanks
  kTooLarge,     // larger than Limits::max_file_size
  kBinary,       // an image, archive, PDF or other binary format, by signature or control bytes
  kUndecodable,  // neither UTF-8, UTF-16 with a mark, nor GB18030
  kOverLimit,    // a line, a number, a page's nesting or a table beyond its Limits
};

// The name of a code as written in messages and tests: "binary", "undecodable", ...
std::string_view error_name(ErrorCode code);

// What one document may hold. A document beyond a limit is refused with a message naming the
// limit and its option, never read in part. The defaults are far above any real disclosure and keep
// a hostile or broken file from costing more than seconds; each can be raised for a file that needs
// it. Every limit but max_table_cells is checked here, as the file is read; max_table_cells is
// checked by pipeline/ once layout/ has found the tables.
struct Limits {
  uint64_t max_file_size = 64ull << 20;  // bytes of the file (kTooLarge)
  uint32_t max_line_length = 1000000;    // characters of one line of the text read (a page's: rendered)
  uint32_t max_depth = 1000;             // elements of a web page nested in one another (browsers
                                         // stop nesting at 512)
  uint32_t max_digits = 100;             // digits of one number, thousands separators and decimals
                                         // included (a figure holds at most 18; longer ones are
                                         // codes and account numbers)
  uint64_t max_table_cells = 1000000;    // positions of one table's grid, rows × columns
};

struct Options {
  std::string encoding;  // force an ICU converter name instead of detecting ("GB18030")
  Limits limits;
};

// Maps offsets of the normalised text back to byte offsets of the original file. Between two
// breakpoints the two advance together.
class OffsetMap {
 public:
  // From normalised offset `norm` on, original = orig + (offset - norm).
  void add(uint32_t norm, uint64_t orig);
  uint64_t to_original(uint32_t norm) const;

 private:
  std::vector<std::pair<uint32_t, uint64_t>> points_{{0, 0}};
};

// Maps the rendered text of a page to its decoded markup. Each piece of the rendered text either
// copies markup bytes one for one, stands for a stretch of markup (an entity, a folded space), or
// was inserted (a line break between blocks, a tab between cells; it stands for nothing).
class RenderMap {
 public:
  // Rendered bytes [norm, norm + n) copy markup bytes [markup, markup + n).
  void copy(uint32_t norm, uint32_t markup, uint32_t n);
  // The character at rendered offset `norm` stands for markup [begin, end).
  void stand_for(uint32_t norm, uint32_t begin, uint32_t end);
  // The markup offset of the character at rendered offset `norm` (of the end, past the last one).
  uint32_t begin_of(uint32_t norm) const;
  // The markup offset just past what the rendered text before `norm` stands for.
  uint32_t end_of(uint32_t norm) const;

 private:
  struct Piece {
    uint32_t norm;
    uint32_t begin, end;  // markup range
    bool copy;
  };
  std::vector<Piece> pieces_;
};

// What the markup of a page says about its rendered text (SourceText::text). Ranges are in the
// rendered text, lines are 0-based lines of it.
struct HtmlCell {
  TextRange range;       // the cell's visible text, trimmed; empty when the cell shows nothing
  uint32_t rowspan = 1;  // as written; 0 reaches the end of the row group (the HTML table model)
  uint32_t colspan = 1;
  bool th = false;
};

struct HtmlRow {
  std::vector<HtmlCell> cells;
  uint32_t group = 0;  // which row group (thead, tbody, tfoot) of the table it is in
  bool head = false;   // in a <thead>
};

// A table holding data. Tables used only to lay a page out (one cell wrapping the article, or a
// cell holding most of the text and a table or heading of its own) are not tables here: their
// content is rendered as paragraphs. A data table inside a cell or the caption of another is rendered after
// it.
struct HtmlTable {
  std::vector<HtmlRow> rows;
  uint32_t first_line = 0;  // the rows are rendered on lines [first_line, last_line]
  uint32_t last_line = 0;
};

struct HtmlHeading {
  TextRange range;  // the text of an <h1> … <h6>
  int level = 1;
};

struct Page {
  std::string markup;                        // the page decoded, UTF-8, '\n' line ends
  std::vector<uint32_t> markup_line_starts;  // offset in `markup` of each line's first byte
  std::vector<uint32_t> markup_chars;        // characters of `markup` before each 1 KiB boundary
  OffsetMap markup_map;                      // `markup` offsets to original bytes
  RenderMap render;                          // SourceText::text offsets to `markup` offsets
  std::vector<uint32_t> block_lines;         // rendered lines on which an HTML block begins, ascending
  std::vector<HtmlTable> tables;             // in the order they are rendered
  std::vector<HtmlHeading> headings;
  // Characters (not spaces) of text the page holds but does not show, by why: script, style,
  // head (the <title> …), hidden (hidden, display:none, Word's mso-hide and <o:p>), form (<select>,
  // <textarea>), embedded (<svg>, <iframe>, <object> …), template.
  std::map<std::string, uint64_t> hidden_chars;
};

struct SourceText {
  std::string path;
  std::string text;             // UTF-8, '\n' line ends, no byte-order mark; a page's visible text
  std::string encoding;         // UTF-8 | GB18030 | UTF-16LE | UTF-16BE | a declared or forced name
  std::string encoding_source;  // bom | meta | valid | detected | forced
  std::string format = "text";  // text | html, from the content
  std::shared_ptr<const Page> page;  // format html: the markup behind `text`
  std::string sha256;           // of the original bytes
  bool traditional = false;     // written in traditional characters (text::looks_traditional)
  uint64_t original_bytes = 0;
  std::vector<std::string> warnings;
  std::vector<uint32_t> line_starts;  // offset in `text` of each line's first byte
  std::vector<uint32_t> text_chars;   // characters of `text` before each 1 KiB boundary (columns)
  OffsetMap map;

  uint32_t line_count() const { return static_cast<uint32_t>(line_starts.size()); }
  // Lines of the original file: line_count(), or for a page the lines of its markup.
  uint32_t original_line_count() const;
  // 0-based index of the line holding text offset `offset`.
  uint32_t line_index(uint32_t offset) const;
  // The text of 0-based line `index`, without its '\n'.
  std::string_view line(uint32_t index) const;
  TextRange line_range(uint32_t index) const;
  // Where `range` of the normalised text lies in the original file. For a page: the line, column
  // and bytes of the markup that shows that text (an entity counts whole, tags between are in).
  Span span_of(TextRange range) const;
};

using SourceResult = Result<SourceText, ErrorCode>;

// Reads and decodes the file at `path`.
SourceResult read_source(const std::string& path, const Options& options);

// Decodes bytes already in memory; `path` is only used in messages and the result.
SourceResult decode_source(std::string_view bytes, const std::string& path, const Options& options);

}  // namespace budgetlens::source
