// End to end over corpus/: each document's JSON Lines must equal corpus/expected/NAME.jsonl, line for
// line. The expected files are written by tools/update-expected.sh and reviewed by a person.
#include <dirent.h>

#include <algorithm>

#include "emit/emit.h"
#include "test_support.h"

namespace budgetlens {
namespace {

std::vector<std::string> corpus_documents() {
  std::vector<std::string> names;
  std::string dir = testing::source_dir() + "/corpus";
  DIR* d = ::opendir(dir.c_str());
  if (!d) return names;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name[0] == '.' || name == "expected" || name.size() < 4 || name.substr(name.size() - 3) == ".md") continue;
    names.push_back(name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  for (size_t b = 0, e; b < s.size(); b = e + 1) {
    e = s.find('\n', b);
    if (e == std::string::npos) e = s.size();
    out.push_back(s.substr(b, e - b));
  }
  return out;
}

class Corpus : public ::testing::TestWithParam<std::string> {};

TEST_P(Corpus, OutputEqualsTheReviewedExpectation) {
  const std::string name = GetParam();
  std::string expected_path = testing::source_dir() + "/corpus/expected/" + name + ".jsonl";
  ASSERT_TRUE(testing::exists(expected_path)) << "no expected output for corpus/" << name
                                              << "; run tools/update-expected.sh and review it";
  auto r = pipeline::extract_file(testing::source_dir() + "/corpus/" + name, name, testing::builtin_grammar(), {});
  std::string actual;
  if (r) {
    r->document.path = "corpus/" + name;  // as tools/update-expected.sh names it
    emit::append_jsonl(*r, actual);
  }
  std::vector<std::string> want = lines_of(testing::read_file(expected_path)), got = lines_of(actual);
  int shown = 0;
  for (size_t i = 0; i < std::max(want.size(), got.size()) && shown < 5; ++i) {
    std::string w = i < want.size() ? want[i] : "(none)", g = i < got.size() ? got[i] : "(none)";
    if (w == g) continue;
    ADD_FAILURE() << name << " line " << i + 1 << "\n  expected: " << w << "\n  actual:   " << g;
    ++shown;
  }
  EXPECT_EQ(want.size(), got.size());
}

INSTANTIATE_TEST_SUITE_P(Documents, Corpus, ::testing::ValuesIn(corpus_documents()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string s = info.param;
                           for (char& c : s) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return s;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Corpus);

}  // namespace
}  // namespace budgetlens
