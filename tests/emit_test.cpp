// emit/: the JSON Lines contract, CSV files, workbooks, and outputs that are never half-written.
#include <dirent.h>

#include <algorithm>
#include <cstdio>

#include "emit/emit.h"
#include "emit/json_writer.h"
#include "emit/output_file.h"
#include "emit/spreadsheet_text.h"
#include "test_support.h"
#include "text/utf8.h"

namespace budgetlens {
namespace {

size_t files_in(const std::string& dir) {
  size_t n = 0;
  DIR* d = ::opendir(dir.c_str());
  while (dirent* e = ::readdir(d)) n += e->d_name[0] != '.' || std::string(e->d_name).find(".tmp-") != std::string::npos;
  ::closedir(d);
  return n;
}

TEST(Jsonl, RecordsInContractOrderWithExactDecimals) {
  DocumentResult d = testing::run("一、收入\n收入总计6,400.00万元,其中:\"引号\"\\反斜杠。\n");
  std::string out;
  emit::append_jsonl(d, out);
  std::vector<std::string> lines;
  for (size_t s = 0, e; (e = out.find('\n', s)) != std::string::npos; s = e + 1) lines.push_back(out.substr(s, e - s));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].rfind("{\"type\":\"document\",\"doc\":\"test.txt\"", 0), 0u);
  EXPECT_EQ(lines[1].rfind("{\"type\":\"section\"", 0), 0u);
  EXPECT_NE(lines[2].find("\"value\":\"6400.00\""), std::string::npos);
  EXPECT_NE(lines[2].find("\"value_yuan\":\"64000000\""), std::string::npos);
  EXPECT_NE(lines[2].find("\"span\":{\"line\":2,"), std::string::npos);
  EXPECT_NE(lines[2].find("\"table\":null"), std::string::npos);
}

TEST(Jsonl, ADocumentWrittenInChunksIsTheSameBytes) {
  DocumentResult d = testing::run(
      "一、收入\n单位：万元\n| 项目 | 合计 | 基本支出 |\n| 合计 | 3.00 | 3.00 |\n| 工资 | 1.00 | 1.00 |\n"
      "收入总计6,400.00万元,其中:财政拨款6,000.00万元,其他400.00万元。\n");
  std::string whole;
  emit::append_jsonl(d, whole);
  for (size_t chunk : {size_t{1}, size_t{100}, size_t{4096}, whole.size() + 1}) {
    std::string written, buffer;
    size_t flushes = 0;
    emit::append_jsonl(d, buffer, chunk, [&](std::string& full) {
      EXPECT_GE(full.size(), chunk);
      EXPECT_EQ(full.back(), '\n');  // whole lines only
      written += full;
      full.clear();
      ++flushes;
    });
    written += buffer;
    EXPECT_EQ(written, whole) << "chunk " << chunk;
    EXPECT_LT(buffer.size(), chunk) << "chunk " << chunk;
    // Every line after the document's is followed by a flush; none when the chunk holds them all.
    const size_t lines = static_cast<size_t>(std::count(whole.begin(), whole.end(), '\n'));
    if (chunk == 1) {
      EXPECT_EQ(flushes, lines - 1);
    } else if (chunk > whole.size()) {
      EXPECT_EQ(flushes, 0u);
    }
  }
}

TEST(Jsonl, EscapesControlCharactersAndQuotes) {
  DocumentRecord r;
  r.id = "a\"b\\c\td\x01";
  DocumentResult d;
  d.document = r;
  std::string out;
  emit::append_jsonl(d, out);
  EXPECT_NE(out.find("\"doc\":\"a\\\"b\\\\c\\td\\u0001\""), std::string::npos) << out;
}

