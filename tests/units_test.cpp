// units/: reading figures and their units.
#include <gtest/gtest.h>

#include "test_support.h"
#include "units/units.h"

namespace budgetlens::units {
namespace {

const grammar::UnitGrammar& g() { return testing::builtin_grammar().units; }

TEST(Figure, ReadsNumberUnitAndApproximation) {
  auto f = read_figure("1,295.87万元,其中", 0, g());
  ASSERT_TRUE(f);
  EXPECT_EQ(f->value.to_string(), "1295.87");
  EXPECT_TRUE(f->separators);
  EXPECT_EQ(f->decimals, 2);
  ASSERT_TRUE(f->unit);
  EXPECT_EQ(f->unit->word, "万元");
  EXPECT_EQ(to_yuan(f->value, *f->unit).to_canonical(), "12958700");

  auto many = read_figure("900余人次以上", 0, g());
  ASSERT_TRUE(many);
  EXPECT_EQ(many->unit->word, "人次");
  EXPECT_EQ(many->approx, "余");

  auto more = read_figure("17000多篇", 0, g());
  EXPECT_EQ(more->approx, "多");
  EXPECT_EQ(more->unit->word, "篇");
}

// A figure is asked about the bytes beside it before the words are compared: every approximation
// word of the grammar, before or after the number, and every comparator, must still be read.
TEST(Figure, ReadsEveryApproximationWordAndComparatorBesideIt) {
  int before = 0, after = 0;
  for (const grammar::ApproxWord& a : g().approx) {
    if (a.where == grammar::ApproxWord::Where::kBefore) {
      const std::string text = "收入" + a.word + "90万元";
      auto f = read_figure(text, text.find('9'), g());
      ASSERT_TRUE(f) << a.word;
      EXPECT_EQ(f->approx, a.word);
      EXPECT_EQ(f->begin, text.find(a.word));
      ++before;
    } else if (a.where == grammar::ApproxWord::Where::kAfter) {
      auto f = read_figure("90" + a.word + "人", 0, g());
      ASSERT_TRUE(f) << a.word;
      EXPECT_EQ(f->approx, a.word);
      EXPECT_EQ(f->unit->word, "人") << a.word;
      ++after;
    }
  }
  EXPECT_GT(before, 0);
  EXPECT_GT(after, 0);
  for (std::string c : {"≥", "≤", ">=", "<=", ">", "<", "="}) {
    for (std::string gap : {"", " "}) {
      const std::string text = "目标" + c + gap + "90%";
      auto f = read_figure(text, text.find('9'), g());
      ASSERT_TRUE(f) << text;
      EXPECT_EQ(f->comparator, c) << text;
    }
  }
  auto plain = read_figure("收入90万元", 6, g());
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->approx, "");
  EXPECT_EQ(plain->comparator, "");
  EXPECT_EQ(plain->begin, 6u);
}

TEST(Figure, KeepsAPointThatPromisedDecimals) {
  auto f = read_figure("96.%", 0, g());
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->trailing_point);
  EXPECT_EQ(f->value.to_string(), "96");
  EXPECT_EQ(f->unit->kind, grammar::UnitKind::kPercent);
}

TEST(Figure, CommasSeparateThousandsOnlyInGroupsOfThree) {
  auto list = read_figure("4125.49,4143.91万元", 0, g());
  EXPECT_EQ(list->value.to_string(), "4125.49");
  EXPECT_FALSE(list->unit);
  auto pair = read_figure("191,99", 0, g());
  EXPECT_EQ(pair->value.to_string(), "191");
}

TEST(Figure, NegativeAndLargeUnits) {
  auto f = read_figure("-0.3", 0, g());
  EXPECT_TRUE(f->negative);
  EXPECT_EQ(f->value.to_string(), "-0.3");
  auto big = read_figure("60189亿元", 0, g());
  EXPECT_EQ(to_yuan(big->value, *big->unit).to_canonical(), "6018900000000");
}

// A unit word that starts a word of its own is no unit: 项 of 项目, but for 项目标 (3项 of 目标).
TEST(Figure, AUnitWordThatStartsAWordOfItsOwnIsNone) {
  EXPECT_EQ(read_figure("4项目立项相关性", 0, g())->unit, nullptr);
  EXPECT_EQ(read_figure("完成3项目标任务", 2 * 3, g())->unit->word, "项");
  EXPECT_EQ(read_figure("12项工作", 0, g())->unit->word, "项");
}

TEST(CellFigure, WholeCellsOnly) {
  EXPECT_TRUE(cell_figure("≥90%", g()));
  EXPECT_EQ(cell_figure("≥90%", g())->comparator, "≥");
  EXPECT_TRUE(cell_figure("76.27万元", g()));
  EXPECT_TRUE(cell_figure("1500项", g()));
  EXPECT_TRUE(cell_figure("100%。", g()));
  EXPECT_FALSE(cell_figure("1名行政人员调往外地", g()));
  EXPECT_FALSE(cell_figure("占入库税收的 33.%;", g()));
  EXPECT_FALSE(cell_figure(std::string(400, '9'), g()));  // too many digits to be a figure
}

}  // namespace
}  // namespace budgetlens::units
