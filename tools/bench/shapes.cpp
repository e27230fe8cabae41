#include "shapes.h"

#include <functional>

namespace budgetlens::bench {
namespace {

using Piece = std::function<std::string(int)>;

// A document: head, then pieces 0..n-1 joined by `joint`, then tail.
std::string document(const std::string& head, int n, const Piece& piece, const std::string& joint,
                     const std::string& tail) {
  std::string out = head;
  for (int i = 0; i < n; ++i) {
    if (i > 0) out += joint;
    out += piece(i);
  }
  return out + tail;
}

std::string figure(int i, int times) {
  return std::to_string(i * times) + "." + std::to_string(10 + i % 90);
}
std::string number(int i) {
  return std::to_string(i);
}
// Row i of the budget table every tabular shape prints (项目, 合计, 基本支出, 项目支出), its cells
// joined by `between`.
std::string budget_row(int i, const std::string& between) {
  return "项目" + number(i) + between + figure(i, 3) + between + figure(i, 1) + between + figure(i, 2);
}

// Rows of a table aligned with spaces, which layout reads as one paragraph per line after a unit
// statement.
std::string table_as_paragraphs(int n) {
  return document(
      "表1 收支总表\n单位：万元\n项目    合计    基本支出    项目支出\n", n,
      [](int i) { return budget_row(i, "    "); }, "\n", "\n");
}

// One paragraph, one sentence, a list (其中 …) in every clause.
std::string claims_in_one_sentence(int n) {
  return document(
      "单位：万元\n", n,
      [](int i) {
        return "本年收入合计" + figure(i, 3) + "万元，比上年增加12.3%，其中财政拨款收入" + figure(i, 2) +
               "万元、事业收入" + figure(i, 1) + "万元；";
      },
      "", "\n");
}

// The same kind of clause, one paragraph each.
std::string clause_paragraphs(int n) {
  return document(
      "单位：万元\n", n,
      [](int i) {
        return "本年收入合计" + figure(i, 3) + "万元，其中财政拨款收入" + figure(i, 2) + "万元、事业收入" +
               figure(i, 1) + "万元。";
      },
      "\n", "\n");
}

// An indicator table whose rows are aligned with spaces.
std::string indicator_rows(int n) {
  return document(
      "绩效自评表\n一级指标    二级指标    三级指标    年度指标值    实际完成值    分值    得分\n", n,
      [](int i) {
        return "产出指标    数量指标    指标" + number(i) + "    ≥" + number(i) + "人    " + number(i) +
               "人    10    10";
      },
      "\n", "\n");
}

// A web page with one table of n rows.
std::string page_table_rows(int n) {
  return document(
      "<html><body><p>单位：万元</p><table><tr><td>项目</td><td>合计</td><td>基本支出</td><td>项目支出</td></"
      "tr>",
      n, [](int i) { return "<tr><td>" + budget_row(i, "</td><td>") + "</td></tr>"; }, "",
      "</table></body></html>");
}

// A web page of n small tables, each with a total row.
std::string page_of_tables(int n) {
  return document(
      "<html><body><p>单位：万元</p>", n,
      [](int i) {
        return "<p>表" + number(i + 1) +
               " 支出表</p><table><tr><td>项目</td><td>合计</td><td>基本支出</td></tr>" +
               "<tr><td>合计</td><td>" + figure(i, 2) + "</td><td>" + figure(i, 1) +
               "</td></tr><tr><td>工资</td><td>" + figure(i, 1) + "</td><td>" + figure(i, 1) +
               "</td></tr></table>";
      },
      "", "</body></html>");
}

// Numbered headings, each with a sentence that lists the parts of a total.
std::string sections(int n) {
  return document(
      "单位：万元\n", n,
      [](int i) {
        return "（" + number(i + 1) + "）项目" + number(i) + "\n本年支出合计" + figure(i, 3) +
               "万元，其中：基本支出" + figure(i, 1) + "万元，项目支出" + figure(i, 2) + "万元。";
      },
      "\n", "\n");
}

// A paragraph followed by n numbered paragraphs that are its parts.
std::string numbered_items(int n) {
  return document(
      "一般公共预算支出1000.00万元，具体如下：\n", n,
      [](int i) { return number(i + 1) + ". 项目" + number(i) + "支出" + figure(i, 1) + "万元。"; }, "\n",
      "\n");
}

// A table with a row a line, cells between bars.
std::string pipe_rows(int n) {
  return document(
      "单位:万元\n| 项目 | 合计 | 基本支出 | 项目支出 |\n| --- | --- | --- | --- |\n", n,
      [](int i) { return "| " + budget_row(i, " | ") + " |"; }, "\n", "\n");
}

// A table with a row a line, cells split by tabs.
std::string tab_rows(int n) {
  return document(
      "单位:万元\n项目\t合计\t基本支出\t项目支出\n", n, [](int i) { return budget_row(i, "\t"); }, "\n",
      "\n");
}

// A table printed with single spaces, its header line repeated over every row that follows a short
// one: a row of it that starts no table must not be read again from each of its lines.
std::string spaced_rows(int n) {
  return document(
      "单位:万元\n项目 合计 基本支出 项目支出\n", n,
      [](int i) {
        return budget_row(i, " ") +
               (i % 2 ? "\n项目 合计 基本支出 项目支出\n项目" + number(i) + " " + figure(i, 1) : "");
      },
      "\n", "\n");
}

// A table with a cell a line, each ending in a bar.
std::string cell_lines(int n) {
  return document(
      "一、支出预算表\n单位:万元\n项 目 |\n合 计 |\n基本支出 |\n项目支出 |\n", n,
      [](int i) { return budget_row(i, " |\n") + " |"; }, "\n", "\n");
}

// A web page with an indicator table of n rows.
std::string page_indicator_rows(int n) {
  return document(
      "<html><body><p>项目支出绩效自评表</p><table><tr><td>一级指标</td><td>二级指标</td><td>三级指标</td>"
      "<td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td></tr>",
      n,
      [](int i) {
        return "<tr><td>产出指标</td><td>数量指标</td><td>指标" + number(i) + "</td><td>≥" + number(i) +
               "人</td><td>" + number(i) + "人</td><td>10</td><td>10</td></tr>";
      },
      "", "</table></body></html>");
}

}  // namespace

const std::vector<Shape>& shapes() {
  static const std::vector<Shape> all = {
      {"TableAsParagraphs", "table.txt", table_as_paragraphs},
      {"ClaimsInOneSentence", "claims.txt", claims_in_one_sentence},
      {"ClauseParagraphs", "clauses.txt", clause_paragraphs},
      {"IndicatorRows", "indicators.txt", indicator_rows},
      {"PageTableRows", "rows.html", page_table_rows},
      {"PageOfTables", "tables.html", page_of_tables},
      {"Sections", "sections.txt", sections},
      {"NumberedItems", "items.txt", numbered_items},
      {"PipeRows", "pipes.txt", pipe_rows},
      {"TabRows", "tabs.txt", tab_rows},
      {"CellLines", "cells.txt", cell_lines},
      {"SpacedRows", "spaced.txt", spaced_rows},
      {"PageIndicatorRows", "indicators.html", page_indicator_rows},
  };
  return all;
}

}  // namespace budgetlens::bench