// Found by fuzz/extract_fuzzer: a page's broken charset label, quoted in a warning, put bytes that
// are not UTF-8 into the line. Whatever a string holds, the line is UTF-8.
TEST(Jsonl, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  DocumentRecord r;
  r.id = "\xbc\x96报告\xe5\x88.txt";  // a file's name in no encoding, say
  r.warnings = {"bad \xc0\xaf and \xed\xa0\x80"};  // an overlong form and a surrogate
  DocumentResult d;
  d.document = r;
  std::string out;
  emit::append_jsonl(d, out);
  EXPECT_TRUE(text::is_valid_utf8(out)) << out;
  EXPECT_NE(out.find("\"doc\":\"\uFFFD\uFFFD报告\uFFFD\uFFFD.txt\""), std::string::npos) << out;
  EXPECT_NE(out.find("bad \uFFFD\uFFFD and \uFFFD\uFFFD\uFFFD"), std::string::npos) << out;
  EXPECT_EQ(emit::detail::cell_text("\xff收入"), "\uFFFD收入");
  EXPECT_EQ(emit::detail::csv_text("\xff收入"), "\uFFFD收入");
}

// A JSON string the plain way: the text made valid, then each byte escaped or not.
std::string json_string_by_steps(std::string_view s) {
  std::string out = "\"";
  for (char ch : text::to_valid_utf8(s)) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

TEST(Jsonl, StringsAreEscapedAndMadeValidInOnePass) {
  // Every string of up to three of these bytes (ASCII, escapes, continuations, leads: E0 and ED
  // restrict their second byte, E1..EC are taken by the writer's shortcut, EE and EF are not), alone
  // and between runs of Han characters and ASCII, where the writer takes its shortcuts. What the
  // line held before the string stays as it was, also when a bad byte comes after an escape.
  const std::vector<std::string> pieces = testing::every_string_of(
      std::string_view("a\"\\\n\x01\x80\xbf\xc2\xe0\xe6\xec\xed\xee\xf0\xff", 15), 3);
  const std::string han = "收入支出合计", ascii = "abcdefgh12345678";
  for (const std::string& p : pieces) {
    for (const std::string& s : {p, han + p, p + han, ascii + p + ascii, han + p + ascii + "\"" + han}) {
      std::string out = "{\"k\":";
      emit::detail::append_json_string(out, s);
      ASSERT_EQ(out, "{\"k\":" + json_string_by_steps(s)) << ::testing::PrintToString(s);
    }
  }
}

TEST(Jsonl, FieldsLongerThanTheWritersBufferAreWrittenWhole) {
  // The object writer gathers its bytes in a buffer of PendingBytes::kSize and appends them to the
  // line when it is full: an escape, a bad byte or a character cut at every place around that
  // boundary, in a field after a short one and in a field of its own, are written as one string.
  const size_t size = emit::detail::PendingBytes::kSize;
  for (std::string_view special : {"\"", "\n", "\x01", "\xff", "\xe6\x94", "收"}) {
    for (size_t at = size - 24; at < size + 24; ++at) {
      std::string value;
      while (value.size() < at) value += value.size() % 7 ? "收入" : "ab";
      value.resize(at);
      value = text::to_valid_utf8(value) + std::string(special) + std::string(2 * size, 'x');
      std::string out;
      emit::detail::JsonObject(out).field("id", "q1").field("label", value).field("n", int64_t{3}).close();
      ASSERT_EQ(out, "{\"id\":\"q1\",\"label\":" + json_string_by_steps(value) + ",\"n\":3}") << at;
    }
  }
}

TEST(Jsonl, EscapesInLongStringsAtEveryPosition) {
  for (size_t at = 0; at < 40; ++at) {
    for (char special : {'"', '\\', '\n', '\x1f', '\x01'}) {
      std::string id = std::string("收入总计一二三四五六七八九十") + "abcdefghij";
      // Between characters only: a byte inside one would leave it no character (U+FFFD is written).
      if ((static_cast<unsigned char>(id[at]) & 0xC0) == 0x80) continue;
      id.insert(at, 1, special);
      DocumentResult d;
      d.document.id = id;
      std::string out;
      emit::append_jsonl(d, out);
      std::string expected = id.substr(0, at) +
                             (special == '"'    ? "\\\""
                              : special == '\\' ? "\\\\"
                              : special == '\n'  ? "\\n"
                              : special == '\x1f' ? "\\u001f"
                                                 : "\\u0001") +
                             id.substr(at + 1);
      EXPECT_NE(out.find("\"doc\":\"" + expected + "\""), std::string::npos) << at << " " << int(special);
    }
  }
}

TEST(Sinks, WriteThenRenameLeavesNothingOnFailure) {
  std::string dir = testing::temp_dir("emit");
  {
    auto sink = emit::open_sink(dir + "/out.jsonl", {});
    ASSERT_TRUE(sink);
    (*sink)->add(testing::run("收入总计10万元。\n"));
    EXPECT_EQ(files_in(dir), 1u);  // only the temporary file so far
    EXPECT_FALSE(testing::exists(dir + "/out.jsonl"));
    EXPECT_FALSE((*sink)->finish());
  }
  EXPECT_TRUE(testing::exists(dir + "/out.jsonl"));
  EXPECT_EQ(files_in(dir), 1u);
  {
    auto sink = emit::open_sink(dir + "/abandoned.jsonl", {});
    (*sink)->add(testing::run("收入总计10万元。\n"));
  }  // destroyed without finish(): nothing is left
  EXPECT_FALSE(testing::exists(dir + "/abandoned.jsonl"));
  EXPECT_EQ(files_in(dir), 1u);
}

TEST(Sinks, ALargeOutputIsWrittenWholeWhileTheDiskIsAskedToWriteItBehind) {
  // Over 9 MB in pieces of odd sizes: the file asks the disk to start writing every 4 MB of them,
  // and what is renamed into place is every byte, in order.
  std::string dir = testing::temp_dir("emit"), expected;
  emit::detail::OutputFile file(dir + "/big.jsonl");
  ASSERT_TRUE(file.ok()) << file.error();
  for (int i = 0; expected.size() < (9u << 20); ++i) {
    std::string piece(1000003 + i * 7919, static_cast<char>('a' + i % 26));
    piece += std::to_string(i) + "\n";
    file.write(piece);
    expected += piece;
  }
  EXPECT_FALSE(file.commit());
  EXPECT_EQ(testing::read_file(dir + "/big.jsonl"), expected);
  EXPECT_EQ(files_in(dir), 1u);
}

TEST(Sinks, FullDeviceAndMissingFolderAreReported) {
  auto full = emit::open_sink("/dev/full", {});
  ASSERT_TRUE(full);
  std::string big(1 << 16, 'x');
  DocumentResult d = testing::run("收入总计10万元。\n");
  for (int i = 0; i < 200; ++i) (*full)->add(d);
  EXPECT_TRUE((*full)->finish().has_value());

  auto missing = emit::open_sink("/nonexistent-folder/out.jsonl", {});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, emit::ErrorCode::kCannotCreate);
  EXPECT_EQ(emit::open_sink("out.txt", {}).error().code, emit::ErrorCode::kUnknownFormat);
}

