// text/: UTF-8 walking and folded views with their map back to the original.
#include <gtest/gtest.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "test_support.h"
#include "text/fold.h"
#include "text/hash.h"
#include "text/numerals.h"
#include "text/swar.h"
#include "text/utf8.h"

namespace budgetlens::text {
namespace {

// Valid UTF-8 as a decoder sees it, one character at a time: a step that yields U+FFFD after
// one byte met no character.
bool valid_by_steps(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t before = i;
    if (next_char(s, i) == 0xFFFD && i == before + 1) return false;
  }
  return true;
}

TEST(Utf8, ValidationAgreesWithDecodingEveryStringOfInterestingBytes) {
  // Every string of up to four of these bytes (ASCII, continuations, every kind of lead), alone and
  // after and before runs of Han characters, where validation takes its shortcuts.
  const std::vector<std::string> pieces =
      testing::every_string_of(std::string_view("a\x80\xbf\xc2\xe0\xe1\xe6\xed\xef\xf0\xf4\xff", 12), 4);
  const std::string han = "收入支出合计";
  for (const std::string& p : pieces) {
    for (const std::string& s : {p, han + p, p + han, han + p + han + "12345678"}) {
      ASSERT_EQ(is_valid_utf8(s), valid_by_steps(s)) << ::testing::PrintToString(s);
    }
  }
}

TEST(Utf8, WalksAndValidates) {
  std::string s = "收入1";
  size_t i = 0;
  EXPECT_EQ(next_char(s, i), U'收');
  EXPECT_EQ(i, 3u);
  EXPECT_EQ(char_count(s), 3u);
  EXPECT_TRUE(is_valid_utf8(s));
  EXPECT_FALSE(is_valid_utf8("\xe6\x94"));      // truncated
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));      // overlong
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));  // surrogate
  const std::string lead_without_tail = std::string("\xe6\x94") + "a";
  EXPECT_FALSE(is_valid_utf8(lead_without_tail));
  EXPECT_TRUE(has_three_byte_tail("收", 0));
  EXPECT_FALSE(has_three_byte_tail("\xe6\x94", 0));  // truncated
  EXPECT_FALSE(has_three_byte_tail(lead_without_tail, 0));
  EXPECT_EQ(three_byte_char("收", 0), U'收');
  EXPECT_EQ(three_byte_char("a\u3000", 1), U'\u3000');
  EXPECT_EQ(trim("\u00a0 收入 \u3000\n"), "收入");
  EXPECT_EQ(trim("6.40\t"), "6.40");  // a blank after a visible character
  EXPECT_EQ(trim("收入\u3000"), "收入");
  EXPECT_EQ(trim("A 收入"), "A 收入");
  EXPECT_EQ(trim("收"), "收");
  EXPECT_EQ(trim(" "), "");
  EXPECT_EQ(to_valid_utf8("收入"), "收入");
  EXPECT_EQ(to_valid_utf8("\xe6\x94收\xc0\xaf\xed\xa0\x80"), "\uFFFD\uFFFD收\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD");
}

// The tests of a three-byte character read its two tail bytes at once: every lead byte, with tails
// of every kind and cut short, must give what reading them one at a time gives.
// A yearbook prints a row's name with its English translation after it; the name is the Chinese.
TEST(Utf8, ABilingualNameIsItsChinese) {
  EXPECT_EQ(text::without_translation("支出合计 total expenditure"), "支出合计");
  EXPECT_EQ(text::without_translation("15.其他部门的事业费 expenditure for\ndepartment of tax, etc."),
            "15.其他部门的事业费");
  EXPECT_EQ(text::without_translation("支出合计totalexpenditure"), "支出合计") << "as folded, without spaces";
  // Not translations: too short, with a digit, or after no Han text.
  for (const char* kept : {"指标值(A)", "完成率 ABC", "PM2.5 浓度 pm2.5 index", "二氧化碳 CO2 emission",
                           "total expenditure", "①② total spent", "", "支出合计"}) {
    EXPECT_EQ(text::without_translation(kept), kept) << kept;
  }
}

// A character's display width: two for what ICU calls wide or full-width, one for any other, the
// ranges known without asking ICU included; a text's is the sum of its characters'.
TEST(Utf8, DisplayWidthAsIcuGivesIt) {
  for (UChar32 c = 0; c <= 0x10FFFF; ++c) {
    const int w = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    ASSERT_EQ(text::display_width(static_cast<char32_t>(c)), w == U_EA_WIDE || w == U_EA_FULLWIDTH ? 2 : 1)
        << c;
  }
  EXPECT_EQ(text::display_width(std::string_view("支出 12.5万元")), 13u);
}

