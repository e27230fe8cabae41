// layout/: lines into headings, paragraphs and the flattened table layouts.
#include <algorithm>

#include "layout/layout.h"
#include "test_support.h"

namespace budgetlens::layout {
namespace {

Layout layout_of(const source::SourceText& s) { return build_layout(s, testing::builtin_grammar()); }

std::vector<BlockKind> kinds(const Layout& l) {
  std::vector<BlockKind> out;
  for (const Block& b : l.blocks) out.push_back(b.kind);
  return out;
}

TEST(Layout, HeadingsAndNumberedParagraphs) {
  auto s = testing::source_of(
      "第一部分:单位概况\n一、主要职能\n(一)收入总计1186.81万元,比上年减少23.95万元,下降1.98%。\n"
      "1.政治部。研究加强队伍建设的意见和措施。\n");
  Layout l = layout_of(s);
  ASSERT_EQ(l.blocks.size(), 5u);
  EXPECT_EQ(l.blocks[0].kind, BlockKind::kHeading);
  EXPECT_EQ(l.blocks[0].style, "part");
  EXPECT_EQ(l.blocks[1].kind, BlockKind::kHeading);
  EXPECT_EQ(l.blocks[1].marker, "一、");
  // A numbered line that states an amount is a paragraph, not a heading.
  EXPECT_EQ(l.blocks[2].kind, BlockKind::kParagraph);
  EXPECT_EQ(l.blocks[2].marker, "(一)");
  // "1.政治部。研究…" is a heading with its text after it.
  EXPECT_EQ(l.blocks[3].kind, BlockKind::kHeading);
  EXPECT_EQ(l.blocks[4].kind, BlockKind::kParagraph);
}

// A numbered line that folding changes (spaces between Chinese words are dropped) has its marker
// and its inline title cut where they are printed, as a line folding leaves as it is has.
TEST(Layout, MarkersAndInlineTitlesEndWhereTheyArePrinted) {
  const std::pair<std::string, std::string> numbered[] = {{"二、主要职能", "主要职能"},
                                                          {"二、 主要 职能", "主要 职能"}};
  for (const auto& [line, body] : numbered) {
    auto s = testing::source_of(line + "\n");
    Layout l = layout_of(s);
    ASSERT_EQ(l.blocks.size(), 1u) << line;
    EXPECT_EQ(l.blocks[0].marker, "二、") << line;
    EXPECT_EQ(s.text.substr(l.blocks[0].body.begin, l.blocks[0].body.size()), body) << line;
  }
  for (const std::string& title : {std::string("1.政治部。"), std::string("1. 政治 部。")}) {
    auto s = testing::source_of(title + "研究加强队伍建设的意见和措施。\n");
    Layout l = layout_of(s);
    ASSERT_EQ(l.blocks.size(), 2u) << title;
    EXPECT_EQ(l.blocks[0].kind, BlockKind::kHeading) << title;
    EXPECT_EQ(l.blocks[0].marker, "1.") << title;
    EXPECT_EQ(s.text.substr(l.blocks[0].range.begin, l.blocks[0].range.size()), title) << title;
    EXPECT_EQ(s.text.substr(l.blocks[1].range.begin, l.blocks[1].range.size()),
              "研究加强队伍建设的意见和措施。")
        << title;
  }
}

TEST(Layout, PipeRows) {
  auto s = testing::source_of("一级指标 | 二级指标 | 指标值 |\n产出指标(30分) | 数量指标 | 100 |\n质量指标 | 95 | |\n");
  Layout l = layout_of(s);
  ASSERT_EQ(l.blocks.size(), 1u);
  EXPECT_EQ(l.blocks[0].layout, TableLayout::kPipe);
  ASSERT_EQ(l.blocks[0].rows.size(), 3u);
  EXPECT_EQ(l.blocks[0].rows[2].cells.size(), 2u);  // padding bars are not cells
  EXPECT_EQ(l.blocks[0].rows[2].width, 3);
}

TEST(Layout, MarkdownRowsBrokenOverLinesAreRejoinedByBarCount) {
  auto s = testing::source_of("| 项目 | 预算数 | 执行数 |\n|\n资金\n总额 |\n10 | 9 |\n| 其中 | 5 | 4 |\n");
  Layout l = layout_of(s);
  ASSERT_EQ(l.blocks.size(), 1u);
  ASSERT_EQ(l.blocks[0].rows.size(), 3u);
  EXPECT_EQ(l.blocks[0].rows[1].cells.size(), 3u);
  EXPECT_EQ(l.blocks[0].rows[1].cells[0].text, "资金\n总额");
}

TEST(Layout, CellLinesWithBarClosers) {
  auto s = testing::source_of("一级指标 |\n二级指标 |\n分值 |\n产出 |\n数量 |\n5 |\n质量 |\n3 |\n|\n");
  Layout l = layout_of(s);
  ASSERT_EQ(l.blocks.size(), 1u);
  EXPECT_EQ(l.blocks[0].layout, TableLayout::kCellLines);
  ASSERT_EQ(l.blocks[0].rows.size(), 1u);
  EXPECT_EQ(l.blocks[0].rows[0].closer, 1);
  EXPECT_EQ(l.blocks[0].rows[0].cells.size(), 8u);
}

TEST(Layout, TabRowsKeepEmptyFieldsAsPositions) {
  auto s = testing::source_of("一级指标\t二级指标\t分值\n产出\t数量\t5\n\t质量\t3\n\t(2)其他\t\t\n");
  Layout l = layout_of(s);
  ASSERT_EQ(l.blocks.size(), 1u);
  EXPECT_EQ(l.blocks[0].layout, TableLayout::kTab);
  ASSERT_EQ(l.blocks[0].rows.size(), 4u);  // the single-field line is a row, not a heading
  EXPECT_TRUE(l.blocks[0].rows[2].cells[0].blank);
}

std::vector<std::string> texts(const RawRow& r) {
  std::vector<std::string> out;
  for (const RawCell& c : r.cells) out.emplace_back(c.text);
  return out;
}

// A table aligned with spaces, as pdftotext -layout prints it: a wider gap is an empty cell, placed
// by where the figures after it stand. Converters pad by characters (a Han character is one), people
// aligning by eye pad by display width (a Han character is two); both place the cell.
TEST(Layout, AlignedRowsPlaceTheirCellsByColumn) {
  const std::string by_chars =
      "部门收支总表\n"
      "编制单位：石门县气象服务中心          2025年1月10日         单位：万元\n"
      "项目                                          合计        基本支出        项目支出\n"
      "一般公共服务支出                              1,286.40    1,031.85      254.55\n"
      "教育支出                                     82.00                   82.00\n"
      "机关事业单位基本养老保险缴费支出                         65.20       65.20\n"
      "其他支出                                      6.00                    6.00\n"
      "城乡社区公共设施建设与维护管理支出                        12.60                   12.60\n";
  const std::string by_width =
      "部门收支总表\n"
      "单位：万元\n"
      "项目                                      合计    基本支出    项目支出\n"
      "一般公共服务支出                      1,286.40    1,031.85      254.55\n"
      "教育支出                                 82.00                   82.00\n"
      "机关事业单位基本养老保险缴费支出         65.20       65.20\n"
      "其他支出                                  6.00                    6.00\n"
      "城乡社区公共设施建设与维护管理支出       12.60                   12.60\n";
  using Cells = std::vector<std::string>;
  for (const std::string& text : {by_chars, by_width}) {
    auto s = testing::source_of(text);
    Layout l = layout_of(s);
    const Block& t = l.blocks.back();
    ASSERT_EQ(t.kind, BlockKind::kTable) << text;
    EXPECT_EQ(t.layout, TableLayout::kAligned);
    ASSERT_EQ(t.rows.size(), 6u) << "the caption and the unit statement stay text above the table";
    EXPECT_EQ(texts(t.rows[0]), (Cells{"项目", "合计", "基本支出", "项目支出"}));
    EXPECT_EQ(texts(t.rows[1]), (Cells{"一般公共服务支出", "1,286.40", "1,031.85", "254.55"}));
    EXPECT_EQ(texts(t.rows[2]), (Cells{"教育支出", "82.00", "", "82.00"})) << text;
    EXPECT_TRUE(t.rows[2].cells[2].blank);
    EXPECT_EQ(texts(t.rows[3]), (Cells{"机关事业单位基本养老保险缴费支出", "65.20", "65.20"})) << text;
    EXPECT_EQ(texts(t.rows[4]), (Cells{"其他支出", "6.00", "", "6.00"})) << text;
    EXPECT_EQ(texts(t.rows[5]), (Cells{"城乡社区公共设施建设与维护管理支出", "12.60", "", "12.60"})) << text;
    EXPECT_EQ(s.text.substr(t.rows[1].cells[1].range.begin, t.rows[1].cells[1].range.size()), "1,286.40");
  }
  // Where only the header fills every column, the figures tell the measure: they end at one place
  // a column in it (here display width), at as many as the labels' lengths in the other.
  auto header_only = testing::source_of(
      "科目编码    科目名称                        合计        基本支出      项目支出\n"
      "208         社会保障和就业支出             58.30          58.30\n"
      "210         卫生健康支出                   24.10          24.10\n"
      "21011       行政事业单位医疗               24.10          24.10\n"
      "2101101     行政单位医疗                   24.10          24.10\n");
  const Layout header_layout = layout_of(header_only);
  const Block& h = header_layout.blocks.at(0);
  ASSERT_EQ(h.rows.size(), 5u);
  EXPECT_EQ(texts(h.rows[2]), (Cells{"210", "卫生健康支出", "24.10", "24.10"}));
  EXPECT_EQ(texts(h.rows[4]), (Cells{"2101101", "行政单位医疗", "24.10", "24.10"}));
  // A converter starts a page with a form feed, on the line of its first row.
  auto paged = testing::source_of(
      "项目      合计      基本支出\n教育支出  82.00     82.00\n\f住房支出  9.30      9.30\n");
  Layout l = layout_of(paged);
  ASSERT_EQ(l.blocks.size(), 1u);
  ASSERT_EQ(l.blocks[0].rows.size(), 3u);
  EXPECT_EQ(texts(l.blocks[0].rows[2]), (std::vector<std::string>{"住房支出", "9.30", "9.30"}));
}

// A label wrapped onto lines of its own stays in its table (tables/ joins it to its row); a caption,
// a unit statement or a page number between two aligned tables is text between two tables.
TEST(Layout, AlignedTablesKeepLabelsWrappedOntoLinesOfTheirOwn) {
  auto wrapped = testing::source_of(
      "科目名称                      合计      基本支出\n机关事业单位基本养老保险     58.30         58.30\n"
      "缴费支出\n行政单位医疗                 24.10         24.10\n");
  Layout l = layout_of(wrapped);
  ASSERT_EQ(l.blocks.size(), 1u);
  EXPECT_EQ(l.blocks[0].rows.size(), 4u);
  EXPECT_EQ(texts(l.blocks[0].rows[2]), (std::vector<std::string>{"缴费支出"}));
  const char* between[] = {"表2 一般公共预算支出表", "单位：万元", "— 2 —"};
  for (const char* line : between) {
    auto two = testing::source_of(std::string("项目      合计\n教育    82.00\n住房    9.30\n") + line +
                                  "\n项目      合计\n卫生    1.00\n农林    2.00\n");
    Layout t = layout_of(two);
    ASSERT_EQ(kinds(t), (std::vector<BlockKind>{BlockKind::kTable, BlockKind::kParagraph, BlockKind::kTable}))
        << line;
  }
}

// A web page's <pre> keeps its spaces: a table aligned in it is read as in a text.
TEST(Layout, AlignedRowsInAPagesPreformattedText) {
  auto s = testing::source_of(
      "<html><body><p>单位：万元</p><pre>\n项目        合计      基本支出\n教育支出    82.00     82.00\n"
      "住房支出    9.30\n</pre></body></html>\n");
  Layout l = layout_of(s);
  ASSERT_EQ(l.blocks.size(), 2u);
  EXPECT_EQ(l.blocks[1].layout, TableLayout::kAligned);
  ASSERT_EQ(l.blocks[1].rows.size(), 3u);
  EXPECT_EQ(texts(l.blocks[1].rows[2]), (std::vector<std::string>{"住房支出", "9.30"}));
}

// Wide gaps in running text, or a single row of figures, make no table.
TEST(Layout, WideGapsWithoutTwoRowsOfFiguresAreText) {
  const char* texts_without_table[] = {
      "一、部门职责  本单位主要负责档案接收、保管和利用工作,全年共接收档案12,000卷。\n"
      "二、机构设置  内设办公室、业务科两个科室,编制人数18人,实有人数17人。\n",
      "项目    金额\n合计    100.00\n本单位2024年无政府采购预算。\n",
      "注:  本表无数据\n说明:  金额单位为万元\n",
  };
  for (const char* text : texts_without_table) {
    auto s = testing::source_of(text);
    Layout l = layout_of(s);
    for (const Block& b : l.blocks) EXPECT_NE(b.kind, BlockKind::kTable) << text;
  }
  // Rows of more cells than a page holds are no table: placing a shorter row's cells among so many
  // columns would cost their product.
  auto row_of = [](int cells) {
    std::string row = "项目";
    for (int k = 0; k < cells; ++k) row += "  " + std::to_string(k + 1) + ".00";
    return row + "\n";
  };
  auto fits = testing::source_of(row_of(39) + row_of(39));
  EXPECT_EQ(layout_of(fits).blocks.at(0).kind, BlockKind::kTable);
  auto wide = testing::source_of(row_of(40) + row_of(20) + row_of(40));
  for (const Block& b : layout_of(wide).blocks) EXPECT_NE(b.kind, BlockKind::kTable);
}

// Rows printed with single spaces, as a converter that keeps no positions prints them: the figures
// are counted from the right, as many as the header line names columns; a label wrapped over lines
// and figures carried onto lines of their own join their row; a row short of figures keeps them
// together, not under headers that may not be theirs.
TEST(Layout, SpacedRowsCountTheirFiguresFromTheRight) {
  using Cells = std::vector<std::string>;
  auto s = testing::source_of(
      "表7-3 财政支出\n"
      "单位:万元\n"
      "    item 2003 2004 2005\n"
      "支出合计 total expenditure 1,300 1425 1600\n"
      "1.教育支出 education 600 700 800\n"
      "2.科学技术支出 expenditure for science and\n"
      "       technology\n"
      "300 325 400\n"
      "3.农林水支出 agriculture\n"
      "150\n"
      "175 200\n"
      "4.城乡社区支出 urban and rural\n"
      "    community affairs 90 95 99\n"
      "4.林业支出 forestry 120 140\n"
      "5.其他支出 others 130 - 60\n"
      "6.短行 short 70 80\n"
      "7.未完的行 expenditure cut off in\n"
      "本表数据来源于财政决算。\n");
  Layout l = layout_of(s);
  auto table = std::find_if(l.blocks.begin(), l.blocks.end(),
                            [](const Block& b) { return b.kind == BlockKind::kTable; });
  ASSERT_NE(table, l.blocks.end());
  ASSERT_EQ(std::count_if(l.blocks.begin(), l.blocks.end(),
                          [](const Block& b) { return b.kind == BlockKind::kTable; }),
            1);
  Block t = *table;
  EXPECT_EQ(t.first_line, 2u) << "the caption and the unit statement stay text above the table";
  EXPECT_EQ(t.layout, TableLayout::kSpaced);
  ASSERT_EQ(t.rows.size(), 9u) << "a label cut off after the last row of figures is text";
  EXPECT_TRUE(t.rows[0].head);
  EXPECT_EQ(texts(t.rows[0]), (Cells{"item", "2003", "2004", "2005"}));
  EXPECT_EQ(texts(t.rows[1]), (Cells{"支出合计 total expenditure", "1,300", "1425", "1600"}));
  EXPECT_EQ(texts(t.rows[3]),
            (Cells{"2.科学技术支出 expenditure for science and", "technology", "300", "325", "400"}));
  EXPECT_EQ(t.rows[3].cells[1].col, 0) << "a wrapped label's piece is in the label's column";
  EXPECT_EQ(t.rows[3].cells[4].col, 3);
  EXPECT_EQ(texts(t.rows[4]), (Cells{"3.农林水支出 agriculture", "150", "175", "200"}));
  EXPECT_EQ(texts(t.rows[5]),
            (Cells{"4.城乡社区支出 urban and rural", "community affairs", "90", "95", "99"}))
      << "a translation that goes on before the figures";
  t.rows.erase(t.rows.begin() + 5);
  ASSERT_EQ(texts(t.rows[5]), (Cells{"4.林业支出 forestry", "120 140"}));
  EXPECT_EQ(t.rows[5].cells[1].col, 1);
  EXPECT_EQ(t.rows[5].cells[1].colspan, 3) << "a short row's figures span the columns they may be in";
  EXPECT_EQ(texts(t.rows[6]), (Cells{"5.其他支出 others", "130", "-", "60"}));
  EXPECT_EQ(texts(t.rows[7]), (Cells{"6.短行 short", "70 80"})) << "a short last row is the table's";
  EXPECT_EQ(s.text.substr(t.rows[4].cells[2].range.begin, 3), "175");
  EXPECT_EQ(t.last_line, 15u);
  ASSERT_NE(table + 1, l.blocks.end());
  EXPECT_EQ((table + 1)->first_line, 16u);

  // A header of names in Chinese, counted as the figures are: the words before them head the labels.
  auto named = testing::source_of(
      "科目名称 2024年预算数 2025年预算数 增减额\n一般公共服务支出　120.50 130.00　9.50\n"
      "教育支出 80.00 75.00　-5.00\n卫生健康支出 40.00 44.00　4.00\n");
  Layout n = layout_of(named);
  ASSERT_EQ(n.blocks.size(), 1u);
  EXPECT_EQ(texts(n.blocks[0].rows[0]), (Cells{"科目名称", "2024年预算数", "2025年预算数", "增减额"}));
  EXPECT_EQ(texts(n.blocks[0].rows[1]), (Cells{"一般公共服务支出", "120.50", "130.00", "9.50"}))
      << "ideographic spaces";
  EXPECT_EQ(texts(n.blocks[0].rows[2]), (Cells{"教育支出", "80.00", "75.00", "-5.00"}));
}

// Lines that end in figures make no spaced table without a header line naming their columns, with
// fewer than three whole rows, or where they are sentences.
TEST(Layout, FiguresAtLineEndsWithoutAHeaderAreText) {
  const char* texts_without_table[] = {
      // no header line
      "一般公共服务支出 120.50 130.00\n教育支出 80.00 75.00\n卫生健康支出 40.00 44.00\n",
      // two whole rows only
      "项目 2024年 2025年\n教育支出 80.00 75.00\n卫生健康支出 40.00 44.00\n",
      // an English label's words are no column names
      "expenditure for science and technology\n教育 1 2 3 4\n卫生 5 6 7 8\n农林 9 10 11 12\n",
      // sentences that end in figures
      "项目 2024年 2025年\n本年教育支出，分别为 80.00 75.00\n卫生支出。合计 40.00 44.00\n其他支出；为 1.00 "
      "2.00\n",
  };
  for (const char* text : texts_without_table) {
    auto s = testing::source_of(text);
    for (const Block& b : layout_of(s).blocks) EXPECT_NE(b.kind, BlockKind::kTable) << text;
  }
}

TEST(Layout, CsvRecordsWithQuotedCommasQuotesAndLineBreaks) {
  auto s = testing::source_of(
      "考评表\n"
      "\"项目\",\"指标说明\",\"权数\"\n"
      "\"预算编制(20分)\",\"收支是否全部纳入预算,反映\n完整程度\",\"10\"\n"
      ",\"称\"\"完整\"\"的比例\",\"10\"\n"
      ",,\n"
      "说明文字。\n");
  Layout l = layout_of(s);
  ASSERT_EQ(l.blocks.size(), 3u);
  const Block& t = l.blocks[1];
  EXPECT_EQ(t.layout, TableLayout::kCsv);
  EXPECT_EQ(t.first_line, 1u);
  EXPECT_EQ(t.last_line, 5u);  // the row of empty fields belongs to the table, and shows nothing
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(texts(t.rows[0]), (std::vector<std::string>{"项目", "指标说明", "权数"}));
  EXPECT_EQ(t.rows[1].cells[1].text, "收支是否全部纳入预算,反映\n完整程度");  // the line break is inside the quotes
  EXPECT_TRUE(t.rows[2].cells[0].blank);  // a merged cell: an empty leading field keeps its position
  EXPECT_EQ(t.rows[2].cells[1].text, "称\"\"完整\"\"的比例");
  EXPECT_EQ(l.blocks[2].kind, BlockKind::kParagraph);
  // A cell's range is its text inside the quotes.
  std::string_view cell(s.text.data() + t.rows[0].cells[1].range.begin, t.rows[0].cells[1].range.size());
  EXPECT_EQ(cell, "指标说明");
}

// Found by fuzz/extract_fuzzer: a quote left open in CSV text above a page's table ran on into the
// table's rows, and the rest of the table was in no block.
TEST(Layout, ACsvFieldLeftOpenDoesNotRunIntoAPagesTable) {
  auto s = testing::source_of(
      "<p>\"项目\",\"说明\",\"权数\"</p><p>\"预算编制\",\"反映完整</p>"
      "<table><tr><td>指标\"</td><td>分值</td></tr><tr><td>合计</td><td>100</td></tr></table>");
  Layout l = layout_of(s);
  ASSERT_EQ(l.blocks.size(), 2u);
  EXPECT_EQ(l.blocks[0].layout, TableLayout::kCsv);
  EXPECT_EQ(l.blocks[0].last_line, 1u);
  ASSERT_EQ(l.blocks[0].rows.size(), 2u);
  EXPECT_EQ(l.blocks[0].rows[1].cells[1].text, "反映完整");  // the field ends with its line
  EXPECT_EQ(l.blocks[1].layout, TableLayout::kHtml);
  EXPECT_EQ(l.blocks[1].first_line, 2u);
  EXPECT_EQ(l.blocks[1].rows.size(), 2u);
}

TEST(Layout, CsvRecordsRunTogetherWhereCopyingLostTheirLineBreaks) {
  // Written without spaces after the commas: a space between fields is a lost line break.
  auto s = testing::source_of(
      ", \"项目\",\"考核指标\",\"权数\" \"支出管理(60分)\",\"完成率\",\"20\", ,\"结余率\",\"20\", ,,\n"
      "\"变动率\",\"10\",,\n");
  Layout l = layout_of(s);
  ASSERT_EQ(l.blocks.size(), 1u);
  const Block& t = l.blocks[0];
  ASSERT_EQ(t.rows.size(), 4u);  // the record of empty fields (", ,,") shows nothing
  EXPECT_EQ(texts(t.rows[0]), (std::vector<std::string>{"项目", "考核指标", "权数"}));
  EXPECT_EQ(texts(t.rows[1]), (std::vector<std::string>{"支出管理(60分)", "完成率", "20"}));
  EXPECT_EQ(texts(t.rows[2]), (std::vector<std::string>{"", "结余率", "20"}));
  EXPECT_EQ(texts(t.rows[3]), (std::vector<std::string>{"变动率", "10"}));
  // Written with a space after every comma, the spaces are only spaces.
  auto padded = testing::source_of("\"项目\", \"权数\", \"得分\"\n\"完成率\", \"20\", \"18\"\n");
  Layout p = layout_of(padded);
  ASSERT_EQ(p.blocks.size(), 1u);
  ASSERT_EQ(p.blocks[0].rows.size(), 2u);
  EXPECT_EQ(texts(p.blocks[0].rows[1]), (std::vector<std::string>{"完成率", "20", "18"}));
}

TEST(Layout, CommasInRunningTextAreNoCsv) {
  auto s = testing::source_of("2、PDF文件下载后,可能会被浏览器默认打开,此种情况可以保存到桌面。\n他说\"好\",然后走了。\n");
  Layout l = layout_of(s);
  for (const Block& b : l.blocks) EXPECT_NE(b.kind, BlockKind::kTable);
}

TEST(Layout, BareLinesFoundByTheirHeader) {
  auto s = testing::source_of(
      "自评表\n\n年度预算资金(万元)\n\n\u00a0\n\n年初预算数\n\n全年预算数\n\n执行率\n\n年度资金总额\n\n149.03\n\n"
      "599.34\n\n96%\n\n其他资金\n\n\u00a0\n\n0.28\n\n100%\n\n二、绩效目标完成情况的说明：本年度各项工作按计划推进，预算执行总体良好，个别项目因政策调整延期实施，年末已全部完成并通过验收。\n");
  Layout l = layout_of(s);
  std::vector<BlockKind> k = kinds(l);
  ASSERT_GE(l.blocks.size(), 3u);
  EXPECT_EQ(l.blocks[1].kind, BlockKind::kTable);
  EXPECT_EQ(l.blocks[1].layout, TableLayout::kBareLines);
  const RawRow& stream = l.blocks[1].rows[0];
  EXPECT_EQ(stream.cells.front().text, "年度预算资金(万元)");
  EXPECT_TRUE(stream.cells[1].blank);  // a no-break space line is an empty cell
}

TEST(Layout, HardWrappedLinesJoinIntoOneParagraph) {
  auto s = testing::source_of(
      "1. 基本支出预算 924,289.71 元，占支出总预算的\n100.00%，同比减少 275,044.29 元，下降 22.93 %。\n");
  Layout l = layout_of(s);
  ASSERT_EQ(l.blocks.size(), 1u);
  EXPECT_EQ(l.blocks[0].kind, BlockKind::kParagraph);
  EXPECT_EQ(l.blocks[0].last_line, 1u);
}

TEST(Layout, HtmlTablesKeepTheGridOfTheMarkup) {
  auto s = testing::source_of(
      "<p>表一</p><table><tr><td rowspan=2>项目</td><td colspan=2>金额</td><td></td></tr>"
      "<tr><td>上年</td><td>本年</td><td>&nbsp;</td></tr><tr><td></td><td></td><td></td></tr>"
      "<tr><td>收入</td><td>1.5</td><td>2.5</td><td></td></tr></table>");
  Layout l = layout_of(s);
  ASSERT_EQ(l.blocks.size(), 2u);
  const Block& t = l.blocks[1];
  EXPECT_EQ(t.kind, BlockKind::kTable);
  EXPECT_EQ(t.layout, TableLayout::kHtml);
  EXPECT_EQ(layout_name(t.layout), "html");
  // The empty row and the empty last column are left out.
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].width, 3);
  ASSERT_EQ(t.rows[0].cells.size(), 2u);
  EXPECT_EQ(t.rows[0].cells[0].rowspan, 2);
  EXPECT_EQ(t.rows[0].cells[1].col, 1);
  EXPECT_EQ(t.rows[0].cells[1].colspan, 2);
  ASSERT_EQ(t.rows[1].cells.size(), 2u);
  EXPECT_EQ(t.rows[1].cells[0].col, 1);  // beside the rowspan above
  EXPECT_EQ(t.rows[1].cells[1].text, "本年");
  EXPECT_EQ(t.rows[2].cells[2].text, "2.5");
}

