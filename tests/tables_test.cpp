// tables/: flattened blocks made into grids.
#include <filesystem>
#include <functional>
#include <limits>
#include <random>

#include "layout/layout.h"
#include "sections/sections.h"
#include "tables/draft.h"
#include "tables/placement.h"
#include "tables/tables.h"
#include "test_support.h"
#include "text/utf8.h"
#include "units/units.h"

namespace budgetlens::tables {
namespace {

std::vector<Grid> grids_of(const std::string& text) {
  static std::vector<source::SourceText> keep;  // grids point into their source's text
  keep.push_back(testing::source_of(text));
  const source::SourceText& s = keep.back();
  layout::Layout l = layout::build_layout(s, testing::builtin_grammar());
  sections::Outline o = sections::build_outline(l, s, testing::builtin_grammar());
  return build_tables(l, o, s, testing::builtin_grammar());
}

std::string at(const Grid& g, int r, int c) {
  const Cell* cell = g.cell(r, c);
  return cell ? cell->text : "";
}

TEST(Tables, PipeRowsFillMergedLevelsDown) {
  auto g = grids_of(
      "一级指标 | 二级指标 | 三级指标 | 指标值类型 | 指标值 |\n"
      "产出指标(30分) | 数量指标(20分) | 完成次数 | ≥ | 100 |\n"
      "完成及时率 | = | 100 | ||\n"
      "质量指标(10分) | 合格率 | ≥ | 95 | |\n");
  ASSERT_EQ(g.size(), 1u);
  const Grid& t = g[0];
  EXPECT_EQ(t.n_cols, 5);
  EXPECT_EQ(t.header_rows, 1);
  EXPECT_EQ(t.kind, "indicators");
  EXPECT_EQ(at(t, 2, 0), "产出指标(30分)");  // merged from above
  EXPECT_EQ(at(t, 2, 1), "数量指标(20分)");
  EXPECT_EQ(at(t, 2, 2), "完成及时率");
  EXPECT_EQ(at(t, 3, 1), "质量指标(10分)");
  EXPECT_EQ(at(t, 3, 2), "合格率");
  EXPECT_EQ(t.cell(1, 0)->rowspan, 3);
  EXPECT_EQ(t.columns[3].role, grammar::ColumnRole::kComparator);
}

TEST(Tables, CellLinesClosedByBars) {
  auto g = grids_of(
      "一级指标 |\n二级指标 |\n三级指标 |\n分值 |\n得分 |\n"
      "产出(10分) |\n数量(6分) |\n次数 |\n6 |\n6 |\n"
      "质量(4分) |\n合格率 |\n4 |\n3 |\n|\n"
      "总分 |\n10 |\n9 |\n");
  ASSERT_EQ(g.size(), 1u);
  const Grid& t = g[0];
  EXPECT_EQ(t.n_cols, 5);
  EXPECT_EQ(at(t, 2, 1), "质量(4分)");
  EXPECT_EQ(at(t, 2, 0), "产出(10分)");
  EXPECT_EQ(at(t, 2, 4), "3");
  EXPECT_TRUE(t.total_row[3]);
  EXPECT_EQ(at(t, 3, 3), "10");
  EXPECT_EQ(t.kind, "scores");
}

TEST(Tables, LoneBarsAreEmptyCellsWhenTheyDoNotCloseRows) {
  auto g = grids_of("项 目 |\n预 算 数 |\n合 计 |\n11.77 |\n因公出国(境)费 |\n|\n公务接待费 |\n11.77 |\n");
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(at(g[0], 2, 0), "因公出国(境)费");
  EXPECT_EQ(at(g[0], 2, 1), "");
  EXPECT_EQ(at(g[0], 3, 1), "11.77");
}

TEST(Tables, TabRowsAndShiftedRowsRealigned) {
  auto g = grids_of(
      "一级指标\t二级指标\t三级指标\t指标说明\t分值\t自评得分\n"
      "投入(4分)\t目标(4分)\t合理性(4分)\t1、是否设立；\t2\t2\n"
      "\t2、是否符合；\t1\t1\t\t\n"     // shifted left by the export
      "\t\t\t3、是否细化；\t1\t0.5\n");
  ASSERT_EQ(g.size(), 1u);
  const Grid& t = g[0];
  EXPECT_EQ(at(t, 2, 3), "2、是否符合；");
  EXPECT_EQ(at(t, 2, 4), "1");
  EXPECT_EQ(at(t, 3, 5), "0.5");
  EXPECT_EQ(at(t, 3, 2), "合理性(4分)");
}

// A table aligned with spaces wraps a long label onto a line of its own: below its row when the
// cell is printed from its top, around it when centred on its row. Either way the pieces are one
// label and the line is no row. Here the only row of every column is the header, and the table is
// aligned by display width: the figures, which end at one place a column, say so.
TEST(Tables, AlignedLabelsWrappedOntoLinesOfTheirOwnJoinTheirRow) {
  auto g = grids_of(
      "单位:万元\n"
      "科目编码    科目名称                        合计        基本支出      项目支出\n"
      "208         社会保障和就业支出             58.30          58.30\n"
      "2080505     机关事业单位基本养老保险       58.30          58.30\n"
      "            缴费支出\n"
      "            行政单位医疗（含\n"
      "2101101                                   24.10          24.10\n"
      "            离退休人员）\n"
      "2200509     气象服务                       40.00                         40.00\n");
  ASSERT_EQ(g.size(), 1u);
  const Grid& t = g[0];
  ASSERT_EQ(t.n_rows, 5);
  EXPECT_EQ(at(t, 2, 1), "机关事业单位基本养老保险\n缴费支出");
  EXPECT_EQ(at(t, 3, 0), "2101101");
  EXPECT_EQ(at(t, 3, 1), "行政单位医疗（含\n离退休人员）");
  EXPECT_EQ(at(t, 3, 3), "24.10");
  EXPECT_EQ(at(t, 4, 4), "40.00");
  EXPECT_EQ(at(t, 4, 3), "");
}

// A name centred over the columns it groups (a year over its 预算数 and 决算数), in the gap between
// them, spans those columns: not the one it happens to touch, nor a column to the right of them.
TEST(Tables, AlignedNamesCentredOverColumnsSpanThem) {
  auto g = grids_of(
      "                        2023年                    2024年\n"
      "项目              预算数      决算数      预算数      决算数      增减额\n"
      "合计              100.00      98.00       110.00      108.00      10.00\n"
      "基本支出           60.00      59.00        65.00       64.00       5.00\n");
  ASSERT_EQ(g.size(), 1u);
  const Grid& t = g[0];
  ASSERT_EQ(t.n_cols, 6);
  EXPECT_EQ(t.header_rows, 2);
  EXPECT_EQ(at(t, 0, 1), "2023年");
  EXPECT_EQ(t.cell(0, 1)->colspan, 2);
  EXPECT_EQ(at(t, 0, 3), "2024年");
  EXPECT_EQ(t.cell(0, 3)->colspan, 2);
  EXPECT_EQ(t.cell(0, 5), nullptr);
  EXPECT_EQ(t.columns[2].header, "2023年 / 决算数");
  EXPECT_EQ(t.columns[3].header, "2024年 / 预算数");
  EXPECT_EQ(t.columns[5].header, "增减额");
  EXPECT_EQ(at(t, 2, 5), "10.00");
  EXPECT_EQ(at(t, 3, 2), "59.00");
}

TEST(Tables, HeaderRepeatedAfterAPageBreakJoinsTheTables) {
  auto g = grids_of(
      "一级 指标\t二级 指标\t分 值\n产出\t数量\t5\n\n一级指标\t二级指标\t分值\n效益\t满意度\t5\n总 分\t\t10\n");
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].n_rows, 4);
  EXPECT_EQ(at(g[0], 2, 0), "效益");
}

