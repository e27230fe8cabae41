// A web page and the text of the same document give the same records: every HTML rendition in
// corpus/ (NAME.html beside NAME.txt) and in tests/data/seeds_html/ (beside ../shared/seeds/NAME.txt)
// is extracted with its text and the JSON Lines of the two compared record by record, apart from
// spans, ids and layout: quantities by label, column, value, unit, kind and value_yuan; sections by
// level, marker and title; tables by caption, unit, kind and stated total; the document by title,
// org, year, kind and default unit; every other record type (indicators, checks, whatever comes
// next) by all its fields but spans, ids, references to other records and grid positions. Every
// difference is listed.
#include <dirent.h>

#include <algorithm>
#include <map>
#include <set>

#include "emit/emit.h"
#include "test_support.h"

namespace budgetlens {
namespace {

// Just enough JSON to read back what emit/ writes: values kept as canonical text.
class JsonReader {
 public:
  explicit JsonReader(std::string_view s) : s_(s) {}

  // The value at the current position, with object keys sorted and the keys for which
  // drop(key, depth) holds left out (depth 0: the keys of the outermost object).
  template <typename Drop>
  std::string value(const Drop& drop, int depth = 0) {
    skip();
    if (i_ >= s_.size()) return "null";
    char c = s_[i_];
    if (c == '{') {
      ++i_;
      std::map<std::string, std::string> fields;
      while (skip(), i_ < s_.size() && s_[i_] != '}') {
        std::string key = string();
        skip();
        ++i_;  // ':'
        std::string v = value(drop, depth + 1);
        if (!drop(key, depth)) fields[key] = v;
        skip();
        if (i_ < s_.size() && s_[i_] == ',') ++i_;
      }
      ++i_;
      std::string out = "{";
      for (const auto& [k, v] : fields) out += (out.size() > 1 ? "," : "") + ("\"" + k + "\":") + v;
      return out + "}";
    }
    if (c == '[') {
      ++i_;
      std::string out = "[";
      while (skip(), i_ < s_.size() && s_[i_] != ']') {
        out += (out.size() > 1 ? "," : "") + value(drop, depth + 1);
        skip();
        if (i_ < s_.size() && s_[i_] == ',') ++i_;
      }
      ++i_;
      return out + "]";
    }
    if (c == '"') return "\"" + string() + "\"";
    size_t b = i_;
    while (i_ < s_.size() && s_[i_] != ',' && s_[i_] != '}' && s_[i_] != ']' && s_[i_] != ' ') ++i_;
    return std::string(s_.substr(b, i_ - b));
  }

 private:
  void skip() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r')) ++i_;
  }

  // A string's raw content (escapes kept as written: both sides are written by the same writer).
  std::string string() {
    skip();
    size_t b = ++i_;
    while (i_ < s_.size() && s_[i_] != '"') i_ += s_[i_] == '\\' ? 2 : 1;
    return std::string(s_.substr(b, i_++ - b));
  }

