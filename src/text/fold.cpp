#include "text/fold.h"

#include <unicode/translit.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <bitset>
#include <memory>
#include <mutex>

#include "text/utf8.h"

namespace budgetlens::text {
namespace {

// Characters that only traditional text uses, frequent in budget disclosures. One of them is enough
// to treat a document as traditional.
constexpr std::u32string_view kTraditionalMarks =
    U"預財務費經國會與為總計結轉撥額數資產項單開關這個們說時實發處區縣號東車門間問後當於對從體點條機業學無億萬權稅補貼";

constexpr char32_t kHanFirst = 0x3400, kHanLast = 0x9FFF;
constexpr char32_t kCompatFirst = 0xF900, kCompatLast = 0xFAFF;

// Traditional-to-simplified for the BMP Han blocks, built once from ICU's Hant-Hans transliterator.
// ICU maps these one character to one character (checked when the table is built).
class SimplifiedTable {
 public:
  static const SimplifiedTable& get() {
    static std::once_flag once;
    static std::unique_ptr<SimplifiedTable> table;
    std::call_once(once, [] { table.reset(new SimplifiedTable()); });
    return *table;
  }

  char32_t map(char32_t c) const {
    if (c >= kHanFirst && c <= kHanLast) return han_[c - kHanFirst];
    if (c >= kCompatFirst && c <= kCompatLast) return compat_[c - kCompatFirst];
    return c;
  }

 private:
  SimplifiedTable() {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Hant-Hans", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) t.reset();  // no transliteration data: matching falls back to as printed
    icu::UnicodeSet changed;
    if (t) t->getSourceSet(changed);
    fill(t.get(), changed, kHanFirst, kHanLast, han_);
    fill(t.get(), changed, kCompatFirst, kCompatLast, compat_);
  }

  static void fill(icu::Transliterator* t, const icu::UnicodeSet& changed, char32_t first, char32_t last,
                   std::vector<char32_t>& out) {
    out.resize(last - first + 1);
    for (char32_t c = first; c <= last; ++c) out[c - first] = c;
    if (!t) return;
    // Only the characters ICU may change are asked about: an eighth of the blocks.
    std::vector<char32_t> asked;
    for (char32_t c = first; c <= last; ++c) {
      if (changed.contains(static_cast<UChar32>(c))) asked.push_back(c);
    }
    // In slices, each character on a line of its own: each replacement moves the rest of the
    // string, so one string of them all would cost time quadratic in its length.
    constexpr size_t kSlice = 256;
    for (size_t from = 0; from < asked.size(); from += kSlice) {
      const size_t to = std::min(asked.size(), from + kSlice);
      icu::UnicodeString s;
      for (size_t k = from; k < to; ++k) {
        s.append(static_cast<UChar32>(asked[k]));
        s.append(static_cast<UChar>('\n'));
      }
      t->transliterate(s);
      int32_t i = 0;
      for (size_t k = from; k < to && i < s.length(); ++k) {
        int32_t j = s.indexOf(static_cast<UChar>('\n'), i);
        if (j < 0) break;
        if (s.countChar32(i, j - i) == 1) out[asked[k] - first] = static_cast<char32_t>(s.char32At(i));
        i = j + 1;
      }
    }
  }

  std::vector<char32_t> han_, compat_;
};

bool is_ascii_visible(char32_t c) { return c > 0x20 && c < 0x7F; }

bool is_pinyin_letter(char32_t c, bool& toned) {
  if (c >= 'a' && c <= 'z') return true;
  static constexpr std::u32string_view kToned = U"āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ";
  if (kToned.find(c) != std::u32string_view::npos) {
    toned = true;
    return true;
  }
  return false;
}

// Whether the '(' at s[i] may open a pinyin annotation: a pinyin letter follows it. If none does,
// pinyin_annotation_length is 0 there, whatever comes before.
bool opens_pinyin(std::string_view s, size_t i) {
  size_t j = i + 1;
  if (j >= s.size()) return false;
  bool toned = false;
  return is_pinyin_letter(next_char(s, j), toned);
}

// Length in bytes of a pinyin annotation "(yù)" starting at input[i], or 0. Mirror sites insert one
// after a character they rendered in traditional form; it is never part of the text.
size_t pinyin_annotation_length(std::string_view input, size_t i) {
  size_t j = i;
  char32_t open = next_char(input, j);
  if (open != '(' && open != U'（') return 0;
  bool toned = false;
  int letters = 0;
  while (j < input.size()) {
    size_t k = j;
    char32_t c = next_char(input, k);
    if (c == ')' || c == U'）') {
      return (toned && letters >= 1 && letters <= 7) ? k - i : 0;
    }
    if (!is_pinyin_letter(c, toned) || ++letters > 7) return 0;
    j = k;
  }
  return 0;
}

class Folder {
 public:
  Folder(uint32_t base, FoldMode mode, bool traditional, bool keep_map)
      : base_(base), mode_(mode), traditional_(traditional), keep_map_(keep_map),
        simplified_(mode == FoldMode::kMatch && traditional ? &SimplifiedTable::get() : nullptr) {}