TEST(Tables, BareLinesTakeTheirWidthFromTheHeader) {
  auto g = grids_of(
      "年度预算资金(万元)\n\n\u00a0\n\n年初预算数\n\n全年预算数\n\n全年执行数\n\n执行率\n\n"
      "年度资金总额\n\n149.03\n\n599.34\n\n578.65\n\n96.%\n\n"
      "其他资金\n\n\u00a0\n\n0.28\n\n0.28\n\n100%\n");
  ASSERT_EQ(g.size(), 1u);
  const Grid& t = g[0];
  EXPECT_EQ(t.n_cols, 6);
  EXPECT_EQ(at(t, 1, 0), "年度资金总额");  // under the stub header, which only states the unit
  EXPECT_EQ(at(t, 1, 2), "149.03");
  EXPECT_EQ(at(t, 2, 0), "其他资金");
  EXPECT_EQ(at(t, 2, 2), "");
  EXPECT_EQ(at(t, 2, 3), "0.28");
  EXPECT_EQ(t.unit, "万元");
  EXPECT_EQ(t.unit_source, "header");
}

// A stub header right of the labels' own header heads the amounts: 项目 | 预算数(万元).
TEST(Tables, AStubHeaderAfterTheLabelsHeadsTheAmounts) {
  auto g = grids_of(
      "一、2018年“三公”经费支出预算表\n项目\n预 算 "
      "数(万元)\n合计\n3.1\n因公出国(境)费\n0\n公务接待费\n3.1\n");
  ASSERT_EQ(g.size(), 1u);
  const Grid& t = g[0];
  ASSERT_EQ(t.n_cols, 2);
  EXPECT_EQ(t.columns[1].role, grammar::ColumnRole::kAmount);
  EXPECT_EQ(at(t, 1, 0), "合计");
  EXPECT_EQ(at(t, 1, 1), "3.1");
  EXPECT_EQ(at(t, 3, 0), "公务接待费");
  EXPECT_EQ(at(t, 3, 1), "3.1");
}

