// extract/: figures in sentences and cells, with labels and exact 元.
#include <fstream>
#include <sstream>

#include "extract/extract.h"
#include "layout/layout.h"
#include "sections/sections.h"
#include "tables/tables.h"
#include "test_support.h"

namespace budgetlens {
namespace {

using testing::find_raw;
using testing::must_find;
using testing::run;

// The figure printed as each `raw` has its label.
void expect_labels(const DocumentResult& d, std::initializer_list<std::pair<const char*, const char*>> labels) {
  for (const auto& [raw, label] : labels) EXPECT_EQ(must_find(d, raw).label, label) << raw;
}

TEST(Extract, SentenceLabelsAsAReaderGivesThem) {
  DocumentResult d = run(
      "(一)收入总计1186.81万元,比上年减少23.95万元,下降1.98%。\n"
      "其中:人员经费546.94万元,主要包括基本工资;公用经费103.82万元。\n"
      "2020年度收入总计593.99万元其中593.71为财政拨款收入,0.28元为其他资金收入。\n");
  const QuantityRecord* total = find_raw(d, "1186.81万元");
  ASSERT_TRUE(total);
  EXPECT_EQ(total->label, "收入总计");
  EXPECT_EQ(total->value_yuan.value_or(Decimal()).to_canonical(), "11868100");
  EXPECT_EQ(total->kind, "money");
  EXPECT_EQ(total->context, "text");
  EXPECT_EQ(must_find(d, "23.95万元").label, "收入总计 / 比上年减少");
  EXPECT_EQ(must_find(d, "1.98%").label, "收入总计 / 下降");
  EXPECT_EQ(must_find(d, "1.98%").kind, "percent");
  EXPECT_EQ(must_find(d, "546.94万元").label, "人员经费");
  EXPECT_EQ(must_find(d, "103.82万元").label, "公用经费");
  const QuantityRecord* inherited = find_raw(d, "593.71");
  ASSERT_TRUE(inherited);
  EXPECT_EQ(inherited->label, "财政拨款收入");
  EXPECT_EQ(inherited->unit_source, "inferred");
  EXPECT_EQ(inherited->value_yuan->to_canonical(), "5937100");
  // Printed as 元, kept as 元: never "fixed".
  const QuantityRecord* small = find_raw(d, "0.28元");
  EXPECT_EQ(small->value_yuan->to_canonical(), "0.28");
  EXPECT_EQ(small->label, "其他资金收入");
}

// The year a text figure's label names (FigureContext::year, which the checks compare): four digits
// from 1900 to 2099 before 年, the first such in the label; none where 年 follows other digits.
TEST(Extract, ATextFiguresContextHoldsTheYearItsLabelNames) {
  const source::SourceText source = testing::source_of(
      "2023年收入总计1186.81万元。1998年度支出12.5万元。3年累计支出7.6万元。"
      "第12年、2021年预算收入3.2万元。52020年收入4.1万元。203A年支出2.5万元。\n");
  const grammar::Grammar& g = testing::builtin_grammar();
  layout::Layout layout = layout::build_layout(source, g);
  sections::Outline outline = sections::build_outline(layout, source, g);
  std::vector<tables::Grid> grids = tables::build_tables(layout, outline, source, g);
  extract::Extraction x = extract::extract_quantities(source, layout, outline, grids, g);
  auto year_of = [&](const std::string& raw) {
    for (size_t i = 0; i < x.quantities.size(); ++i) {
      if (x.quantities[i].raw == raw) return x.contexts[i].year;
    }
    ADD_FAILURE() << raw << " not found";
    return -1;
  };
  EXPECT_EQ(year_of("1186.81万元"), 0);  // the label is 收入总计: a leading year is no part of it
  EXPECT_EQ(year_of("12.5万元"), 1998);
  EXPECT_EQ(year_of("7.6万元"), 0);
  EXPECT_EQ(year_of("3.2万元"), 2021);
  EXPECT_EQ(year_of("4.1万元"), 2020);  // as the label is read: the 2020 of 52020 is taken
  EXPECT_EQ(year_of("2.5万元"), 0);
}

// A sentence that opens with a change names no subject of its own: it is the subject of the sentence
// before, and so are the sentence's later changes. Two sentences on, or after a subject of its own,
// it is not.
TEST(Extract, AChangeOpeningTheNextSentenceIsOfTheSubjectBefore) {
  DocumentResult d =
      run("2.其他收入15.62万元,为预算单位在“财政拨款收入”之外取得的收入。比上年减少14.58万元,下降48.28%,"
          "主要是银行利息收入减少。\n3.年末结转和结余69.12万元。主要用于项目支出。比上年减少10.15万元。\n"
          "4.公务接待费5万元。公用经费比上年减少2万元。\n"
          "1.行政运行449.13万元,主要用于单位日常运行开支。较2018年年初预算数增加135.2万元。\n");
  expect_labels(d, {{"14.58万元", "其他收入 / 比上年减少"},
                    {"48.28%", "其他收入 / 下降"},
                    {"10.15万元", "比上年减少"},
                    {"2万元", "公用经费比上年减少"},  // printed in one piece
                    {"135.2万元", "行政运行 / 较2018年年初预算数增加"}});
}

// A target's comparator is the figure's: the label ends before it.
TEST(Extract, AComparatorIsNoPartOfALabel) {
  DocumentResult d = run("质量指标图书完好率≥98%;成本指标单场活动成本≤0.5万元;足额保障率=100%。\n");
  expect_labels(d, {{"98%", "图书完好率"}, {"0.5万元", "单场活动成本"}, {"100%", "足额保障率"}});
}

// A number alone before a name is the cell before it, run into it (the weight of the indicator
// before); a date, a year or a classification code stays.
TEST(Extract, ANumberRunIntoANameIsNoPartOfIt) {
  DocumentResult d =
      run("产出指标数量指标足额保障率=100% 22.5科目调整次数≤10次 12.5产出指标(50分)。12月份采购支出3万元;"
          "其中:2010302一般行政管理事务99.45万元。\n");
  expect_labels(d, {{"10次", "科目调整次数"},
                    {"50分", "产出指标"},  // nor the bracket the figure opens
                    {"3万元", "12月份采购支出"},
                    {"99.45万元", "一般行政管理事务"}});
  EXPECT_EQ(must_find(d, "99.45万元").code, "2010302");
}

// A classification code printed before a label belongs to its own paragraph: the paragraph after
// it, read at the same offsets of its own text, neither takes it nor loses the start of its label.
TEST(Extract, ACodeBelongsToItsOwnParagraph) {
  DocumentResult d = run("2010301 行政运行支出5万元。\n\n基本支出合计8万元。\n");
  EXPECT_EQ(must_find(d, "5万元").code, "2010301");
  EXPECT_EQ(must_find(d, "5万元").label, "行政运行支出");
  EXPECT_EQ(must_find(d, "8万元").code, "");
  EXPECT_EQ(must_find(d, "8万元").label, "基本支出合计");
  // Every item of a list opens with its code, after the list's comma or after 其中; a number's own
  // digits after its thousands comma are no code.
  DocumentResult list =
      run("财政拨款支出1,295.87万元,其中:2010301 行政运行1,091.84万元,2010302 一般行政管理事务99.45万元。\n"
          "安排项目支出99.45万元,其中 2130599 其他扶贫支出29.00万元。\n");
  EXPECT_EQ(must_find(list, "99.45万元").code, "2010302");
  EXPECT_EQ(must_find(list, "99.45万元").label, "一般行政管理事务");
  EXPECT_EQ(must_find(list, "29.00万元").code, "2130599");
  EXPECT_EQ(must_find(list, "29.00万元").label, "其他扶贫支出");
  EXPECT_EQ(must_find(list, "1,295.87万元").code, "");
}

// A label reaches back to the last clause boundary (。 , ; :) and no further; 节 ends in the byte
// that ends 。 (82) and is no boundary.
TEST(Extract, LabelsStopAtClauseBoundariesOnly) {
  DocumentResult d =
      run("节能环保支出12.5万元。节约资金3.2万元,节能改造支出4.1万元;调节基金:7.6万元。"
          "成本指标(10分)人均培训成本800元\n2. 项目支出 29700 元,占一般公共预算支出的 3.26%。\n");
  // The bracket that closes "(10分)" is no part of the next label (人均培训成本), nor one that opens
  // before it.
  expect_labels(d, {{"12.5万元", "节能环保支出"},
                    {"3.2万元", "节约资金"},
                    {"4.1万元", "节能改造支出"},
                    {"7.6万元", "调节基金"},
                    {"800元", "人均培训成本"}});
  DocumentResult bracket = run("公务用车购置及运行费20.00万元(其中购置费0万元,运行费20.00万元)。\n");
  EXPECT_EQ(must_find(bracket, "0万元").label, "购置费");
  // The number of an item is no count of 项 (项目), and the item's name is whole.
  EXPECT_EQ(must_find(d, "29700 元").label, "项目支出");
  for (const QuantityRecord& q : d.quantities) EXPECT_NE(q.unit, "项") << q.raw;
}

// A flattened export drops its page header anywhere, even inside a word: the sentence reads on
// across it, and nothing in it is a figure or part of a label. Between two numbers it stays where it
// is, so that they stay two, and the second is read as if it were not there.
TEST(Extract, APageHeaderInsideASentenceIsReadAsIfAbsent) {
  DocumentResult d = run(
      "部门收支总表(单位:万元)。收 入 总 计 16,745.59 支 第 2 页,共 46 页 出 总 计 16,745.59 结转下年 3.50 "
      "基本支出 第 3 页，共 46 页 120.00,项目支出 88.10 第 4 页,共 46 页 90.20\n");
  std::vector<std::string> totals;
  for (const QuantityRecord& q : d.quantities) {
    if (q.raw == "16,745.59") totals.push_back(q.label);
  }
  EXPECT_EQ(totals, (std::vector<std::string>{"收入总计", "支出总计"}));
  EXPECT_EQ(must_find(d, "3.50").label, "结转下年");
  EXPECT_EQ(must_find(d, "120.00").label, "基本支出");
  EXPECT_EQ(must_find(d, "88.10").label, "项目支出");
  EXPECT_EQ(must_find(d, "90.20").label, "项目支出");
  EXPECT_EQ(d.quantities.size(), 6u);  // none of 2, 3, 4 or 46
}

TEST(Extract, AFigureWithoutAUnitTakesOneFromItsListItsSentenceOrItsParagraphsStatement) {
  DocumentResult d = run(
      // A list whose last figure prints the unit: all its figures have it.
      "收、支总计各是4125.49,4143.91万元。\n"
      // A list whose unit counts things: no money unit for the list, so the amount before it in
      // the sentence gives its own.
      "经费12.50万元,车辆3.00,2.00辆。\n"
      // The amount nearest before in the sentence, with other figures between.
      "支出593.99万元,增长3.2%,其中人员经费120.30,公用经费40.10。\n"
      // Not across a sentence end, nor from a figure whose unit is no money.
      "支出88.00万元。其中人员经费20.50。\n"
      "人数30人,其中在编20.50。\n");
  EXPECT_EQ(must_find(d, "4125.49").unit_source, "inferred");
  EXPECT_EQ(must_find(d, "4125.49").value_yuan->to_canonical(), "41254900");
  const QuantityRecord* vehicles = find_raw(d, "3.00");
  ASSERT_TRUE(vehicles);
  EXPECT_EQ(vehicles->unit, "万元");
  EXPECT_EQ(vehicles->unit_source, "inferred");
  EXPECT_EQ(must_find(d, "120.30").unit_source, "inferred");
  EXPECT_EQ(must_find(d, "40.10").value_yuan->to_canonical(), "401000");
  EXPECT_FALSE(find_raw(d, "20.50"));  // neither after 。 nor after 人
  // In a paragraph that states its unit, an amount with no evidence close by takes that unit.
  DocumentResult stated = run("单位：万元 收入50.25。\n");
  EXPECT_EQ(must_find(stated, "50.25").unit_source, "table");
}

TEST(Extract, DefaultUnitIsStatedOrTheMajorityOrAssumed) {
  DocumentResult stated = run("单位：万元\n收入合计100元，支出合计90元。\n");
  EXPECT_EQ(stated.document.default_unit, "万元");
  EXPECT_EQ(stated.document.default_unit_source, "stated");
  // Stated below figures printed in another unit, and before another statement: the first statement.
  DocumentResult stated_later = run("收入合计100元，支出合计90元。\n单位：万元\n单位：元\n收入合计5元。\n");
  EXPECT_EQ(stated_later.document.default_unit, "万元");
  EXPECT_EQ(stated_later.document.default_unit_source, "stated");
  DocumentResult majority = run("收入合计5万元，支出合计6万元，结余7元。\n");
  EXPECT_EQ(majority.document.default_unit, "万元");
  EXPECT_EQ(majority.document.default_unit_source, "majority");
  DocumentResult assumed = run("收入合计100，支出合计90。\n");
  EXPECT_EQ(assumed.document.default_unit_source, "assumed");
}

// The built-in grammar with one line of `file` replaced: the line that holds `line`, by `by` (or
// dropped when `by` is empty), loaded as an overlay folder is with --grammars.
grammar::GrammarResult grammar_with(const std::string& file, const std::string& line, const std::string& by) {
  std::string xml = testing::read_file(std::string(BUDGETLENS_SOURCE_DIR) + "/grammars/" + file);
  const size_t at = xml.find(line);
  if (at == std::string::npos) ADD_FAILURE() << line << " is not in " << file;
  const size_t begin = xml.rfind('\n', at) + 1, end = xml.find('\n', at);
  xml.replace(begin, end - begin, by);
  const std::string dir = testing::temp_dir("overlay");
  std::ofstream(dir + "/" + file) << xml;
  return grammar::load_grammar(dir);
}

DocumentResult run_with(grammar::GrammarResult grammar, const std::string& text) {
  if (!grammar) {
    ADD_FAILURE() << grammar.error().message;
    return {};
  }
  return pipeline::extract_document(testing::source_of(text), "test.txt", **grammar);
}

// The built-in identifier mask takes digits that follow a letter ("abc123"). A grammar without it
// leaves them to the readers, which must read them as text: the reader of fused table rows once
// stopped at such a digit and never moved on.
TEST(Extract, DigitsAfterALetterAreTextWhateverTheMasks) {
  auto grammar = grammar_with("figures.xml", "<mask kind=\"identifier\"", "");
  DocumentResult d = run_with(grammar, "编号abc123,项目支出12.34.56,基本支出7.8万元。\n");
  EXPECT_TRUE(find_raw(d, "7.8万元"));
}

// A grammar's pattern may match nothing at all where the readers look for the next match: each
// reader moves on past such a match, which once held it where it was for good.
TEST(Extract, PatternsThatMatchNothingDoNotHoldTheReadersWhereTheyAre) {
  const std::string marker = "<item-marker pattern=";
  EXPECT_TRUE(find_raw(
      run_with(grammar_with("labels.xml", marker,
                            "  <item-marker pattern=\"(?:[一二三四五六七八九十]{1,3}、|\\d{1,2}、)?\"/>"),
               "收入合计100.00万元。\n"),
      "100.00万元"));
  EXPECT_TRUE(find_raw(run_with(grammar_with("labels.xml", marker, "  <item-marker pattern=\"^\"/>"),
                                "说明,收入100.00万元。\n"),
                       "100.00万元"));
  DocumentResult run =
      run_with(grammar_with("indicators.xml", "<level n=\"1\"",
                            "    <level n=\"1\" pattern=\"(?:产出指标|效益指标|满意度指标)?\"/>"),
               "产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5\n");
  EXPECT_EQ(run.indicators.size(), 2u);  // as with the built-in pattern
}

// <distribute> hands out heads, a common tail and a relation: a pattern without the three groups
// is refused when the grammar loads, naming the file and line.
TEST(Extract, ADistributePatternNeedsItsThreeGroups) {
  auto grammar = grammar_with("labels.xml", "<distribute pattern=", "  <distribute pattern=\"(.*)各(.*)\"/>");
  ASSERT_FALSE(grammar);
  EXPECT_EQ(grammar.error().code, grammar::ErrorCode::kBadPattern);
  EXPECT_NE(grammar.error().message.find("labels.xml:"), std::string::npos) << grammar.error().message;
  EXPECT_NE(grammar.error().message.find("three groups"), std::string::npos) << grammar.error().message;
}

TEST(Extract, AUnitStatementOfNoMoneyUnitSaysNothingOfAmounts) {
  // A grammar whose unit statement also captures a count word: a line stating it is no statement
  // of the default unit, whether or not it prints a money word too.
  std::ifstream in(std::string(BUDGETLENS_SOURCE_DIR) + "/grammars/tables.xml");
  std::stringstream tables;
  tables << in.rdbuf();
  std::string xml = tables.str();
  const std::string anchor = "<!-- Rows that total others. -->";
  ASSERT_NE(xml.find(anchor), std::string::npos);
  xml.insert(xml.find(anchor), "<unit-statement pattern=\"计量单位[:]?(个|万元)\"/>\n  ");
  const std::string dir = testing::temp_dir("units");
  std::ofstream(dir + "/tables.xml") << xml;
  auto grammar = grammar::load_grammar(dir);
  ASSERT_TRUE(grammar) << grammar.error().message;
  DocumentResult d = pipeline::extract_document(
      testing::source_of("计量单位：个，单价以元计\n收入合计5万元，支出合计6万元。\n"), "test.txt",
      **grammar);
  EXPECT_EQ(d.document.default_unit, "万元");
  EXPECT_EQ(d.document.default_unit_source, "majority");
}

TEST(Extract, YearsDatesCodesAndDocumentNumbersAreNotAmounts) {
  DocumentResult d = run(
      "按桃发〔2013〕13号文件规定,2019年1月-12月,第2页,联系电话0566-2024145。\n"
      "其中:2010301 行政运行 1,091.84 万元。\n");
  ASSERT_EQ(d.quantities.size(), 1u);
  EXPECT_EQ(d.quantities[0].label, "行政运行");
  EXPECT_EQ(d.quantities[0].code, "2010301");
  EXPECT_EQ(d.quantities[0].value_yuan->to_canonical(), "10918400");
}

TEST(Extract, CountsApproximationsAndOddForms) {
  DocumentResult d = run("全年编写材料百余篇,开展座谈900余人次以上,公开信息17000多篇,执行率96.%,较上年减少-3.5万元。\n");
  EXPECT_EQ(must_find(d, "900余人次以上").approx, "余");
  EXPECT_EQ(must_find(d, "900余人次以上").kind, "count");
  EXPECT_EQ(must_find(d, "17000多篇").approx, "多");
  EXPECT_EQ(must_find(d, "96.%").value.to_string(), "96");
  EXPECT_TRUE(must_find(d, "-3.5万元").value.is_negative());
  EXPECT_EQ(must_find(d, "-3.5万元").value_yuan->to_canonical(), "-35000");
}

TEST(Extract, PairedFiguresAndFullWidthDigits) {
  DocumentResult d = run("2022年度收、支总计各是4125.49,4143.91万元,各下降23.51%、38.28%。收入合计１，２９５．８７万元。\n");
  EXPECT_EQ(must_find(d, "4125.49").label, "收总计");
  EXPECT_EQ(must_find(d, "4143.91万元").label, "支总计");
  EXPECT_EQ(must_find(d, "38.28%").label, "支总计 / 下降");
  const QuantityRecord* wide = find_raw(d, "１，２９５．８７万元");
  ASSERT_TRUE(wide);
  EXPECT_EQ(wide->value_yuan->to_canonical(), "12958700");
}

// The figures of a list whose unit is printed after the last one only take that unit, whatever of
// labels.xml's list separators stand between them: 、 and 和 here, in a document whose other amounts
// are in 元.
TEST(Extract, AListOfFiguresTakesTheUnitPrintedAfterTheLast) {
  DocumentResult d = run(
      "基本支出100.00元,项目支出200.00元,其他300.00元。\n本年安排专项资金分别为12.50、15.25和18.00万元。\n");
  EXPECT_EQ(must_find(d, "12.50").value_yuan->to_canonical(), "125000");
  EXPECT_EQ(must_find(d, "15.25").value_yuan->to_canonical(), "152500");
  EXPECT_EQ(must_find(d, "15.25").label, "本年安排专项资金");
  EXPECT_EQ(must_find(d, "18.00万元").label, "本年安排专项资金");  // not "和"
}

TEST(Extract, TableFiguresTakeRowAndColumnLabelsAndTheTableUnit) {
  DocumentResult d = run("单位:万元\n项目\t预算数\t执行数\n合计\t1,000.00\t998.50\n基本支出\t600.00\t600.00\n");
  const QuantityRecord* q = find_raw(d, "998.50");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->label, "合计");
  EXPECT_EQ(q->column, "执行数");
  EXPECT_EQ(q->context, "table");
  EXPECT_EQ(q->unit, "万元");
  EXPECT_EQ(q->value_yuan->to_canonical(), "9985000");
  EXPECT_EQ(q->span.line, 3u);
}

// A yearbook's table, printed with single spaces: its figures under a year are that year's amounts
// in the unit the table states, though printed as whole numbers, and a bilingual label names its
// row by its Chinese. Without a stated unit they are no money.
TEST(Extract, AYearbooksRowsAreNamedInChineseAndItsYearsHoldAmounts) {
  const std::string table =
      "    item 2003 2004 2005\n"
      "支出合计 total expenditure 1300 1425 1600\n"
      "1.教育支出 expenditure for operating expenses of\n"
      "         education\n"
      "600 700 800\n"
      "2.科学技术支出 science 300 325 400\n"
      "3.农林水支出 agriculture 400 400 400\n";
  DocumentResult d = run("表7-3 财政支出\n单位:万元\n" + table);
  const QuantityRecord* total = find_raw(d, "1425");
  ASSERT_TRUE(total);
  EXPECT_EQ(total->label, "支出合计");
  EXPECT_EQ(total->column, "2004");
  EXPECT_EQ(total->unit_source, "table");
  EXPECT_EQ(total->value_yuan.value_or(Decimal()).to_canonical(), "14250000");
  EXPECT_EQ(must_find(d, "700").label, "1.教育支出");
  EXPECT_EQ(must_find(d, "325").label, "2.科学技术支出");
  DocumentResult bare = run(table);
  const QuantityRecord* unstated = find_raw(bare, "1425");
  ASSERT_TRUE(unstated);
  EXPECT_FALSE(unstated->value_yuan.has_value()) << "no unit stated: " << unstated->unit;
}

// A note printed as a table's last row, one cell of sentences, is read as running text: its figures
// are named by their sentence. A row of one cell inside the table, or a note beside other cells, is
// not a note.
TEST(Extract, ANoteUnderATableIsReadAsText) {
  DocumentResult d =
      run("项目 | 2023年预算数 | 2024年预算数 |\n合计 | 3 | 7 |\n说明:含接待费2万元。 | ||\n公务接待费 | 3 | "
          "7 |\n"
          "注:2023年公务接待费决算数为7万元,比预算增加4万元。 | ||\n");
  const QuantityRecord& note = testing::must_find(d, "7万元");
  EXPECT_EQ(note.context, "text");
  EXPECT_EQ(note.table, "");
  EXPECT_EQ(note.label, "2023年公务接待费决算数");
  EXPECT_EQ(note.value_yuan->to_canonical(), "70000");
  EXPECT_EQ(note.span.line, 5u);
  EXPECT_TRUE(find_raw(d, "4万元"));
  EXPECT_FALSE(find_raw(d, "2万元"));  // inside the table
  DocumentResult beside = run("项目 | 预算数 |\n合计 | 3 |\n注:决算数为7万元。 | 另见附表 |\n");
  EXPECT_FALSE(find_raw(beside, "7万元"));
}

// Two tables side by side (收入 | 金额 | 支出 | 金额): a figure of the right half is named by the right
// half's label alone, the row of a right half whose left is empty included; labels before an
// amount that head other columns (an indicator table after its project's budget) still name it.
TEST(Extract, TheRightHalfOfTablesSideBySideIsNamedByItsOwnLabel) {
  DocumentResult d = run(
      "单位:万元\n项目 | 金额 | 项目 | 金额 |\n一、财政拨款收入 | 590.00 | 一、一般公共服务支出 | 500.00 |\n"
      "二、其他收入 | 10.00 | 二、住房保障支出 | 60.00 |\n | | 三、农林水支出 | 40.00 |\n"
      "本年收入合计 | 600.00 | 本年支出合计 | 600.00 |\n");
  EXPECT_EQ(must_find(d, "500.00").label, "一、一般公共服务支出");
  EXPECT_EQ(must_find(d, "40.00").label, "三、农林水支出");
  EXPECT_EQ(must_find(d, "10.00").label, "二、其他收入");
  const QuantityRecord* both = nullptr;
  for (const QuantityRecord& q : d.quantities) {
    if (q.raw == "600.00" && q.span.col > 20) both = &q;
  }
  ASSERT_TRUE(both);
  EXPECT_EQ(both->label, "本年支出合计");
  DocumentResult project =
      run("单位:万元\n项目名称 | 年度资金总额 | 一级指标 | 二级指标 | 指标值 |\n"
          "村组干部报酬 | 120.00 | 产出指标 | 数量指标 | 230人 |\n");
  EXPECT_EQ(must_find(project, "230人").label, "村组干部报酬 / 产出指标 / 数量指标");
}

TEST(Extract, FusedCellsSplitOnlyWithCertainty) {
  DocumentResult d = run(
      "项目预算成本构成金额测算依据2020年实际执行数2021年实际执行数保安服务费191依据招标文件191191保洁服务费99依据招标文件"
      "9999水电气费524根据三定方案据实结算372.88504.55合计814662.98794.55绩效目标以服务对象满意为目标\n");
  for (const char* raw : {"814", "662.98", "794.55", "372.88", "504.55"}) {
    const QuantityRecord* q = find_raw(d, raw);
    ASSERT_TRUE(q) << raw;
  }
  EXPECT_EQ(must_find(d, "662.98").label, "合计");
  EXPECT_EQ(must_find(d, "504.55").label, "水电气费");
  // A run that ends in a percentage fuses cells of other kinds ("310.2154.741050%5": 310.2, 154.74,
  // 10, 50% and 5 under 年初预算数, 全年执行数, 分值, 执行率, 得分): it is split by its rate
  // (AFundRowIsSplitWhereItsRateAgrees), and no head of it ("310.2154") is a figure of its own.
  DocumentResult form =
      run("1、项目支出绩效自评表(2016年度)           "
          "项目名称道路清扫保洁外包工作经费主管部门及代码临溪县人民政府城南街道"
          "办事处实施单位:临溪县城南街道城市运行服务中心项目资金(万元) "
          "年初预算数(A)全年执行数(B)分值(10分)执行率(B/A)"
          "得分得分计算方法年度资金总额:310.2154.741050%5执行率*该指标分值,最高不得超过分值上限。其中:"
          "本年一般公共预算"
          "拨款 310.2154.74   其他资金     绩效指标一级指标二级指标三级指标分值年度指标值(A)全年实际值(B)得分"
          "数量指标是否完成申报的数量 3、2.512.5完成值达到指标值,记满分。\n");
  // Nor from runs after a list number alone ("3、2.512.5": 分值 and 得分 where a page broke), which
  // are no row of a table, no part of the row before them, and no measure of the table's columns.
  for (const QuantityRecord& q : form.quantities) {
    EXPECT_NE(q.raw, "1050") << q.label;
    EXPECT_NE(q.raw, "310.2154") << q.label;
    EXPECT_TRUE(q.kind != "money" || q.label == "本年一般公共预算拨款" || q.label == "年度资金总额")
        << q.raw << " " << q.label;
  }
  DocumentResult costs =
      run("项目资金(万元)\n成本构成2021年预算数2021年执行数保安服务费191.00191.00保洁服务费99.5099.50"
          "绩效目标 3、2.5012.5012.50完成值达到指标值,记满分。\n");
  EXPECT_EQ(must_find(costs, "99.50").label, "保洁服务费");
  for (const QuantityRecord& q : costs.quantities) EXPECT_NE(q.raw, "12.50");
}

// A self-evaluation form's fund row run together: its amounts part where the 执行率 printed after
// them is what they make it, when one split does; a run of the same digits parts the same way.
TEST(Extract, AFundRowIsSplitWhereItsRateAgrees) {
  auto figures = [](const DocumentResult& d) {
    std::vector<std::string> out;
    for (const QuantityRecord& q : d.quantities) out.push_back(q.raw + " " + q.label);
    return out;
  };
  const std::string header = "项目资金(万元)年初预算数(A)全年执行数(B)分值(10分)执行率(B/A)得分得分计算方法";
  // 310.2 and 154.74 make 49.9%, printed 50%; 310.21 and 54.74 would make 17.6%. A rate after one
  // run of digits is read as printed.
  DocumentResult d =
      run(header +
          "年度资金总额:310.2154.741050%5执行率*该指标分值。其中:本年一般公共预算拨款 310.2154.74 "
          "其他资金 预算执行率100%\n");
  EXPECT_EQ(figures(d), (std::vector<std::string>{"10分 项目资金(万元)年初预算数(A)全年执行数(B)分值",
                                                  "310.2 年度资金总额", "154.74 年度资金总额",
                                                  "50% 年度资金总额", "310.2 本年一般公共预算拨款",
                                                  "154.74 本年一般公共预算拨款", "100% 其他资金预算执行率"}));
  EXPECT_EQ(must_find(d, "154.74").value_yuan->to_canonical(), "1547400");
  // Three amounts and no weight, the row's name before the header words (as OCR left them); the
  // rate is the last amount over the one before it. The rows it splits are no measure of the
  // columns of the cost table after them.
  DocumentResult three =
      run("项目资金(万元)年度资金总额年初预算数调整预算数(A)、全年执行数(B)执行率(B/A)120.5130.0126.597%"
          "其中:财政拨款120.5130.0126.5成本构成2021年预算数2021年执行数保安服务费191.00191.00\n");
  EXPECT_EQ(figures(three),
            (std::vector<std::string>{"120.5 年度资金总额", "130.0 年度资金总额", "126.5 年度资金总额",
                                      "97% 年度资金总额", "120.5 财政拨款", "130.0 财政拨款",
                                      "126.5 财政拨款", "191.00 保安服务费", "191.00 保安服务费"}));
  // No cell starts with its point (185.4, 131.6 and 71%, not 185.4, 131, .67 and 1%), and no
  // weight is 0 (84.92, 84.1, a weight 10 and 99%, not 84.92, 84.11, 0 and 99%).
  for (auto [row, amount] : {std::pair{"185.4131.671%", "131.6"}, std::pair{"84.9284.11099%", "84.1"}}) {
    DocumentResult one = run(header + "年度资金总额:" + row + "执行率。\n");
    EXPECT_EQ(must_find(one, amount).label, "年度资金总额") << row;
  }
  // A rate no split makes (60%), or one that two splits make (48.6, 52.8, 50.18 and 95%, or 48.6,
  // 52.8, 50.1, a weight 8 and 95%), gives no figure.
  for (const char* row : {"年度资金总额:310.2154.741060%5", "年度资金总额:48.652.850.1895%"}) {
    DocumentResult none = run(header + row + "执行率*该指标分值。\n");
    EXPECT_EQ(figures(none), (std::vector<std::string>{"10分 项目资金(万元)年初预算数(A)全年执行数(B)分值"}))
        << row;
  }
}

TEST(Extract, AWeightRunIntoTheFigureAfterItIsNoPartOfIt) {
  // 分值, 指标值, 实际完成值 run together: "10150人150人" is a weight 10, then 150人 twice.
  DocumentResult d =
      run("一级指标二级指标三级指标分值指标值实际完成值得分项目产出(30分)数量指标(10分)"
          "培训文艺骨干人数10150人150人10"
          "成本指标(10分)人均培训成本10800元800元10\n");
  int trained = 0;
  for (const QuantityRecord& q : d.quantities) {
    EXPECT_NE(q.raw, "10150人");
    EXPECT_NE(q.raw, "10800元");
    if (q.raw == "150人") {
      ++trained;
      EXPECT_EQ(q.value.to_canonical(), "150");
      EXPECT_EQ(q.label, "培训文艺骨干人数");
    }
  }
  EXPECT_EQ(trained, 2);
  EXPECT_EQ(must_find(d, "800元").value_yuan->to_canonical(), "800");
  // Figures printed apart, or whose head is no run of digits, are read as printed.
  DocumentResult apart = run("全年收入1415万元,其中上级补助15万元。结转1,415万元15万元。\n");
  EXPECT_TRUE(find_raw(apart, "1415万元"));
  EXPECT_TRUE(find_raw(apart, "1,415万元"));
}

// An indicator table run together into text: a figure is named by its indicator, without the
// header words, the level names or the explanation (反映…) around it; a level name alone stays.
TEST(Extract, AFigureOfARunTogetherIndicatorTableIsNamedByItsIndicator) {
  DocumentResult d =
      run("2026年度项目支出绩效目标表绩效指标一级指标二级指标指标解释指标值"
          "产出指标数量指标流动书屋服务人次反映流动书屋全年服务群众情况8000人次"
          "质量指标图书完好率反映所配图书的完好情况98%"
          "满意度指标服务对象满意度指标参与群众满意度90%\n"
          "数量指标(10分)\n");
  expect_labels(d, {{"8000人次", "流动书屋服务人次"},
                    {"98%", "图书完好率"},
                    {"90%", "参与群众满意度"},
                    {"10分", "数量指标"}});
}

// A spreadsheet flattened into one line prints each row's number (行次) between its name and its
// figure; a number that names (指标2) stays.
TEST(Extract, ARowNumberAfterANameIsNoPartOfIt) {
  DocumentResult d =
      run("表1 部门收支总表 单位:万元 收 入 项 目 行次 2024年预算数 "
          "一、一般公共预算拨款收入 1 8,426.35 四、事业收入 4 510.00 "
          "二十八、债务发行费用支出 60 本 年 收 入 合 计 29 8,936.35\n"
          "数量指标:指标2 120人。\n");
  expect_labels(d, {{"8,426.35", "一般公共预算拨款收入"},
                    {"510.00", "事业收入"},
                    {"8,936.35", "本年收入合计"},
                    {"120人", "指标2"}});
}

// A row of a score table is named by its levels, not by the weights beside them, figures or not
// ("15分)": its bracket lost).
TEST(Extract, AScoreRowIsNamedByItsLevelsNotItsWeights) {
  DocumentResult d =
      run("一级指标\t分值\t二级指标\t分值\t三级指标\t分值\t得分\n"
          "投入\t(15分)\t预算配置\t15分)\t在职人员控制率\t7分)\t7\n"
          "\t\t\t\t三公经费变动率\t8分)\t8\n");
  const QuantityRecord* seven = nullptr;
  for (const QuantityRecord& q : d.quantities) {
    if (q.raw == "7" && q.column == "得分") seven = &q;
  }
  ASSERT_NE(seven, nullptr);
  EXPECT_EQ(seven->label, "投入 / 预算配置 / 在职人员控制率");
}

TEST(Extract, HtmlTableFiguresTakeTheirLabelsFromMergedCells) {
  std::string page =
      "<html><body>\n<p>单位:万元</p>\n<table>\n<tr><td>项目</td><td>科目</td><td>预算数</td><td>执行数</td></tr>\n"
      "<tr><td rowspan=2>一般公共服务</td><td>行政运行</td><td>600.00</td><td>600.00</td></tr>\n"
      "<tr><td>事务管理</td><td>400.00</td><td>398.50</td></tr>\n</table></body></html>\n";
  DocumentResult d = run(page);
  const QuantityRecord& q = must_find(d, "398.50");
  EXPECT_EQ(q.label, "一般公共服务 / 事务管理");
  EXPECT_EQ(q.column, "执行数");
  EXPECT_EQ(q.unit, "万元");
  EXPECT_EQ(q.value_yuan->to_canonical(), "3985000");
  EXPECT_EQ(q.span.line, 6u);
  EXPECT_EQ(page.substr(q.span.offset, q.span.length), "398.50");
  int figures = 0;
  for (const QuantityRecord& r : d.quantities) figures += r.context == "table";
  EXPECT_EQ(figures, 4);  // the merged label is not repeated as a figure of its own
  EXPECT_EQ(d.document.format, "html");
  EXPECT_EQ(d.document.lines, 7u);  // of the page, not of its rendered text
}

}  // namespace
}  // namespace budgetlens
