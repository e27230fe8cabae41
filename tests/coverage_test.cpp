// The accounting of every character (the document record's `coverage`): each character that is
// not a space is in one heading, paragraph or table cell, or left out for a stated reason — over
// small documents made to show each reason, and over every document of corpus/ and ../shared.
#include <dirent.h>

#include <algorithm>

#include "test_support.h"
#include "text/utf8.h"

namespace budgetlens {
namespace {

// Characters of `text` that are not spaces, counted independently of the pipeline.
uint64_t visible(const std::string& text) {
  uint64_t n = 0;
  for (size_t i = 0; i < text.size();) {
    char32_t c = text::next_char(text, i);
    n += !text::is_blank(c) && c != 0x200C && c != 0x200D;
  }
  return n;
}

uint64_t ignored(const Coverage& c, const std::string& reason) {
  auto it = c.ignored.find(reason);
  return it == c.ignored.end() ? 0 : it->second;
}

void expect_whole(const Coverage& c, const std::string& doc) {
  EXPECT_EQ(c.unaccounted, 0u) << doc;
  EXPECT_EQ(c.overlapping, 0u) << doc;
  EXPECT_EQ(c.accounted(), c.chars) << doc;
  EXPECT_EQ(c.ratio().to_string(), "1.0000") << doc;
}

TEST(Coverage, HeadingsParagraphsCellsAndTheRulesOfFlattenedTables) {
  std::string text =
      "一、收入预算\n收入总计1186.81万元。\n金额单位：万元\n项目 | 年初预算数 | 全年预算数 |\n合计 | 100.00 | 120.50 |\n";
  DocumentResult d = testing::run(text);
  const Coverage& c = d.document.coverage;
  expect_whole(c, "pipe");
  EXPECT_EQ(c.chars, visible(text));
  EXPECT_EQ(c.heading, 6u);                       // 一、收入预算
  EXPECT_EQ(c.paragraph, 14u + 7u);               // the sentence and the unit line
  EXPECT_EQ(ignored(c, "table_rule"), 6u);        // the bars of two rows
  EXPECT_EQ(c.cell, c.chars - c.heading - c.paragraph - 6u);
}

TEST(Coverage, SpacesOfEveryWidthAreNotCharacters) {
  // Each space and joiner of more than one byte that is_blank knows (U+00A0, U+2000..U+200D,
  // U+202F, U+205F, U+3000, U+FEFF), beside a character that shares its first bytes and counts.
  const std::string text =
      "收入总计1186.81万元\xC2\xA0\xC2\xA1\xE2\x80\x80\xE2\x80\x8B\xE2\x80\x8C\xE2\x80\x8D\xE2\x80\x8E"
      "\xE2\x80\xAF\xE2\x80\xB0\xE2\x81\x9F\xE2\x81\xA0\xE2\x81\x9E\xE3\x80\x80\xE3\x80\x81\xEF\xBB\xBF"
      "\xEF\xBB\xBE\xEF\xBC\x8C\t\v。\n";
  source::SourceText source = testing::source_of(text);
  ASSERT_EQ(source.text, text);  // decoding leaves them all as they are
  DocumentResult d = pipeline::extract_document(source, "test.txt", testing::builtin_grammar());
  const Coverage& c = d.document.coverage;
  expect_whole(c, "spaces");
  EXPECT_EQ(c.chars, visible(text));
  EXPECT_EQ(c.chars, 13u + 9u);  // 收入总计1186.81万元, and ¡ U+200E ‰ U+2060 U+205E 、 U+FEFE ， 。
}

TEST(Coverage, ATableOfContentsAndPageNumbersAreLeftOutForWhatTheyAre) {
  std::string text =
      "目录\n一、部门概况\n二、收支情况\n\n一、部门概况\n本部门负责全市的财政工作，内设机构六个。\n— 2 —\n"
      "二、收支情况\n收入总计1186.81万元。\n";
  DocumentResult d = testing::run(text);
  const Coverage& c = d.document.coverage;
  expect_whole(c, "toc");
  EXPECT_EQ(c.chars, visible(text));
  EXPECT_EQ(ignored(c, "toc"), 2u + 6u + 6u);
  EXPECT_EQ(ignored(c, "page_furniture"), 3u);
}

TEST(Coverage, AHeaderRepeatedAfterAPageBreakIsLeftOut) {
  std::string header = "一级指标\t二级指标\t三级指标\t分值\t得分\n";
  std::string text = header + "产出指标\t数量指标\t培训人次\t10\t9\n" + header + "效益指标\t社会效益\t满意度\t10\t10\n";
  DocumentResult d = testing::run(text);
  const Coverage& c = d.document.coverage;
  expect_whole(c, "repeated header");
  EXPECT_EQ(ignored(c, "repeated_header"), visible(header));
}

TEST(Coverage, APageCountsItsTextNodesShownOrNot) {
  std::string page =
      "<!DOCTYPE html><html><head><title>标题</title><style>p{color:red}</style></head><body>"
      "<script>var a = 1;</script><h1>一、收入</h1><p>收入总计1186.81万元。</p>"
      "<p style=\"display:none\">隐藏</p><select><option>选项</option></select>"
      "<table><tr><th>项目</th><th>金额</th></tr><tr><td>合计</td><td>100.00</td></tr></table>"
      "<!-- 注释不是正文 --></body></html>";
  DocumentResult d = testing::run(page);
  const Coverage& c = d.document.coverage;
  expect_whole(c, "page");
  EXPECT_EQ(ignored(c, "head"), 2u);
  EXPECT_EQ(ignored(c, "style"), 12u);   // p{color:red}
  EXPECT_EQ(ignored(c, "script"), 7u);   // var a = 1; without its spaces
  EXPECT_EQ(ignored(c, "hidden"), 2u);
  EXPECT_EQ(ignored(c, "form"), 2u);
  EXPECT_EQ(c.heading, 4u);
  EXPECT_EQ(c.paragraph, 14u);
  EXPECT_EQ(c.cell, 2u + 2u + 2u + 6u);
  EXPECT_EQ(c.chars, 2u + 12u + 7u + 2u + 2u + 4u + 14u + 12u);
}

// A table whose last row shows nothing ends on the line where the next table begins: that line
// belongs to the next table, whose rows must all be laid out.
TEST(Coverage, ATableEndingInAnEmptyRowLeavesTheNextTableItsLines) {
  std::string page =
      "<html><body><table><tr><td>项目</td><td>金额</td></tr><tr><td>合计</td><td>100.00</td></tr><tr></tr></table>"
      "<table><tr><td>三公经费</td><td>12.00</td></tr><tr><td>公务接待</td><td>3.00</td></tr>"
      "<tr><td>公务用车</td><td>9.00</td></tr></table></body></html>";
  DocumentResult d = testing::run(page);
  expect_whole(d.document.coverage, "two tables");
  EXPECT_EQ(d.tables.size(), 2u);
  EXPECT_EQ(d.document.coverage.cell, 2u + 2u + 2u + 6u + 4u + 5u + 4u + 4u + 4u + 4u);
}

std::vector<std::string> documents_in(const std::string& dir, bool pages) {
  std::vector<std::string> out;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return out;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    auto ends = [&](const std::string& ext) {
      return name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0;
    };
    if (ends(".txt") || (pages && ends(".html"))) out.push_back(dir + "/" + name);
  }
  ::closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

void expect_every_document_whole(const std::vector<std::string>& paths) {
  ASSERT_FALSE(paths.empty());
  for (const std::string& path : paths) {
    auto r = pipeline::extract_file(path, path, testing::builtin_grammar(), {});
    ASSERT_TRUE(r) << path << ": " << r.error().message;
    const Coverage& c = r->document.coverage;
    EXPECT_GT(c.chars, 0u) << path;
    expect_whole(c, path);
    auto text = source::read_source(path, {});
    if (text && text->format == "text") {
      EXPECT_EQ(c.chars, visible(text->text)) << path;
    }
  }
}

TEST(Coverage, EveryDocumentOfTheCorpusIsWhollyAccountedFor) {
  std::vector<std::string> paths = documents_in(testing::source_dir() + "/corpus", true);
  std::vector<std::string> pages = documents_in(testing::source_dir() + "/tests/data/seeds_html", true);
  paths.insert(paths.end(), pages.begin(), pages.end());
  expect_every_document_whole(paths);
}

TEST(Coverage, EveryRealDocumentIsWhollyAccountedFor) {
  SKIP_WITHOUT_SHARED();
  std::vector<std::string> paths = documents_in(testing::shared_dir() + "/seeds", true);
  std::vector<std::string> corpus = documents_in(testing::shared_dir() + "/corpus", true);
  paths.insert(paths.end(), corpus.begin(), corpus.end());
  expect_every_document_whole(paths);
}

}  // namespace
}  // namespace budgetlens
