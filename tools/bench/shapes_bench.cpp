// How the cost of one document grows with its size, for shapes of document that real ones take
// to extremes: a table run into paragraphs, a paragraph of many lists, an indicator table of
// thousands of rows, a page of thousands of tables. Each shape is a document of n repeats of one
// piece, run through the whole pipeline (decoding, every stage, JSON Lines) at n = 500 … 8000;
// Google Benchmark fits the times to a complexity ("BigO").
//
// Wall time above a megabyte or so also grows with the memory a document's records take (page
// faults, caches), so the fit may say N lg N or N^2 where the work is linear. tools/shapes.sh
// counts instructions instead (callgrind) at two sizes and reports how the work grows, which a
// piece of work that rereads what came before shows at once.
//
//   build/tools/bench/budgetlens_shape_bench [--benchmark_filter=Claims]
#include <benchmark/benchmark.h>

#include <string>

#include "cli/allocator.h"
#include "emit/emit.h"
#include "grammar/grammar.h"
#include "grammar_once.h"
#include "pipeline/pipeline.h"
#include "shapes.h"
#include "source/source.h"

namespace budgetlens {
namespace {

const grammar::Grammar& grammar() {
  return bench::builtin_grammar();
}

void BM_Shape(benchmark::State& state, const bench::Shape& shape) {
  const std::string bytes = shape.build(static_cast<int>(state.range(0)));
  std::string out;
  for (auto _ : state) {
    auto source = source::decode_source(bytes, shape.file, {});
    if (!source) {
      state.SkipWithError("the document does not decode");
      return;
    }
    DocumentResult result = pipeline::extract_document(*source, shape.file, grammar());
    out.clear();
    emit::append_jsonl(result, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetComplexityN(state.range(0));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes.size()));
}

}  // namespace
}  // namespace budgetlens

int main(int argc, char** argv) {
  budgetlens::cli::tune_allocator();
  for (const budgetlens::bench::Shape& shape : budgetlens::bench::shapes()) {
    benchmark::RegisterBenchmark((std::string("BM_Shape_") + shape.name).c_str(), budgetlens::BM_Shape, shape)
        ->RangeMultiplier(4)
        ->Range(500, 8000)
        ->Complexity()
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
