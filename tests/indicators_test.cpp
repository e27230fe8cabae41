// extract/indicators: indicator records from indicator and score tables.
#include "test_support.h"

namespace budgetlens {
namespace {

std::string dec(const std::optional<Decimal>& v) { return v ? v->to_canonical() : "none"; }

TEST(Indicators, LevelsWeightsAndTargets) {
  DocumentResult d = testing::run(
      "一级指标 | 二级指标 | 三级指标 | 指标值类型 | 指标值 | 度量单位 |\n"
      "产出指标(30分) | 数量指标(20分) | 完成次数 | ≥ | 100 | 次 |\n"
      "合格率 | = | 100 | % | ||\n"
      "效益指标(10分) | 社会效益(10分) | 群众满意度 | 定性 | 满意 | |\n"
      "成本指标 | 成本控制 | 预算内 | ≤ | 76.27万元 | |\n");
  ASSERT_EQ(d.indicators.size(), 4u);
  const IndicatorRecord& a = d.indicators[0];
  EXPECT_EQ(a.level1, "产出指标");
  EXPECT_EQ(dec(a.level1_weight), "30");
  EXPECT_EQ(a.level2, "数量指标");
  EXPECT_EQ(dec(a.level2_weight), "20");
  EXPECT_EQ(a.name, "完成次数");
  EXPECT_EQ(a.target.comparator, "≥");
  EXPECT_EQ(dec(a.target.value), "100");
  EXPECT_EQ(a.target.unit, "次");
  EXPECT_EQ(d.indicators[1].level2, "数量指标");  // filled down from the merged cell
  EXPECT_EQ(d.indicators[1].target.unit, "%");
  EXPECT_EQ(d.indicators[2].target.comparator, "定性");
  EXPECT_EQ(d.indicators[2].target.raw, "满意");
  EXPECT_FALSE(d.indicators[2].target.value);
  EXPECT_EQ(dec(d.indicators[3].target.value_yuan), "762700");
}

TEST(Indicators, TargetsWithTheirComparatorInside) {
  DocumentResult d = testing::run(
      "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t细化率\t≥90%\n\t\t调整率\t≤20%\n\t\t事项\t1500项\n");
  ASSERT_EQ(d.indicators.size(), 3u);
  EXPECT_EQ(d.indicators[0].target.comparator, "≥");
  EXPECT_EQ(dec(d.indicators[0].target.value), "90");
  EXPECT_EQ(d.indicators[0].target.unit, "%");
  EXPECT_EQ(d.indicators[1].target.comparator, "≤");
  EXPECT_EQ(d.indicators[2].target.unit, "项");
  EXPECT_EQ(d.indicators[2].target.comparator, "");
}

TEST(Indicators, CriteriaRowsArePartsOfOneIndicatorAndTotalsAreNotIndicators) {
  DocumentResult d = testing::run(
      "一级指标\t二级指标\t三级指标\t指标说明\t分值\t自评得分\n"
      "投入(8分)\t目标(8分)\t合理性(4分)\t1、是否设立；\t2\t2\n"
      "\t\t\t2、是否符合；\t2\t1.5\n"
      "\t\t明确性(4分)\t1、是否清晰；\t4\t4\n"
      "总 分\t\t\t\t8\t7.5\n");
  ASSERT_EQ(d.indicators.size(), 2u);
  const IndicatorRecord& a = d.indicators[0];
  EXPECT_EQ(a.name, "合理性");
  ASSERT_EQ(a.parts.size(), 2u);
  EXPECT_EQ(a.parts[1].text, "2、是否符合；");
  EXPECT_EQ(dec(a.weight), "4");
  EXPECT_EQ(dec(a.score), "3.5");
  EXPECT_EQ(a.weight_source, "parts");
  ASSERT_EQ(d.tables.size(), 1u);
  ASSERT_TRUE(d.tables[0].total);
  EXPECT_EQ(dec(d.tables[0].total->weight), "8");
  EXPECT_EQ(dec(d.tables[0].total->score), "7.5");
}

TEST(Indicators, ACriterionThatLostItsFiguresKeepsTheLabelWeight) {
  DocumentResult d = testing::run(
      "一级指标\t二级指标\t三级指标\t指标说明\t分值\t自评得分\n"
      "过程(5分)\t管理(5分)\t制度(5分)\t1、是否完成；\n"
      "\t\t\t2、是否落实；\t2\t1.5\n"
      "\t\t\t3、是否检查；\t2\t2\n");
  ASSERT_EQ(d.indicators.size(), 1u);
  const IndicatorRecord& a = d.indicators[0];
  EXPECT_EQ(dec(a.weight), "5");
  EXPECT_EQ(a.weight_source, "label");
  EXPECT_EQ(dec(a.score), "4.5");  // 5 less the one deduction printed
  EXPECT_EQ(a.score_source, "derived");
  EXPECT_EQ(a.remarks.size(), 1u);
}

}  // namespace
}  // namespace budgetlens
