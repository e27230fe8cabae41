// Grammar loading: any text given as one grammar file (its name on the first line) is loaded or
// refused with a file, a line and a reason; a grammar that loads reads a small document through
// every stage without crashing or hanging, whatever its patterns match.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "pipeline/pipeline.h"

using namespace budgetlens;

namespace {

constexpr std::string_view kDocument =
    "某某局2023年部门决算\n"
    "一、收入支出决算总体情况说明\n"
    "2023年度收入总计1186.81万元，比上年减少23.95万元，下降1.98%。其中：财政拨款收入1000.00万元，其他收入186."
    "81万元。\n"
    "金额单位：万元\n"
    "项目 | 年初预算数 | 全年预算数 | 执行率 |\n"
    "合计 | 100.00 | 120.50 | 96.% |\n"
    "人员经费 | 60.00 | 70.25 | 100% |\n"
    "公用经费 | 40.00 | 50.25 | 90% |\n"
    "一级指标\t二级指标\t三级指标\t指标值\t分值\t得分\n"
    "产出指标(50分)\t数量指标\t培训人次\t≥1500人次\t10\t9.5\n"
    // Text for the readers that loop over a grammar's matches: item markers, a distributed list,
    // digits after letters, a row of cells run together and an indicator run.
    "二、支出情况\n"
    "1、收、支总计各是4125.49,4143.91万元。2、编号abc123,项目支出12.34.56,基本支出7.8万元。\n"
    "产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  grammar::GrammarText file{std::string(input.substr(0, newline)), std::string(input.substr(newline + 1)), "fuzz.xml"};
  grammar::GrammarResult g = grammar::load_grammar_texts({file}, "fuzz");
  if (!g) {
    FUZZ_REQUIRE(g.error().message.rfind("fuzz.xml:", 0) == 0);
    return 0;
  }
  source::SourceResult s = source::decode_source(kDocument, "fuzz.txt", {});
  FUZZ_REQUIRE(s.ok());
  (void)pipeline::extract_document(*s, "fuzz.txt", **g);
  return 0;
}