  // Folds `input`, whose first `plain` bytes are known to be a plain run (plain_prefix).
  void run(std::string_view input, size_t plain = 0) {
    result_.text.reserve(input.size());
    if (keep_map_) {
      result_.source.reserve(input.size() + 1);
      result_.ends.reserve(input.size());
    }
    size_t i = 0;
    if (plain > 0) {
      copy_plain_run(input, 0, plain);
      i = plain;
    }
    while (i < input.size()) {
      if (size_t end = plain_run_end(input, i); end > i) {
        copy_plain_run(input, i, end);
        i = end;
        continue;
      }
      size_t start = i;
      char32_t c = next_char(input, i);
      if (is_blank(c)) {
        if (!pending_space_) pending_at_ = start;
        pending_space_ = true;
        continue;
      }
      if ((c == '(' || c == U'（') && is_han(last_)) {
        if (size_t n = pinyin_annotation_length(input, start)) {
          i = start + n;
          continue;
        }
      }
      char32_t out = mode_ == FoldMode::kMatch ? fold_char(c, traditional_) : c;
      if (pending_space_) {
        // A space survives only between two ASCII words ("38 697,723.84"); spaces next to Chinese
        // text are layout, not content.
        if (is_ascii_visible(last_) && is_ascii_visible(out)) emit(' ', pending_at_, pending_at_ + 1);
        pending_space_ = false;
      }
      emit(out, start, i);
    }
    if (keep_map_) result_.source.push_back(base_ + static_cast<uint32_t>(input.size()));
  }

  FoldedText take() { return std::move(result_); }

  // Where the plain run that starts the text ends (see plain_run_end): all of it when it folds to
  // itself, nothing to change or drop.
  size_t plain_prefix(std::string_view s) const { return plain_run_end(s, 0); }

 private:
  // Most text is visible ASCII, CJK punctuation and Han characters that fold to themselves: runs
  // of them are copied whole. A run stops at anything else — a space, a bracket that may open
  // pinyin, a full-width form, a traditional character being simplified — which goes through the
  // character-by-character path below. Returns i when no run starts there.
  size_t plain_run_end(std::string_view s, size_t i) const {
    size_t j = i;
    while (j < s.size()) {
      // Han characters U+4000..U+9FFF (leads E4..E9) one after another, in a loop of their own,
      // when none is being simplified.
      if (!simplified_) {
        while (cjk_han_at(s, j)) j += 3;
        if (j >= s.size()) break;
      }
      unsigned char b = static_cast<unsigned char>(s[j]);
      if (b > 0x20 && b < 0x7F && (b != '(' || !opens_pinyin(s, j))) {
        ++j;
      } else if (b == 0xE2 && (s.substr(j, 3) == "“" || s.substr(j, 3) == "”")) {
        j += 3;  // quotation marks, frequent in Chinese text, fold to themselves
      } else if (cjk_at(s, j)) {
        // U+3001..U+9FFF: CJK punctuation (、。《》), kana and Han fold to themselves, except
        // U+3000 (a space) and, when traditional characters are being simplified, those that change.
        if (b == 0xE3 && three_byte_char(s, j) == 0x3000) break;
        if (simplified_) {
          char32_t c = three_byte_char(s, j);
          if (simplified_->map(c) != c) break;
        }
        j += 3;
      } else {
        break;
      }
    }
    return j;
  }

