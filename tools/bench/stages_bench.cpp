// Micro-benchmarks of each stage on real documents: the disclosures of corpus/ and, when present,
// ../shared/seeds and ../shared/corpus (or the folders named in BUDGETLENS_BENCH_DOCS, separated by
// ':'). Each benchmark runs one stage over every document, its inputs prepared by the stages
// before it, and reports bytes/s of original document text.
//
//   build/budgetlens_stage_bench --benchmark_filter=Tables
#include <benchmark/benchmark.h>
#include <dirent.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "checks/checks.h"
#include "emit/emit.h"
#include "extract/extract.h"
#include "grammar/grammar.h"
#include "grammar_once.h"
#include "layout/layout.h"
#include "pipeline/pipeline.h"
#include "sections/sections.h"
#include "source/source.h"
#include "tables/tables.h"
#include "text/fold.h"
#include "units/units.h"

namespace budgetlens {
namespace {

struct Document {
  std::string path;
  std::string bytes;
  source::SourceText source;
  layout::Layout layout;
  sections::Outline outline;
  std::vector<tables::Grid> grids;
  extract::Extraction extraction;
  DocumentResult result;
};

std::vector<std::string> document_folders() {
  std::vector<std::string> folders;
  if (const char* env = std::getenv("BUDGETLENS_BENCH_DOCS")) {
    std::stringstream list(env);
    for (std::string f; std::getline(list, f, ':');) {
      if (!f.empty()) folders.push_back(f);
    }
    return folders;
  }
  std::string src = BUDGETLENS_SOURCE_DIR;
  return {src + "/corpus", src + "/../shared/seeds", src + "/../shared/corpus"};
}

bool is_text_file(const std::string& name) {
  for (const char* ext : {".txt", ".htm", ".html"}) {
    std::string e(ext);
    if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) return true;
  }
  return false;
}

const grammar::Grammar& grammar() {
  return bench::builtin_grammar();
}

// Every readable document, each run through all stages once so that a benchmark of one stage has
// the inputs the stages before it made.
const std::vector<Document>& documents() {
  static std::vector<Document> docs = [] {
    std::vector<Document> out;
    for (const std::string& folder : document_folders()) {
      DIR* d = ::opendir(folder.c_str());
      if (!d) continue;
      std::vector<std::string> names;
      while (dirent* e = ::readdir(d)) {
        if (is_text_file(e->d_name)) names.emplace_back(e->d_name);
      }
      ::closedir(d);
      std::sort(names.begin(), names.end());
      for (const std::string& name : names) {
        Document doc;
        doc.path = folder + "/" + name;
        std::ifstream in(doc.path, std::ios::binary);
        std::stringstream buf;
        buf << in.rdbuf();
        doc.bytes = buf.str();
        auto src = source::decode_source(doc.bytes, doc.path, {});
        if (!src) continue;
        doc.source = std::move(*src);
        doc.layout = layout::build_layout(doc.source, grammar());
        doc.outline = sections::build_outline(doc.layout, doc.source, grammar());
        doc.grids = tables::build_tables(doc.layout, doc.outline, doc.source, grammar());
        doc.extraction = extract::extract_quantities(doc.source, doc.layout, doc.outline, doc.grids, grammar());
        doc.result = pipeline::extract_document(doc.source, name, grammar());
        out.push_back(std::move(doc));
      }
    }
    if (out.empty()) {
      std::fprintf(stderr, "no documents found; set BUDGETLENS_BENCH_DOCS=folder[:folder...]\n");
      std::exit(1);
    }
    return out;
  }();
  return docs;
}

int64_t total_bytes() {
  int64_t n = 0;
  for (const Document& d : documents()) n += static_cast<int64_t>(d.bytes.size());
  return n;
}

void finish(benchmark::State& state) {
  state.SetBytesProcessed(state.iterations() * total_bytes());
  state.counters["docs/s"] = benchmark::Counter(static_cast<double>(state.iterations() * documents().size()),
                                                benchmark::Counter::kIsRate);
}

void BM_Decode(benchmark::State& state) {
  documents();  // read and prepared before the timing starts
  for (auto _ : state) {
    for (const Document& d : documents()) benchmark::DoNotOptimize(source::decode_source(d.bytes, d.path, {}));
  }
  finish(state);
}
BENCHMARK(BM_Decode);

void BM_FoldLines(benchmark::State& state) {
  documents();  // read and prepared before the timing starts
  for (auto _ : state) {
    for (const Document& d : documents()) {
      for (uint32_t i = 0; i < d.source.line_count(); ++i) {
        benchmark::DoNotOptimize(text::fold(d.source.line(i), d.source.line_starts[i], text::FoldMode::kMatch,
                                            d.source.traditional));
      }
    }
  }
  finish(state);
}
BENCHMARK(BM_FoldLines);

void BM_Layout(benchmark::State& state) {
  documents();  // read and prepared before the timing starts
  for (auto _ : state) {
    for (const Document& d : documents()) benchmark::DoNotOptimize(layout::build_layout(d.source, grammar()));
  }
  finish(state);
}
BENCHMARK(BM_Layout);

void BM_Sections(benchmark::State& state) {
  documents();  // read and prepared before the timing starts
  for (auto _ : state) {
    for (const Document& d : documents()) {
      benchmark::DoNotOptimize(sections::build_outline(d.layout, d.source, grammar()));
    }
  }
  finish(state);
}
BENCHMARK(BM_Sections);

void BM_Tables(benchmark::State& state) {
  documents();  // read and prepared before the timing starts
  for (auto _ : state) {
    for (const Document& d : documents()) {
      benchmark::DoNotOptimize(tables::build_tables(d.layout, d.outline, d.source, grammar()));
    }
  }
  finish(state);
}
BENCHMARK(BM_Tables);

// Every number of every line, read as a figure with its unit: the number parsing of extract/.
void BM_NumberParsing(benchmark::State& state) {
  documents();  // read and prepared before the timing starts
  std::vector<std::string> keys;
  for (const Document& d : documents()) {
    for (uint32_t i = 0; i < d.source.line_count(); ++i) keys.push_back(text::match_key(d.source.line(i)));
  }
  int64_t figures = 0;
  for (auto _ : state) {
    for (const std::string& key : keys) {
      for (size_t k = 0; k < key.size(); ++k) {
        if (key[k] < '0' || key[k] > '9') continue;
        std::optional<units::Figure> f = units::read_figure(key, k, grammar().units);
        if (!f) continue;
        ++figures;
        k = std::max(k, f->end - 1);
      }
    }
  }
  finish(state);
  state.counters["figures/s"] = benchmark::Counter(static_cast<double>(figures), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_NumberParsing);

void BM_Extract(benchmark::State& state) {
  documents();  // read and prepared before the timing starts
  for (auto _ : state) {
    for (const Document& d : documents()) {
      benchmark::DoNotOptimize(extract::extract_quantities(d.source, d.layout, d.outline, d.grids, grammar()));
    }
  }
  finish(state);
}
BENCHMARK(BM_Extract);

void BM_Checks(benchmark::State& state) {
  documents();  // read and prepared before the timing starts
  size_t checks = 0;
  for (auto _ : state) {
    for (const Document& d : documents()) {
      std::vector<CheckRecord> records =
          checks::run_checks({d.source, d.layout, d.outline, d.grids, d.extraction}, grammar());
      checks += records.size();
      benchmark::DoNotOptimize(records.data());
    }
  }
  finish(state);
  state.counters["checks/s"] = benchmark::Counter(static_cast<double>(checks), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Checks);

void BM_EmitJsonl(benchmark::State& state) {
  documents();  // read and prepared before the timing starts
  std::string out;
  for (auto _ : state) {
    for (const Document& d : documents()) {
      out.clear();
      emit::append_jsonl(d.result, out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  finish(state);
}
BENCHMARK(BM_EmitJsonl);

// All stages after decoding, as one document goes through the pipeline.
void BM_Pipeline(benchmark::State& state) {
  documents();  // read and prepared before the timing starts
  for (auto _ : state) {
    for (const Document& d : documents()) {
      benchmark::DoNotOptimize(pipeline::extract_document(d.source, d.path, grammar()));
    }
  }
  finish(state);
}
BENCHMARK(BM_Pipeline);

}  // namespace
}  // namespace budgetlens

BENCHMARK_MAIN();