// Names of rows whose figures were left out (公务接待费 …) end the table as its last rows; they
// start no table of their own, as a header would that figures follow.
TEST(Tables, TheLastRowsOfBareLinesMayHaveNoFigures) {
  const std::string rows =
      "一、2018年“三公”经费支出预算表\n项目\n预 算 数(万元)\n合计\n3.1\n因公出国(境)费\n0\n公务接待费\n"
      "公务用车购置及运行费\n其中:公务用车运行维护费\n公务用车购置\n";
  auto g = grids_of(rows + "二、2018年“三公”经费支出预算情况说明\n");
  ASSERT_EQ(g.size(), 1u);
  ASSERT_EQ(g[0].n_rows, 7);
  EXPECT_EQ(at(g[0], 3, 0), "公务接待费");
  EXPECT_EQ(at(g[0], 3, 1), "");
  EXPECT_EQ(at(g[0], 6, 0), "公务用车购置");
  // With figures after them, three header words after the body start another table.
  auto two = grids_of(rows + "单位名称\n预算数\n决算数\n审计局\n3.1\n2.9\n");
  EXPECT_EQ(two.size(), 2u);
}

TEST(Tables, CaptionAndUnitFromTheLinesAbove) {
  auto g = grids_of("附件1\n部门收支总表\n金额单位：万元（保留两位小数）\n项目\t预算数\n合计\t10.00\n基本支出\t10.00\n");
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].caption, "部门收支总表");
  EXPECT_EQ(g[0].unit, "万元");
  EXPECT_EQ(g[0].unit_source, "caption");
  EXPECT_TRUE(g[0].total_row[1]);
}

