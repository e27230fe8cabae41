// source/: decoding, normalising, and the map back to the original bytes.
#include <unicode/ucnv.h>

#include "source/sha256.h"
#include "source/source.h"
#include "test_support.h"

namespace budgetlens::source {
namespace {

std::string to_encoding(const std::string& utf8, const char* name) {
  UErrorCode st = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t n = ucnv_convert(name, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &st);
  out.resize(U_SUCCESS(st) ? n : 0);
  return out;
}

TEST(Source, Utf8WithBomAndCrlf) {
  auto r = decode_source("\xEF\xBB\xBF一、概况\r\n收入总计1186.81万元\r\n", "a.txt", {});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->encoding, "UTF-8");
  EXPECT_EQ(r->encoding_source, "bom");
  EXPECT_EQ(r->text, "一、概况\n收入总计1186.81万元\n");
  EXPECT_EQ(r->line_count(), 2u);
  // "1186.81" on line 2: original offset counts the BOM (3) and the CR of line 1.
  size_t at = r->text.find("1186.81");
  Span s = r->span_of({static_cast<uint32_t>(at), static_cast<uint32_t>(at + 7)});
  EXPECT_EQ(s.line, 2u);
  EXPECT_EQ(s.col, 5u);
  EXPECT_EQ(s.offset, 3u + std::string("一、概况\r\n收入总计").size());
  EXPECT_EQ(s.length, 7u);
}

TEST(Source, DetectsGb18030AndMapsToOriginalBytes) {
  std::string utf8 = "梧州市2018年部门决算\n收入总计1186.81万元，比上年减少23.95万元。\n";
  std::string gbk = to_encoding(utf8, "GB18030");
  ASSERT_FALSE(gbk.empty());
  auto r = decode_source(gbk, "gbk.txt", {});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->encoding, "GB18030");
  EXPECT_EQ(r->encoding_source, "detected");
  EXPECT_EQ(r->text, utf8);
  size_t at = r->text.find("23.95");
  Span s = r->span_of({static_cast<uint32_t>(at), static_cast<uint32_t>(at + 5)});
  EXPECT_EQ(gbk.substr(s.offset, s.length), "23.95");
  EXPECT_EQ(s.line, 2u);
}

TEST(Source, Utf16WithBomIsDecoded) {
  std::string utf16 = "\xFF\xFE" + to_encoding("收入总计", "UTF-16LE");
  auto r = decode_source(utf16, "u16.txt", {});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->encoding, "UTF-16LE");
  EXPECT_EQ(r->text, "收入总计");
}

TEST(Source, RefusesWhatIsNotText) {
  auto png = decode_source(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "x.txt", {});
  ASSERT_FALSE(png);
  EXPECT_EQ(png.error().code, ErrorCode::kBinary);
  EXPECT_NE(png.error().message.find("PNG"), std::string::npos);

  auto pdf = decode_source("%PDF-1.4\n...", "x.html", {});
  EXPECT_EQ(pdf.error().code, ErrorCode::kBinary);

  EXPECT_EQ(decode_source("", "e.txt", {}).error().code, ErrorCode::kEmpty);
  EXPECT_EQ(decode_source(" \n\n\t", "e.txt", {}).error().code, ErrorCode::kEmpty);

  std::string noise;
  for (int i = 0; i < 400; ++i) noise.push_back(static_cast<char>(0x80 + (i * 37) % 0x40));
  auto bad = decode_source(noise, "bad.txt", {});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kUndecodable);

  Options small;
  small.limits.max_file_size = 10;
  EXPECT_EQ(decode_source("收入总计1186.81万元", "big.txt", small).error().code, ErrorCode::kTooLarge);
}

TEST(Source, KeepsATruncatedUtf8FileWithAWarning) {
  std::string text = "收入总计1186.81万元，比上年减少23.95万元，下降1.98%。各项收入情况如下所述";
  text += "\xE5\x85";  // the last character cut in half
  auto r = decode_source(text, "cut.txt", {});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->encoding, "UTF-8");
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_NE(r->warnings[0].find("invalid UTF-8"), std::string::npos);
}

