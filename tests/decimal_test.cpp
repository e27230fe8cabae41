// model/decimal: exact arithmetic for published amounts.
#include <gtest/gtest.h>

#include <string>

#include "model/decimal.h"

namespace budgetlens {
namespace {

Decimal d(const char* s) { return *Decimal::parse(s); }

TEST(Decimal, KeepsPrintedDecimals) {
  EXPECT_EQ(d("1186.81").to_string(), "1186.81");
  EXPECT_EQ(d("6400.00").to_string(), "6400.00");
  EXPECT_EQ(d("6400.00").to_canonical(), "6400");
  EXPECT_EQ(d("0.50").to_canonical(), "0.5");
  EXPECT_EQ(d("-0.05").to_string(), "-0.05");
  EXPECT_EQ(d("12.").to_string(), "12");
  EXPECT_EQ(d(".5").to_string(), "0.5");
}

// The digits of a value, placed by their scale with plain string edits: what format() writes in
// one pass, spelled out.
std::string spelled(const std::string& digits, int scale, bool negative, bool canonical) {
  std::string s = digits;
  if (scale > 0 && static_cast<int>(s.size()) <= scale) s.insert(0, scale - s.size() + 1, '0');
  if (scale > 0) s.insert(s.size() - scale, 1, '.');
  if (canonical && s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return (negative ? "-" : "") + s;
}

TEST(Decimal, WritesEveryScaleAndSizeAsSpelledOut) {
  // Mantissas on both sides of the 64-bit limit, where format() changes how it divides.
  const char* digits[] = {"0",
                          "5",
                          "10",
                          "50",
                          "100",
                          "123456789",
                          "1000000000000000000",
                          "999999999999999999",
                          "18446744073709551615",
                          "18446744073709551616",
                          "999999999999999999000000000000000000",
                          "123456789012345678987654321"};
  for (const char* text : digits) {
    std::string t = text;
    // Longer than parse() takes: an 18-digit head times a power of ten, plus the tail.
    Decimal whole = d(t.substr(0, 18).c_str());
    if (t.size() > 18) whole = whole.shifted(static_cast<int>(t.size()) - 18) + d(t.substr(18).c_str());
    ASSERT_EQ(whole.to_string(), t);
    for (int scale = 0; scale <= Decimal::kMaxScale; ++scale) {
      Decimal v = whole.shifted(-scale);
      for (bool negative : {false, true}) {
        Decimal x = negative ? v.negated() : v;
        bool minus = negative && t != "0";
        EXPECT_EQ(x.to_string(), spelled(t, scale, minus, false)) << t << " scale " << scale;
        EXPECT_EQ(x.to_canonical(), spelled(t, scale, minus, true)) << t << " scale " << scale;
        char buf[Decimal::kMaxChars];
        EXPECT_EQ(std::string(buf, x.format(buf, false)), x.to_string());
      }
    }
  }
}

TEST(Decimal, ShiftsUnitsExactly) {
  EXPECT_EQ(d("1186.81").shifted(4).to_canonical(), "11868100");
  EXPECT_EQ(d("0.28").shifted(0).to_canonical(), "0.28");
  EXPECT_EQ(d("60189").shifted(8).to_canonical(), "6018900000000");
  EXPECT_EQ(d("15897000.0").shifted(0).to_canonical(), "15897000");
  EXPECT_EQ(d("12958700").shifted(-4).to_canonical(), "1295.87");
}

TEST(Decimal, AddsWithoutBinaryRounding) {
  // 0.1 + 0.2 is exactly 0.3 here.
  EXPECT_EQ(d("0.1") + d("0.2"), d("0.3"));
  EXPECT_EQ((d("1091.91") + d("15.62") + d("79.27")).to_string(), "1186.80");
  EXPECT_EQ((d("1186.81") - d("1186.80")).to_string(), "0.01");
  EXPECT_LT(d("-1"), d("0.001"));
}

TEST(Decimal, DividesWithHalfUpRounding) {
  EXPECT_EQ(Decimal::divide(d("5.52"), d("18"), 4)->to_string(), "0.3067");
  EXPECT_EQ(Decimal::divide(d("-2"), d("20"), 2)->to_string(), "-0.10");
  EXPECT_EQ(Decimal::divide(d("1"), d("3"), 2)->to_string(), "0.33");
  EXPECT_FALSE(Decimal::divide(d("1"), d("0"), 2).has_value());
  // A divisor with many decimals: the dividend times 10^30 does not fit in 128 bits, the quotient does.
  EXPECT_EQ(Decimal::divide(d("1234567890123456.78"), d("0.333333333333333333"), 12)->to_string(),
            "3703703670370370.343703703670");
  // A quotient of 47 digits fits nowhere.
  EXPECT_FALSE(Decimal::divide(d("12345678901234567.8"), d("0.000000000000000001"), 12).has_value());
}

TEST(Decimal, HalfUnitOfPrintedPrecision) {
  EXPECT_EQ(Decimal::half_unit(2).to_string(), "0.005");
  EXPECT_EQ(Decimal::half_unit(0).to_string(), "0.5");
}

TEST(Decimal, RefusesWhatIsNotANumber) {
  for (const char* bad : {"", "-", ".", "1.2.3", "12a", "1,000", "１２"}) EXPECT_FALSE(Decimal::parse(bad)) << bad;
  EXPECT_FALSE(Decimal::parse(std::string(400, '9')));  // more digits than a Decimal holds
  EXPECT_TRUE(Decimal::parse("0.0900000762939453"));    // float artefacts are still numbers
}

TEST(Decimal, RescalesRoundingHalfAwayFromZero) {
  EXPECT_EQ(d("2.345").rescaled(2).to_string(), "2.35");
  EXPECT_EQ(d("-2.345").rescaled(2).to_string(), "-2.35");
  EXPECT_EQ(d("2.3").rescaled(3).to_string(), "2.300");
}

TEST(Decimal, TrimmedDropsTrailingFractionalZerosOnly) {
  for (const char* text : {"6400.00", "0.50", "0.05", "0.000", "-12.3400", "1200", "7"}) {
    const Decimal t = d(text).trimmed();
    EXPECT_EQ(t, d(text)) << text;  // the same value
    EXPECT_EQ(t.to_string(), d(text).to_canonical()) << text;
  }
  EXPECT_EQ(d("1200").trimmed().scale(), 0);  // whole numbers keep their zeros
  // More digits than parse() takes, as a sum of two published amounts can have.
  const Decimal big = d("9999999999999999.90") + d("0.11");
  EXPECT_FALSE(Decimal::parse(big.to_canonical()));
  EXPECT_EQ(big.trimmed().to_string(), "10000000000000000.01");
}

TEST(Decimal, StaysExactForFiguresAndDefinedFarBeyondThem) {
  // 亿元 in 元 (26 digits) beside a figure printed with eighteen decimals: exact alignment would
  // need 44 digits. The sum keeps the decimals there is room for; compare still orders them.
  const Decimal big = d("999999999999999999").shifted(8), tiny = d("0.000000000000000001");
  const Decimal sum = big + tiny;
  EXPECT_EQ(sum, big);  // the tiny part is below the decimals kept
  EXPECT_LT(sum.scale(), 18);
  EXPECT_LT(tiny, big);
  EXPECT_GT(big, tiny);
  EXPECT_LT(big.negated(), tiny);
  EXPECT_EQ((big - big).to_canonical(), "0");
  // Upscaling keeps the value and as many of the decimals asked for as fit.
  const Decimal wide = big.rescaled(18);
  EXPECT_EQ(wide, big);
  EXPECT_EQ(wide.scale(), 11);  // 26 digits and 11 decimals: 37
  // Products and shifts past 37 digits stop there.
  const std::string most(37, '9');
  EXPECT_EQ((big * big).to_string(), most);
  EXPECT_EQ((big.negated() * big).to_string(), "-" + most);
  EXPECT_EQ(d("999999999999999999").shifted(30).to_string(), most);
  // A product that fits once decimals are dropped keeps the rest.
  EXPECT_EQ((d("99999999999999999.9") * d("99999999999999999.9")).to_string().substr(0, 5), "99999");
  // Ordinary figures are untouched: every decimal kept.
  EXPECT_EQ((d("1186.81") + d("0.000000000000000001")).to_string(), "1186.810000000000000001");
  EXPECT_EQ((d("12.5") * d("100")).to_string(), "1250.0");
}

}  // namespace
}  // namespace budgetlens