TEST(Layout, HtmlParagraphsAreNotJoinedAcrossBlocks) {
  // Two <p>s stay two paragraphs; lines a <br> breaks are read like a text's lines.
  auto s = testing::source_of(
      "<p>基本支出预算924,289.71元，占支出总预算的</p><p>100.00%，同比减少275,044.29元。</p>"
      "<p>基本支出预算924,289.71元，占支出总预算的<br>100.00%，同比减少275,044.29元。</p>");
  Layout l = layout_of(s);
  ASSERT_EQ(l.blocks.size(), 3u);
  EXPECT_EQ(l.blocks[0].last_line, 0u);
  EXPECT_EQ(l.blocks[1].first_line, 1u);
  EXPECT_EQ(l.blocks[2].first_line, 2u);
  EXPECT_EQ(l.blocks[2].last_line, 3u);
}

TEST(Layout, HtmlHeadingElementsAreHeadings) {
  auto s = testing::source_of(
      "<h1>2023年某某局部门预算</h1><h2>一、收入总计1186.81万元，比上年减少</h2><p>正文。</p>"
      "<h3>名词解释</h3><p>正文。</p><p>二、主要职能</p>");
  Layout l = layout_of(s);
  ASSERT_EQ(l.blocks.size(), 6u);
  EXPECT_EQ(l.blocks[0].kind, BlockKind::kParagraph);  // the page's title
  EXPECT_EQ(l.blocks[1].kind, BlockKind::kHeading);    // reads as a sentence, but the markup says heading
  EXPECT_EQ(l.blocks[1].marker, "一、");
  EXPECT_EQ(l.blocks[3].kind, BlockKind::kHeading);
  EXPECT_EQ(l.blocks[3].style, "h3");
  EXPECT_EQ(l.blocks[3].marker, "");
  EXPECT_EQ(l.blocks[5].kind, BlockKind::kHeading);  // a paragraph the heading grammar reads as one
}

