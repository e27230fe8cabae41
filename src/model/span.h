// Positions in a document.
//
// Stages work on the normalised UTF-8 text of a document (see source/source.h) and mark what they
// find with a TextRange: byte offsets into that text. Records handed to users carry a Span instead:
// line, column and byte offset in the original file, so every figure can be found in the file the
// user has, whatever its encoding or line endings.
#pragma once

#include <cstdint>

namespace budgetlens {

// [begin, end) in the normalised text of one document.
struct TextRange {
  uint32_t begin = 0;
  uint32_t end = 0;

  uint32_t size() const { return end > begin ? end - begin : 0; }
  bool empty() const { return end <= begin; }
  friend bool operator==(const TextRange&, const TextRange&) = default;
};

// Where a record's text lies in the original file.
struct Span {
  uint32_t line = 0;    // 1-based line of the first character
  uint32_t col = 0;     // 1-based column of the first character, in characters
  uint64_t offset = 0;  // byte offset of the first character in the original file
  uint32_t length = 0;  // length in bytes of the original file's text
  friend bool operator==(const Span&, const Span&) = default;
};

}  // namespace budgetlens
