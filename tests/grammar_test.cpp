// grammar/: the built-in grammar files and overlays.
#include <cstdio>
#include <fstream>

#include "grammar/grammar.h"
#include "test_support.h"

namespace budgetlens::grammar {
namespace {

std::string temp_dir() {
  char tmpl[] = "/tmp/budgetlens-grammar-XXXXXX";
  return ::mkdtemp(tmpl);
}

TEST(Grammar, BuiltInFilesLoad) {
  const Grammar& g = testing::builtin_grammar();
  EXPECT_FALSE(g.sections.styles.empty());
  EXPECT_FALSE(g.units.words.empty());
  EXPECT_EQ(g.origin, "built-in");
  const ColumnRule* r = g.tables.column_rule("自评得分");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->role, ColumnRole::kScore);
  EXPECT_EQ(g.tables.column_rule("一级指标")->level, 1);
  EXPECT_EQ(g.units.money("万元")->power, 4);
}

TEST(Grammar, OverlayReplacesAFileWithoutRebuilding) {
  std::string dir = temp_dir();
  std::string units(builtin_grammar("units.xml"));
  size_t at = units.find("</units>");
  units.insert(at, "  <money word=\"万美元\" power=\"4\"/>\n");
  std::ofstream(dir + "/units.xml") << units;
  auto r = load_grammar(dir);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE((*r)->units.money("万美元"));
  EXPECT_FALSE(testing::builtin_grammar().units.money("万美元"));
  EXPECT_EQ((*r)->origin, dir);
}

TEST(Grammar, ErrorsNameTheFileAndLine) {
  std::string dir = temp_dir();
  std::ofstream(dir + "/labels.xml") << "<labels>\n  <strip-prefix pattern=\"(unclosed\"/>\n</labels>\n";
  auto bad = load_grammar(dir);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kBadPattern);
  EXPECT_NE(bad.error().message.find(dir + "/labels.xml:2:"), std::string::npos) << bad.error().message;

  std::ofstream(dir + "/labels.xml") << "<labels><oops></labels>";
  auto broken = load_grammar(dir);
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, ErrorCode::kXmlSyntax);
}

}  // namespace
}  // namespace budgetlens::grammar