TEST(Utf8, ThreeByteCharactersAreToldFromTheirBytes) {
  const unsigned char tails[] = {0x00, 0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xE4, 0xFF};
  auto cont = [](unsigned char b) { return (b & 0xC0) == 0x80; };
  for (int lead = 0; lead < 256; ++lead) {
    for (unsigned char a : tails) {
      for (unsigned char b : tails) {
        const std::string bytes = {static_cast<char>(lead), static_cast<char>(a), static_cast<char>(b)};
        for (size_t cut = 0; cut <= 3; ++cut) {
          std::string_view s(bytes.data(), cut);
          const bool tail = cut == 3 && cont(a) && cont(b);
          ASSERT_EQ(has_three_byte_tail(s, 0), tail) << lead << " " << int(a) << " " << int(b) << " " << cut;
          ASSERT_EQ(cjk_at(s, 0), tail && lead >= 0xE3 && lead <= 0xE9) << lead << " " << cut;
          ASSERT_EQ(cjk_han_at(s, 0), tail && lead >= 0xE4 && lead <= 0xE9) << lead << " " << cut;
        }
      }
    }
  }
  EXPECT_FALSE(cjk_at("收", 3));  // at the end
  EXPECT_TRUE(cjk_han_at("a收", 1));
}

// char_count reads eight bytes at a time: every length and alignment, with every kind of byte,
// must give what counting one byte at a time gives.
TEST(Utf8, CountsCharactersAsTheBytesThatStartThem) {
  const std::string text =
      "收入1,186.81万元\x80\xbf\xc0\xff 𠀀\t（类）"
      "\xe6\x94";
  for (size_t begin = 0; begin < text.size(); ++begin) {
    for (size_t end = begin; end <= text.size(); ++end) {
      std::string_view s(text.data() + begin, end - begin);
      size_t starts = 0;
      for (unsigned char c : s) starts += (c & 0xC0) != 0x80;
      ASSERT_EQ(char_count(s), starts) << "bytes " << begin << " to " << end;
    }
  }
  EXPECT_EQ(char_count("收入总计1,186.81万元，支出总计1,186.81万元"), 29u);
}

// Each question about eight bytes must answer as the bytes asked one by one: on words made of the
// bytes at the edges of each range (a borrow between bytes would show there) and on random words.
TEST(Swar, AnswersAsEachByteAskedAlone) {
  const std::vector<unsigned char> edges = {0x00, 0x01, 0x1F, 0x20, 0x21, '"',  '/',  '0',
                                            '5',  '9',  ':',  ';',  '?',  '\\', 0x7E, 0x7F,
                                            0x80, 0x81, 0xB0, 0xB9, 0xE3, 0xEF, 0xFF};
  std::mt19937_64 random(20261207);
  auto check = [](uint64_t w) {
    unsigned char b[8];
    std::memcpy(b, &w, 8);
    auto any = [&](auto is) { return std::any_of(b, b + 8, is); };
    ASSERT_EQ(text::swar::any_zero(w) != 0, any([](unsigned char c) { return c == 0; })) << std::hex << w;
    for (unsigned char c : std::array<unsigned char, 5>{';', '!', '\n', 0xE3, 0xEF}) {
      ASSERT_EQ(text::swar::any_equal(w, c) != 0, any([c](unsigned char x) { return x == c; }))
          << std::hex << w;
    }
    ASSERT_EQ(text::swar::any_below(w, 0x20) != 0, any([](unsigned char c) { return c < 0x20; }))
        << std::hex << w;
    ASSERT_EQ(text::swar::any_between(w, '0', '9') != 0,
              any([](unsigned char c) { return c >= '0' && c <= '9'; }))
        << std::hex << w;
    ASSERT_EQ(text::swar::any_between(w, 1, 126) != 0,
              any([](unsigned char c) { return c >= 1 && c <= 126; }))
        << std::hex << w;
  };
  for (int n = 0; n < 200000; ++n) {
    uint64_t w = 0;
    for (int k = 0; k < 8; ++k) w |= uint64_t{edges[random() % edges.size()]} << (8 * k);
    check(w);
    check(random());
  }
  const char text[] = "收入总计1,186.81";
  EXPECT_EQ(text::swar::any_between(text::swar::load(text), '0', '9'), 0u);  // 收入 and two bytes of 总
  EXPECT_NE(text::swar::any_between(text::swar::load(text + 12), '0', '9'), 0u);  // 1,186.81
}

