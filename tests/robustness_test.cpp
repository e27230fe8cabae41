// Hostile and broken input, driven through the budgetlens command: each bad file is named on
// standard error with what is wrong with it (and the option that raises a limit), the batch goes
// on, and the records of the other documents are exactly those they give when read alone. Large
// inputs are made here, in a temporary folder, never checked in.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unicode/ucnv.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "test_support.h"

namespace budgetlens {
namespace {

constexpr const char* kGoodText =
    "某某局2023年部门预算\n一、收入预算情况\n"
    "收入总计1186.81万元，比上年减少23.95万元，下降1.98%。其中：财政拨款收入1000.00万元，其他收入186.81万元。\n";
constexpr const char* kGoodPage =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>决算</title></head><body>"
    "<h1>某某局2023年部门决算</h1><p>支出总计100.00万元。</p>"
    "<table><tr><th>项目</th><th>年初预算数</th></tr><tr><td>合计</td><td>100.00</td></tr>"
    "<tr><td>基本支出</td><td>60.00</td></tr><tr><td>项目支出</td><td>40.00</td></tr></table></body></html>\n";

std::string sh_quoted(const std::string& s) { return "'" + s + "'"; }

std::vector<std::string> lines_of(const std::string& text, const std::string& needle) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.find(needle) != std::string::npos) out.push_back(line);
  }
  return out;
}

std::string in_encoding(const std::string& utf8, const char* name) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t n = ucnv_convert(name, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &status);
  out.resize(U_SUCCESS(status) ? n : 0);
  return out;
}

struct Outcome {
  int status = -1;
  std::string err;  // standard error
};

// A folder holding two good documents, a text and a page, and whatever bad ones a test adds, with
// a second folder for outputs and standard error (so that nothing written is read as an input).
class Batch {
 public:
  Batch() : in_(testing::temp_dir("robust")), out_(testing::temp_dir("robust")) {
    write("a_good.txt", kGoodText);
    write("z_good.html", kGoodPage);
    Outcome alone = run("extract " + sh_quoted(in_) + " -o " + sh_quoted(out_ + "/alone.jsonl"));
    EXPECT_EQ(alone.status, 0) << alone.err;
    std::string records = testing::read_file(out_ + "/alone.jsonl");
    good_text_ = lines_of(records, "\"doc\":\"a_good.txt\"");
    good_page_ = lines_of(records, "\"doc\":\"z_good.html\"");
    EXPECT_GT(good_text_.size(), 3u);
    EXPECT_GT(good_page_.size(), 3u);
  }

  std::string path(const std::string& name) const { return in_ + "/" + name; }
  std::string out(const std::string& name) const { return out_ + "/" + name; }
  const std::string& in() const { return in_; }

  void write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path(name), std::ios::binary) << bytes;
  }

  // Runs a shell command, its standard error kept.
  Outcome shell(const std::string& command) const {
    std::string err = out_ + "/stderr";
    int status = std::system(("(" + command + ") 2>" + sh_quoted(err)).c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, testing::read_file(err)};
  }

  Outcome run(const std::string& args) const { return shell(std::string(BUDGETLENS_BINARY) + " " + args); }

  // Extracts the whole folder into out/batch.jsonl.
  Outcome extract(const std::string& options = "") const {
    return run("extract " + sh_quoted(in_) + " -o " + sh_quoted(out_ + "/batch.jsonl") + " " + options);
  }

  std::string records() const { return testing::read_file(out_ + "/batch.jsonl"); }

  // The good documents' records in the batch's output are those they give alone, all of them.
  void expect_good_documents_complete() const {
    std::string records = this->records();
    EXPECT_EQ(lines_of(records, "\"doc\":\"a_good.txt\""), good_text_);
    EXPECT_EQ(lines_of(records, "\"doc\":\"z_good.html\""), good_page_);
  }

 private:
  std::string in_, out_;
  std::vector<std::string> good_text_, good_page_;
};