  void copy_plain_run(std::string_view s, size_t i, size_t end) {
    if (pending_space_) {
      size_t first_end = i;
      if (is_ascii_visible(last_) && is_ascii_visible(next_char(s, first_end)))
        emit(' ', pending_at_, pending_at_ + 1);
      pending_space_ = false;
    }
    result_.text.append(s.data() + i, end - i);
    if (keep_map_) {
      const size_t at = result_.source.size();
      result_.source.resize(at + (end - i));
      result_.ends.resize(at + (end - i));
      uint32_t* source = result_.source.data() + at;
      uint32_t* ends = result_.ends.data() + at;
      for (size_t k = i; k < end;) {
        const uint32_t begin = base_ + static_cast<uint32_t>(k);
        if (static_cast<unsigned char>(s[k]) < 0x80) {
          *source++ = begin;
          *ends++ = begin + 1;
          ++k;
        } else {
          source = std::fill_n(source, 3, begin);
          ends = std::fill_n(ends, 3, begin + 3);
          k += 3;
        }
      }
    }
    // A run holds ASCII and three-byte characters only.
    unsigned char last = static_cast<unsigned char>(s[end - 1]);
    last_ = last < 0x80 ? last : three_byte_char(s, end - 3);
  }

  void emit(char32_t c, size_t begin, size_t end) {
    char bytes[4];
    size_t n = encode_utf8(c, bytes);
    result_.text.append(bytes, n);
    if (keep_map_) {
      for (size_t k = 0; k < n; ++k) {
        result_.source.push_back(base_ + static_cast<uint32_t>(begin));
        result_.ends.push_back(base_ + static_cast<uint32_t>(end));
      }
    }
    last_ = c;
  }

  uint32_t base_;
  FoldMode mode_;
  bool traditional_;
  bool keep_map_;
  const SimplifiedTable* simplified_;  // when traditional characters are simplified
  FoldedText result_;
  char32_t last_ = 0;
  bool pending_space_ = false;
  size_t pending_at_ = 0;
};

}  // namespace

TextRange FoldedText::source_range(size_t begin, size_t end) const {
  if (source.empty()) return {};
  end = std::min(end, text.size());
  if (begin >= end) {
    uint32_t at = source[std::min(begin, text.size())];
    return {at, at};
  }
  return {source[begin], ends[end - 1]};
}

char32_t fold_char(char32_t c, bool traditional) {
  if (c < 0x80) return c;
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;  // full-width ASCII
  if (is_space(c)) return ' ';
  switch (c) {
    case 0xFE66: return '=';       // ﹦
    case 0x2267: return U'≥';      // ≧
    case 0x2266: return U'≤';      // ≦
    case 0x2212: return '-';       // − minus sign
    case 0xFE63: return '-';       // ﹣
    case 0xFE50: return ',';       // ﹐
    case 0xFE52: return '.';       // ﹒
    case 0xFF5F: return '(';
    case 0xFF60: return ')';
    case 0x3014: return U'〔';
    default: break;
  }
  if (traditional && (is_han(c))) return SimplifiedTable::get().map(c);
  return c;
}

bool looks_traditional(std::string_view s) {
  // Over the whole BMP, so that a character of three bytes is tested without a range check. The
  // text is well-formed UTF-8 (source/ made it so): a lead byte says how long its character is.
  static const std::bitset<0x10000> marks = [] {
    std::bitset<0x10000> m;
    for (char32_t c : kTraditionalMarks) m.set(c);
    return m;
  }();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = p + s.size();
  while (p < end) {
    const unsigned char b = *p;
    if (b < 0x80) {
      ++p;
    } else if (b >= 0xE0 && b < 0xF0 && end - p >= 3) {
      if (marks[((b & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu)]) return true;
      p += 3;
    } else {
      p += std::min<ptrdiff_t>(b >= 0xF0 ? 4 : 2, end - p);
    }
  }
  return false;
}

FoldedText fold(std::string_view input, uint32_t base, FoldMode mode, bool traditional) {
  Folder folder(base, mode, traditional, /*keep_map=*/true);
  folder.run(input);
  return folder.take();
}

namespace {

// The folded text of s, without a map. Most texts fold to themselves: copied as they are, without
// the folder's result.
std::string folded_text(std::string_view s, FoldMode mode, bool traditional) {
  Folder folder(0, mode, traditional, /*keep_map=*/false);
  const size_t plain = folder.plain_prefix(s);
  if (plain == s.size()) return std::string(s);
  folder.run(s, plain);
  return folder.take().text;
}

}  // namespace

std::string display(std::string_view s) {
  return folded_text(s, FoldMode::kDisplay, false);
}

std::string match_key(std::string_view s, bool traditional) {
  return folded_text(s, FoldMode::kMatch, traditional);
}

}  // namespace budgetlens::text