TEST(Tables, HtmlGridKeepsTheSpansOfTheMarkup) {
  auto g = grids_of(
      "<p>表一：收入支出决算总表</p><p>金额单位：万元</p>"
      "<table><thead><tr><th rowspan=2>项目</th><th colspan=2>本年支出</th></tr>"
      "<tr><th>基本支出</th><th>项目支出</th></tr></thead>"
      "<tr><td rowspan=2>一般公共服务支出</td><td>10.5</td><td>2</td></tr>"
      "<tr><td>3</td><td>4</td></tr>"
      "<tr><td>合计</td><td>13.5</td><td>6</td></tr></table>");
  ASSERT_EQ(g.size(), 1u);
  const Grid& t = g[0];
  EXPECT_EQ(t.layout, layout::TableLayout::kHtml);
  EXPECT_EQ(t.n_rows, 5);
  EXPECT_EQ(t.n_cols, 3);
  EXPECT_EQ(t.header_rows, 2);
  EXPECT_EQ(t.caption, "表一：收入支出决算总表");
  EXPECT_EQ(t.unit, "万元");
  EXPECT_EQ(t.cell(0, 0)->rowspan, 2);
  EXPECT_EQ(t.cell(0, 1)->colspan, 2);
  EXPECT_EQ(at(t, 0, 2), "本年支出");  // covered, not copied
  EXPECT_EQ(t.cells.size(), 12u);
  EXPECT_EQ(at(t, 3, 0), "一般公共服务支出");
  EXPECT_EQ(t.cell(3, 0)->row, 2);
  EXPECT_TRUE(t.total_row[4]);
  EXPECT_EQ(t.columns[2].header, "本年支出 / 项目支出");
  EXPECT_EQ(t.columns[0].role, grammar::ColumnRole::kLabel);
}

TEST(Tables, HtmlTableSplitAtAHeaderRowInside) {
  auto g = grids_of(
      "<table><tr><td colspan=4>2023年某某局部门整体支出绩效目标表</td></tr>"
      "<tr><td>部门名称</td><td colspan=3>某某局</td></tr>"
      "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
      "<tr><td rowspan=2>产出指标(30分)</td><td>数量指标</td><td>完成次数</td><td>100</td></tr>"
      "<tr><td>质量指标</td><td>合格率</td><td>95</td></tr>"
      "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
      "<tr><td>效益指标(20分)</td><td>社会效益</td><td>满意度</td><td>90</td></tr></table>");
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0].n_cols, 2);  // as wide as the columns it uses
  EXPECT_EQ(g[0].cell(0, 0)->colspan, 2);
  EXPECT_EQ(g[1].header_rows, 1);
  EXPECT_EQ(g[1].n_rows, 4);  // the repeated header row is left out
  EXPECT_EQ(at(g[1], 2, 0), "产出指标(30分)");
  EXPECT_EQ(at(g[1], 3, 0), "效益指标(20分)");
  EXPECT_EQ(g[1].kind, "indicators");
}

// Two tables printed as one: each has a caption and a unit statement, as rows of one cell, above a
// header that is the same. The rows above a header are its table's, and say where a table begins.
// Rows of three columns as pipe rows and as a page's table (a row of one cell spans the three).
std::vector<std::string> as_pipe_rows_and_page(const std::vector<std::vector<std::string>>& rows) {
  std::string pipe, page = "<table>";
  for (const auto& row : rows) {
    page += "<tr>";
    for (const std::string& cell : row) {
      pipe += cell + " | ";
      page += (row.size() == 1 ? "<td colspan=3>" : "<td>") + cell + "</td>";
    }
    pipe += std::string(3 - row.size(), '|') + "\n";
    page += "</tr>";
  }
  return {pipe, page + "</table>"};
}