TEST(Sinks, CsvFilesCarryABomAndQuoteFields) {
  std::string dir = testing::temp_dir("emit") + "/csv/";
  auto sink = emit::open_sink(dir, {});
  ASSERT_TRUE(sink);
  (*sink)->add(testing::run("收入总计1,000.00万元,其中:基本支出600万元。\n"));
  ASSERT_FALSE((*sink)->finish());
  std::string q = testing::read_file(dir + "quantities.csv");
  EXPECT_EQ(q.rfind("\xEF\xBB\xBF" "doc,id,", 0), 0u);
  EXPECT_NE(q.find("\"1,000.00万元\""), std::string::npos);
  for (const char* f : {"documents.csv", "sections.csv", "tables.csv", "cells.csv"}) EXPECT_TRUE(testing::exists(dir + f));
}

TEST(Sinks, WorkbookIsAZipWithTheLongSheets) {
  std::string path = testing::temp_dir("emit") + "/out.xlsx";
  auto sink = emit::open_sink(path, {});
  ASSERT_TRUE(sink);
  (*sink)->add(testing::run("项目\t预算数\n合计\t=1+1\n收入\t10.00\n"));
  ASSERT_FALSE((*sink)->finish());
  std::string bytes = testing::read_file(path);
  EXPECT_EQ(bytes.rfind("PK", 0), 0u);
  EXPECT_NE(bytes.find("xl/worksheets/sheet4.xml"), std::string::npos);
}

