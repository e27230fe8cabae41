// check: the documents' checks as compiler-style diagnostics, for people, editors and CI.
//
//   budgetlens check report.txt
//   report.txt:72:33: error[list.parts]: 市委政法委…年初预算 852.85万元 ≠ 4项之和 968.02万元（…）
//   report.txt: 65 checks: 58 pass, 2 rounding, 4 fail, 1 skipped
#include <cstdio>

#include "cli/commands.h"
#include "cli/inputs.h"
#include "emit/emit.h"
#include "pipeline/pipeline.h"

namespace budgetlens::cli {
namespace {

// How a check reads as a diagnostic: a failure at its rule's severity, a rounding difference or a
// skipped check as information.
std::string_view level_of(const CheckRecord& c) {
  if (c.status == "fail") return c.severity;
  return "info";
}

int rank(std::string_view level) { return level == "error" ? 2 : level == "warning" ? 1 : 0; }

}  // namespace

int run_check(const Options& options, const grammar::Grammar& grammar) {
  std::vector<InputProblem> problems;
  InputList inputs = expand_inputs(options.inputs, options.all_files, problems);
  for (const InputProblem& p : problems) std::fprintf(stderr, "%s: error: %s\n", p.path.c_str(), p.message.c_str());

  pipeline::Options po;
  po.source.encoding = options.encoding;
  po.source.limits = options.limits;
  const int threshold = rank(options.severity);
  size_t failed_inputs = problems.size();
  bool any_error = false;
  std::string out;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const std::string path = inputs.path(i);
    pipeline::DocumentOutcome r = pipeline::extract_file(path, std::string(inputs.id(i)), grammar, po);
    if (!r) {
      std::fprintf(stderr, "%s: error: %s [%s]\n", path.c_str(), r.error().message.c_str(),
                   std::string(source::error_name(r.error().code)).c_str());
      ++failed_inputs;
      continue;
    }
    size_t pass = 0, rounding = 0, fail = 0, skipped = 0;
    out.clear();
    if (options.format == "json") emit::append_checks_jsonl(*r, out);
    for (const CheckRecord& c : r->checks) {
      pass += c.status == "pass";
      rounding += c.status == "rounding";
      fail += c.status == "fail";
      skipped += c.status == "skipped";
      any_error |= c.status == "fail" && c.severity == "error";
      if (options.format == "json" || c.status == "pass") continue;
      std::string_view level = level_of(c);
      if (rank(level) < threshold) continue;
      out += path + ":" + std::to_string(c.span.line ? c.span.line : 1) + ":" + std::to_string(c.span.col ? c.span.col : 1) +
             ": " + std::string(level) + "[" + c.rule + "]: " + (c.status == "skipped" ? "未核对：" : "") + c.message + "\n";
    }
    if (options.format != "json") {
      out += path + ": " + std::to_string(r->checks.size()) + " checks: " + std::to_string(pass) + " pass, " +
             std::to_string(rounding) + " rounding, " + std::to_string(fail) + " fail, " + std::to_string(skipped) +
             " skipped\n";
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  std::fflush(stdout);
  if (failed_inputs) return kExitInputs;
  return any_error ? kExitChecksFailed : kExitOk;
}

}  // namespace budgetlens::cli
