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

}  // namespace
}  // namespace budgetlens::sections
