#include "cli/inputs.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <string_view>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <set>
#include <utility>

namespace budgetlens::cli {
namespace {

bool is_disclosure_name(const std::string& name) {
  static constexpr std::string_view kExtensions[] = {".txt", ".text", ".htm", ".html", ".shtml", ".xhtml"};
  size_t dot = name.rfind('.');
  if (dot == std::string::npos) return false;
  std::string ext = name.substr(dot);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view e : kExtensions) {
    if (ext == e) return true;
  }
  return false;
}

void walk(const std::string& dir, const std::string& prefix, bool all_files, std::vector<Input>& out,
          std::set<std::pair<dev_t, ino_t>>& seen, std::vector<InputProblem>& problems) {
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) {
    problems.push_back({dir, std::strerror(errno)});
    return;
  }
  if (!seen.insert({st.st_dev, st.st_ino}).second) {
    problems.push_back({dir, "folder already visited (a symbolic link loop); skipped"});
    return;
  }
  DIR* d = ::opendir(dir.c_str());
  if (!d) {
    problems.push_back({dir, std::string("cannot open folder: ") + std::strerror(errno)});
    return;
  }
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) {
    if (e->d_name[0] == '.') continue;
    names.emplace_back(e->d_name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    std::string path = dir + "/" + name, id = prefix.empty() ? name : prefix + "/" + name;
    if (::stat(path.c_str(), &st) != 0) {
      problems.push_back({path, errno == ELOOP ? "symbolic link loop" : std::strerror(errno)});
      continue;
    }
    if (S_ISDIR(st.st_mode)) walk(path, id, all_files, out, seen, problems);
    else if (S_ISREG(st.st_mode) && (all_files || is_disclosure_name(name))) out.push_back({path, id});
  }
}

}  // namespace

std::vector<Input> expand_inputs(const std::vector<std::string>& paths, bool all_files,
                                 std::vector<InputProblem>& problems) {
  std::vector<Input> out;
  for (std::string path : paths) {
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      problems.push_back({path, errno == ELOOP ? "symbolic link loop" : errno == ENOENT ? "no such file or folder"
                                                                                         : std::strerror(errno)});
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      std::set<std::pair<dev_t, ino_t>> seen;
      std::vector<Input> found;
      walk(path, "", all_files, found, seen, problems);
      std::stable_sort(found.begin(), found.end(), [](const Input& a, const Input& b) { return a.id < b.id; });
      out.insert(out.end(), found.begin(), found.end());
    } else {
      size_t slash = path.rfind('/');
      out.push_back({path, slash == std::string::npos ? path : path.substr(slash + 1)});
    }
  }
  return out;
}

std::vector<std::string> read_path_list(const std::string& list_file, std::vector<InputProblem>& problems) {
  std::vector<std::string> paths;
  FILE* f = list_file == "-" ? stdin : std::fopen(list_file.c_str(), "r");
  if (!f) {
    problems.push_back({list_file, std::string("cannot read the list of files: ") + std::strerror(errno)});
    return paths;
  }
  std::string line;
  for (int c; (c = std::fgetc(f)) != EOF;) {
    if (c != '\n') {
      line.push_back(static_cast<char>(c));
      continue;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) paths.push_back(line);
    line.clear();
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (!line.empty()) paths.push_back(line);
  if (std::ferror(f)) problems.push_back({list_file, std::string("read error: ") + std::strerror(errno)});
  if (f != stdin) std::fclose(f);
  return paths;
}

int shard_of(const std::string& id, int count) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : id) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  // MurmurHash3's finaliser: ids differ in a digit or two, and FNV alone leaves that in its low bits.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return static_cast<int>(h % static_cast<uint64_t>(count)) + 1;
}

}  // namespace budgetlens::cli