// The places where a digit may start are found eight bytes at a time: each must be the first
// ASCII digit or 0xEF byte at or after where the search starts, wherever that falls in a word.
TEST(Utf8, FindsWhereDigitsMayStart) {
  const std::string text = "收入合计１，１８６万元ｘ并2023年（）\xEF";
  for (size_t from = 0; from <= text.size(); ++from) {
    size_t expected = from;
    while (expected < text.size() && !is_ascii_digit(text[expected]) && text[expected] != '\xEF') ++expected;
    ASSERT_EQ(next_digit_candidate(text, from), expected) << "from " << from;
  }
  EXPECT_EQ(digit_length_at("１8", 0), 3u);
  EXPECT_EQ(digit_length_at("１8", 3), 1u);
  EXPECT_EQ(digit_length_at("，", 0), 0u);        // a full-width form, no digit
  EXPECT_EQ(digit_length_at("\xEF\xBC", 0), 0u);  // cut short
  EXPECT_EQ(digit_length_at("8", 1), 0u);
}

// find_word looks for a word's last byte first; it must find what std::string_view::find finds, at
// every start, for words that share bytes with the text around them and for bytes that start no
// character.
TEST(Utf8, FindsWordsWhereStringFindDoes) {
  const std::string text = "单位:万元,元万元。单万\xe5\x85万元元\x83单位";
  const std::vector<std::string> words = {"元",   "万元", "单位",
                                          "位",   "\x83", "\xe5\x85",
                                          "元元", "",     "单位:万元,元万元。单万\xe5\x85万元元\x83单位x"};
  for (const std::string& w : words) {
    for (size_t from = 0; from <= text.size() + 1; ++from) {
      ASSERT_EQ(find_word(text, w, from), std::string_view(text).find(w, from))
          << "\"" << w << "\" from " << from;
    }
  }
  EXPECT_EQ(find_word("金额单位:万元", "万元"), 13u);
  EXPECT_EQ(find_word("", "元"), std::string_view::npos);
}

TEST(Fold, WritesFullWidthFormsAsAscii) {
  EXPECT_EQ(match_key("１，２９５．８７万元（类）"), "1,295.87万元(类)");
  EXPECT_EQ(match_key("≧90％"), "≥90%");
  EXPECT_EQ(match_key("﹦"), "=");
}

TEST(Fold, DropsSpacesBetweenChineseButKeepsThemBetweenNumbers) {
  EXPECT_EQ(match_key("一级 指标"), "一级指标");
  EXPECT_EQ(match_key("2019 年度财政收入 1,295.87 万元"), "2019年度财政收入1,295.87万元");
  EXPECT_EQ(match_key("行次 38 697,723.84"), "行次38 697,723.84");
  EXPECT_EQ(match_key("占基本支出预\n算0.52%"), "占基本支出预算0.52%");
}

TEST(Fold, DropsMirrorSiteMojibakeAndSimplifies) {
  EXPECT_EQ(display("預(yù)算結轉(zhuǎn)"), "預算結轉");
  EXPECT_EQ(match_key("預(yù)算結轉(zhuǎn)", /*traditional=*/true), "预算结转");
  // A real parenthesis after a character stays.
  EXPECT_EQ(display("一般公共服务(类)"), "一般公共服务(类)");
  EXPECT_TRUE(looks_traditional("財政撥款"));
  EXPECT_FALSE(looks_traditional("财政拨款"));
}

TEST(Fold, FindsATraditionalMarkAfterCharactersOfEveryLength) {
  // One mark (經) after ASCII, two-byte (°), three-byte non-Han (。) and four-byte (𠀀) characters.
  EXPECT_TRUE(looks_traditional("a°。𠀀經"));
  EXPECT_TRUE(looks_traditional("經"));
  EXPECT_FALSE(looks_traditional("a°。𠀀经"));
  // Characters whose bytes lie next to a mark's: the same lead and middle byte as 經 (U+7D93),
  // and the same last byte under another lead.
  EXPECT_FALSE(looks_traditional("\u7D92\u7D94\u6D93\u8D93"));
  EXPECT_FALSE(looks_traditional(""));
}