TEST(Tables, TitleRowsAboveAHeaderRowBeginTheTableBelowThem) {
  const std::vector<std::string> header = {"项目", "年初预算数", "全年执行数"};
  for (const std::string& text : as_pipe_rows_and_page({{"表1 某某局收支总表"},
                                                        {"单位:万元"},
                                                        header,
                                                        {"收入合计", "120.50", "118.20"},
                                                        {"财政拨款收入", "120.50", "118.20"},
                                                        {"表2 某某局三公经费支出表"},
                                                        {"单位:元"},
                                                        header,
                                                        {"合计", "35000", "32000"},
                                                        {"公务接待费", "35000", "32000"}})) {
    SCOPED_TRACE(text);
    auto g = grids_of(text);
    ASSERT_EQ(g.size(), 2u);
    EXPECT_EQ(g[0].caption, "表1某某局收支总表");
    EXPECT_EQ(g[0].unit, "万元");
    EXPECT_EQ(g[1].caption, "表2某某局三公经费支出表");
    EXPECT_EQ(g[1].unit, "元");
    EXPECT_EQ(g[1].unit_source, "caption");
    for (const Grid& t : g) {
      EXPECT_EQ(t.n_rows, 5);
      EXPECT_EQ(t.header_rows, 3);
      EXPECT_EQ(t.cell(0, 0)->colspan, 3);
      EXPECT_EQ(t.cell(1, 0)->colspan, 3);
      EXPECT_TRUE(t.total_row[3]);
    }
    EXPECT_EQ(at(g[1], 4, 2), "32000");
  }
  // Over a header printed again after a page break, a caption that says its table goes on, or the
  // table's own title printed again, keeps the two parts one table; they are left out with the
  // header.
  for (const std::vector<std::vector<std::string>>& titles :
       {std::vector<std::vector<std::string>>{{"表1(续)"}}, {{"表1 三公经费支出表"}, {"单位:元"}}}) {
    std::vector<std::vector<std::string>> rows = {
        {"表1 三公经费支出表"}, {"单位:元"}, header, {"合计", "35000", "32000"}};
    rows.insert(rows.end(), titles.begin(), titles.end());
    rows.push_back(header);
    rows.push_back({"公务接待费", "35000", "32000"});
    for (const std::string& text : as_pipe_rows_and_page(rows)) {
      SCOPED_TRACE(text);
      auto g = grids_of(text);
      ASSERT_EQ(g.size(), 1u);
      EXPECT_EQ(g[0].n_rows, 5);
      EXPECT_EQ(g[0].repeated_headers.size(), titles.size() + 1);
      EXPECT_EQ(at(g[0], 4, 0), "公务接待费");
    }
  }
}

// segment_stream as it was first written: every candidate row placed on its own. The row scorer
// extends rows a cell at a time instead; the rows, columns and scores must be the same.
std::vector<detail::Segment> segment_by_placing_every_row(const std::vector<detail::CellKind>& kinds,
                                                          const detail::ColumnModel& model,
                                                          const std::vector<int>& row_end_leading, bool continuation) {
  const float minus_inf = -std::numeric_limits<float>::infinity();
  const size_t total = kinds.size(), max_len = static_cast<size_t>(model.size()) + 6;
  std::vector<float> best(total + 1, minus_inf);
  std::vector<size_t> start(total + 1, 0);
  std::vector<detail::Placement> placement(total + 1);
  best[0] = 0;
  for (size_t q = 1; q <= total; ++q) {
    detail::RowHints hints;
    hints.continuation = continuation;
    hints.leading_cost = 0.3f;
    if (row_end_leading[q - 1] >= -1) hints.leading = row_end_leading[q - 1];
    for (size_t len = 1; len <= std::min(max_len, q); ++len) {
      size_t p = q - len;
      if (len > 1 && row_end_leading[p] >= -1) break;
      if (best[p] == minus_inf) continue;
      std::vector<detail::CellKind> row(kinds.begin() + p, kinds.begin() + q);
      detail::Placement pl = detail::place_row(row, model, hints);
      if (pl.col.empty()) continue;
      float s = best[p] + pl.score - 0.5f;
      if (s > best[q]) best[q] = s, start[q] = p, placement[q] = std::move(pl);
    }
  }
  std::vector<detail::Segment> segments;
  for (size_t q = total; q > 0; q = start[q]) segments.push_back({start[q], q, placement[q]});
  std::reverse(segments.begin(), segments.end());
  return segments;
}

