// Helpers shared by the tests: the built-in grammar, documents run from strings, temporary folders,
// and the paths of the shared real documents (../shared), which tests skip cleanly when absent.
#pragma once

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/grammar.h"
#include "model/records.h"
#include "pipeline/pipeline.h"
#include "source/source.h"

namespace budgetlens::testing {

inline const grammar::Grammar& builtin_grammar() {
  static std::shared_ptr<const grammar::Grammar> g = [] {
    auto r = grammar::load_grammar("");
    if (!r) {
      std::fprintf(stderr, "built-in grammar does not load: %s\n", r.error().message.c_str());
      std::abort();
    }
    return *r;
  }();
  return *g;
}

inline source::SourceText source_of(const std::string& text) {
  auto r = source::decode_source(text, "test.txt", {});
  if (!r) ADD_FAILURE() << "cannot decode test text: " << r.error().message;
  return r ? std::move(*r) : source::SourceText{};
}

inline DocumentResult run(const std::string& text) {
  return pipeline::extract_document(source_of(text), "test.txt", builtin_grammar());
}

// Every string of up to `longest` bytes drawn from `bytes`, the empty one first: inputs for walks
// over text that take shortcuts, to compare with a plain way of doing the same.
inline std::vector<std::string> every_string_of(std::string_view bytes, size_t longest) {
  std::vector<std::string> out = {""};
  for (size_t from = 0, length = 1; length <= longest; ++length) {
    const size_t to = out.size();
    for (size_t k = from; k < to; ++k) {
      for (char b : bytes) out.push_back(out[k] + b);
    }
    from = to;
  }
  return out;
}

// The first quantity whose raw text is `raw`, or nullptr.
inline const QuantityRecord* find_raw(const DocumentResult& d, const std::string& raw) {
  for (const QuantityRecord& q : d.quantities) {
    if (q.raw == raw) return &q;
  }
  return nullptr;
}

// The first quantity whose raw text is `raw`; a test failure (and an empty record) when there is none.
inline const QuantityRecord& must_find(const DocumentResult& d, const std::string& raw) {
  static const QuantityRecord kMissing;
  const QuantityRecord* q = find_raw(d, raw);
  if (!q) ADD_FAILURE() << "no quantity with raw text \"" << raw << "\"";
  return q ? *q : kMissing;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

// A new folder under /tmp, named for `tag`, removed with all it holds when the test program exits.
// Tests hand these paths around as strings (one folder serves a whole batch of tests), so a folder
// lives as long as the program rather than a scope, and a run of the suite leaves /tmp as it was.
// What a test made unreadable is made readable again so that it can be removed.
inline std::string temp_dir(const std::string& tag) {
  struct Folders {
    std::vector<std::string> paths;
    ~Folders() {
      std::error_code ignored;
      for (const std::string& p : paths) {
        namespace fs = std::filesystem;
        for (fs::recursive_directory_iterator e(p, ignored), end; e != end; e.increment(ignored)) {
          if (!e->is_symlink(ignored)) ::chmod(e->path().c_str(), 0700);
        }
        std::filesystem::remove_all(p, ignored);
      }
    }
  };
  static Folders folders;
  std::string path = "/tmp/budgetlens-" + tag + "-XXXXXX";
  if (!::mkdtemp(path.data())) {
    ADD_FAILURE() << "cannot make a temporary folder " << path;
    return path;
  }
  folders.paths.push_back(path);
  return path;
}

inline std::string source_dir() { return BUDGETLENS_SOURCE_DIR; }

// ../shared beside the source tree, or BUDGETLENS_SHARED when set.
inline std::string shared_dir() {
  if (const char* env = std::getenv("BUDGETLENS_SHARED")) return env;
  return source_dir() + "/../shared";
}

#define SKIP_WITHOUT_SHARED()                                                                           \
  if (!::budgetlens::testing::exists(::budgetlens::testing::shared_dir() + "/seeds")) {                 \
    GTEST_SKIP() << "../shared is not present beside the source tree; real documents are not tested"; \
  }

}  // namespace budgetlens::testing
