// Folded views of document text, with a map back to the original bytes.
//
// Published text writes the same thing many ways: full-width digits and brackets, spaces inside
// words (一级 指标), hard line breaks from PDF export in the middle of a number, traditional
// characters, and mirror-site mojibake that inserts pinyin after a character (預(yù)算). Parsers match
// against a folded view in which all of that is written one way, and every byte of the view knows
// the byte of the original it came from, so what is found is reported at its real position.
//
//   FoldedText f = fold("收入總計 1,186.81 萬元", 0, FoldMode::kMatch);
//   f.text == "收入总计1,186.81万元"; f.source_range(0, 12) is the range of "收入總計".
//
// kMatch folds everything (for patterns); kDisplay only removes what no reader wants in a label:
// line breaks, spaces between Chinese characters and pinyin mojibake, keeping the characters printed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/span.h"

namespace budgetlens::text {

enum class FoldMode {
  kMatch,    // full-width to ASCII, traditional to simplified, spaces and breaks folded, mojibake dropped
  kDisplay,  // spaces and breaks folded, mojibake dropped; characters as printed
};

struct FoldedText {
  std::string text;
  // source[i] and ends[i] delimit, in the original, the character that produced text[i]. source has
  // text.size() + 1 entries, the last being the end of the original input.
  std::vector<uint32_t> source;
  std::vector<uint32_t> ends;

  // The original range covered by text[begin, end).
  TextRange source_range(size_t begin, size_t end) const;
};

// Folds `input`, whose first byte is at offset `base` in the document. `traditional` turns on the
// traditional-to-simplified mapping of kMatch; it is decided once per document (looks_traditional)
// so that a document folds the same way whatever else is processed with it.
FoldedText fold(std::string_view input, uint32_t base, FoldMode mode, bool traditional = false);

// The kDisplay form of s, without a map: for labels and captions.
std::string display(std::string_view s);
// The kMatch form of s, without a map: for comparing words from grammars with words from documents.
std::string match_key(std::string_view s, bool traditional = false);

// Maps one character through the folding of kMatch (full-width to ASCII, variant symbols such as
// ≧ ﹦ to ≥ =, and with `traditional` traditional to simplified). Spaces are returned as ' '.
char32_t fold_char(char32_t c, bool traditional = false);

// True iff the text uses traditional characters that simplified text never does (財 務 預 …).
bool looks_traditional(std::string_view s);

}  // namespace budgetlens::text
