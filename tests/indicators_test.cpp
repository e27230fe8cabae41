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

TEST(Indicators, AUnitColumnNamesUnitsTheGrammarDoesNotKnow) {
  DocumentResult d = testing::run(
      "一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 权重 |\n"
      "产出指标 | 时效指标 | 维持时效 | ≥ | 1 | 年 | 20 |\n"
      "产出指标 | 质量指标 | 按时发放 | ≥ | 1 | 人/年 | 10 |\n"
      "产出指标 | 数量指标 | 覆盖村数 | = | 11 | 无 | 10 |\n"
      "产出指标 | 数量指标 | 培训人次 | = | 30 | 按实际参训人数统计并逐月上报 | 10 |\n"
      "效益指标 | 社会效益指标 | 维护社会稳定 | ≥ | 95 | % | 10 |\n");
  ASSERT_EQ(d.indicators.size(), 5u);
  EXPECT_EQ(d.indicators[0].target.unit, "年");
  EXPECT_EQ(d.indicators[1].target.unit, "人/年");  // a rate: not 人
  EXPECT_EQ(d.indicators[2].target.unit, "");       // 无 stands for no unit
  EXPECT_EQ(d.indicators[3].target.unit, "");       // a sentence is no unit
  EXPECT_EQ(d.indicators[4].target.unit, "%");
  // The table's figures carry the same units; a unit the grammar does not know tells no kind.
  const QuantityRecord* years = nullptr;
  for (const QuantityRecord& q : d.quantities) {
    if (q.label.ends_with("维持时效") && q.column == "指标值") years = &q;
  }
  ASSERT_NE(years, nullptr);
  EXPECT_EQ(years->unit, "年");
  EXPECT_EQ(years->unit_source, "row");
  EXPECT_EQ(years->kind, "other");
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

// Indicator tables whose cells ran together into text (extract/indicator_runs.cpp).

TEST(IndicatorRuns, LevelNamesTargetsAndTheWeightsLeftStandingAlone) {
  DocumentResult d = testing::run(
      "产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5 时效指标按时发放率=100% 25 "
      "效益指标经济效益指标结余率(结余数/预算数)≤5% 30 合计100 评价结论：按时足额发放。\n");
  ASSERT_EQ(d.indicators.size(), 4u);
  const IndicatorRecord& a = d.indicators[0];
  EXPECT_EQ(a.level1, "产出指标");
  EXPECT_EQ(a.level2, "数量指标");
  EXPECT_EQ(a.name, "足额保障率");
  EXPECT_EQ(a.target.comparator, "=");
  EXPECT_EQ(dec(a.target.value), "100");
  EXPECT_EQ(dec(a.weight), "22.5");
  EXPECT_EQ(a.weight_source, "run");
  EXPECT_TRUE(a.table.empty());
  EXPECT_EQ(a.row, -1);
  EXPECT_EQ(d.indicators[1].name, "科目调整次数");
  EXPECT_EQ(d.indicators[1].level2, "数量指标");  // the level goes on until another is named
  EXPECT_EQ(d.indicators[1].target.comparator, "≤");
  EXPECT_EQ(d.indicators[1].target.unit, "次");
  EXPECT_EQ(d.indicators[2].level2, "时效指标");
  EXPECT_EQ(dec(d.indicators[2].weight), "25");
  EXPECT_EQ(d.indicators[3].level1, "效益指标");
  EXPECT_EQ(d.indicators[3].level2, "经济效益指标");
  EXPECT_EQ(d.indicators[3].name, "结余率(结余数/预算数)");
  EXPECT_EQ(dec(d.indicators[3].weight), "30");
  EXPECT_EQ(d.document.coverage.unaccounted, 0u);
}

// Printed in traditional characters, a run is read as in simplified ones, and its names are kept as
// printed (indicators.xml's run `needs` both forms, looked for before the text is folded).
TEST(IndicatorRuns, TraditionalCharacters) {
  DocumentResult d = testing::run(
      "產出指標數量指標足額保障率=100% 22.5 科目調整次數≤10次 22.5 時效指標按時發放率=100% 25 "
      "效益指標經濟效益指標結餘率≤5% 30 合計100\n");
  ASSERT_EQ(d.indicators.size(), 4u);
  EXPECT_EQ(d.indicators[0].level1, "產出指標");
  EXPECT_EQ(d.indicators[1].name, "科目調整次數");
  EXPECT_EQ(d.indicators[3].level2, "經濟效益指標");
  EXPECT_EQ(dec(d.indicators[3].weight), "30");
}

TEST(IndicatorRuns, ExplanationsAndMoneyTargetsWithNoSpaceAtAll) {
  DocumentResult d = testing::run(
      "一级指标二级指标指标解释指标值数量指标送书下乡次数反映送书下乡开展情况12次图书借阅人次反映借阅情况"
      "≥8000人次成本指标单场活动成本反映每场平均支出≤0.5万元\n");
  ASSERT_EQ(d.indicators.size(), 3u);
  EXPECT_EQ(d.indicators[0].name, "送书下乡次数");
  EXPECT_EQ(d.indicators[0].note, "反映送书下乡开展情况");
  EXPECT_EQ(d.indicators[0].target.comparator, "");
  EXPECT_EQ(dec(d.indicators[0].target.value), "12");
  EXPECT_EQ(d.indicators[1].name, "图书借阅人次");
  EXPECT_EQ(d.indicators[1].target.raw, "≥8000人次");
  EXPECT_EQ(d.indicators[2].level2, "成本指标");
  EXPECT_EQ(dec(d.indicators[2].target.value_yuan), "5000");
}

TEST(IndicatorRuns, WeightsActualsAndScoresFusedWithTheTarget) {
  DocumentResult d = testing::run(
      "三级指标分值指标值实际完成值得分数量指标(10分)培训人数10150人150人10质量指标(10分)培训合格率10≥95%96%9"
      "成本指标(10分)人均培训成本10800元800元10\n");
  ASSERT_EQ(d.indicators.size(), 3u);
  const IndicatorRecord& a = d.indicators[0];
  EXPECT_EQ(dec(a.level2_weight), "10");
  EXPECT_EQ(a.name, "培训人数");
  EXPECT_EQ(dec(a.weight), "10");  // "10150人" then "150人": the weight ran into the target
  EXPECT_EQ(dec(a.target.value), "150");
  EXPECT_EQ(a.target.raw, "150人");
  EXPECT_EQ(dec(a.actual.value), "150");
  EXPECT_EQ(dec(a.score), "10");
  EXPECT_EQ(a.remarks.size(), 2u);  // says how the weight was read
  const IndicatorRecord& b = d.indicators[1];
  EXPECT_EQ(b.name, "培训合格率");  // the digits before ≥ are the weight, not the name's
  EXPECT_EQ(dec(b.weight), "10");
  EXPECT_EQ(dec(b.target.value), "95");
  EXPECT_EQ(dec(b.actual.value), "96");
  EXPECT_EQ(dec(b.score), "9");
  EXPECT_EQ(dec(d.indicators[2].target.value_yuan), "800");
}

TEST(IndicatorRuns, AWeightFusedWithATargetPrintedWithThousandsSeparators) {
  // "102,370人" then "2,370人": the weight 10 ran into a target printed with a comma, as the actual is.
  DocumentResult d = testing::run(
      "三级指标分值指标值实际完成值得分数量指标(10分)保障人数102,370人2,370人10质量指标(10分)培训合格率10≥95%"
      "96%9\n");
  ASSERT_GE(d.indicators.size(), 1u);
  const IndicatorRecord& a = d.indicators[0];
  EXPECT_EQ(a.name, "保障人数");
  EXPECT_EQ(dec(a.weight), "10");
  EXPECT_EQ(a.target.raw, "2,370人");
  EXPECT_EQ(dec(a.target.value), "2370");
  EXPECT_EQ(dec(a.actual.value), "2370");
}

TEST(IndicatorRuns, RunningTextThatNamesALevelIsNoIndicator) {
  DocumentResult d = testing::run(
      "本项目产出指标完成情况良好，全年举办活动26场，超过年度目标。\n"
      "效益指标方面，群众满意度达到95%。\n"
      "数量指标补贴渔船数6620质量指标发放率=100%\n");  // one target and no header: a sentence, not a form
  EXPECT_TRUE(d.indicators.empty());
}

TEST(IndicatorRuns, TextThatCannotBeCutIsLeftAndReadingWaitsForTheNextLevel) {
  DocumentResult d = testing::run(
      "二级指标三级指标年初目标值实际完成值得分数量指标补贴渔船数6620质量指标渔船补贴发放率100%100%10"
      "时效指标12月底之前完成10 2、0%100%10\n");
  ASSERT_EQ(d.indicators.size(), 1u);  // 补贴渔船数 has no target that can be told; the 时效 row is garbled
  EXPECT_EQ(d.indicators[0].name, "渔船补贴发放率");
  EXPECT_EQ(dec(d.indicators[0].target.value), "100");
  EXPECT_EQ(dec(d.indicators[0].actual.value), "100");
  EXPECT_EQ(dec(d.indicators[0].score), "10");
}

TEST(IndicatorRuns, ADocumentWithAnIndicatorTableReadsOnlyTheTable) {
  DocumentResult d = testing::run(
      "产出指标数量指标足额保障率=100% 20 科目调整次数≤10次 20\n\n"
      "一级指标 | 二级指标 | 三级指标 | 指标值 |\n产出指标 | 数量指标 | 完成次数 | ≥100次 |\n");
  ASSERT_EQ(d.indicators.size(), 1u);
  EXPECT_EQ(d.indicators[0].table, "t1");
}

}  // namespace
}  // namespace budgetlens