TEST(Fold, SimplifiesEveryHanCharacterAsIcuDoes) {
  // The table is built from the characters ICU's transliterator says it may change; here every
  // character of the blocks is asked, one per line, and a character that becomes one other is
  // what fold_char gives (ICU's data missing, both leave every character as it is).
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance("Hant-Hans", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !t) GTEST_SKIP() << "no Hant-Hans transliteration in this ICU";
  int simplified = 0;
  for (auto [first, last] : {std::pair<char32_t, char32_t>{0x3400, 0x9FFF}, {0xF900, 0xFAFF}}) {
    for (char32_t from = first; from <= last; from += 256) {
      const char32_t to = std::min<char32_t>(last, from + 255);
      icu::UnicodeString s;
      for (char32_t c = from; c <= to; ++c)
        s.append(static_cast<UChar32>(c)).append(static_cast<UChar>('\n'));
      t->transliterate(s);
      int32_t i = 0;
      for (char32_t c = from; c <= to; ++c) {
        int32_t j = s.indexOf(static_cast<UChar>('\n'), i);
        ASSERT_GE(j, 0);
        char32_t want = s.countChar32(i, j - i) == 1 ? static_cast<char32_t>(s.char32At(i)) : c;
        ASSERT_EQ(fold_char(c, /*traditional=*/true), want) << "U+" << std::hex << static_cast<uint32_t>(c);
        simplified += want != c;
        i = j + 1;
      }
    }
  }
  EXPECT_GT(simplified, 2000);
}

TEST(Fold, MapsEveryByteBackToTheOriginal) {
  std::string original = "收入 １，２００ 万元";
  FoldedText f = fold(original, 100, FoldMode::kMatch);
  EXPECT_EQ(f.text, "收入1,200万元");
  size_t at = f.text.find("1,200");
  TextRange r = f.source_range(at, at + 5);
  EXPECT_EQ(original.substr(r.begin - 100, r.size()), "１，２００");
}

// Text that folds to itself is copied in runs and the rest character by character: where the two
// meet — an ideographic space inside CJK punctuation, a traditional character between ones that do
// not change — the text and its map must be what the character-by-character path gives.
TEST(Fold, RunsOfUnchangedTextMeetTheCharactersThatChange) {
  EXPECT_EQ(match_key("收入、支出。\u3000《预算》"), "收入、支出。《预算》");
  EXPECT_EQ(match_key("(一)收入總計，合計。", /*traditional=*/true), "(一)收入总计,合计。");
  EXPECT_EQ(match_key("收入總計", /*traditional=*/false), "收入總計");
  std::string original = "一般公共預算收入、財政撥款";
  FoldedText f = fold(original, 7, FoldMode::kMatch, /*traditional=*/true);
  EXPECT_EQ(f.text, "一般公共预算收入、财政拨款");
  ASSERT_EQ(f.source.size(), f.text.size() + 1);
  for (std::string_view word : {"预算", "、", "财政拨款"}) {
    size_t at = f.text.find(word);
    TextRange r = f.source_range(at, at + word.size());
    EXPECT_EQ(match_key(original.substr(r.begin - 7, r.size()), true), word);
  }
}

// A '(' that no pinyin letter follows, and Chinese quotation marks, fold to themselves within a run;
// a '(' that one follows may open an annotation and goes character by character.
TEST(Fold, ParenthesesAndQuotesStayInRunsUnlessPinyinMayFollow) {
  EXPECT_EQ(match_key("项目(类)“说明”(1)"), "项目(类)“说明”(1)");
  EXPECT_EQ(match_key("預(ā)算(類)", /*traditional=*/true), "预算(类)");
  EXPECT_EQ(display("项(a)目"), "项(a)目");    // letters without a tone are no annotation
  EXPECT_EQ(display("“项”(yù)"), "“项”(yù)");  // an annotation follows a Han character only
  EXPECT_EQ(display("项 (yù)目"), "项目");     // …which a space may separate from it
  EXPECT_EQ(display("项目("), "项目(");
  // …wherever it falls in a long line.
  for (int k = 0; k < 40; ++k) {
    std::string before(k, '1');
    for (int n = 0; n < k % 5; ++n) before += "经";
    const std::string after = "算" + std::string(20, 'x');
    EXPECT_EQ(display(before + "预(yù)" + after), before + "预" + after) << k;
  }
  std::string original = "支出(类)“三公”经费 (yù)";
  FoldedText f = fold(original, 3, FoldMode::kMatch);
  EXPECT_EQ(f.text, "支出(类)“三公”经费");
  ASSERT_EQ(f.source.size(), f.text.size() + 1);
  for (std::string_view word : {"(类)", "“三公”", "经费"}) {
    size_t at = f.text.find(word);
    TextRange r = f.source_range(at, at + word.size());
    EXPECT_EQ(original.substr(r.begin - 3, r.size()), word);
  }
}

