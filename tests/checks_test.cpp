// checks: every family recomputes what a document states — a passing case, a failing case, a case
// within rounding and a case that cannot be checked — and the arithmetic at printed precision.
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "checks/arithmetic.h"
#include "test_support.h"

namespace budgetlens {
namespace {

using checks::detail::Amount;
using checks::detail::Status;

Decimal d(const char* s) { return *Decimal::parse(s); }
Amount printed(const char* s) {
  Decimal v = d(s);
  return {v, Decimal::from_int(1).shifted(-v.scale())};
}

// The checks of rule `rule` in `doc`, and the one whose stated value is `stated`.
std::vector<const CheckRecord*> of_rule(const DocumentResult& doc, const std::string& rule) {
  std::vector<const CheckRecord*> out;
  for (const CheckRecord& c : doc.checks) {
    if (c.rule == rule) out.push_back(&c);
  }
  return out;
}

const CheckRecord& must_find(const DocumentResult& doc, const std::string& rule, const std::string& stated) {
  static const CheckRecord kMissing;
  for (const CheckRecord& c : doc.checks) {
    if (c.rule == rule && c.stated && c.stated->to_string() == stated) return c;
  }
  std::string all;
  for (const CheckRecord& c : doc.checks) all += c.rule + " " + c.status + ": " + c.message + "\n";
  ADD_FAILURE() << "no " << rule << " check stating " << stated << "; the checks are:\n" << all;
  return kMissing;
}

// ---- arithmetic ---------------------------------------------------------------------------------

TEST(CheckArithmetic, ASumWithinThePrintedPrecisionIsRounding) {
  // 1091.91 + 15.62 + 79.27 = 1186.80 against 1186.81: four half cents of tolerance.
  auto v = checks::detail::verify_sum(printed("1186.81"), {printed("1091.91"), printed("15.62"), printed("79.27")}, false);
  EXPECT_EQ(v.status, Status::kRounding);
  EXPECT_EQ(v.difference.to_string(), "0.01");
  EXPECT_EQ(v.tolerance.to_canonical(), "0.02");
  // Whole numbers beside a total with cents are read at the total's precision: 0.10 is a mistake.
  auto w = checks::detail::verify_sum(printed("662.98"), {printed("191"), printed("99"), printed("372.88")}, false);
  EXPECT_EQ(w.status, Status::kFail);
}

TEST(CheckArithmetic, ScoresAreComparedExactly) {
  auto v = checks::detail::verify_sum(printed("20"), {printed("5"), printed("3"), printed("3"), printed("3"), printed("2"), printed("2")}, true);
  EXPECT_EQ(v.status, Status::kFail);
  EXPECT_TRUE(v.tolerance.is_zero());
}

TEST(CheckArithmetic, PercentagesAtTheirPrintedPrecision) {
  auto pass = checks::detail::verify_percent(d("131.02"), 2, printed("1117.41"), printed("852.85"));
  ASSERT_TRUE(pass);
  EXPECT_EQ(pass->status, Status::kPass);
  // 578.65 / 599.34 = 96.55%, printed "96": cut off, not rounded.
  auto cut = checks::detail::verify_percent(d("96"), 0, printed("578.65"), printed("599.34"));
  EXPECT_EQ(cut->status, Status::kRounding);
  auto wrong = checks::detail::verify_percent(d("100"), 0, printed("5.52"), printed("18"));
  EXPECT_EQ(wrong->status, Status::kFail);
  EXPECT_EQ(wrong->computed.to_string(), "30.67");
  EXPECT_FALSE(checks::detail::verify_percent(d("0"), 0, printed("0"), printed("0")));
  // 969 / 2180 = 44.4495…%: 44.4 at one decimal. Rounded twice (44.450, then 44.5) it would pass as
  // 44.5; printed so, it is within the operands' rounding, and shown finely enough to see why.
  auto once = checks::detail::verify_percent(d("44.4"), 1, printed("969"), printed("2180"));
  EXPECT_EQ(once->status, Status::kPass);
  auto twice = checks::detail::verify_percent(d("44.5"), 1, printed("969"), printed("2180"));
  EXPECT_EQ(twice->status, Status::kRounding);
  EXPECT_EQ(twice->computed.to_string(), "44.449541");
  // A rate too large to compute is not checked.
  EXPECT_FALSE(checks::detail::verify_percent(d("50"), 0, printed("99999999999999999.9"),
                                              printed("0.000000000000000001")));
}

// ---- table totals -------------------------------------------------------------------------------

TEST(TableTotals, RowsAddUpFailOrRound) {
  DocumentResult doc = testing::run(
      "表1 支出表\n单位:万元\n项目 | 年初预算 | 决算 |\n合计 | 100.00 | 90.01 |\n工资 | 60.00 | 50.00 |\n"
      "公用 | 30.00 | 40.00 |\n");
  EXPECT_EQ(must_find(doc, "table.total_row", "100.00").status, "fail");
  EXPECT_EQ(must_find(doc, "table.total_row", "90.01").status, "rounding");
  DocumentResult good = testing::run("项目 | 金额 |\n工资 | 60.00 |\n公用 | 40.00 |\n合计 | 100.00 |\n");
  EXPECT_EQ(must_find(good, "table.total_row", "100.00").status, "pass");
  DocumentResult empty = testing::run("项目 | 年初预算 | 决算 |\n合计 | 100.00 | 5.00 |\n工资 | 60.00 | |\n公用 | 40.00 | |\n");
  EXPECT_EQ(must_find(empty, "table.total_row", "5.00").status, "skipped");
  // A sum that falls short names the rows it adds that print nothing in the column; a dash prints
  // "none". A sum over the total names none: no figure left out makes it smaller.
  DocumentResult left_out = testing::run(
      "项目 | 预算数 |\n合计 | 3.10 |\n因公出国(境)费 | 0.00 |\n公务接待费 | |\n公务用车运行费 | - |\n");
  const CheckRecord& c = must_find(left_out, "table.total_row", "3.10");
  EXPECT_EQ(c.status, "fail");
  EXPECT_TRUE(c.message.ends_with("；公务接待费在此列没有数")) << c.message;
  DocumentResult over =
      testing::run("项目 | 预算数 |\n合计 | 3.10 |\n因公出国(境)费 | 3.20 |\n公务接待费 | |\n");
  EXPECT_EQ(must_find(over, "table.total_row", "3.10").message.find("没有数"), std::string::npos);
}

// A table printed with single spaces is checked as any other. A row short of figures keeps them in
// one cell across its columns: which is whose is not printed, so a total over it is not checked.
TEST(TableTotals, SpacedRowsShortOfFiguresLeaveTheSumUnknown) {
  const std::string head = "单位:万元\n    item 2003 2004 2005\n支出合计 total expenditure 1,300 1425 1600\n";
  const std::string rows =
      "1.教育支出 education 600 700 800\n2.科学技术支出 expenditure for science and\n       technology\n"
      "300 325 300\n";
  DocumentResult whole = testing::run(head + rows + "3.农林水支出 agriculture 400 400 400\n");
  EXPECT_EQ(must_find(whole, "table.total_row", "1300").status, "pass");
  EXPECT_EQ(must_find(whole, "table.total_row", "1425").status, "pass");
  const CheckRecord& wrong = must_find(whole, "table.total_row", "1600");
  EXPECT_EQ(wrong.status, "fail");
  EXPECT_NE(wrong.message.find("1500"), std::string::npos) << wrong.message;
  DocumentResult short_row =
      testing::run(head + rows + "3.农林水支出 agriculture 400 400\n4.其他 others 0 0 0\n");
  for (const char* stated : {"1300", "1425", "1600"}) {
    const CheckRecord& unknown = must_find(short_row, "table.total_row", stated);
    EXPECT_EQ(unknown.status, "skipped") << stated;
    EXPECT_NE(unknown.message.find("400 400"), std::string::npos) << unknown.message;
  }
}

TEST(TableTotals, ASumLongerThanAnyPrintedFigureIsWrittenExactly) {
  // Each figure has the eighteen digits a published amount may have; their sum has nineteen.
  DocumentResult doc = testing::run(
      "单位:元\n项目 | 金额 |\n一、财政拨款收入 | 999999999999999999 |\n二、其他收入 | 9 |\n"
      "本年收入合计 | 999999999999999999 |\n");
  const CheckRecord& c = must_find(doc, "table.total_row", "999999999999999999");
  EXPECT_EQ(c.status, "fail");
  ASSERT_TRUE(c.computed);
  EXPECT_EQ(c.computed->to_string(), "1000000000000000008");
  ASSERT_TRUE(c.difference);
  EXPECT_EQ(c.difference->to_string(), "-9");
}

TEST(TableTotals, OfWhichRowsAndTotalColumns) {
  // 003's 年度资金总额 and its 其中 rows: 143.86 + 5.35 ≠ 149.03.
  DocumentResult doc = testing::run(
      "项目 | 年初预算数 | 全年预算数 |\n年度资金总额 | 149.03 | 599.34 |\n其中:当年财政拨款 | 143.86 | 593.71 |\n"
      "上年结转资金 | 5.35 | 5.35 |\n其他资金 | | 0.28 |\n");
  EXPECT_EQ(must_find(doc, "table.of_which", "149.03").status, "fail");
  EXPECT_EQ(must_find(doc, "table.of_which", "599.34").status, "pass");
  DocumentResult cols = testing::run(
      "年初预算支出计划\t\t\t\n小计\t基本支出\t项目支出\t三公经费\n1048.50\t547.20\t501.30\t10.00\n");
  EXPECT_EQ(must_find(cols, "table.total_column", "1048.50").status, "pass");  // 三公 is not added
}

// A total that does not add up is reported against the rows the table shows: a 其中 group without
// a mark at its end ends where its rows make its parent, not at the next row with a figure.
TEST(TableTotals, AFailingTotalCountsTheRowsAfterAnOfWhichGroupThatAddsUp) {
  DocumentResult doc = testing::run(
      "项目 | 决算数 |\n合计 | 5.20 |\n因公出国(境)费 | 0.00 |\n公务用车购置及运行费 | 2.90 |\n"
      "其中:公务用车购置费 | 0.00 |\n公务用车运行费 | 2.90 |\n公务接待费 | 1.30 |\n");
  const CheckRecord& total = must_find(doc, "table.total_row", "5.20");
  EXPECT_EQ(total.status, "fail");
  ASSERT_TRUE(total.computed);
  EXPECT_EQ(total.computed->to_string(), "4.20") << "0.00 + 2.90 + 1.30, 公务接待费 included";
  EXPECT_EQ(total.operands.size(), 3u);
  EXPECT_EQ(must_find(doc, "table.of_which", "2.90").status, "pass");
  // Where the group's rows never make its parent, nothing says where it ends: it runs to the end.
  DocumentResult open = testing::run(
      "项目 | 决算数 |\n合计 | 5.20 |\n因公出国(境)费 | 0.00 |\n公务用车购置及运行费 | 2.90 |\n"
      "其中:公务用车购置费 | 0.50 |\n公务用车运行费 | 2.90 |\n公务接待费 | 1.30 |\n");
  const CheckRecord& wide = must_find(open, "table.total_row", "5.20");
  ASSERT_TRUE(wide.computed);
  EXPECT_EQ(wide.computed->to_string(), "2.90");
}

TEST(TableTotals, CodeHierarchy) {
  DocumentResult doc = testing::run(
      "科目编码 | 科目名称 | 金额 |\n201 | 一般公共服务支出 | 100.00 |\n20103 | 政府办公厅 | 100.00 |\n"
      "2010301 | 行政运行 | 70.00 |\n2010302 | 一般行政管理事务 | 20.00 |\n");
  EXPECT_EQ(must_find(doc, "codes.function", "100.00").status, "pass");  // 201 = 20103
  bool fails = false;
  for (const CheckRecord* c : of_rule(doc, "codes.function")) fails |= c->status == "fail";
  EXPECT_TRUE(fails) << "20103 (100.00) is not 70.00 + 20.00";
}

// ---- lists --------------------------------------------------------------------------------------

TEST(Lists, OfWhichInASentence) {
  DocumentResult doc = testing::run(
      "基本支出650.76万元,其中:人员经费546.94万元,公用经费103.82万元。\n"
      "收入总计1186.81万元,包括:财政拨款收入1091.91万元,其他收入15.62万元,上年结转79.27万元。\n"
      "项目支出500.00万元,包括:甲项目300.00万元,乙项目100.00万元。\n");
  EXPECT_EQ(must_find(doc, "list.parts", "650.76").status, "pass");
  EXPECT_EQ(must_find(doc, "list.parts", "1186.81").status, "rounding");
  const CheckRecord& short_list = must_find(doc, "list.parts", "500.00");
  EXPECT_EQ(short_list.status, "fail");
  EXPECT_EQ(short_list.severity, "error");  // 包括 claims the list is complete
}

// Each part printed with its own budget after a comma, the parts separated by semicolons: two lists,
// the actual figures and the budgets, each under its total; a share of a part's own budget is no
// share of the total.
TEST(Lists, PartsWithTheirOwnBudgetsSeparatedBySemicolons) {
  DocumentResult doc = testing::run(
      "1-5月,全县完成财政总收入4348万元,占年初预算10065万元的43.2%,同比下降6.5%。其中:税收收入3511万元,"
      "占年初预算8465万元的41.5%,同比下降5.2%;非税收入837万元,占年初预算1600万元的52.3%,同比下降11.7%。\n"
      "政府性基金收入969万元,其中国有土地使用权出让收入866万元,城市基础设施配套费收入35万元,"
      "污水处理费收入68万元;"
      "完成政府性基金支出4093万元。\n");
  const CheckRecord& actual = must_find(doc, "list.parts", "4348");
  EXPECT_EQ(actual.status, "pass");
  EXPECT_EQ(actual.operands.size(), 2u);
  EXPECT_EQ(must_find(doc, "list.parts", "10065").status, "pass");
  EXPECT_TRUE(of_rule(doc, "list.shares").empty());
  // Parts of one kind separated by commas still end at the semicolon.
  EXPECT_EQ(must_find(doc, "list.parts", "969").status, "pass");
}

TEST(Lists, NumberedParagraphsAndOpenLists) {
  DocumentResult doc = testing::run(
      "一般公共预算支出年初预算为852.85万元,支出决算为1117.41万元。\n"
      "(一)一般公共服务支出(类)年初预算为852.85万元,支出决算为1117.41万元。\n"
      "1.行政运行449.13万元。\n"
      "2.一般行政管理事务481.35万元。\n"
      "(二)住房保障支出(类)年初预算为34.91万元,支出决算为34.91万元。\n");
  EXPECT_EQ(must_find(doc, "list.parts", "852.85").status, "fail");  // 852.85 + 34.91 > 852.85
  const CheckRecord* open = nullptr;
  for (const CheckRecord* c : of_rule(doc, "list.parts")) {
    if (c->stated && c->stated->to_string() == "1117.41" && c->computed && c->computed->to_string() == "930.48") open = c;
  }
  ASSERT_NE(open, nullptr);
  EXPECT_EQ(open->status, "fail");
  EXPECT_EQ(open->severity, "warning");  // no claim that 1. and 2. are all
}

// A paragraph that opens with its claim after the numbered items of a list splits that list's total
// another way; after a paragraph of its own, or with no list before, it has no total.
TEST(Lists, ASecondSplitAfterTheNumberedItems) {
  const std::string items =
      "2024年支出预算8,936.35万元,其中:\n1.教育支出7,114.20万元,占79.61%。\n2.社会保障和就业支出1,822.15万元,"
      "占20.39%。\n";
  DocumentResult doc = testing::run(items + "按支出性质分:基本支出7,215.48万元,项目支出1,700.87万元。\n");
  const CheckRecord* split = nullptr;
  for (const CheckRecord* c : of_rule(doc, "list.parts")) {
    if (c->computed && c->computed->to_string() == "8916.35") split = c;
  }
  ASSERT_NE(split, nullptr);
  EXPECT_EQ(split->status, "fail");  // 7215.48 + 1700.87 = 8916.35
  DocumentResult apart =
      testing::run(items + "其他说明如下。\n按支出性质分:基本支出7,215.48万元,项目支出1,700.87万元。\n");
  for (const CheckRecord* c : of_rule(apart, "list.parts")) EXPECT_NE(c->computed->to_string(), "8916.35");
  DocumentResult alone = testing::run("按支出性质分:基本支出7,215.48万元,项目支出1,700.87万元。\n");
  EXPECT_TRUE(of_rule(alone, "list.parts").empty());
  // Nor is a numbered paragraph that opens with a claim: it is an item.
  DocumentResult item = testing::run(items + "3.包括基本支出7,215.48万元,项目支出1,700.87万元。\n");
  for (const CheckRecord* c : of_rule(item, "list.parts")) EXPECT_NE(c->computed->to_string(), "8916.35");
  // Nor is a paragraph right after the claim's one a second split: it is the first, checked once.
  DocumentResult first = testing::run(
      "2024年支出预算8,936.35万元,其中:\n按支出性质分:基本支出7,215.48万元,项目支出1,700.87万元。\n");
  EXPECT_EQ(of_rule(first, "list.parts").size(), 1u);
  // Nor is a total whose paragraph says more after its claim.
  DocumentResult said = testing::run(
      "2024年支出预算8,936.35万元,其中:教育为主,保障为辅。\n1.教育支出7,114.20万元。\n2.社会保障和就业支出1,"
      "822.15万元。\n"
      "按支出性质分:基本支出7,215.48万元,项目支出1,700.87万元。\n");
  for (const CheckRecord* c : of_rule(said, "list.parts")) EXPECT_NE(c->computed->to_string(), "8916.35");
}

// A numbered item's part is in its first sentence: a list of its own after it (其中:公务用车运行费…)
// is no part of the list above, whose heads of another kind would find it there and miss the rest.
TEST(Lists, ANumberedItemsPartIsInItsFirstSentence) {
  DocumentResult doc = testing::run(
      "2018年“三公”经费预算数为20.1万元。其中:因公出国(境)费0万元,公务接待费16.7万元,公务用车运行维护费3."
      "4万元。"
      "具体情况如下:\n1. 因公出国(境)费预算0万元。\n2. 公务接待费预算16.7万元。\n"
      "3. 公务用车购置及运行费预算3.4万元。其中:公务用车运行费3.4万元。\n");
  std::vector<std::string> lists;
  for (const CheckRecord* c : of_rule(doc, "list.parts")) lists.push_back(c->status + " " + c->message);
  EXPECT_EQ(lists, (std::vector<std::string>{
                       "pass 2018年“三公”经费预算数 20.1万元 = 因公出国(境)费 0 + 公务接待费 16.7 + "
                       "公务用车运行维护费 3.4",
                       "pass 2018年“三公”经费预算数 20.1万元 = 因公出国(境)费预算 0 + 公务接待费预算 16.7 + "
                       "公务用车购置及运行费预算 3.4"}));
}

TEST(Lists, AnItemWithoutAFigureIsSkipped) {
  DocumentResult doc = testing::run("2019年度财政收入1,295.87万元,包括年初县财政预算批复,年中追加247.37万元。\n");
  EXPECT_EQ(must_find(doc, "list.parts", "1295.87").status, "skipped");
}

TEST(Lists, SharesOfACompleteList) {
  DocumentResult doc = testing::run(
      "本年收入合计100.00万元,其中:财政拨款收入60.00万元,占60.00%;事业收入40.00万元,占40.00%。\n"
      "基本支出100.00万元,其中:工资65.00万元,占65.01%;公用35.00万元,占35.00%。\n");
  int pass = 0, rounding = 0;
  for (const CheckRecord* c : of_rule(doc, "list.shares")) {
    pass += c->status == "pass";
    rounding += c->status == "rounding";
  }
  EXPECT_EQ(pass, 1);
  EXPECT_EQ(rounding, 1);
}

// A share that names nothing ("占60%") is its part over the list's total: shares that add up to
// 100% may still be swapped. A list whose parts do not add up has no total to take shares of.
TEST(Lists, EachShareOfAListIsItsPartOverTheTotal) {
  DocumentResult doc = testing::run(
      "本年收入合计100.00万元,其中:财政拨款收入60.00万元,占40.00%;事业收入40.00万元,占60.00%。\n"
      "本年支出合计80.00万元,其中:基本支出50.00万元,占62.50%;项目支出30.00万元,占37.50%。\n"
      "项目支出90.00万元,其中:甲项目50.00万元,占50.00%;乙项目30.00万元,占50.00%。\n");
  EXPECT_EQ(must_find(doc, "list.shares", "100").status, "pass");  // 40% + 60%
  std::vector<std::string> shares;
  for (const CheckRecord* c : of_rule(doc, "rate.share"))
    shares.push_back(c->stated->to_string() + " " + c->status);
  EXPECT_EQ(shares, (std::vector<std::string>{"40.00 fail", "60.00 fail", "62.50 pass", "37.50 pass"}));
  // Shares that name what they are of are shares of that (rate.share of the text), not of the head.
  DocumentResult named = testing::run(
      "支出总计200.00万元。本年支出合计100.00万元,其中:基本支出60.00万元,占支出总计的30.00%;项目支出40."
      "00万元,"
      "占支出总计的20.00%。\n");
  shares.clear();
  for (const CheckRecord* c : of_rule(named, "rate.share"))
    shares.push_back(c->stated->to_string() + " " + c->status);
  EXPECT_EQ(shares, (std::vector<std::string>{"30.00 pass", "20.00 pass"}));
}

// ---- identities ---------------------------------------------------------------------------------

TEST(Identities, NamedPartsInTheSection) {
  DocumentResult doc = testing::run(
      "一、三公经费\n2023年“三公”经费支出决算中,因公出国(境)费支出决算0万元;公务用车购置及运行费支出决算2.90万元;"
      "公务接待费支出决算1.40万元。\n2023年“三公”经费支出决算总额为4.20万元。\n"
      "二、基本支出\n2023年基本支出598.61万元。人员经费521.37万元。公用经费77.00万元。\n"
      "三、政府采购\n政府采购支出总额86.40万元。政府采购货物支出52.30万元。\n");
  EXPECT_EQ(must_find(doc, "identity.three_public", "4.20").status, "fail");
  EXPECT_EQ(must_find(doc, "identity.basic_expenditure", "598.61").status, "fail");
  EXPECT_EQ(must_find(doc, "identity.procurement", "86.40").status, "skipped");  // 工程, 服务 not printed
  DocumentResult ok = testing::run("基本支出650.76万元。人员经费546.94万元。公用经费103.82万元。\n");
  EXPECT_EQ(must_find(ok, "identity.basic_expenditure", "650.76").status, "pass");
  // A national report: the country's revenue is the centre's and the localities' own, its spending
  // the centre's own and the localities'.
  DocumentResult national = testing::run(
      "全国一般公共预算收入60189亿元;全国一般公共预算支出72815亿元。\n"
      "收入方面,中央一般公共预算收入24332亿元;地方一般公共预算本级收入35857亿元。\n"
      "支出方面,中央一般公共预算本级支出8717亿元;地方一般公共预算支出64198亿元。\n");
  EXPECT_EQ(must_find(national, "identity.national_revenue", "60189").status, "pass");
  EXPECT_EQ(must_find(national, "identity.national_expenditure", "72815").status, "fail");  // 8717 + 64198
  DocumentResult near = testing::run("基本支出650.77万元。人员经费546.94万元。公用经费103.82万元。\n");
  EXPECT_EQ(must_find(near, "identity.basic_expenditure", "650.77").status, "rounding");
}

// ---- scores -------------------------------------------------------------------------------------

TEST(Scores, TotalsLevelsAndCaps) {
  DocumentResult doc = testing::run(
      "一级指标\t二级指标\t三级指标\t分值\t得分\n"
      "产出(30分)\t数量(20分)\t完成数\t10\t10\n"
      "\t\t完成率\t8\t9\n"
      "\t质量(10分)\t合格率\t10\t9.5\n"
      "效益(70分)\t效益(70分)\t满意度\t70\t70\n"
      "总分\t\t\t100\t98\n");
  EXPECT_EQ(must_find(doc, "score.level_weight", "30").status, "pass");  // 产出 30 = 数量 20 + 质量 10
  EXPECT_EQ(must_find(doc, "score.level_weight", "20").status, "fail");  // 数量 20 ≠ 10 + 8
  EXPECT_EQ(must_find(doc, "score.total", "100").status, "fail");        // 10 + 8 + 10 + 70 = 98
  EXPECT_EQ(must_find(doc, "score.cap", "9").status, "fail");            // 9 > 8
  EXPECT_EQ(must_find(doc, "score.total", "98").status, "fail");         // 98.5
}

TEST(Scores, PassingTotalsAndSkippedLevels) {
  DocumentResult doc = testing::run(
      "一级指标\t二级指标\t三级指标\t分值\t得分\n"
      "产出(30分)\t数量(20分)\t完成数\t10\t10\n"
      "\t\t完成率\t10\t9\n"
      "\t质量(10分)\t合格率\t\t9.5\n"
      "效益(70分)\t效益(70分)\t满意度\t70\t70\n"
      "总分\t\t\t100\t98.5\n");
  EXPECT_EQ(must_find(doc, "score.total", "98.5").status, "pass");
  EXPECT_EQ(must_find(doc, "score.level_weight", "10").status, "skipped");  // 质量 has an indicator without 分值
}

// ---- rates and changes --------------------------------------------------------------------------

TEST(Rates, TableRatesCompletionAndShares) {
  DocumentResult table = testing::run(
      "“三公经费”预算数 | “三公经费”实际支出 | 控制率 |\n18 | 5.52 | 100% |\n"
      "上年预算数 | 本年预算数 | 变动率 |\n20 | 18 | -10% |\n"
      "项目支出预算总额 | 实际项目支出总额 | 执行率 |\n483.59 | 464.89 | 96.14% |\n"
      "预算数 | 执行数 | 执行率 |\n0.00 | 0.00 | 0.00% |\n");
  EXPECT_EQ(must_find(table, "rate.control", "100").status, "fail");
  EXPECT_EQ(must_find(table, "rate.change", "-10").status, "pass");
  EXPECT_EQ(must_find(table, "rate.execution", "96.14").status, "rounding");
  EXPECT_EQ(must_find(table, "rate.execution", "0.00").status, "skipped");  // nothing to divide by
  DocumentResult text = testing::run(
      "(一)一般公共服务支出年初预算为852.85万元,支出决算为1117.41万元,完成年初预算的131.02%。\n"
      "(二)卫生健康支出年初预算为24.60万元,支出决算为31.76万元,完成年初预算的119.11%。\n"
      "(三)住房保障支出为30.92万元,完成年初预算的124.68%。\n");
  EXPECT_EQ(must_find(text, "rate.completion", "131.02").status, "pass");
  EXPECT_EQ(must_find(text, "rate.completion", "119.11").status, "fail");
  EXPECT_EQ(must_find(text, "rate.completion", "124.68").status, "skipped");
  // In a final account a figure that names no phase is what was spent, when it is of the rate's
  // subject; in a budget it is none.
  const std::string unmarked =
      "2023年度一般公共预算财政拨款支出324.10万元,年初预算为300.00万元,完成年初预算的108.03%。"
      "卫生健康支出24.00万元,住房保障支出年初预算为30.00万元,完成年初预算的80.00%。\n";
  DocumentResult final_account = testing::run("2023年度部门决算说明\n" + unmarked);
  EXPECT_EQ(must_find(final_account, "rate.completion", "108.03").status, "pass");
  EXPECT_EQ(must_find(final_account, "rate.completion", "80.00").status,
            "skipped");  // 24.00 is 卫生健康支出's
  DocumentResult budget = testing::run("2024年部门预算说明\n" + unmarked);
  EXPECT_EQ(must_find(budget, "rate.completion", "108.03").status, "skipped");
}

// 增减额 and 增减幅度 columns against two years' columns, in whichever order the years are printed:
// the later year is the current one.
TEST(Rates, ChangeColumnsBetweenTwoYears) {
  // The same table with its years in each column's header, or in a group header over the columns
  // (a page's header of two rows).
  auto expect_checked = [](const DocumentResult& doc) {
    EXPECT_EQ(must_find(doc, "rate.change_amount", "-7000").status, "pass");
    EXPECT_EQ(must_find(doc, "rate.change_amount", "-8200").status, "fail");  // 126200 - 134500 = -8300
    EXPECT_EQ(must_find(doc, "rate.change", "-6.17").status, "pass");
    const CheckRecord& base = must_find(doc, "rate.change", "-15.56");  // over this year's, not last year's
    EXPECT_EQ(base.status, "fail");
    EXPECT_EQ(base.computed ? base.computed->to_string() : "", "-13.4615");
  };
  expect_checked(testing::run(
      "单位:元\n项目 | 2024年预算数 | 2023年预算数 | 增减额 | 增减幅度 |\n"
      "公务接待费 | 45000 | 52000 | -7000 | -15.56% |\n公务用车运行费 | 126200 | 134500 | -8200 | -6.17% |\n"));
  expect_checked(testing::run(
      "<html><body><p>单位:元</p><table>"
      "<tr><th rowspan=2>项目</th><th>2024年</th><th>2023年</th><th rowspan=2>增减额</th>"
      "<th rowspan=2>增减幅度</th></tr><tr><th>预算数</th><th>预算数</th></tr>"
      "<tr><td>公务接待费</td><td>45000</td><td>52000</td><td>-7000</td><td>-15.56%</td></tr>"
      "<tr><td>公务用车运行费</td><td>126200</td><td>134500</td><td>-8200</td><td>-6.17%</td></tr>"
      "</table></body></html>\n"));
  // Two columns of the same year are no change.
  DocumentResult same =
      testing::run("项目 | 2024年预算数 | 2024年决算数 | 增减额 |\n公务接待费 | 45000 | 44000 | 1000 |\n");
  EXPECT_TRUE(of_rule(same, "rate.change_amount").empty());
}

// "占年初预算10065万元的43.2%": the base printed inside the share, its percentage after 的.
TEST(Rates, ASharesBasePrintedInsideIt) {
  DocumentResult doc = testing::run(
      "1-5月,全县完成财政总收入4348万元,占年初预算10065万元的43.2%,同比下降6.5%。其中:税收收入3511万元,"
      "占年初预算8465万元的41.6%,同比下降5.2%;政府性基金收入969万元,占年初预算2180万元的44.5%。\n");
  const CheckRecord& share = must_find(doc, "rate.share", "43.2");
  EXPECT_EQ(share.status, "pass") << share.message;
  EXPECT_EQ(must_find(doc, "rate.share", "41.6").status, "fail");  // 3511 / 8465 = 41.48%
  EXPECT_EQ(must_find(doc, "rate.share", "44.5").status, "rounding");
  auto label_of = [&](const std::string& raw) {
    for (const QuantityRecord& q : doc.quantities) {
      if (q.raw == raw) return q.label;
    }
    return std::string("(none)");
  };
  EXPECT_EQ(label_of("43.2%"), "全县完成财政总收入 / 占年初预算");
  EXPECT_EQ(label_of("6.5%"), "全县完成财政总收入 / 同比下降");
  EXPECT_EQ(label_of("41.6%"), "税收收入 / 占年初预算");
}

TEST(Rates, SharesOfANamedFigure) {
  DocumentResult doc = testing::run(
      "一、总体情况\n2023年一般公共预算支出1000.00万元。\n"
      "二、支出结构\n教育支出123.40万元,占一般公共预算支出的12.34%。\n"
      "科学技术支出50.00万元,占一般公共预算支出的5.10%。\n"
      "住房保障支出20.00万元,占政府性基金支出的2.00%。\n"
      "三、采购\n政府采购支出决算200.00万元。\n货物采购40.00万元,占政府采购支出决算的20.00%。\n");
  // The figure a share is of is named in an earlier paragraph: the nearest money figure whose name
  // ends in the words after 占.
  EXPECT_EQ(must_find(doc, "rate.share", "12.34").status, "pass");
  EXPECT_EQ(must_find(doc, "rate.share", "5.10").status, "fail");
  EXPECT_EQ(must_find(doc, "rate.share", "2.00").status, "skipped");  // no 政府性基金支出 in the text
  EXPECT_EQ(must_find(doc, "rate.share", "20.00").status, "pass");    // named by subject and attribute
  // A name may end in 支出 where the base leaves it out; a budget's base in 预算, where every figure is
  // one. In a final account 项目支出 is no 项目支出预算.
  const std::string spent = "“三公”经费支出2.05万元。其中公务接待费支出2.05万元,占“三公”经费的100%。\n";
  EXPECT_EQ(must_find(testing::run(spent), "rate.share", "100").status, "pass");
  const std::string parts = "2. 项目支出 29700 元。其中:商品和服务支出 29700 元,占项目支出预算 100%。\n";
  EXPECT_EQ(must_find(testing::run("2023年单位预算\n" + parts), "rate.share", "100").status, "pass");
  EXPECT_EQ(must_find(testing::run("2023年单位决算\n" + parts), "rate.share", "100").status, "skipped");
  // Nor is a name of two characters left (支出), or a figure with an attribute of its own (2015年预算).
  DocumentResult short_name =
      testing::run("2023年单位预算\n基本支出100万元。项目支出50万元,占支出预算的30%。\n");
  EXPECT_EQ(must_find(short_name, "rate.share", "30").status, "skipped");
  DocumentResult years = testing::run(
      "2016年单位预算\n公务接待费2016年预算8万元,2015年预算12.5万元。其中餐费4万元,占公务接待费预算的50%"
      "。\n");
  EXPECT_EQ(must_find(years, "rate.share", "50").status, "skipped");  // not 12.5, last year's
}

// Which relations are shares, and of what, the checks grammar says (its share and share-tail
// attributes), not the code.
TEST(Rates, TheGrammarSaysWhichRelationsAreShares) {
  const std::string text =
      "一般公共预算支出1000.00万元。\n教育支出123.40万元,占一般公共预算支出的比重为12.34%。\n";
  EXPECT_EQ(must_find(testing::run(text), "rate.share", "12.34").status, "pass");
  auto with = [&](const std::string& cls, const std::string& pattern) {
    std::string xml(grammar::builtin_grammar("checks.xml"));
    const std::string attribute = "<attribute class=\"" + cls + "\" pattern=\"";
    const size_t at = xml.find(attribute);
    EXPECT_NE(at, std::string::npos) << cls;
    const size_t from = at + attribute.size();
    xml.replace(from, xml.find('"', from) - from, pattern);
    auto g = grammar::load_grammar_texts({{"checks.xml", xml, "checks.xml"}}, "test");
    EXPECT_TRUE(g) << g.error().message;
    return pipeline::extract_document(testing::source_of(text), "test.txt", **g);
  };
  // Shares that start otherwise: 占… is none.
  EXPECT_TRUE(of_rule(with("share", "所占"), "rate.share").empty());
  // Without 的比重 among the tails, the share is of "一般公共预算支出的比重", which the text does not name.
  EXPECT_EQ(must_find(with("share-tail", "的比例|比例|的"), "rate.share", "12.34").status, "skipped");
}

TEST(Rates, YearOverYear) {
  DocumentResult doc = testing::run(
      "收入总计1186.81万元,比上年减少23.95万元,下降1.98%。\n"
      "其他收入4.85万元,比上年增加1.35万元,下降38.57%。\n"
      "社会保障和就业支出116433.12元,同比增加16803.36元,增长14.43%。\n"
      "支出总计1186.81万元,比上年减少23.95万元,下降1.97%。\n"
      "公务接待费2016年预算8万元,2015年预算12.5万元;对比减少4.35万元。\n"
      "比上年增加5.00万元,增长10.00%。\n");
  EXPECT_EQ(must_find(doc, "yoy.change", "1.98").status, "pass");
  EXPECT_EQ(must_find(doc, "yoy.change", "38.57").status, "fail");  // 增加 but 下降
  EXPECT_EQ(must_find(doc, "yoy.change", "14.43").status, "fail");  // on last year's 99629.76: 16.87%
  EXPECT_EQ(must_find(doc, "yoy.change", "1.97").status, "rounding");
  EXPECT_EQ(must_find(doc, "yoy.change", "4.35").status, "fail");   // 12.5 - 8 = 4.5
  EXPECT_EQ(must_find(doc, "yoy.change", "10.00").status, "skipped");
  // The rate printed before the change (增收, 减收 name a change of revenue), and each rate the
  // change of one figure only.
  DocumentResult after = testing::run(
      "税收收入12463万元,同比增长7.9%,增收913万元。\n非税收入837万元,同比下降12.0%,减收120万元。\n"
      "其他收入500万元,比上年增加50万元,增长11.11%,增收50万元。\n");
  EXPECT_EQ(must_find(after, "yoy.change", "7.9").status, "pass");
  EXPECT_EQ(must_find(after, "yoy.change", "12.0").status, "fail");  // 120 / 957 = 12.54%
  EXPECT_EQ(of_rule(after, "yoy.change").size(), 3u);
  for (const QuantityRecord& q : after.quantities) {
    if (q.raw == "913万元") {
      EXPECT_EQ(q.label, "税收收入 / 增收");
    }
  }
  // A change whose clause names no subject is about the subject of the clause before, when that
  // clause has no figure and says it is unchanged against the budget or last year.
  DocumentResult unchanged = testing::run(
      "公务接待费支出决算1.5万元;公务用车运行费支出决算4.2万元。其中,公务接待费支出决算比预算无增减变化,"
      "比去年增加0.5万元,增长50%;公务用车运行费支出决算与预算持平,比去年增加1.2万元,增长30%。\n");
  EXPECT_EQ(must_find(unchanged, "yoy.change", "50").status, "pass");  // 0.5 / (1.5 - 0.5)
  EXPECT_EQ(must_find(unchanged, "yoy.change", "30").status, "fail");  // 1.2 / (4.2 - 1.2) = 40%
  EXPECT_EQ(testing::must_find(unchanged, "0.5万元").label, "公务接待费 / 比去年增加");
  // So is the subject of a clause that only says what it is compared with (与上年相比), which says
  // what the change is against: against a budget, it is no change over a year.
  DocumentResult compared = testing::run(
      "收入支出总体与上年相比,增加58.21万元,增长15.46%。\n公用经费支出20万元。公用经费与预算相比,增加2万元,"
      "增长11.11%。\n");
  EXPECT_EQ(testing::must_find(compared, "58.21万元").label, "收入支出总体 / 与上年相比增加");
  EXPECT_EQ(testing::must_find(compared, "2万元").label, "公用经费 / 与预算相比增加");
  for (const CheckRecord* c : of_rule(compared, "yoy.change"))
    EXPECT_EQ(c->message.find("公用经费"), std::string::npos);
  // A subject of several figures at once (收入支出总体: 收入总计 and 支出总计) has this year's
  // figure where theirs are equal; where they differ it has none.
  const std::string change = "收入支出总体与上年相比,增加58.21万元,增长15.46%。\n";
  DocumentResult joint =
      testing::run("2023年度收入总计434.72万元。\n2023年度支出总计434.72万元。\n" + change);
  EXPECT_EQ(must_find(joint, "yoy.change", "15.46").status, "pass");  // 58.21 / (434.72 - 58.21)
  DocumentResult apart =
      testing::run("2023年度收入总计434.72万元。\n2023年度支出总计430.00万元。\n" + change);
  EXPECT_EQ(must_find(apart, "yoy.change", "15.46").status, "skipped");
  DocumentResult one = testing::run("2023年度收入总计434.72万元。\n" + change);
  EXPECT_EQ(must_find(one, "yoy.change", "15.46").status, "skipped");
}

// A change against a budget is no change over a year (versus-budget), unless last year is named too
// (last-year); a relation that names a rate is no change of an amount (ratio).
TEST(Rates, ChangesAgainstABudgetOrNamingARateAreNoChangeOverAYear) {
  DocumentResult doc = testing::run(
      "基本支出500.00万元,比上年预算增加20.00万元,增长4.17%。\n"
      "项目支出300.00万元,比年初预算增加30.00万元,增长11.11%。\n"
      "其他支出200.00万元,增长率10.00万元,增长5.26%。\n");
  EXPECT_EQ(must_find(doc, "yoy.change", "4.17").status, "pass");
  EXPECT_EQ(of_rule(doc, "yoy.change").size(), 1u);
}

// A share of a whole is at most 100%, in a table or in the text; a change of one, or a rate that is
// no share (完成率), may be more. Only what exceeds is reported.
TEST(Rates, AProportionIsAtMostAHundredPercent) {
  DocumentResult doc = testing::run(
      "一级指标\t二级指标\t三级指标\t指标值\t实际完成值\n"
      "产出指标\t质量指标\t验收合格率\t≥92%\t292%\n"
      "\t\t任务完成率\t100%\t120%\n"
      "效益指标\t满意度指标\t服务对象满意度\t≥90%\t95%\n"
      "\n"
      "群众满意度105%,比上年提高150%。考试及格率同比上升120%。政策知晓率100%。\n"
      "\n"
      "指标\t2023年\t2024年\t增减幅度\n"
      "群众满意度\t40%\t95%\t137.5%\n");
  std::vector<std::string> failing;
  for (const CheckRecord* c : of_rule(doc, "rate.proportion_cap")) {
    EXPECT_EQ(c->status, "fail");
    failing.push_back(c->stated->to_string() + " " + c->message);
  }
  EXPECT_EQ(failing, (std::vector<std::string>{
                         "292 产出指标 / 质量指标 / 验收合格率 · 实际完成值 292% 超过100%：比例不会超过100%",
                         "105 群众满意度 105% 超过100%：比例不会超过100%"}));
}

// ---- the same figure twice ----------------------------------------------------------------------

TEST(SameFigure, PrintedTwice) {
  DocumentResult doc = testing::run(
      "年初结转和结余5.35万元。\n本年支出合计578.65万元。\n"
      "另:上年结转资金5.34万元。本年支出合计578.65万元。\n"
      "项目 | 金额(元) |\n人员经费 | 2,191,726.45 |\n公用经费 | 5 |\n"
      "人员经费219.17万元。\n公用经费5人。\n");
  EXPECT_EQ(must_find(doc, "same.carryover", "5.34").status, "fail");  // one figure, two printings
  EXPECT_EQ(must_find(doc, "same.spending", "578.65").status, "pass");
  EXPECT_EQ(must_find(doc, "same.named", "219.17").status, "rounding");  // 万元 beside 元
}

TEST(SameFigure, UnitsThatCannotBeComparedAreSkipped) {
  DocumentResult doc = testing::run("年初结转和结余5.35万元。\n上年结转资金3人。\n");
  EXPECT_EQ(must_find(doc, "same.carryover", "3").status, "skipped");
}

// ---- standard tables against each other -------------------------------------------------------

std::string standard_tables(const char* expenditure_total, const char* second_table) {
  return std::string("表1 收入支出决算总表\n单位:万元\n项目 | 金额 | 项目 | 金额 |\n一、财政拨款收入 | 600.00 | 一、一般公共服务支出 | ") +
         expenditure_total + " |\n本年收入合计 | 600.00 | 本年支出合计 | " + expenditure_total + " |\n" + second_table;
}

TEST(CrossTables, AgreementsOfTablesXml) {
  const char* expenditure = "表3 支出决算表\n单位:万元\n科目名称 | 本年支出合计 | 基本支出 |\n合计 | 600.00 | 500.00 |\n"
                            "一般公共服务支出 | 600.00 | 500.00 |\n";
  EXPECT_EQ(must_find(testing::run(standard_tables("600.00", expenditure)), "cross.expenditure_total", "600.00").status, "pass");
  EXPECT_EQ(must_find(testing::run(standard_tables("610.00", expenditure)), "cross.expenditure_total", "600.00").status, "fail");
  const char* in_yuan = "表3 支出决算表\n单位:元\n科目名称 | 本年支出合计 |\n合计 | 6,000,012.00 |\n一般公共服务支出 | 6,000,012.00 |\n";
  EXPECT_EQ(must_find(testing::run(standard_tables("600.00", in_yuan)), "cross.expenditure_total", "6000012.00").status, "rounding");
  const char* no_total = "表3 支出决算表\n单位:万元\n科目名称 | 本年支出合计 |\n一般公共服务支出 | 600.00 |\n";
  EXPECT_EQ(must_find(testing::run(standard_tables("600.00", no_total)), "cross.expenditure_total", "600.00").status, "skipped");
}

// ---- records and the grammar --------------------------------------------------------------------

TEST(Checks, RecordsNameTheirOperandsAndAreNumberedInOrder) {
  DocumentResult doc = testing::run("基本支出650.76万元,其中:人员经费546.94万元,公用经费103.82万元。\n");
  ASSERT_FALSE(doc.checks.empty());
  const CheckRecord& c = doc.checks.front();
  EXPECT_EQ(c.id, "c1");
  EXPECT_EQ(c.stated_operand.label, "基本支出");
  ASSERT_EQ(c.operands.size(), 2u);
  EXPECT_EQ(c.operands[0].label, "人员经费");
  EXPECT_EQ(c.span.line, 1u);
  EXPECT_FALSE(c.message.empty());
}

TEST(Checks, ARuleInAGrammarFolderChangesTheResultWithoutRebuilding) {
  // A user adds an identity to a copy of checks.xml and passes the folder with --grammars.
  namespace fs = std::filesystem;
  const fs::path dir = testing::temp_dir("grammar-overlay");
  std::string xml = testing::read_file(testing::source_dir() + "/grammars/checks.xml");
  std::string rule =
      "  <identity id=\"identity.assets\" name=\"资产总额=流动资产+固定资产\" severity=\"error\">\n"
      "    <total pattern=\"资产总额\"/>\n    <part name=\"流动资产\" pattern=\"流动资产\"/>\n"
      "    <part name=\"固定资产\" pattern=\"固定资产\"/>\n  </identity>\n";
  xml.insert(xml.rfind("</checks>"), rule);
  {
    std::ofstream out(dir / "checks.xml");
    out << xml;
  }
  std::string doc = "资产总额300.00万元。流动资产100.00万元。固定资产150.00万元。\n";
  fs::path input = dir / "doc.txt";
  {
    std::ofstream out(input);
    out << doc;
  }
  auto run = [&](const std::string& extra) {
    std::string cmd = std::string(BUDGETLENS_BINARY) + " check --format json " + extra + " " + input.string();
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    char buf[4096];
    for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    pclose(p);
    return out;
  };
  EXPECT_EQ(run("").find("identity.assets"), std::string::npos);
  std::string with = run("--grammars " + dir.string());
  EXPECT_NE(with.find("\"rule\":\"identity.assets\""), std::string::npos) << with;
  EXPECT_NE(with.find("\"status\":\"fail\""), std::string::npos) << with;
}

}  // namespace
}  // namespace budgetlens