TEST(Layout, HtmlFlattenedTablesInParagraphsAreStillFound) {
  auto s = testing::source_of("<p>一级指标 | 二级指标 | 指标值 |</p><p>产出指标(30分) | 数量指标 | 100 |</p>");
  Layout l = layout_of(s);
  ASSERT_EQ(l.blocks.size(), 1u);
  EXPECT_EQ(l.blocks[0].layout, TableLayout::kPipe);
}

// Found by fuzz/layout_tables_fuzzer on corpus/selfeval_bare_lines.txt: "一级" was read as a
// paragraph, then taken again as the first piece of the table's "一级指标", so two blocks held it.
TEST(Layout, BrokenHeaderWordStartsTheTableAndIsNoParagraphToo) {
  auto s = testing::source_of(
      "全年执行情况良好。\n\n一级\n\n指标\n\n二级指标\n\n三级指标\n\n年度指标值\n\n实际完成值\n\n"
      "产出指标\n\n数量指标\n\n道路\n\n48\n\n48\n");
  Layout l = layout_of(s);
  ASSERT_EQ(l.blocks.size(), 2u);
  EXPECT_EQ(l.blocks[0].kind, BlockKind::kParagraph);
  EXPECT_EQ(l.blocks[1].kind, BlockKind::kTable);
  EXPECT_EQ(l.blocks[1].rows[0].cells[0].text, "一级");
  EXPECT_GE(l.blocks[1].range.begin, l.blocks[0].range.end);
}

}  // namespace
}  // namespace budgetlens::layout