TEST(Source, ReadsFilesAndNamesProblems) {
  EXPECT_EQ(read_source("/nonexistent/x.txt", {}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(read_source("/tmp", {}).error().code, ErrorCode::kNotAFile);
}

TEST(Source, MarksTraditionalDocuments) {
  auto r = decode_source("2023年度收入總計434.72萬元", "t.txt", {});
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->traditional);
}

TEST(Source, Sha256KnownAnswers) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),  // padding spills a block
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// Valid UTF-8 is normalised by runs: line ends of every kind, NULs and the BOM must still map back
// to the bytes of the original.
TEST(Source, LineEndsNulsAndBomMapBackToTheOriginal) {
  std::string words;  // enough text that one NUL does not make it look binary
  for (int i = 0; i < 40; ++i) words += "收入";
  std::string original =
      std::string("\xEF\xBB\xBF") + "甲\r\n乙\r丙\n" + std::string(1, '\0') + "丁\r\n\r\n" + words + "\n戊";
  auto r = decode_source(original, "a.txt", {});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "甲\n乙\n丙\n 丁\n\n" + words + "\n戊");
  EXPECT_EQ(r->line_count(), 7u);
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0], "1 NUL byte(s) read as spaces");
  for (const char* ch : {"甲", "乙", "丙", "丁", "戊"}) {
    size_t at = r->text.find(ch);
    Span s = r->span_of({static_cast<uint32_t>(at), static_cast<uint32_t>(at + 3)});
    EXPECT_EQ(original.substr(s.offset, s.length), ch) << ch;
  }
  Span last = r->span_of({static_cast<uint32_t>(r->text.find("戊")), static_cast<uint32_t>(r->text.size())});
  EXPECT_EQ(last.line, 7u);
  EXPECT_EQ(last.offset + last.length, original.size());
}

TEST(Source, RefusesALineOrANumberBeyondItsLimit) {
  Options o;
  o.limits.max_line_length = 10;
  o.limits.max_digits = 8;
  EXPECT_TRUE(decode_source("收入总计10万元\n", "ok.txt", o).ok());
  auto line = decode_source("标题\n收入总计1186.81万元，支出\n", "long.txt", o);
  ASSERT_FALSE(line);
  EXPECT_EQ(line.error().code, ErrorCode::kOverLimit);
  EXPECT_EQ(line.error().message,
            "line 2: 16 characters without a line break, over the limit of 10 (raise it with --max-line-length)");
  EXPECT_EQ(line.error().offset, 7u);

  o.limits.max_line_length = 1000;
  // Digits of one number as units/ reads it: thousands groups and decimals count, a list does not.
  EXPECT_TRUE(decode_source("合计12,345.678万元；1,2,3,4,5,6,7,8,9", "ok.txt", o).ok());
  auto grouped = decode_source("合计123,456,789万元", "n.txt", o);
  ASSERT_FALSE(grouped);
  EXPECT_EQ(grouped.error().message, "line 1: a number of 9 digits, over the limit of 8 (raise it with --max-digits)");
  auto wide = decode_source("合计１２３４５６７８９０万元", "n.txt", o);  // full-width digits
  ASSERT_FALSE(wide);
  EXPECT_EQ(wide.error().code, ErrorCode::kOverLimit);
  EXPECT_NE(wide.error().message.find("a number of 10 digits"), std::string::npos);
}

TEST(Source, FindsALongNumberWhereverItStarts) {
  // The scan for numbers skips eight bytes at a time that hold no digit: a number of each digit
  // alone, ASCII or full-width, after any number of bytes of Chinese or ASCII text, is still found.
  Options o;
  o.limits.max_digits = 8;
  for (const char* digit : {"0", "1", "5", "9", "０", "９"}) {
    std::string number;
    for (int k = 0; k < 9; ++k) number += digit;
    for (size_t before = 0; before < 12; ++before) {
      for (const std::string& filler : {std::string("收"), std::string("a"), std::string("，")}) {
        std::string text;
        for (size_t k = 0; k < before; ++k) text += filler;
        text += number + "元";
        auto r = decode_source(text, "n.txt", o);
        ASSERT_FALSE(r) << text;
        EXPECT_NE(r.error().message.find("a number of 9 digits"), std::string::npos) << text;
      }
    }
  }
}

TEST(Source, DefaultLimitsReadEveryRealDocument) {
  Limits defaults;
  EXPECT_EQ(defaults.max_file_size, 64ull << 20);
  EXPECT_EQ(defaults.max_line_length, 1000000u);
  EXPECT_EQ(defaults.max_depth, 1000u);
  EXPECT_EQ(defaults.max_digits, 100u);
  EXPECT_EQ(defaults.max_table_cells, 1000000u);
  // A bank account of 19 digits is no figure, and no reason to refuse the document.
  EXPECT_TRUE(decode_source("开户账号6222021234567890123，收入总计10万元。", "ok.txt", {}).ok());
}

}  // namespace
}  // namespace budgetlens::source
