// Encoding detection and normalisation.
//
// Order of evidence: a byte-order mark; for a web page, the charset its <meta> declares when the
// bytes decode in it; well-formed UTF-8; GB18030 when the bytes decode strictly and read like
// Chinese (most double-byte pairs are common characters); UTF-8 with a handful of damaged bytes
// replaced (a truncated download), with a warning. Anything else is refused. A declared charset
// the bytes do not decode in is set aside with a warning, and detection decides.
#include <unicode/ucnv.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>

#include "source/char_index.h"
#include "source/html.h"
#include "source/limits.h"
#include "source/sha256.h"
#include "source/source.h"
#include "text/fold.h"
#include "text/swar.h"
#include "text/utf8.h"

namespace budgetlens::source {
namespace {

using detail::DeclaredCharset;

struct Signature {
  std::string_view magic;
  std::string_view name;
};

// Formats published next to disclosures and sometimes saved under a .txt or .html name.
constexpr std::array<Signature, 13> kBinarySignatures = {{
    {"\x89PNG\r\n\x1a\n", "a PNG image"},
    {"%PDF-", "a PDF document"},
    {"PK\x03\x04", "a zip archive (or .docx/.xlsx)"},
    {"PK\x05\x06", "an empty zip archive"},
    {"\x1f\x8b", "a gzip archive"},
    {"\xff\xd8\xff", "a JPEG image"},
    {"GIF87a", "a GIF image"},
    {"GIF89a", "a GIF image"},
    {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 file (.doc/.xls)"},
    {"Rar!\x1a\x07", "a RAR archive"},
    {"7z\xbc\xaf\x27\x1c", "a 7z archive"},
    {"\x7f" "ELF", "an executable"},
    {"{\\rtf", "an RTF document"},
}};

std::string_view binary_format(std::string_view bytes) {
  for (const Signature& s : kBinarySignatures) {
    if (bytes.substr(0, s.magic.size()) == s.magic) return s.name;
  }
  if (bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WEBP") return "a WebP image";
  return {};
}

// Share of C0 control bytes other than the usual whitespace in the first 64 KiB.
double control_ratio(std::string_view bytes) {
  size_t n = std::min<size_t>(bytes.size(), 64 << 10), bad = 0;
  // Without a branch, so that the compiler compares many bytes at once: below \t, or from 0x0E to
  // 0x1F but ESC (\t \n \v \f \r are 0x09..0x0D).
  for (size_t i = 0; i < n; ++i) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    bad += (c < '\t') | ((c > '\r') & (c < 0x20) & (c != 0x1b));
  }
  return n ? static_cast<double>(bad) / n : 0.0;
}

// Builds the normalised text: CR and CRLF become LF, NUL becomes a space, and every change of the
// relation between normalised and original offsets becomes a breakpoint of the map.
class Normalizer {
 public:
  explicit Normalizer(SourceText& out) : out_(out) { out_.line_starts.push_back(0); }

  void put(char32_t c, uint64_t orig) {
    if (c == '\n' && last_was_cr_) {  // the LF of a CRLF: the CR already ended the line
      last_was_cr_ = false;
      return;
    }
    last_was_cr_ = c == '\r';
    if (c == '\r') c = '\n';
    if (c == 0) {
      c = ' ';
      ++nul_count_;
    }
    uint32_t at = static_cast<uint32_t>(out_.text.size());
    if (orig != expected_) out_.map.add(at, orig);
    text::append_utf8(out_.text, c);
    expected_ = orig + (out_.text.size() - at);
    if (c == '\n') out_.line_starts.push_back(static_cast<uint32_t>(out_.text.size()));
  }

  void finish(uint64_t orig_end) {
    if (orig_end != expected_) out_.map.add(static_cast<uint32_t>(out_.text.size()), orig_end);
    // A final line break ends the last line rather than starting an empty one.
    if (out_.line_starts.size() > 1 && out_.line_starts.back() == out_.text.size()) out_.line_starts.pop_back();
    if (nul_count_ > 0) {
      out_.warnings.push_back(std::to_string(nul_count_) + " NUL byte(s) read as spaces");
    }
  }

 private:
  SourceText& out_;
  uint64_t expected_ = 0;
  bool last_was_cr_ = false;
  size_t nul_count_ = 0;
};

// Where the run of bytes from i that holds no LF, CR or NUL ends, eight bytes at a time.
size_t line_piece_end(std::string_view bytes, size_t i) {
  using namespace text::swar;
  for (; i + 8 <= bytes.size(); i += 8) {
    const uint64_t w = load(bytes.data() + i);
    if (any_zero(w) | any_equal(w, '\n') | any_equal(w, '\r')) break;
  }
  while (i < bytes.size() && bytes[i] != '\n' && bytes[i] != '\r' && bytes[i] != '\0') ++i;
  return i;
}

// Well-formed UTF-8 starting at `skip` (past a BOM), normalised as Normalizer does it character by
// character, but copying the runs between line ends and NULs whole: in valid UTF-8 only those
// change the text or its relation to the original offsets.
void normalize_valid_utf8(std::string_view bytes, size_t skip, SourceText& out) {
  std::string& text = out.text;
  text.reserve(bytes.size() - skip);
  out.line_starts.push_back(0);
  if (skip > 0) out.map.add(0, skip);
  size_t nuls = 0;
  for (size_t i = skip; i < bytes.size();) {
    const size_t j = line_piece_end(bytes, i);
    text.append(bytes.data() + i, j - i);
    if (j == bytes.size()) break;
    if (bytes[j] == '\0') {
      text.push_back(' ');
      ++nuls;
      i = j + 1;
      continue;
    }
    text.push_back('\n');
    out.line_starts.push_back(static_cast<uint32_t>(text.size()));
    i = j + 1;
    if (bytes[j] == '\r' && i < bytes.size() && bytes[i] == '\n') {
      ++i;  // the LF of a CRLF: the CR ended the line, and the original runs one byte ahead from here
      out.map.add(static_cast<uint32_t>(text.size()), i);
    }
  }
  // A final line break ends the last line rather than starting an empty one.
  if (out.line_starts.size() > 1 && out.line_starts.back() == text.size()) out.line_starts.pop_back();
  if (nuls > 0) out.warnings.push_back(std::to_string(nuls) + " NUL byte(s) read as spaces");
}

// UTF-8 input (valid or not) starting at `skip` (past a BOM). Invalid sequences become U+FFFD;
// returns how many there were.
size_t normalize_utf8(std::string_view bytes, size_t skip, SourceText& out) {
  out.text.reserve(bytes.size());
  Normalizer norm(out);
  size_t invalid = 0;
  size_t i = skip;
  while (i < bytes.size()) {
    size_t start = i;
    unsigned char b = static_cast<unsigned char>(bytes[i]);
    if (b < 0x80) {
      ++i;
      norm.put(b, start);
      continue;
    }
    char32_t c = text::next_char(bytes, i);
    if (c == 0xFFFD && i == start + 1) ++invalid;
    norm.put(c, start);
  }
  norm.finish(bytes.size());
  return invalid;
}

struct Converted {
  bool ok = false;
  uint64_t error_offset = 0;
};

// Decodes with an ICU converter, strictly (the first illegal sequence fails), and normalises.
Converted normalize_with_icu(std::string_view bytes, size_t skip, const char* converter, SourceText& out) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> conv(ucnv_open(converter, &status), ucnv_close);
  if (U_FAILURE(status)) return {};
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::string_view body = bytes.substr(skip);
  std::vector<UChar> units(body.size() + 16);
  std::vector<int32_t> offsets(units.size());
  UChar* target = units.data();
  const char* src = body.data();
  ucnv_toUnicode(conv.get(), &target, units.data() + units.size(), &src, body.data() + body.size(),
                 offsets.data(), /*flush=*/true, &status);
  if (U_FAILURE(status)) return {false, skip + static_cast<uint64_t>(src - body.data())};
  size_t n = static_cast<size_t>(target - units.data());
  out.text.clear();
  out.text.reserve(n * 3);
  Normalizer norm(out);
  for (size_t k = 0; k < n;) {
    char32_t c = units[k];
    uint64_t orig = skip + static_cast<uint64_t>(offsets[k]);
    if (c >= 0xD800 && c <= 0xDBFF && k + 1 < n && units[k + 1] >= 0xDC00 && units[k + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (units[k + 1] - 0xDC00);
      k += 2;
    } else {
      k += 1;
    }
    norm.put(c, orig);
  }
  norm.finish(bytes.size());
  return {true, 0};
}

// Whether decoded GB18030 reads like Chinese: the share of double-byte pairs that are GB2312
// punctuation or level-1 (the 3,755 most common) characters. UTF-8 bytes misread as GB18030 rarely
// form such pairs; real GBK text is mostly made of them.
bool reads_like_gb(std::string_view bytes) {
  size_t pairs = 0, common = 0;
  for (size_t i = 0; i + 1 < bytes.size();) {
    unsigned char lead = static_cast<unsigned char>(bytes[i]);
    if (lead < 0x81) {
      ++i;
      continue;
    }
    unsigned char trail = static_cast<unsigned char>(bytes[i + 1]);
    if (trail >= 0x30 && trail <= 0x39) {  // four-byte sequence
      i += 4;
      ++pairs;
      continue;
    }
    ++pairs;
    bool punct = lead >= 0xA1 && lead <= 0xA9 && trail >= 0xA1;
    bool level1 = lead >= 0xB0 && lead <= 0xD7 && trail >= 0xA1;
    common += punct || level1;
    i += 2;
  }
  return pairs > 0 && common * 10 >= pairs * 6;
}

SourceResult refuse(ErrorCode code, std::string message, uint64_t offset = 0) {
  return Error<ErrorCode>{code, std::move(message), offset};
}

size_t first_invalid_utf8(std::string_view bytes) {
  for (size_t i = 0; i < bytes.size();) {
    size_t start = i;
    if (text::next_char(bytes, i) == 0xFFFD && i == start + 1) return start;
  }
  return bytes.size();
}

// No mark, no forced encoding: what the bytes read as.
SourceResult detect(std::string_view bytes, SourceText out) {
  bool bom = bytes.substr(0, 3) == "\xef\xbb\xbf";
  if (text::is_valid_utf8(bytes)) {
    normalize_valid_utf8(bytes, bom ? 3 : 0, out);
    out.encoding = "UTF-8";
    out.encoding_source = bom ? "bom" : "valid";
    return out;
  }
  if (!bom && reads_like_gb(bytes)) {
    SourceText gb = out;
    if (normalize_with_icu(bytes, 0, "GB18030", gb).ok) {
      gb.encoding = "GB18030";
      gb.encoding_source = "detected";
      return gb;
    }
  }
  // Mostly UTF-8 with a few damaged bytes (a truncated or patched file): keep it, say so.
  size_t invalid = normalize_utf8(bytes, bom ? 3 : 0, out);
  if (invalid <= std::max<size_t>(4, bytes.size() / 5000)) {
    out.encoding = "UTF-8";
    out.encoding_source = bom ? "bom" : "valid";
    out.warnings.push_back(std::to_string(invalid) + " invalid UTF-8 byte(s) replaced by U+FFFD");
    return out;
  }
  size_t first_bad = first_invalid_utf8(bytes);
  return refuse(ErrorCode::kUndecodable,
                "not valid UTF-8 (first bad byte at offset " + std::to_string(first_bad) +
                    ") and not GB18030 either; give the encoding with --encoding",
                first_bad);
}

bool has_non_ascii(std::string_view bytes) {
  return std::any_of(bytes.begin(), bytes.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// A charset label as a message can quote it: labels are ASCII, and a byte of a broken one that is
// not printable ASCII is written \xNN.
std::string printable(std::string_view label) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : label) {
    if (c >= 0x20 && c < 0x7F) {
      out.push_back(static_cast<char>(c));
    } else {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

// A page that declares its charset: read in it when the bytes decode in it. Returns nullopt, with
// a warning in `warning`, when they do not (or when they are UTF-8 and the page says otherwise).
std::optional<SourceText> read_declared(std::string_view bytes, const DeclaredCharset& cs, const SourceText& base,
                                        std::string& warning) {
  std::string said = "declares charset \"" + printable(cs.label) + "\"";
  if (cs.name == "UTF-8") {
    if (!text::is_valid_utf8(bytes)) {
      warning = said + " but is not valid UTF-8 (byte " + std::to_string(first_invalid_utf8(bytes)) + ")";
      return std::nullopt;
    }
    SourceText out = base;
    normalize_valid_utf8(bytes, 0, out);
    out.encoding = "UTF-8";
    out.encoding_source = "meta";
    return out;
  }
  if (has_non_ascii(bytes) && text::is_valid_utf8(bytes)) {
    warning = said + " but is valid UTF-8";
    return std::nullopt;
  }
  SourceText out = base;
  Converted c = normalize_with_icu(bytes, 0, cs.converter.c_str(), out);
  if (!c.ok) {
    warning = said + " but does not decode in it (byte " + std::to_string(c.error_offset) + ")";
    return std::nullopt;
  }
  out.encoding = cs.name;
  out.encoding_source = "meta";
  return out;
}

SourceResult decode_bytes(std::string_view bytes, const std::string& path, const Options& options) {
  if (bytes.size() > options.limits.max_file_size) {
    return refuse(ErrorCode::kTooLarge, "file is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
                                            std::to_string(options.limits.max_file_size) +
                                            " (raise it with --max-file-size)");
  }
  if (text::is_blank_text(bytes)) {
    return refuse(ErrorCode::kEmpty, bytes.empty() ? "file is empty" : "file holds only blank lines");
  }
  SourceText out;
  out.path = path;
  out.original_bytes = bytes.size();
  out.sha256 = sha256_hex(bytes);

  if (!options.encoding.empty()) {
    Converted c = normalize_with_icu(bytes, 0, options.encoding.c_str(), out);
    if (!c.ok) {
      return refuse(ErrorCode::kUndecodable, "not valid " + options.encoding + " at byte " +
                                                 std::to_string(c.error_offset) + " (the encoding was forced)",
                    c.error_offset);
    }
    out.encoding = options.encoding;
    out.encoding_source = "forced";
    return out;
  }

  if (bytes.substr(0, 2) == "\xff\xfe" || bytes.substr(0, 2) == "\xfe\xff") {
    const char* name = bytes[0] == '\xff' ? "UTF-16LE" : "UTF-16BE";
    Converted c = normalize_with_icu(bytes, 2, name, out);
    if (!c.ok) {
      return refuse(ErrorCode::kUndecodable,
                    std::string("starts with a ") + name + " byte-order mark but is not " + name, c.error_offset);
    }
    out.encoding = name;
    out.encoding_source = "bom";
    return out;
  }

  if (std::string_view kind = binary_format(bytes); !kind.empty()) {
    return refuse(ErrorCode::kBinary, "this is " + std::string(kind) + ", not a text or HTML disclosure");
  }
  if (control_ratio(bytes) > 0.01) {
    return refuse(ErrorCode::kBinary, "binary data: control bytes throughout, not a text or HTML disclosure");
  }

  // A page's own declaration comes next, unless a UTF-8 mark says otherwise.
  std::string warning;
  if (bytes.substr(0, 3) != "\xef\xbb\xbf" && detail::looks_like_html(bytes)) {
    if (std::optional<DeclaredCharset> cs = detail::declared_charset(bytes)) {
      if (std::optional<SourceText> declared = read_declared(bytes, *cs, out, warning)) return std::move(*declared);
    }
  }
  SourceResult r = detect(bytes, std::move(out));
  if (r && !warning.empty()) {
    r->warnings.insert(r->warnings.begin(), warning + "; read as " + r->encoding + " (" + r->encoding_source + ")");
  }
  return r;
}

}  // namespace

SourceResult decode_source(std::string_view bytes, const std::string& path, const Options& options) {
  SourceResult r = decode_bytes(bytes, path, options);
  if (!r) return r;
  if (detail::looks_like_html(std::string_view(r->text).substr(0, 8192))) {
    r->format = "html";
    if (auto e = detail::beyond_depth(*r, options.limits)) return *e;
    detail::render_page(*r);
    if (text::is_blank_text(r->text)) return refuse(ErrorCode::kEmpty, "web page shows no text");
  }
  if (auto e = detail::beyond_text_limits(*r, options.limits)) return *e;
  r->traditional = text::looks_traditional(r->text);
  r->text_chars = detail::chars_per_kib(r->text);
  return r;
}

}  // namespace budgetlens::source