// Writing, reading back and writing again gives the same bytes: a merge of shards depends on it.
TEST(JsonlReader, ReadsBackWhatWasWrittenByteForByte) {
  std::vector<std::string> texts = {
      "一、收入\n收入总计6,400.00万元,其中:\"引号\"\\反斜杠。\n",
      "一级指标 | 二级指标 | 指标值 |\n产出指标(30分) | 数量指标 | ≥95% |\n完成率 | 100 | ||\n",
      "支出-0.50万元,下降1.98%。\n"};
  if (testing::exists(testing::shared_dir() + "/seeds")) {
    for (const char* name : {"/seeds/000_3682ea16efa1e965.txt", "/seeds/001_09aba54321373955.txt",
                             "/seeds/003_20024559169c32d6.txt"}) {
      texts.push_back(testing::read_file(testing::shared_dir() + name));
    }
  }
  for (const std::string& text : texts) {
    std::string written;
    emit::append_jsonl(testing::run(text), written);
    emit::ReadResult back = emit::read_jsonl_document(written);
    ASSERT_TRUE(back) << back.error().message;
    std::string again;
    emit::append_jsonl(*back, again);
    EXPECT_EQ(again, written);
  }
}

TEST(JsonlReader, RefusesWhatBudgetlensDoesNotWrite) {
  std::string written;
  emit::append_jsonl(testing::run("一、收入\n收入总计10万元。\n"), written);
  auto refused = [](const std::string& lines) {
    emit::ReadResult r = emit::read_jsonl_document(lines);
    EXPECT_FALSE(r) << lines;
    return r ? std::string() : r.error().message;
  };
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string s = written;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  EXPECT_EQ(emit::read_jsonl_document(written).ok(), true);
  EXPECT_NE(refused(replace("\"title\":", "\"titel\":")).find("line 1: field \"titel\""), std::string::npos);
  EXPECT_NE(refused(replace("\"decimals\":0", "\"decimals\":0.0")).find("line 3:"), std::string::npos);
  std::string extra = written;
  extra.replace(extra.size() - 3, 3, "},\"note\":\"x\"}\n");  // after the quantity's span
  EXPECT_NE(refused(extra).find("line 3: unknown field \"note\""), std::string::npos);
  EXPECT_NE(refused(replace("\"type\":\"section\",\"doc\":\"test.txt\"", "\"type\":\"section\",\"doc\":\"other.txt\""))
                .find("line 2: a record of document \"other.txt\""),
            std::string::npos);
  EXPECT_NE(refused(replace("{\"type\":\"section\"", "{ \"type\":\"section\"")).find("line 2:"), std::string::npos);
  EXPECT_NE(refused(written.substr(0, written.size() - 1)).find("does not end with a line break"), std::string::npos);
  EXPECT_NE(refused(written.substr(written.find('\n') + 1)).find("line 1: the first record"), std::string::npos);
  EXPECT_EQ(emit::read_jsonl_document(written + written).ok(), false);  // two documents
}

// Every part of a workbook, as "name\ncontent\n" (python3's zipfile reads it; the tests of the
// project's tools need python3 too).
std::string workbook_parts(const std::string& path) {
  std::string command = "python3 -c \"import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
                        "[sys.stdout.write(n + '\\n' + z.read(n).decode('utf-8') + '\\n') for n in z.namelist()]\" '" +
                        path + "' 2>/dev/null";
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  ::pclose(p);
  return out;
}

