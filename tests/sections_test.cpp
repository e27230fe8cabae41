// sections/: the tree of numbered sections, tables of contents and document facts.
#include "layout/layout.h"
#include "sections/sections.h"
#include "test_support.h"

namespace budgetlens::sections {
namespace {

Outline outline_of(const source::SourceText& s) {
  layout::Layout l = layout::build_layout(s, testing::builtin_grammar());
  return build_outline(l, s, testing::builtin_grammar());
}

TEST(Sections, LevelsFollowTheOrderStylesAppear) {
  auto s = testing::source_of(
      "第一部分 概况\n一、职能\n（一）机构\n(二)人员\n二、任务\n第二部分 说明\n一、收入\n1.财政拨款\n2.其他收入\n");
  Outline o = outline_of(s);
  ASSERT_EQ(o.sections.size(), 9u);
  EXPECT_EQ(o.sections[0].level, 1);
  EXPECT_EQ(o.sections[1].level, 2);
  EXPECT_EQ(o.sections[2].level, 3);
  EXPECT_EQ(o.sections[3].parent, 1);  // full- and half-width brackets are one style
  EXPECT_EQ(o.sections[4].level, 2);
  EXPECT_EQ(o.sections[5].level, 1);  // a part always opens level 1
  EXPECT_EQ(o.sections[7].level, 3);
  EXPECT_EQ(o.sections[8].parent, 6);
}

TEST(Sections, TableOfContentsOpensNoSection) {
  auto s = testing::source_of(
      "某单位2020年部门决算\n目 录\n第一部分:概况\n一、主要职能\n第二部分:情况说明\n"
      "第一部分:概况\n一、主要职能\n正文。\n第二部分:情况说明\n一、收入\n正文。\n");
  Outline o = outline_of(s);
  ASSERT_EQ(o.sections.size(), 4u);
  EXPECT_EQ(o.sections[0].title, "概况");
  EXPECT_EQ(o.sections[2].level, 1);
}

TEST(Sections, DocumentTitleOrgYearKind) {
  auto s = testing::source_of("发布时间:2023-07-18 14:33\n临溪市档案馆\n2021年部门决算\n第一部分 概况\n");
  Outline o = outline_of(s);
  EXPECT_EQ(o.title, "临溪市档案馆 2021年部门决算");
  EXPECT_EQ(o.org, "临溪市档案馆");
  EXPECT_EQ(o.year, 2021);
  EXPECT_EQ(o.kind, "final_accounts");
}

TEST(Sections, OrganisationFromALabelledLine) {
  // The name after a label on the label's own line, from the first such line of the head.
  auto s = testing::source_of(
      "2023年部门整体支出绩效目标表\n填报单位：洪江市人民政府办公室\n部门(单位)名称:其他单位\n");
  EXPECT_EQ(outline_of(s).org, "洪江市人民政府办公室");
  // A seal mark and spaces between the label and the name.
  auto sealed = testing::source_of("2019年度部门整体支出绩效评价基础数据表\n单位名称(盖章): 县政府办\n");
  EXPECT_EQ(outline_of(sealed).org, "县政府办");
  // A label alone on its line names nothing: the line after it is as often a table's next cell.
  auto alone = testing::source_of("2020年项目支出绩效自评表\n主管部门\n项目资金(万元)\n");
  EXPECT_EQ(outline_of(alone).org, "");
  auto label_line = testing::source_of("2020年项目支出绩效自评表\n填报单位：\n某某市某某局\n");
  EXPECT_EQ(outline_of(label_line).org, "");
}

}  // namespace
}  // namespace budgetlens::sections