  std::string_view s_;
  size_t i_ = 0;
};

// The fields each record type is compared by; any other type: all but these.
const std::map<std::string, std::vector<std::string>> kCompared = {
    {"quantity", {"label", "column", "value", "unit", "kind", "value_yuan"}},
    {"section", {"level", "marker", "title"}},
    {"table", {"caption", "unit", "kind", "total"}},
    {"document", {"title", "org", "year", "kind", "default_unit"}},
};
const std::set<std::string> kNeverCompared = {"span", "id", "doc", "section", "table", "parent", "operands",
                                              "quantity", "quantities", "indicator", "row", "col", "layout"};

bool never_compared(const std::string& key) {
  return kNeverCompared.count(key) || (key.size() > 5 && key.compare(key.size() - 5, 5, "_span") == 0) ||
         (key.size() > 3 && key.compare(key.size() - 3, 3, "_id") == 0) ||
         (key.size() > 4 && key.compare(key.size() - 4, 4, "_ids") == 0);
}

// One comparable line per record: "type {fields}".
std::vector<std::string> comparable_records(const std::string& path) {
  auto r = pipeline::extract_file(path, "doc", testing::builtin_grammar(), {});
  if (!r) {
    ADD_FAILURE() << path << ": " << r.error().message;
    return {};
  }
  std::string jsonl;
  emit::append_jsonl(*r, jsonl);
  std::vector<std::string> out;
  for (size_t b = 0, e; b < jsonl.size(); b = e + 1) {
    e = jsonl.find('\n', b);
    if (e == std::string::npos) e = jsonl.size();
    std::string_view line(jsonl.data() + b, e - b);
    if (line.empty()) continue;
    std::string type;
    if (size_t t = line.find("\"type\":\""); t != std::string_view::npos) {
      type = std::string(line.substr(t + 8, line.find('"', t + 8) - t - 8));
    }
    auto only = kCompared.find(type);
    JsonReader reader(line);
    std::string v = reader.value([&](const std::string& key, int depth) {
      if (depth == 0 && key == "type") return false;
      if (depth == 0 && only != kCompared.end()) {
        const auto& keep = only->second;
        if (std::find(keep.begin(), keep.end(), key) == keep.end()) return true;
      }
      return never_compared(key);
    });
    out.push_back(type + " " + v);
  }
  return out;
}

// The records one side has more often than the other, as "text only" / "page only" lines.
std::vector<std::string> differences(const std::string& text_path, const std::string& page_path) {
  std::map<std::string, int> count;
  for (const std::string& r : comparable_records(text_path)) ++count[r];
  for (const std::string& r : comparable_records(page_path)) --count[r];
  std::vector<std::string> out;
  for (const auto& [record, n] : count) {
    if (n > 0) out.push_back("text only (" + std::to_string(n) + "): " + record);
    if (n < 0) out.push_back("page only (" + std::to_string(-n) + "): " + record);
  }
  return out;
}

std::vector<std::string> files_in(const std::string& dir, const std::string& extension) {
  std::vector<std::string> names;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return names;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name.size() > extension.size() && name.compare(name.size() - extension.size(), extension.size(), extension) == 0) {
      names.push_back(name.substr(0, name.size() - extension.size()));
    }
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

void expect_same_records(const std::string& text_path, const std::string& page_path) {
  ASSERT_TRUE(testing::exists(text_path)) << page_path << " renders " << text_path << ", which is missing";
  std::vector<std::string> diff = differences(text_path, page_path);
  std::string listed;
  for (const std::string& d : diff) listed += "\n  " + d;
  EXPECT_TRUE(diff.empty()) << page_path << " and " << text_path << " differ in " << diff.size() << " record(s):"
                            << listed;
}

TEST(Renditions, CorpusPagesGiveTheRecordsOfTheirTexts) {
  std::string dir = testing::source_dir() + "/corpus/";
  std::vector<std::string> pages = files_in(dir, ".html");
  EXPECT_GE(pages.size(), 6u) << "corpus/ holds fewer than six HTML renditions";
  for (const std::string& name : pages) {
    SCOPED_TRACE(name);
    expect_same_records(dir + name + ".txt", dir + name + ".html");
  }
}

TEST(Renditions, SeedPagesGiveTheRecordsOfTheSeeds) {
  SKIP_WITHOUT_SHARED();
  std::string dir = testing::source_dir() + "/tests/data/seeds_html/";
  std::vector<std::string> pages = files_in(dir, ".html");
  EXPECT_EQ(pages.size(), 5u);
  for (const std::string& name : pages) {
    SCOPED_TRACE(name);
    expect_same_records(testing::shared_dir() + "/seeds/" + name + ".txt", dir + name + ".html");
  }
}

TEST(Renditions, TheComparisonSeesADifference) {
  // A page that moves one figure must be reported, with the record named.
  std::string dir = testing::source_dir() + "/corpus/";
  std::string page = testing::read_file(dir + "sangong_cell_lines_blank.html");
  size_t at = page.find("3.60");
  ASSERT_NE(at, std::string::npos);
  page.replace(at, 4, "3.70");
  const std::string path = testing::temp_dir("renditions") + "/moved_figure.html";
  {
    std::ofstream out(path, std::ios::binary);
    out << page;
  }
  std::vector<std::string> diff = differences(dir + "sangong_cell_lines_blank.txt", path);
  // The quantity differs, and so do the checks that use it (the 合计 row no longer adds up).
  auto reported = [&](std::string_view side, std::string_view value) {
    return std::any_of(diff.begin(), diff.end(), [&](const std::string& d) {
      return d.find(side) != std::string::npos && d.find("quantity") != std::string::npos &&
             d.find(value) != std::string::npos;
    });
  };
  EXPECT_TRUE(reported("text only", "3.60")) << ::testing::PrintToString(diff);
  EXPECT_TRUE(reported("page only", "3.70")) << ::testing::PrintToString(diff);
  EXPECT_TRUE(std::any_of(diff.begin(), diff.end(), [](const std::string& d) { return d.find("check") != std::string::npos; }));
}

}  // namespace
}  // namespace budgetlens
