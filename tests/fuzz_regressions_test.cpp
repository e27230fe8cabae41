// Inputs on which a fuzz target (fuzz/) once failed, kept in tests/data/fuzz-crashes/ as found: each
// must now go through every stage and come out whole. The name says which target found it.
#include <dirent.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "emit/emit.h"
#include "layout/layout.h"
#include "sections/sections.h"
#include "tables/tables.h"
#include "test_support.h"
#include "text/utf8.h"

namespace budgetlens {
namespace {

std::vector<std::string> crash_files() {
  std::string dir = std::string(BUDGETLENS_SOURCE_DIR) + "/tests/data/fuzz-crashes";
  std::vector<std::string> names;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      if (e->d_name[0] != '.') names.push_back(dir + "/" + e->d_name);
    }
    ::closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

class FuzzRegression : public ::testing::TestWithParam<std::string> {};

TEST_P(FuzzRegression, GoesThroughEveryStageWhole) {
  std::string bytes = testing::read_file(GetParam());
  ASSERT_FALSE(bytes.empty()) << GetParam();
  source::SourceResult s = source::decode_source(bytes, GetParam(), {});
  if (!s) return;  // refused with a message: that is a whole answer too
  const grammar::Grammar& g = testing::builtin_grammar();
  layout::Layout l = layout::build_layout(*s, g);
  sections::Outline o = sections::build_outline(l, *s, g);
  for (const tables::Grid& grid : tables::build_tables(l, o, *s, g)) {
    EXPECT_FALSE(grid.blocks.empty());
    EXPECT_GT(grid.n_rows, 0);
  }
  DocumentResult d = pipeline::extract_document(*s, "crash.txt", g);
  for (const QuantityRecord& q : d.quantities) EXPECT_LE(q.span.offset + q.span.length, bytes.size());
  EXPECT_EQ(d.document.coverage.unaccounted, 0u) << "characters in no block";
  EXPECT_EQ(d.document.coverage.overlapping, 0u) << "characters in two blocks";
  std::string jsonl;
  emit::append_jsonl(d, jsonl);
  EXPECT_TRUE(text::is_valid_utf8(jsonl));
  emit::ReadResult back = emit::read_jsonl_document(jsonl);
  EXPECT_TRUE(back.ok()) << (back ? std::string() : back.error().message);
}

INSTANTIATE_TEST_SUITE_P(Crashes, FuzzRegression, ::testing::ValuesIn(crash_files()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param.substr(info.param.rfind('/') + 1);
                           for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

}  // namespace
}  // namespace budgetlens
