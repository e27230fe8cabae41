#include <cstdio>

#include "cli/commands.h"
#include "cli/inputs.h"
#include "emit/emit.h"
#include "pipeline/pipeline.h"

namespace budgetlens::cli {

int run_extract(const Options& options, const grammar::Grammar& grammar) {
  std::vector<InputProblem> problems;
  std::vector<Input> inputs = expand_inputs(options.inputs, options.all_files, problems);
  for (const InputProblem& p : problems) std::fprintf(stderr, "%s: error: %s\n", p.path.c_str(), p.message.c_str());

  emit::Options emit_options;
  emit_options.table_sheets = options.table_sheets;
  emit::SinkResult sink = emit::open_sink(options.output, emit_options);
  if (!sink) {
    std::fprintf(stderr, "budgetlens: %s\n", sink.error().message.c_str());
    return kExitOutput;
  }

  pipeline::Options po;
  po.source.encoding = options.encoding;
  po.source.limits = options.limits;
  size_t documents = 0, failed = problems.size(), sections = 0, tables = 0, quantities = 0, money = 0;
  for (const Input& in : inputs) {
    pipeline::DocumentOutcome r = pipeline::extract_file(in.path, in.id, grammar, po);
    if (!r) {
      std::fprintf(stderr, "%s: error: %s [%s]\n", in.path.c_str(), r.error().message.c_str(),
                   std::string(source::error_name(r.error().code)).c_str());
      ++failed;
      continue;
    }
    ++documents;
    sections += r->sections.size();
    tables += r->tables.size();
    quantities += r->quantities.size();
    for (const QuantityRecord& q : r->quantities) money += q.kind == "money";
    (*sink)->add(*r);
  }
  if (std::optional<std::string> error = (*sink)->finish()) {
    std::fprintf(stderr, "budgetlens: %s\n", error->c_str());
    return kExitOutput;
  }
  if (!options.quiet) {
    std::fprintf(stderr, "%zu documents: %zu sections, %zu tables, %zu quantities (%zu amounts of money)%s -> %s\n",
                 documents, sections, tables, quantities, money,
                 failed ? (", " + std::to_string(failed) + " input(s) not read").c_str() : "", options.output.c_str());
  }
  return failed ? kExitInputs : kExitOk;
}

}  // namespace budgetlens::cli