TEST(Tables, StreamSegmentationEqualsPlacingEveryCandidateRowAlone) {
  std::mt19937 random(7);
  // Random streams; then streams that repeat a row's kinds with a few changed, as tables do (the
  // segmentation scores each sequence of kinds once); then two long streams of many sequences,
  // more than segmentation keeps at once.
  constexpr int kRandom = 300, kRepeating = 100, kLong = 2;
  for (int trial = 0; trial < kRandom + kRepeating + kLong; ++trial) {
    int n = 1 + static_cast<int>(random() % 9);
    detail::ColumnModel model(n);
    std::vector<std::array<int, detail::kKindCount>> counts(n);
    for (int c = 0; c < n; ++c) {
      model.roles[c] = static_cast<grammar::ColumnRole>(random() % 14);
      for (int& k : counts[c]) k = static_cast<int>(random() % 4);
    }
    if (trial % 2) model.learn(counts);
    size_t cells = trial < kRandom                ? 1 + random() % 40
                   : trial < kRandom + kRepeating ? 20 + random() % 200
                                                  : 2500;
    auto random_kind = [&] {
      // Totals often, so that short total rows are tried at every position.
      return random() % 5 == 0 ? detail::CellKind::kTotal
                               : static_cast<detail::CellKind>(random() % detail::kKindCount);
    };
    std::vector<detail::CellKind> row(1 + random() % 8);
    for (detail::CellKind& k : row) k = random_kind();
    std::vector<detail::CellKind> kinds;
    std::vector<int> ends;
    for (size_t i = 0; i < cells; ++i) {
      const bool repeating = trial >= kRandom && trial < kRandom + kRepeating && random() % 10 != 0;
      kinds.push_back(repeating ? row[i % row.size()] : random_kind());
      ends.push_back(trial % 3 == 0 && random() % 6 == 0 ? static_cast<int>(random() % 4) - 1 : -2);
    }
    bool continuation = trial % 4 < 2;
    std::vector<detail::Segment> want = segment_by_placing_every_row(kinds, model, ends, continuation);
    std::vector<detail::Segment> got = detail::segment_stream(kinds, model, ends, continuation);
    ASSERT_EQ(got.size(), want.size()) << "trial " << trial;
    for (size_t s = 0; s < got.size(); ++s) {
      EXPECT_EQ(got[s].begin, want[s].begin) << "trial " << trial;
      EXPECT_EQ(got[s].end, want[s].end) << "trial " << trial;
      EXPECT_EQ(got[s].placement.col, want[s].placement.col) << "trial " << trial;
      EXPECT_EQ(got[s].placement.score, want[s].placement.score) << "trial " << trial;
    }
  }
}

// Every placement of a row's cells, in order, into n columns: column sequences that never go left.
void each_placement(int m, int n, std::vector<int>& cols, const std::function<void()>& visit) {
  if (static_cast<int>(cols.size()) == m) return visit();
  for (int c = cols.empty() ? 0 : cols.back(); c < n; ++c) {
    cols.push_back(c);
    each_placement(m, n, cols, visit);
    cols.pop_back();
  }
}

