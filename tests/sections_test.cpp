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

// A row of cells, flattened with bars or printed with tabs (a tab row, a page's table), is read as
// its cells: the first may be the title, and a label's value is the cell after it.
TEST(Sections, RowsOfCellsAreReadCellByCell) {
  for (const char* sep : {" | ", "\t"}) {
    const std::string s = sep;
    Outline o = outline_of(testing::source_of(
        "公开目录" + s + "预算公开" + s + "发布日期" + s + "2024-03-08\n" + "2023年度项目支出绩效自评表" + s +
        "\n" + "主管部门" + s + "云岭县农业农村局" + s + "实施单位" + s + "云岭县农业技术推广站\n"));
    EXPECT_EQ(o.title, "2023年度项目支出绩效自评表") << sep;
    EXPECT_EQ(o.org, "云岭县农业农村局") << sep;
    // The cell after a label in a table's header row is the next column's header, no name.
    EXPECT_EQ(
        outline_of(testing::source_of("2023年项目绩效目标申报表\n单位名称" + s + "项目名称" + s + "预算数\n"))
            .org,
        "")
        << sep;
  }
}

TEST(Sections, TheTitleIsALineOfItsOwnNotASentenceACellOrASectionsHeading) {
  auto title_of = [](const std::string& text) { return outline_of(testing::source_of(text)).title; };
  // A site's menu above the title names no one; the bars of a table's caption row are not its text.
  EXPECT_EQ(title_of("最新信息\n2023年耕地质量监测补助经费项目支出绩效自评\n时间:2024-05-20\n"),
            "2023年耕地质量监测补助经费项目支出绩效自评");
  EXPECT_EQ(title_of("| 部门预算项目绩效目标申报表(2023年度) | |||\n| 单位名称 | 项目名称 |\n"),
            "部门预算项目绩效目标申报表(2023年度)");
  // An excerpt that starts inside the document has none: not a sentence, a heading of its own
  // sections, a cell of a table or the rest of a paragraph the page's width wrapped.
  EXPECT_EQ(title_of("因公出国(境)费预算0万元,与上年预算数持平。\n"), "");
  EXPECT_EQ(title_of("一、“三公”经费财政拨款支出总体情况说明\n单位:万元\n"), "");
  EXPECT_EQ(title_of("项目 |\n预算数 |\n合计 |\n142.40 |\n"), "");
  EXPECT_EQ(title_of("临溪市档案馆主要负责集中统一管理市级党政机关、团体和重要企\n"
                     "事业单位的档案资料,是一级预算单位,承担档案的接收\n"
                     "保管、利用、编研和数字化等各项工作,并且无下属单位\n"),
            "");
  // The first line of a paragraph that a page's width wrapped, as wide as the lines below it; a
  // title above a paragraph that is not wrapped stays one.
  EXPECT_EQ(title_of("2020 年度一般公共预算财政拨款安排的“三公”经费支\n"
                     "出决算总额为 5.48 万元,比预算增加 0 万元,比去年增加\n"
                     "1.55 万元,增长 39.4%,增加原因主要是公务用车运行支出\n"
                     "增加,导致“三公”经费支出增加。\n"),
            "");
  EXPECT_EQ(
      title_of("英德市经信局2016年“三公经费”预算对比增减说明\n"
               "2016年三公经费预算拨入33万元,2015年三公经费预算拨入57.55万元,与上年对比减少24.55万元。主要原"
               "因是八项规定厉行节约及公务用车改革。\n"),
      "英德市经信局2016年“三公经费”预算对比增减说明");
  // 一般公共预算 names a fund, in 决算 as in 预算: the kind is what the lines below say.
  Outline accounts = outline_of(testing::source_of(
      "2020年度一般公共预算财政拨款“三公”经费支出情况说明\n“三公”经费支出决算总额为5.48万元。\n"));
  EXPECT_EQ(accounts.kind, "final_accounts");
  // Nor do the measures a figure is set against (年初预算, 调整预算, 预算数, 预算执行) or the older
  // fund name 一般预算: an account of spending or an execution report prints them too.
  for (const char* text :
       {"1-5月,全县完成财政总收入4348万元,占年初预算10065万元的43.2%。\n",
        "公务接待费支出2.05万元,调整预算为2万元。\n", "结余率(计算方法为:结余数/预算数)≤5%\n",
        "全县地方一般预算收入6409万元。\n", "一季度预算执行情况良好。\n"}) {
    EXPECT_EQ(outline_of(testing::source_of(text)).kind, "unknown") << text;
  }
  EXPECT_EQ(outline_of(testing::source_of("2024年部门预算\n")).kind, "budget");
  EXPECT_EQ(outline_of(testing::source_of("一、预算公开说明\n")).kind, "budget");
  // A 考评表 whose title is lost is named by its header, before the 预算 of a note in the same line.
  EXPECT_EQ(
      outline_of(testing::source_of("\"项目\",\"考核指标\",\"指标说明\",\"权数\",\"考评得分\" \"支出完成率\","
                                    "\"用以反映和考核部门(单位)预算支出实际完成情况.\",\"20\"\n"))
          .kind,
      "perf_self_eval");
  // A 三公 account that says neither: the amount spent printed right after 经费支出 is an account.
  EXPECT_EQ(
      outline_of(testing::source_of("2020年“三公”经费支出431万元,比上年累计支出433万元减少2万元。\n")).kind,
      "final_accounts");
  EXPECT_EQ(outline_of(testing::source_of("2024年“三公”经费支出预算17.12万元,比上年减少1.53万元。\n")).kind,
            "budget");
}

// A download site prints the file's name as the title: its extension and the upload time before it
// are no part of the title.
TEST(Sections, ATitleThatIsAFilesNameLosesItsExtension) {
  for (auto [line, title] :
       {std::pair{"临溪县卫生院2021年部门决算公开表20221013044707503.xls",
                  "临溪县卫生院2021年部门决算公开表"},
        std::pair{"项目支出绩效自评表.DOC", "项目支出绩效自评表"},
        std::pair{"2022年项目支出绩效目标表(2.0版)", "2022年项目支出绩效目标表(2.0版)"}}) {
    EXPECT_EQ(outline_of(testing::source_of(std::string(line) + "\n\n一、基本情况\n")).title, title) << line;
  }
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
  // A form whose cells ran together: the name ends where the next cell's label begins, and a label
  // that asks for a code as well is one; another field after a label is no name.
  for (auto [line, org] :
       {std::pair{"项目名称初中公用经费主管部门临溪县教育局实施单位临溪县第六中学", "临溪县教育局"},
        std::pair{"主管部门及代码临溪县城南街道办事处实施单位:临溪县城南街道城市运行服务中心",
                  "临溪县城南街道办事处"},
        std::pair{"2020年度项目自评表单位名称农业工作科填报日期:2021年3月", "农业工作科"},
        std::pair{"主管部门审核意见单位公章:年月日临溪市2022年项目支出绩效目标表", ""}}) {
    EXPECT_EQ(outline_of(testing::source_of(std::string("项目支出绩效自评表\n") + line + "\n")).org, org)
        << line;
  }
}

}  // namespace
}  // namespace budgetlens::sections
