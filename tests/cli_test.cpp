// The budgetlens command: options, exit statuses, and a batch that goes on past bad files.
#include <sys/stat.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "cli/batch.h"
#include "test_support.h"

namespace budgetlens {
namespace {

struct Outcome {
  int status = -1;
  std::string out;  // stdout and stderr together
};

Outcome budgetlens(const std::string& args) {
  Outcome r;
  std::string command = std::string(BUDGETLENS_BINARY) + " " + args + " 2>&1";
  FILE* p = ::popen(command.c_str(), "r");
  std::array<char, 4096> buf;
  while (size_t n = std::fread(buf.data(), 1, buf.size(), p)) r.out.append(buf.data(), n);
  int status = ::pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(Cli, HelpVersionAndUsageErrors) {
  EXPECT_EQ(budgetlens("--help").status, 0);
  EXPECT_NE(budgetlens("--help").out.find("budgetlens extract PATH"), std::string::npos);
  EXPECT_EQ(budgetlens("--version").out.rfind("budgetlens ", 0), 0u);
  Outcome no_output = budgetlens("extract x.txt");
  EXPECT_EQ(no_output.status, 2);
  EXPECT_NE(no_output.out.find("-o"), std::string::npos);
  EXPECT_EQ(budgetlens("frobnicate x").status, 2);
  EXPECT_EQ(budgetlens("extract --jobs 0 x -o y.jsonl").status, 2);
}

TEST(Cli, BadFilesAreNamedAndTheRestOfTheBatchIsWritten) {
  std::string dir = testing::temp_dir("cli");
  std::ofstream(dir + "/a_good.txt") << "收入总计1186.81万元。\n";
  std::ofstream(dir + "/b_empty.txt");
  std::ofstream(dir + "/c_image.txt", std::ios::binary) << std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  std::string noise;
  for (int i = 0; i < 300; ++i) noise.push_back(static_cast<char>(0x80 + (i * 37) % 0x40));
  std::ofstream(dir + "/d_noise.txt", std::ios::binary) << noise;
  std::ofstream(dir + "/e_good.txt") << "支出总计100万元。\n";
  std::ofstream(dir + "/notes.md") << "not a disclosure";
  Outcome r = budgetlens("extract " + dir + " -o " + dir + "/out.jsonl");
  EXPECT_EQ(r.status, 3) << r.out;
  EXPECT_NE(r.out.find("b_empty.txt: error: file is empty [empty]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("c_image.txt: error: this is a PNG image"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("d_noise.txt: error: not valid UTF-8"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("notes.md"), std::string::npos);  // folders give disclosure files only
  std::string out = testing::read_file(dir + "/out.jsonl");
  EXPECT_NE(out.find("\"doc\":\"a_good.txt\""), std::string::npos);
  EXPECT_NE(out.find("\"doc\":\"e_good.txt\""), std::string::npos);
  EXPECT_EQ(out.find("b_empty"), std::string::npos);
}

TEST(Cli, OutputThatCannotBeWrittenFailsCleanly) {
  std::string dir = testing::temp_dir("cli");
  std::ofstream(dir + "/a.txt") << "收入总计10万元。\n";
  Outcome missing = budgetlens("extract " + dir + "/a.txt -o /nonexistent-folder/x.jsonl");
  EXPECT_EQ(missing.status, 4);
  EXPECT_NE(missing.out.find("/nonexistent-folder/x.jsonl"), std::string::npos);
  Outcome full = budgetlens("extract " + dir + "/a.txt -o /dev/full -q");
  EXPECT_EQ(full.status, 4) << full.out;
}

TEST(Cli, InputsAreReadInSortedOrderWhateverTheirNames) {
  std::string dir = testing::temp_dir("cli");
  std::ofstream(dir + "/b.txt") << "收入总计2万元。\n";
  std::ofstream(dir + "/a.txt") << "收入总计1万元。\n";
  Outcome r = budgetlens("extract " + dir + " -o - -q");
  EXPECT_EQ(r.status, 0);
  EXPECT_LT(r.out.find("\"doc\":\"a.txt\""), r.out.find("\"doc\":\"b.txt\""));
}

// A file system returns a folder's entries in any order; ids are sorted as whole paths, so a
// folder's documents come where its name puts them ("a-x" < "a.txt" < "a/…" < "a0").
TEST(Cli, NestedFoldersAreReadInTheOrderOfTheirIds) {
  std::string dir = testing::temp_dir("cli");
  ASSERT_EQ(::mkdir((dir + "/a").c_str(), 0755), 0);
  ASSERT_EQ(::mkdir((dir + "/a/c").c_str(), 0755), 0);
  for (const char* name : {"a0.txt", "a/c/d.txt", "a.txt", "a/b.txt", "a-x.txt"}) {
    std::ofstream(dir + "/" + name) << "收入总计1万元。\n";
  }
  Outcome r = budgetlens("extract " + dir + " -o - -q");
  EXPECT_EQ(r.status, 0);
  std::vector<size_t> at;
  for (const char* id : {"a-x.txt", "a.txt", "a/b.txt", "a/c/d.txt", "a0.txt"}) {
    at.push_back(r.out.find("\"doc\":\"" + std::string(id) + "\""));
    EXPECT_NE(at.back(), std::string::npos) << id;
  }
  EXPECT_TRUE(std::is_sorted(at.begin(), at.end())) << r.out;
}

TEST(Cli, CheckPrintsDiagnosticsASummaryAndFailsOnErrors) {
  std::string dir = testing::temp_dir("cli");
  {
    std::ofstream(dir + "/bad.txt") << "基本支出650.76万元,其中:人员经费546.94万元,公用经费100.00万元。\n"
                                        "收入总计1186.81万元,比上年减少23.95万元,下降1.98%。\n";
    std::ofstream(dir + "/good.txt") << "基本支出650.76万元,其中:人员经费546.94万元,公用经费103.82万元。\n";
    std::ofstream(dir + "/open.txt") << "项目支出500.00万元,其中:甲项目300.00万元,乙项目100.00万元。\n";
  }
  Outcome bad = budgetlens("check " + dir + "/bad.txt");
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.out.find(dir + "/bad.txt:1:5: error[identity.basic_expenditure]: 基本支出=人员经费+公用经费：基本支出 650.76万元 ≠ 2项之和 646.94万元"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find(dir + "/bad.txt: 2 checks: 1 pass, 0 rounding, 1 fail, 0 skipped"), std::string::npos) << bad.out;
  Outcome good = budgetlens("check " + dir + "/good.txt");
  EXPECT_EQ(good.status, 0);
  EXPECT_EQ(good.out.find("error["), std::string::npos);
  // A warning is printed but does not fail the run, like a compiler's; --severity error hides it.
  Outcome open = budgetlens("check " + dir + "/open.txt");
  EXPECT_EQ(open.status, 0);
  EXPECT_NE(open.out.find("warning[list.parts]"), std::string::npos) << open.out;
  EXPECT_EQ(budgetlens("check --severity error " + dir + "/open.txt").out.find("warning["), std::string::npos);
  EXPECT_NE(budgetlens("check --severity info " + dir + "/good.txt").out.find("1 checks: 1 pass"), std::string::npos);
  Outcome json = budgetlens("check --format json " + dir + "/bad.txt");
  EXPECT_NE(json.out.find("{\"type\":\"check\",\"doc\":\"bad.txt\""), std::string::npos) << json.out;
  EXPECT_EQ(json.out.find("checks:"), std::string::npos);
  EXPECT_EQ(budgetlens("check --severity loud " + dir + "/bad.txt").status, 2);
}

// A folder of documents for batch tests: the real ones in ../shared/corpus when present, else a few
// written here.
std::string batch_folder() {
  if (testing::exists(testing::shared_dir() + "/corpus")) return testing::shared_dir() + "/corpus";
  static std::string dir = [] {
    std::string d = testing::temp_dir("cli");
    for (int i = 0; i < 12; ++i) {
      std::ofstream(d + "/doc" + std::to_string(i) + ".txt")
          << "一、收入\n收入总计" << 100 + i << ".5万元,比上年减少" << i << "万元。\n二、支出\n支出总计" << 90 + i << "万元。\n";
    }
    return d;
  }();
  return dir;
}

TEST(Cli, AnyNumberOfJobsWritesTheSameBytes) {
  std::string dir = testing::temp_dir("cli"), in = batch_folder();
  ASSERT_EQ(budgetlens("extract " + in + " -o " + dir + "/one.jsonl -q --jobs 1").status, 0);
  for (const char* jobs : {"2", "3", "8"}) {
    Outcome r = budgetlens("extract " + in + " -o " + dir + "/many.jsonl -q --jobs " + jobs);
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(testing::read_file(dir + "/many.jsonl"), testing::read_file(dir + "/one.jsonl")) << "--jobs " << jobs;
  }
}

// run_batch with documents that take no reading: document 0 is slow, so that the others run ahead of
// it, and each result claims `bytes` of input. Returns how far ahead of the next one to hand on a
// document was taken, at most; fails the test if results come out of order or two calls of deliver()
// or idle() overlap.
size_t furthest_ahead(uint64_t bytes, int jobs) {
  constexpr size_t kDocuments = 200;
  std::atomic<size_t> handed_on{0};
  std::atomic<size_t> furthest{0};
  std::vector<size_t> order;
  std::atomic<int> handing_on{0};  // deliver() and idle() calls under way: never more than one
  cli::run_batch(
      kDocuments, jobs,
      [&](size_t i) {
        size_t ahead = i - handed_on.load();
        for (size_t f = furthest.load(); ahead > f && !furthest.compare_exchange_weak(f, ahead);) {
        }
        if (i == 0) std::this_thread::sleep_for(std::chrono::milliseconds(300));
        DocumentResult r;
        r.document.bytes = bytes;
        return pipeline::DocumentOutcome(std::move(r));
      },
      [&](size_t i, pipeline::DocumentOutcome& r) {
        EXPECT_EQ(handing_on.fetch_add(1), 0);
        EXPECT_TRUE(static_cast<bool>(r));
        order.push_back(i);
        handed_on = i + 1;
        std::this_thread::sleep_for(std::chrono::microseconds(200));  // time for an overlap to show
        handing_on.fetch_sub(1);
      },
      [&] {
        EXPECT_EQ(handing_on.fetch_add(1), 0);
        handing_on.fetch_sub(1);
      });
  for (size_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i], i);
  EXPECT_EQ(order.size(), kDocuments);
  return furthest.load();
}

TEST(Batch, SmallDocumentsRunAheadOfALongOneAndLargeOnesDoNot) {
  // Small documents: the other workers go on past the slow first one, up to 16 per job.
  size_t small = furthest_ahead(10 << 10, 2);
  EXPECT_GT(small, 4u);
  EXPECT_LE(small, 32u);
  // Documents of 40 MiB each: one parked result is over the 32 MiB allowed, so no more than 2 per
  // job are taken ahead.
  EXPECT_LE(furthest_ahead(40u << 20, 2), 4u);
}

TEST(Cli, ProgressLineOnlyOnATerminal) {
  std::string dir = testing::temp_dir("cli");
  Outcome r = budgetlens("extract " + batch_folder() + " -o " + dir + "/out.jsonl --jobs 2");
  EXPECT_EQ(r.out.find("documents  "), std::string::npos) << r.out;  // stderr is a pipe here
  EXPECT_EQ(r.out.find('\r'), std::string::npos);
}

TEST(Cli, FilesFromReadsAListOfPaths) {
  std::string dir = testing::temp_dir("cli");
  std::ofstream(dir + "/a.txt") << "收入总计1万元。\n";
  std::ofstream(dir + "/b.txt") << "收入总计2万元。\n";
  std::ofstream(dir + "/list") << dir << "/b.txt\r\n\n" << dir << "/a.txt\n";
  Outcome r = budgetlens("extract --files-from " + dir + "/list -o - -q");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_LT(r.out.find("\"doc\":\"b.txt\""), r.out.find("\"doc\":\"a.txt\""));  // in the list's order
  Outcome piped = budgetlens("extract --files-from - -o - -q < " + dir + "/list");
  EXPECT_EQ(piped.out, r.out);
  EXPECT_EQ(budgetlens("extract --files-from " + dir + "/missing -o - -q").status, 3);
}

TEST(Cli, ShardsSplitTheBatchAndMergeIntoTheSingleRun) {
  std::string dir = testing::temp_dir("cli"), in = batch_folder();
  ASSERT_EQ(budgetlens("extract " + in + " -o " + dir + "/all.jsonl -q").status, 0);
  std::string shards;
  size_t documents = 0;
  for (int k = 1; k <= 3; ++k) {
    std::string out = dir + "/shard" + std::to_string(k) + ".jsonl";
    ASSERT_EQ(budgetlens("extract " + in + " --shard " + std::to_string(k) + "/3 -o " + out + " -q").status, 0);
    std::string text = testing::read_file(out);
    for (size_t at = 0; (at = text.find("{\"type\":\"document\"", at)) != std::string::npos; ++at) ++documents;
    shards += " " + out;
  }
  std::string all = testing::read_file(dir + "/all.jsonl");
  size_t expected = 0;
  for (size_t at = 0; (at = all.find("{\"type\":\"document\"", at)) != std::string::npos; ++at) ++expected;
  EXPECT_EQ(documents, expected);  // every document in exactly one shard
  Outcome merged = budgetlens("merge" + shards + " -o " + dir + "/merged.jsonl");
  EXPECT_EQ(merged.status, 0) << merged.out;
  EXPECT_EQ(testing::read_file(dir + "/merged.jsonl"), all);
  // A workbook merged from the shards holds what the single run's does.
  ASSERT_EQ(budgetlens("merge" + shards + " -o " + dir + "/merged/ -q").status, 0);
  ASSERT_EQ(budgetlens("extract " + in + " -o " + dir + "/single/ -q").status, 0);
  for (const char* csv : {"documents.csv", "sections.csv", "tables.csv", "cells.csv", "quantities.csv"}) {
    EXPECT_EQ(testing::read_file(dir + "/merged/" + csv), testing::read_file(dir + "/single/" + csv)) << csv;
  }
  EXPECT_EQ(budgetlens("merge" + shards + " -o " + dir + "/merged.xlsx -q").status, 0);
}

TEST(Cli, MergeRefusesRepeatedAndMalformedInputs) {
  std::string dir = testing::temp_dir("cli");
  std::ofstream(dir + "/a.txt") << "收入总计1万元。\n";
  ASSERT_EQ(budgetlens("extract " + dir + "/a.txt -o " + dir + "/a.jsonl -q").status, 0);
  Outcome twice = budgetlens("merge " + dir + "/a.jsonl " + dir + "/a.jsonl -o " + dir + "/m.jsonl");
  EXPECT_EQ(twice.status, 3);
  EXPECT_NE(twice.out.find("document \"a.txt\" is also in"), std::string::npos) << twice.out;
  std::ofstream(dir + "/bad.jsonl") << "{\"type\":\"document\",\"doc\":\"x\"}\n";
  Outcome bad = budgetlens("merge " + dir + "/bad.jsonl -o " + dir + "/m.jsonl");
  EXPECT_EQ(bad.status, 3);
  EXPECT_NE(bad.out.find("bad.jsonl:1: error: no field \"id\""), std::string::npos) << bad.out;
  EXPECT_FALSE(testing::exists(dir + "/m.jsonl"));
  EXPECT_EQ(budgetlens("merge " + dir + "/a.jsonl").status, 2);  // no -o
  EXPECT_EQ(budgetlens("merge --shard 1/2 " + dir + "/a.jsonl -o x.jsonl").status, 2);
}

}  // namespace
}  // namespace budgetlens