TEST(Tables, RowPlacementIsTheBestOfEveryPlacement) {
  std::mt19937 random(11);
  int compared = 0;
  for (int trial = 0; trial < 600; ++trial) {
    const int n = 1 + static_cast<int>(random() % 6), m = 1 + static_cast<int>(random() % 5);
    detail::ColumnModel model(n);
    std::vector<std::array<int, detail::kKindCount>> counts(n);
    for (int c = 0; c < n; ++c) {
      model.roles[c] = static_cast<grammar::ColumnRole>(random() % 14);
      for (int& k : counts[c]) k = static_cast<int>(random() % 4);
    }
    model.roles_set();
    if (trial % 2) model.learn(counts);
    std::vector<detail::CellKind> kinds;
    for (int i = 0; i < m; ++i) {
      kinds.push_back(random() % 4 == 0 ? detail::CellKind::kTotal
                                        : static_cast<detail::CellKind>(random() % detail::kKindCount));
    }
    detail::RowHints hints;
    hints.continuation = trial % 3 != 0;
    hints.leading = trial % 5 == 0 ? static_cast<int>(random() % n) : -1;
    hints.mergeable = trial % 7 == 0 ? static_cast<int>(random() % n) : -1;
    hints.gap_cost = trial % 4 == 0 ? 0.0f : 1.5f;
    hints.leading_cost = trial % 6 == 0 ? 0.3f : 0.5f;
    if (trial % 8 == 1) {
      for (int i = 0; i < m; ++i) hints.cols.push_back(static_cast<int>(random() % n));
    }
    if (trial % 9 == 2) {
      for (int i = 0; i < m; ++i) hints.named.push_back(static_cast<int>(random() % (n + 1)) - 1);
    }
    float best = -std::numeric_limits<float>::infinity();
    std::vector<int> cols;
    each_placement(m, n, cols,
                   [&] { best = std::max(best, detail::placement_score(kinds, cols, model, hints)); });
    detail::Placement got = detail::place_row(kinds, model, hints);
    if (best == -std::numeric_limits<float>::infinity()) {
      EXPECT_TRUE(got.col.empty()) << "trial " << trial;
      continue;
    }
    ASSERT_EQ(static_cast<int>(got.col.size()), m) << "trial " << trial;
    // The sums are added in another order here: equal to a few units in the last place.
    EXPECT_NEAR(got.score, best, 1e-4) << "trial " << trial;
    EXPECT_NEAR(detail::placement_score(kinds, got.col, model, hints), got.score, 1e-4) << "trial " << trial;
    ++compared;
  }
  EXPECT_GT(compared, 300);
}

// extract/ reads a cell's figure from the grid instead of reading its key again: the two must agree
// for every cell of every layout.
TEST(Tables, EveryCellCarriesTheFigureOfItsKey) {
  const grammar::Grammar& g = testing::builtin_grammar();
  int documents = 0, figures = 0;
  for (const auto& entry : std::filesystem::directory_iterator(testing::source_dir() + "/corpus")) {
    const std::string path = entry.path().string();
    if (!path.ends_with(".txt") && !path.ends_with(".html")) continue;
    auto s = source::decode_source(testing::read_file(path), path, {});
    ASSERT_TRUE(s) << path;
    layout::Layout l = layout::build_layout(*s, g);
    sections::Outline o = sections::build_outline(l, *s, g);
    ++documents;
    for (const Grid& grid : build_tables(l, o, *s, g)) {
      for (const Cell& cell : grid.cells) {
        std::optional<units::Figure> expected = units::cell_figure(cell.key, g.units);
        ASSERT_EQ(cell.figure.has_value(), expected.has_value()) << path << ": " << cell.key;
        if (!expected) continue;
        ++figures;
        EXPECT_EQ(cell.figure->value.to_string(), expected->value.to_string()) << path << ": " << cell.key;
        EXPECT_EQ(cell.figure->unit, expected->unit) << path << ": " << cell.key;
        EXPECT_EQ(cell.figure->begin, expected->begin) << path << ": " << cell.key;
        EXPECT_EQ(cell.figure->end, expected->end) << path << ": " << cell.key;
      }
    }
  }
  EXPECT_GE(documents, 20);
  EXPECT_GE(figures, 500);
}

TEST(Tables, CellFactsFollowTheTextNotWhereItLies) {
  // Facts are remembered by where a text lies, but a place may hold another text later (a grid's
  // cells move as it grows): what is returned must always be the facts of the text as it is now.
  source::SourceText s = testing::source_of("x\n");
  detail::Context ctx(s, testing::builtin_grammar());
  std::string cell = "合计";
  EXPECT_TRUE(ctx.facts(cell).total);
  cell = "123.45";  // the same place and length: std::string keeps short texts inside itself
  EXPECT_FALSE(ctx.facts(cell).total);
  EXPECT_TRUE(ctx.facts(cell).figure);
  cell = "合计";
  EXPECT_TRUE(ctx.facts(cell).total);
  EXPECT_FALSE(ctx.facts(std::string_view()).figure);  // an empty view has no place at all
}

