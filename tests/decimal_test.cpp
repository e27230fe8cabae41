#include <gtest/gtest.h>

#include "model/decimal.h"

namespace budgetlens {
namespace {

TEST(Decimal, ParsesAndKeepsPrintedDecimals) {
  EXPECT_EQ(Decimal::parse("1186.81")->to_string(), "1186.81");
  EXPECT_EQ(Decimal::parse("6400.00")->to_string(), "6400.00");
  EXPECT_EQ(Decimal::parse("6400.00")->to_canonical(), "6400");
}
}  // namespace
}  // namespace budgetlens
