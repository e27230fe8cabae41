// source: from the bytes of a file to the normalised text every later stage reads.
//
// A disclosure arrives as UTF-8 (with or without a byte-order mark), GB18030/GBK, or UTF-16 with a
// mark, with LF, CRLF or CR line ends. read_source() decodes it to UTF-8 with LF line ends and keeps
// a map from every position of that text back to the line, column and byte offset of the original
// file, so that a figure found anywhere later can be pointed at in the file the user has.
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
  kTooLarge,     // larger than Options::max_bytes
  kBinary,       // an image, archive, PDF or other binary format, by signature or control bytes
  kUndecodable,  // neither UTF-8, UTF-16 with a mark, nor GB18030
};

// The name of a code as written in messages and tests: "binary", "undecodable", ...
std::string_view error_name(ErrorCode code);

struct Options {
  uint64_t max_bytes = 64ull << 20;  // larger files are refused (kTooLarge); raise for huge files
  std::string encoding;              // force an ICU converter name instead of detecting ("GB18030")
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

struct SourceText {
  std::string path;
  std::string text;             // UTF-8, '\n' line ends, no byte-order mark
  std::string encoding;         // UTF-8 | GB18030 | UTF-16LE | UTF-16BE | a forced converter name
  std::string encoding_source;  // bom | valid | detected | forced
  std::string format = "text";  // text | html, from the content
  std::string sha256;           // of the original bytes
  bool traditional = false;     // written in traditional characters (text::looks_traditional)
  uint64_t original_bytes = 0;
  std::vector<std::string> warnings;
  std::vector<uint32_t> line_starts;  // offset in `text` of each line's first byte
  OffsetMap map;

  uint32_t line_count() const { return static_cast<uint32_t>(line_starts.size()); }
  // 0-based index of the line holding text offset `offset`.
  uint32_t line_index(uint32_t offset) const;
  // The text of 0-based line `index`, without its '\n'.
  std::string_view line(uint32_t index) const;
  TextRange line_range(uint32_t index) const;
  // Where `range` of the normalised text lies in the original file.
  Span span_of(TextRange range) const;
};

using SourceResult = Result<SourceText, ErrorCode>;

// Reads and decodes the file at `path`.
SourceResult read_source(const std::string& path, const Options& options);

// Decodes bytes already in memory; `path` is only used in messages and the result.
SourceResult decode_source(std::string_view bytes, const std::string& path, const Options& options);

}  // namespace budgetlens::source