TEST(Tables, CellFactsOfManyTextsStayWhereTheyWereHandedOut) {
  // Thousands of texts: the table that finds them grows many times, and the facts handed out
  // before must neither move nor change; each text, asked again from other bytes, finds its own.
  source::SourceText s = testing::source_of("x\n");
  detail::Context ctx(s, testing::builtin_grammar());
  std::vector<std::string> texts;
  std::vector<const detail::CellFacts*> first;
  for (int i = 0; i < 5000; ++i) {
    texts.push_back(i % 3 == 0 ? std::to_string(i) + ".5" : "项目" + std::to_string(i));
    first.push_back(&ctx.facts(texts.back()));
  }
  for (int i = 0; i < 5000; ++i) {
    const std::string copy = texts[i];  // other bytes: found by its text, not where it lies
    const detail::CellFacts& again = ctx.facts(copy);
    ASSERT_EQ(&again, first[i]) << texts[i];
    EXPECT_EQ(again.key, texts[i]);
    EXPECT_EQ(again.figure.has_value(), i % 3 == 0) << texts[i];
  }
}

TEST(Tables, AColumnRuleIsTheSameWhetherWorkedOutEarlyOrWhenAsked) {
  // A short name's rule is worked out with its facts (it decides header_word); any other text's
  // only when a step asks. Either way it must be the rule the grammar gives the text's key.
  source::SourceText s = testing::source_of("x\n");
  const grammar::Grammar& g = testing::builtin_grammar();
  detail::Context ctx(s, g);
  for (std::string_view cell : {"项目", "一级指标", "合计", "1,234.56", "本年支出合计(万元)", "预算执行率(%)",
                                "本年度项目实施过程中遇到的问题及偏差原因的说明", "说明"}) {
    const grammar::ColumnRule* expected = g.tables.column_rule(ctx.facts(cell).key);
    const detail::CellFacts& f = ctx.facts(cell);
    EXPECT_EQ(f.header_word, expected != nullptr && !f.total && !f.figure && text::char_count(f.key) <= 16)
        << cell;
    EXPECT_EQ(ctx.column_rule(cell), expected) << cell;
    EXPECT_EQ(ctx.column_rule(cell), expected) << cell;  // asked again: the remembered answer
  }
  EXPECT_NE(ctx.column_rule("项目"), nullptr);
  EXPECT_NE(ctx.column_rule("本年度项目实施过程中遇到的问题及偏差原因的说明"), nullptr);
  EXPECT_EQ(ctx.column_rule("1,234.56"), nullptr);
}

// The words a cell may hold for "no value" and the comparators are the grammar's (tables.xml,
// indicators.xml), compared with the whole folded cell.
TEST(Tables, DashAndComparatorCellsAreTheGrammarsWords) {
  const grammar::Grammar& builtin = testing::builtin_grammar();
  auto kind = [](std::string_view key, const grammar::Grammar& g) {
    return detail::classify_cell(key, g, false, units::cell_figure(key, g.units));
  };
  for (std::string_view dash : {"—", "——", "-/-", "/ /", "无"})
    EXPECT_EQ(kind(dash, builtin), detail::CellKind::kDash) << dash;
  for (std::string_view c : {"≥", "<=", "定性", "定量", "≥=", "=<"}) {
    EXPECT_EQ(kind(c, builtin), detail::CellKind::kComparator) << c;
  }
  EXPECT_NE(kind("无效", builtin), detail::CellKind::kDash);
  EXPECT_NE(kind("定性指标", builtin), detail::CellKind::kComparator);

  grammar::Grammar changed = builtin;
  changed.tables.dashes = {"不适用"};
  changed.indicators.comparators = {{"大于", ">"}};
  EXPECT_EQ(kind("不适用", changed), detail::CellKind::kDash);
  EXPECT_NE(kind("无", changed), detail::CellKind::kDash);
  EXPECT_EQ(kind("大于", changed), detail::CellKind::kComparator);
  EXPECT_NE(kind("定性", changed), detail::CellKind::kComparator);
}

}  // namespace
}  // namespace budgetlens::tables
