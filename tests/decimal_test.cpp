// model/decimal: exact arithmetic for published amounts.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace budgetlens