// The kMatch folding of a text without pinyin, a character at a time: fold_char for each, and blanks
// kept as one space between two visible ASCII characters only. Each byte written maps back to the
// character it came from.
FoldedText fold_by_characters(std::string_view s, uint32_t base) {
  FoldedText f;
  auto visible = [](char32_t c) { return c > 0x20 && c < 0x7F; };
  char32_t last = 0;
  size_t blank_at = std::string_view::npos;  // where the blanks before the next character start
  auto emit = [&](char32_t c, size_t begin, size_t end) {
    const size_t before = f.text.size();
    append_utf8(f.text, c);
    f.source.insert(f.source.end(), f.text.size() - before, base + static_cast<uint32_t>(begin));
    f.ends.insert(f.ends.end(), f.text.size() - before, base + static_cast<uint32_t>(end));
    last = c;
  };
  for (size_t i = 0; i < s.size();) {
    const size_t start = i;
    const char32_t c = next_char(s, i);
    if (is_blank(c)) {
      blank_at = std::min(blank_at, start);
      continue;
    }
    const char32_t out = fold_char(c);
    if (blank_at != std::string_view::npos && visible(last) && visible(out))
      emit(' ', blank_at, blank_at + 1);
    blank_at = std::string_view::npos;
    emit(out, start, i);
  }
  f.source.push_back(base + static_cast<uint32_t>(s.size()));
  return f;
}

// Runs of text that folds to itself are copied whole. Random texts of every kind of character, broken
// UTF-8 included, fold as a character at a time folds them, text and map, wherever a run ends.
TEST(Fold, RandomTextFoldsAsACharacterAtATime) {
  const std::vector<std::string> pieces = {
      "收",       "入", "预算", "经费支出", "、", "。",   "《",   "》", "\u3000",   "“",
      "”",        "—",  "１",   "（",       "a",  "1",    ",",    ".",  "(",        "(1)",
      " ",        "\n", "\t",   "é",        "😀",  "\xE5", "\x80", "㐀", "\xE3\x80", "\xE3\x80\x80",
      "\xE9\xBF", "~",  ")",    "\x7F"};
  std::mt19937_64 random(20261207);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const size_t n = random() % 64;
    for (size_t k = 0; k < n; ++k) {
      // Mostly Han and ASCII, which runs are made of, with the rest among them.
      const size_t pick = random() % 4 ? random() % 4 + (random() % 2 ? 0 : 14) : random() % pieces.size();
      s += pieces[pick];
    }
    const FoldedText want = fold_by_characters(s, 5);
    const FoldedText got = fold(s, 5, FoldMode::kMatch);
    ASSERT_EQ(got.text, want.text) << ::testing::PrintToString(s);
    ASSERT_EQ(got.source, want.source) << ::testing::PrintToString(s);
    ASSERT_EQ(got.ends, want.ends) << ::testing::PrintToString(s);
    ASSERT_EQ(match_key(s), want.text) << ::testing::PrintToString(s);
  }
}

TEST(Numerals, MarkersCountInEveryScriptAndNoFurtherThanAMillion) {
  EXPECT_EQ(marker_ordinal("二、"), 2);
  EXPECT_EQ(marker_ordinal("（十一）"), 11);
  EXPECT_EQ(marker_ordinal("二十三、"), 23);
  EXPECT_EQ(marker_ordinal("3."), 3);
  EXPECT_EQ(marker_ordinal("⑤"), 5);
  EXPECT_EQ(marker_ordinal("、"), 0);
  // A figure read as a marker: as many digits as it has, without overflowing.
  EXPECT_EQ(marker_ordinal("99999999999999999999."), 1'000'000);
  EXPECT_EQ(marker_ordinal("九九九九九九九九九九九九、"), 1'000'000);
  EXPECT_EQ(marker_ordinal("十十十十十十十十十十十十、"), 1'000'000);
}

TEST(Text, ShortTextHashMixesEveryByteTheLengthAndTheSeed) {
  EXPECT_EQ(short_text_hash("一般公共预算"), short_text_hash(std::string("一般公共预算")));
  // A last word shorter than eight bytes is padded with zeros: the length tells them apart.
  EXPECT_NE(short_text_hash(std::string_view("a", 1)), short_text_hash(std::string_view("a\0", 2)));
  EXPECT_NE(short_text_hash(""), short_text_hash(std::string_view("\0", 1)));
  EXPECT_NE(short_text_hash("预算", 1), short_text_hash("预算", 2));
  // Texts that differ in one byte anywhere land far apart in the high bits, which tables index by.
  std::set<uint64_t> high;
  std::string base(40, 'x');
  for (size_t i = 0; i < base.size(); ++i) {
    std::string changed = base;
    changed[i] = 'y';
    high.insert(short_text_hash(changed) >> 52);
  }
  EXPECT_GE(high.size(), 35u);
}

}  // namespace
}  // namespace budgetlens::text
