// extract: every document of the inputs through the pipeline on a pool of workers, written in
// input order as the batch runs.
#include <cstdio>
#include <string>
#include <thread>

#include "cli/batch.h"
#include "cli/commands.h"
#include "cli/inputs.h"
#include "cli/progress.h"
#include "emit/emit.h"
#include "pipeline/pipeline.h"

namespace budgetlens::cli {
namespace {

int default_jobs() {
  unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

// The documents of the command line and of --files-from, those of the shard asked for only.
InputList batch_inputs(const Options& options, std::vector<InputProblem>& problems) {
  InputList inputs = expand_inputs(options.inputs, options.all_files, problems);
  if (!options.files_from.empty()) {
    read_path_list(
        options.files_from, [&](std::string path) { expand_input(std::move(path), options.all_files, inputs, problems); },
        problems);
  }
  if (options.shard_count > 0) {
    inputs.keep_if([&](std::string_view id) { return shard_of(id, options.shard_count) == options.shard_index; });
  }
  return inputs;
}

}  // namespace

int run_extract(const Options& options, const grammar::Grammar& grammar) {
  std::vector<InputProblem> problems;
  InputList inputs = batch_inputs(options, problems);
  for (const InputProblem& p : problems) std::fprintf(stderr, "%s: error: %s\n", p.path.c_str(), p.message.c_str());

  emit::Options emit_options;
  emit_options.table_sheets = options.table_sheets;
  emit_options.lang = options.lang;
  emit::SinkResult sink = emit::open_sink(options.output, emit_options);
  if (!sink) {
    std::fprintf(stderr, "budgetlens: %s\n", sink.error().message.c_str());
    return kExitOutput;
  }

  pipeline::Options po;
  po.source.encoding = options.encoding;
  po.source.limits = options.limits;
  size_t documents = 0, failed = problems.size(), sections = 0, tables = 0, quantities = 0, money = 0;
  size_t indicators = 0, checks = 0, passed = 0, rounding = 0, failing = 0;
  Progress progress(inputs.size(), !options.quiet && Progress::stderr_is_terminal());
  run_batch(
      inputs.size(), options.jobs > 0 ? options.jobs : default_jobs(),
      [&](size_t i) { return pipeline::extract_file(inputs.path(i), std::string(inputs.id(i)), grammar, po); },
      [&](size_t i, pipeline::DocumentOutcome& r) {
        if (!r) {
          std::string line = inputs.path(i) + ": error: " + r.error().message + " [" +
                             std::string(source::error_name(r.error().code)) + "]\n";
          progress.message(line.c_str());
          progress.document_done(0);
          ++failed;
          return;
        }
        ++documents;
        sections += r->sections.size();
        tables += r->tables.size();
        quantities += r->quantities.size();
        for (const QuantityRecord& q : r->quantities) money += q.kind == "money";
        indicators += r->indicators.size();
        checks += r->checks.size();
        for (const CheckRecord& c : r->checks) {
          passed += c.status == "pass";
          rounding += c.status == "rounding";
          failing += c.status == "fail";
        }
        (*sink)->add(*r);
        progress.document_done(r->document.bytes);
      },
      [&] { progress.tick(); });
  progress.finish();
  if (std::optional<std::string> error = (*sink)->finish()) {
    std::fprintf(stderr, "budgetlens: %s\n", error->c_str());
    return kExitOutput;
  }
  if (!options.quiet) {
    std::fprintf(stderr,
                 "%zu documents: %zu sections, %zu tables, %zu quantities (%zu amounts of money), %zu indicators, "
                 "%zu checks (%zu pass, %zu rounding, %zu fail, %zu skipped)%s -> %s\n",
                 documents, sections, tables, quantities, money, indicators, checks, passed, rounding, failing,
                 checks - passed - rounding - failing,
                 failed ? (", " + std::to_string(failed) + " input(s) not read").c_str() : "", options.output.c_str());
  }
  return failed ? kExitInputs : kExitOk;
}

}  // namespace budgetlens::cli