// The batch reports `message` for `file` (as `PATH: error: message`), exits 3, and writes the rest.
void expect_refused(const Batch& b, const Outcome& r, const std::string& file, const std::string& message) {
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_NE(r.err.find(b.path(file) + ": error: " + message), std::string::npos) << r.err;
  EXPECT_EQ(lines_of(r.err, ": error: ").size(), 1u) << r.err;  // one line for the one bad file
  b.expect_good_documents_complete();
}

TEST(Robustness, EmptyFile) {
  Batch b;
  b.write("empty.txt", "");
  expect_refused(b, b.extract(), "empty.txt", "file is empty [empty]");
}

TEST(Robustness, PngPdfAndZipUnderTextAndPageNames) {
  Batch b;
  b.write("image.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20));
  expect_refused(b, b.extract(), "image.txt", "this is a PNG image, not a text or HTML disclosure [binary]");
  std::filesystem::remove(b.path("image.txt"));
  b.write("report.html", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n");
  expect_refused(b, b.extract(), "report.html", "this is a PDF document, not a text or HTML disclosure [binary]");
  std::filesystem::remove(b.path("report.html"));
  b.write("tables.txt", std::string("PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0word/document.xml", 31));
  expect_refused(b, b.extract(), "tables.txt",
                 "this is a zip archive (or .docx/.xlsx), not a text or HTML disclosure [binary]");
}

TEST(Robustness, InvalidUtf8) {
  Batch b;
  std::string noise = "收入";
  for (int i = 0; i < 400; ++i) noise.push_back(static_cast<char>(0x80 + (i * 37) % 0x40));
  b.write("noise.txt", noise);
  expect_refused(b, b.extract(), "noise.txt",
                 "not valid UTF-8 (first bad byte at offset 6) and not GB18030 either; give the encoding with "
                 "--encoding [undecodable]");
}

TEST(Robustness, Utf16WithAByteOrderMarkIsDecodedNotRefused) {
  for (const char* encoding : {"UTF-16LE", "UTF-16BE"}) {
    Batch b;
    std::string mark = std::string(encoding) == "UTF-16LE" ? "\xFF\xFE" : "\xFE\xFF";
    b.write("m_utf16.txt", mark + in_encoding(kGoodText, encoding));
    Outcome r = b.extract();
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err.find("error"), std::string::npos) << r.err;
    std::string records = b.records();
    std::vector<std::string> doc = lines_of(records, "\"type\":\"document\",\"doc\":\"m_utf16.txt\"");
    ASSERT_EQ(doc.size(), 1u);
    EXPECT_NE(doc[0].find("\"encoding\":\"" + std::string(encoding) + "\""), std::string::npos) << doc[0];
    // The same figures as the UTF-8 text, with spans in the bytes of this file.
    std::vector<std::string> figures = lines_of(records, "\"type\":\"quantity\",\"doc\":\"m_utf16.txt\"");
    EXPECT_EQ(figures.size(), lines_of(records, "\"type\":\"quantity\",\"doc\":\"a_good.txt\"").size());
    EXPECT_EQ(lines_of(records, "\"raw\":\"1186.81万元\"").size(), 2u);
    b.expect_good_documents_complete();
  }
}

TEST(Robustness, Gb18030PageWithAWrongMetaCharset) {
  Batch b;
  std::string page = "<html><head><meta charset=\"utf-8\"></head><body><p>收入总计1186.81万元，其中财政拨款收入1000.00万元。</p></body></html>";
  b.write("m_gbk.html", in_encoding(page, "GB18030"));
  Outcome r = b.extract();
  EXPECT_EQ(r.status, 0) << r.err;
  std::vector<std::string> doc = lines_of(b.records(), "\"type\":\"document\",\"doc\":\"m_gbk.html\"");
  ASSERT_EQ(doc.size(), 1u);
  EXPECT_NE(doc[0].find("\"encoding\":\"GB18030\""), std::string::npos) << doc[0];
  EXPECT_NE(doc[0].find("declares charset \\\"utf-8\\\" but is not valid UTF-8 (byte 50); read as GB18030 (detected)"),
            std::string::npos)
      << doc[0];
  EXPECT_EQ(lines_of(b.records(), "\"type\":\"quantity\",\"doc\":\"m_gbk.html\"").size(), 2u);
  b.expect_good_documents_complete();
}

TEST(Robustness, OneFiftyMegabyteLine) {
  Batch b;
  b.write("line.txt", std::string(50u << 20, 'x'));
  expect_refused(b, b.extract(), "line.txt",
                 "line 1: 52428800 characters without a line break, over the limit of 1000000 (raise it with "
                 "--max-line-length) [over-limit]");
}

// A paragraph of ten thousand sentences on one line, under the line limit: read in seconds (each
// figure's column, sentence and item were once counted from the start of the line).
TEST(Robustness, ALongLineUnderTheLimitIsReadInLinearTime) {
  Batch b;
  std::string line;
  for (int i = 0; i < 10000; ++i) line += "收入总计1186.81万元，比上年减少23.95万元，下降1.98%。";
  b.write("m_paragraph.txt", line + "\n");
  auto start = std::chrono::steady_clock::now();
  Outcome r = b.extract();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(r.status, 0) << r.err;
  std::vector<std::string> figures = lines_of(b.records(), "\"type\":\"quantity\",\"doc\":\"m_paragraph.txt\"");
  ASSERT_EQ(figures.size(), 30000u);
  EXPECT_NE(figures.back().find("\"span\":{\"line\":1,\"col\":" + std::to_string(9999 * 35 + 30) + ","),
            std::string::npos)
      << figures.back().substr(0, 400);
  b.expect_good_documents_complete();
  EXPECT_LT(seconds, 20.0) << "a line of 10,000 sentences took " << seconds << " s";
}

TEST(Robustness, AMillionEmptyLines) {
  Batch b;
  b.write("m_blank.txt", "收入总计1186.81万元。\n" + std::string(1000000, '\n') + "支出总计100.00万元。\n");
  b.write("only_blank.txt", std::string(1000000, '\n'));
  auto start = std::chrono::steady_clock::now();
  Outcome r = b.extract();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  expect_refused(b, r, "only_blank.txt", "file holds only blank lines [empty]");
  std::vector<std::string> figures = lines_of(b.records(), "\"type\":\"quantity\",\"doc\":\"m_blank.txt\"");
  ASSERT_EQ(figures.size(), 2u);
  EXPECT_NE(figures[1].find("\"span\":{\"line\":1000002,"), std::string::npos) << figures[1];
  EXPECT_LT(seconds, 20.0);
}

TEST(Robustness, ATableOfAHundredThousandRowsIsReadInSeconds) {
  Batch b;
  std::string table = "金额单位：万元\n项目 | 年初预算数 | 全年预算数 |\n";
  for (int i = 0; i < 100000; ++i) {
    table += "项目" + std::to_string(i) + " | " + std::to_string(i) + ".50 | " + std::to_string(i) + ".25 |\n";
  }
  b.write("m_rows.txt", table);
  auto start = std::chrono::steady_clock::now();
  Outcome r = b.extract();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(r.status, 0) << r.err;
  std::string records = b.records();
  std::vector<std::string> tables = lines_of(records, "\"type\":\"table\",\"doc\":\"m_rows.txt\"");
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_NE(tables[0].find("\"n_rows\":100001,\"n_cols\":3,"), std::string::npos) << tables[0].substr(0, 300);
  EXPECT_EQ(lines_of(records, "\"type\":\"quantity\",\"doc\":\"m_rows.txt\"").size(), 200000u);
  b.expect_good_documents_complete();
  // Minutes before the header over each cell was found once per table.
  EXPECT_LT(seconds, 30.0) << "a table of 100,000 rows took " << seconds << " s";

  Outcome limited = b.extract("--max-table-cells 300000");
  expect_refused(b, limited, "m_rows.txt",
                 "line 2: a table of 300003 cells (100001 rows × 3 columns), over the limit of 300000 (raise it "
                 "with --max-table-cells) [over-limit]");
}

TEST(Robustness, TenThousandNestedTags) {
  Batch b;
  std::string page;
  for (int i = 0; i < 10000; ++i) page += "<div>";
  page += "收入总计1186.81万元";
  for (int i = 0; i < 10000; ++i) page += "</div>";
  b.write("m_deep.html", page);
  expect_refused(b, b.extract(), "m_deep.html",
                 "line 1: elements nested more than 1000 deep, over the limit of 1000 (raise it with --max-depth) "
                 "[over-limit]");
  Outcome raised = b.extract("--max-depth 10000");
  EXPECT_EQ(raised.status, 0) << raised.err;
  EXPECT_EQ(lines_of(b.records(), "\"type\":\"quantity\",\"doc\":\"m_deep.html\"").size(), 1u);
}

TEST(Robustness, ANumberOfFourHundredDigits) {
  Batch b;
  b.write("m_digits.txt", "收入总计" + std::string(400, '7') + "万元，支出总计100.00万元。\n");
  expect_refused(b, b.extract(), "m_digits.txt",
                 "line 1: a number of 400 digits, over the limit of 100 (raise it with --max-digits) [over-limit]");
  // Raised, the document is read; a number that long is no figure (a figure holds 18 digits).
  Outcome raised = b.extract("--max-digits 400");
  EXPECT_EQ(raised.status, 0) << raised.err;
  std::vector<std::string> figures = lines_of(b.records(), "\"type\":\"quantity\",\"doc\":\"m_digits.txt\"");
  ASSERT_EQ(figures.size(), 1u);
  EXPECT_NE(figures[0].find("\"raw\":\"100.00万元\""), std::string::npos);
}

TEST(Robustness, NulBytes) {
  Batch b;
  // A few NULs in text are read as spaces and said; a file of them is no text at all.
  std::string text = std::string("收入总计1186.81万元") + '\0' + "，支出总计100.00万元。\n";
  for (int i = 0; i < 40; ++i) text += "本部门无政府性基金预算收入，也无政府性基金预算安排的支出。\n";
  b.write("m_nul.txt", text + std::string(2, '\0'));
  b.write("zeros.txt", "收入总计1186.81万元。" + std::string(100000, '\0'));
  expect_refused(b, b.extract(), "zeros.txt",
                 "binary data: control bytes throughout, not a text or HTML disclosure [binary]");
  std::vector<std::string> doc = lines_of(b.records(), "\"type\":\"document\",\"doc\":\"m_nul.txt\"");
  ASSERT_EQ(doc.size(), 1u);
  EXPECT_NE(doc[0].find("\"warnings\":[\"3 NUL byte(s) read as spaces\"]"), std::string::npos) << doc[0];
  EXPECT_EQ(lines_of(b.records(), "\"type\":\"quantity\",\"doc\":\"m_nul.txt\"").size(), 2u);
}

TEST(Robustness, AFolderWhereAFileIsExpected) {
  Batch b;
  std::filesystem::create_directory(b.path("folder.txt"));
  b.write("folder.txt/inner.txt", "支出总计100.00万元。\n");
  Outcome inspect = b.run("inspect " + sh_quoted(b.path("folder.txt")));
  EXPECT_EQ(inspect.status, 3);
  EXPECT_EQ(inspect.err, b.path("folder.txt") +
                             ": error: is a directory; give the folder as an input to read its files [not-a-file]\n");
  // In a batch a folder, whatever its name, is read for the files it holds.
  Outcome r = b.extract();
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(lines_of(b.records(), "\"type\":\"document\",\"doc\":\"folder.txt/inner.txt\"").size(), 1u);
  b.expect_good_documents_complete();
}

TEST(Robustness, AnUnreadableFile) {
  Batch b;
  b.write("locked.txt", kGoodText);
  ::chmod(b.path("locked.txt").c_str(), 0);
  if (::access(b.path("locked.txt").c_str(), R_OK) == 0) {
    GTEST_SKIP() << "this user reads files whatever their permissions (root): nothing is unreadable";
  }
  expect_refused(b, b.extract(), "locked.txt", "cannot open: Permission denied [unreadable]");
}

TEST(Robustness, SymbolicLinkLoops) {
  Batch b;
  ASSERT_EQ(::symlink(".", b.path("again").c_str()), 0);               // a folder that holds itself
  ASSERT_EQ(::symlink("self.txt", b.path("self.txt").c_str()), 0);     // a link to itself
  Outcome r = b.extract();
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_NE(r.err.find(b.path("again") + ": error: folder already visited (a symbolic link loop); skipped\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(b.path("self.txt") + ": error: symbolic link loop\n"), std::string::npos) << r.err;
  b.expect_good_documents_complete();
  Outcome named = b.run("extract " + sh_quoted(b.path("self.txt")) + " -o " + sh_quoted(b.out("x.jsonl")));
  EXPECT_EQ(named.status, 3);
  EXPECT_EQ(named.err.rfind(b.path("self.txt") + ": error: symbolic link loop\n", 0), 0u) << named.err;
}

// Nothing of an output that could not be written is left: no file, no temporary file, no folder.
void expect_nothing_left(const std::string& folder) {
  std::vector<std::string> left;
  for (auto& e : std::filesystem::directory_iterator(folder)) {
    std::string name = e.path().filename();
    if (name != "alone.jsonl" && name != "stderr") left.push_back(name);
  }
  EXPECT_TRUE(left.empty()) << left.front();
}

TEST(Robustness, AnOutputInAMissingFolder) {
  Batch b;
  for (const std::string name : {"missing/out.jsonl", "missing/out.xlsx", "missing/csv/"}) {
    Outcome r = b.run("extract " + sh_quoted(b.in()) + " -o " + sh_quoted(b.out(name)));
    EXPECT_EQ(r.status, 4) << name << ": " << r.err;
    EXPECT_NE(r.err.find("cannot create " + std::string(name.back() == '/' ? "folder " : "") + b.out(name)),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("No such file or directory"), std::string::npos) << r.err;
    expect_nothing_left(b.out(""));
  }
}

TEST(Robustness, AnOutputOnAFullDevice) {
  Batch b;
  Outcome full = b.run("extract " + sh_quoted(b.in()) + " -o /dev/full");
  EXPECT_EQ(full.status, 4) << full.err;
  EXPECT_NE(full.err.find("cannot write /dev/full: No space left on device"), std::string::npos) << full.err;
  // A regular file that cannot grow (a full disk, or as here a file size limit): the temporary file
  // is removed and the target never appears, for every output format.
  for (const std::string name : {"out.jsonl", "out.xlsx", "csv/"}) {
    Outcome r = b.shell("trap '' XFSZ; ulimit -f 1; exec " + std::string(BUDGETLENS_BINARY) + " extract " +
                        sh_quoted(b.in()) + " -o " + sh_quoted(b.out(name)));
    EXPECT_EQ(r.status, 4) << name << ": " << r.err;
    EXPECT_NE(r.err.find("cannot write " + b.out(name)), std::string::npos) << r.err;
    expect_nothing_left(b.out(""));
  }
}

TEST(Robustness, FilesOverTheSizeLimit) {
  Batch b;
  b.write("m_big.txt", std::string(3000, 'x') + "\n");
  expect_refused(b, b.extract("--max-file-size 2K"), "m_big.txt",
                 "file is 3001 bytes, over the limit of 2048 (raise it with --max-file-size) [too-large]");
}

TEST(Robustness, HelpNamesEveryLimitWithItsDefault) {
  Batch b;
  EXPECT_EQ(b.run("--help >" + sh_quoted(b.out("help"))).status, 0);
  std::string help = testing::read_file(b.out("help"));
  source::Limits defaults;
  EXPECT_NE(help.find("--max-file-size N       refuse files larger than N bytes (default " +
                      std::to_string(defaults.max_file_size)),
            std::string::npos);
  EXPECT_NE(help.find("more than N characters (default " + std::to_string(defaults.max_line_length) + ")"),
            std::string::npos);
  EXPECT_NE(help.find("more than N digits (default " + std::to_string(defaults.max_digits) + ")"), std::string::npos);
  EXPECT_NE(help.find("more than N deep (default " + std::to_string(defaults.max_depth) + ")"), std::string::npos);
  EXPECT_NE(help.find("(default " + std::to_string(defaults.max_table_cells) + ")"), std::string::npos);
  EXPECT_EQ(b.run("extract x -o y.jsonl --max-digits 0").status, 2);
  EXPECT_EQ(b.run("extract x -o y.jsonl --max-depth lots").status, 2);
}

}  // namespace
}  // namespace budgetlens