// Document text that a spreadsheet would read as a formula or a link stays text: in the workbook a
// string cell formatted as text, in CSV behind an apostrophe; no link, no formula, no sheet named by
// a document.
TEST(Sinks, DocumentTextNeverActsInTheSpreadsheet) {
  DocumentResult d = testing::run("收入总计10万元。\n");
  d.document.id = "=cmd|' /C calc'!A0.txt";
  TableRecord t;
  t.id = "t1";
  t.caption = "@SUM(1+1)";
  t.n_rows = 1;
  t.n_cols = 8;
  const std::vector<std::string> hostile = {"=HYPERLINK(\"http://example.com\",\"点击\")", "+1+1", "-2+3",
                                            "@SUM(A1)", "\t=1+1", "\r=1+1", "http://example.com/x", "-23.95"};
  for (int c = 0; c < 8; ++c) {
    CellRecord cell;
    cell.col = c;
    cell.text = hostile[c];
    t.cells.push_back(cell);
  }
  d.tables.push_back(t);
  d.quantities[0].label = "=1+1";
  std::string long_text(40000, 'x');
  d.quantities[0].column = long_text;

  std::string dir = testing::temp_dir("emit");
  auto xlsx = emit::open_sink(dir + "/out.xlsx", {});
  ASSERT_TRUE(xlsx);
  (*xlsx)->add(d);
  ASSERT_FALSE((*xlsx)->finish());
  std::string parts = workbook_parts(dir + "/out.xlsx");
  if (parts.empty()) GTEST_SKIP() << "python3 is needed to read the workbook";
  EXPECT_EQ(parts.find("<f>"), std::string::npos);          // no formula
  // Links are budgetlens's own, inside the workbook (the summary's to table sheets and checks): no
  // link goes out of it, and none comes from a document's text.
  EXPECT_EQ(parts.find("TargetMode=\"External\""), std::string::npos);
  for (size_t at = parts.find("<hyperlink "); at != std::string::npos; at = parts.find("<hyperlink ", at + 1)) {
    std::string link = parts.substr(at, parts.find("/>", at) - at);
    EXPECT_NE(link.find("location=\"'T1'!A1\""), std::string::npos) << link;
  }
  EXPECT_NE(parts.find("<t>=HYPERLINK(\"http://example.com\""), std::string::npos);  // a shared string
  EXPECT_NE(parts.find("formatCode=\"@\""), std::string::npos);  // cells formatted as text
  for (const char* sheet : {"概览", "章节", "表格", "指标", "金额", "校验", "T1"}) {
    EXPECT_NE(parts.find("<sheet name=\"" + std::string(sheet) + "\""), std::string::npos) << sheet;
  }
  EXPECT_EQ(parts.find("<sheet name=\"=cmd"), std::string::npos);
  // A text longer than a cell holds is cut to it, not left out.
  EXPECT_NE(parts.find(std::string(32766, 'x') + "…<"), std::string::npos);

  auto csv = emit::open_sink(dir + "/csv/", {});
  ASSERT_TRUE(csv);
  (*csv)->add(d);
  ASSERT_FALSE((*csv)->finish());
  std::string cells = testing::read_file(dir + "/csv/cells.csv");
  EXPECT_NE(cells.find("\"'=HYPERLINK(\"\"http://example.com\"\""), std::string::npos) << cells;
  for (const char* safe : {",'+1+1,", ",'-2+3,", ",'@SUM(A1),", ",'\t=1+1,", "\"'\r=1+1\""}) {
    EXPECT_NE(cells.find(safe), std::string::npos) << safe;
  }
  EXPECT_NE(cells.find(",-23.95,"), std::string::npos);  // a number stays a number
  std::string documents = testing::read_file(dir + "/csv/documents.csv");
  EXPECT_NE(documents.find("\n'=cmd|' /C calc'!A0.txt,"), std::string::npos) << documents;
  EXPECT_NE(testing::read_file(dir + "/csv/quantities.csv").find(",'=1+1,"), std::string::npos);
}

}  // namespace
}  // namespace budgetlens
