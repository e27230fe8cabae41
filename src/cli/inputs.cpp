#include "cli/inputs.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>
#include <utility>

namespace budgetlens::cli {

std::string InputList::path(size_t i) const { return folders_[entries_[i].folder] + std::string(id(i)); }

std::string_view InputList::id(size_t i) const {
  return std::string_view(bytes_).substr(entries_[i].id_begin, entries_[i].id_size);
}

void InputList::add(std::string_view folder, std::string_view id) {
  if (folders_.empty() || folders_.back() != folder) folders_.emplace_back(folder);
  entries_.push_back({bytes_.size(), static_cast<uint32_t>(id.size()), static_cast<uint32_t>(folders_.size() - 1)});
  bytes_.append(id);
}

void InputList::sort_from(size_t first) {
  std::sort(entries_.begin() + static_cast<std::ptrdiff_t>(first), entries_.end(), [&](const Entry& a, const Entry& b) {
    return std::string_view(bytes_).substr(a.id_begin, a.id_size) < std::string_view(bytes_).substr(b.id_begin, b.id_size);
  });
}

void InputList::keep_if(const std::function<bool(std::string_view id)>& keep) {
  std::erase_if(entries_, [&](const Entry& e) { return !keep(std::string_view(bytes_).substr(e.id_begin, e.id_size)); });
}

namespace {

bool is_disclosure_name(std::string_view name) {
  static constexpr std::string_view kExtensions[] = {".txt", ".text", ".htm", ".html", ".shtml", ".xhtml"};
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string ext(name.substr(dot));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view e : kExtensions) {
    if (ext == e) return true;
  }
  return false;
}

// Adds the files under `root` + "/" + `prefix`, ids relative to root. Files go straight into the
// list (sorted once the walk is done): a folder of a hundred thousand documents is never held as
// a list of names besides.
void walk(const std::string& root, const std::string& prefix, bool all_files, InputList& out,
          std::set<std::pair<dev_t, ino_t>>& seen, std::vector<InputProblem>& problems) {
  const std::string dir = prefix.empty() ? root : root + "/" + prefix;
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
  const std::string folder = root + "/";
  std::vector<std::string> subfolders;
  std::vector<InputProblem> here;
  std::string id;
  while (dirent* e = ::readdir(d)) {
    if (e->d_name[0] == '.') continue;
    id.assign(prefix.empty() ? "" : prefix + "/").append(e->d_name);
    std::string path = folder + id;
    if (::stat(path.c_str(), &st) != 0) {
      here.push_back({path, errno == ELOOP ? "symbolic link loop" : std::strerror(errno)});
    } else if (S_ISDIR(st.st_mode)) {
      subfolders.push_back(id);
    } else if (S_ISREG(st.st_mode) && (all_files || is_disclosure_name(e->d_name))) {
      out.add(folder, id);
    }
  }
  ::closedir(d);
  // readdir's order is the file system's: what is reported, and the order folders are entered in
  // (which decides which of two links to one folder is read), must not depend on it.
  std::sort(here.begin(), here.end(), [](const InputProblem& a, const InputProblem& b) { return a.path < b.path; });
  problems.insert(problems.end(), here.begin(), here.end());
  std::sort(subfolders.begin(), subfolders.end());
  for (const std::string& sub : subfolders) walk(root, sub, all_files, out, seen, problems);
}

}  // namespace

void expand_input(std::string path, bool all_files, InputList& out, std::vector<InputProblem>& problems) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    problems.push_back({path, errno == ELOOP ? "symbolic link loop" : errno == ENOENT ? "no such file or folder"
                                                                                       : std::strerror(errno)});
    return;
  }
  if (S_ISDIR(st.st_mode)) {
    std::set<std::pair<dev_t, ino_t>> seen;
    size_t first = out.size();
    walk(path, "", all_files, out, seen, problems);
    out.sort_from(first);
  } else {
    size_t slash = path.rfind('/');
    size_t name = slash == std::string::npos ? 0 : slash + 1;
    out.add(std::string_view(path).substr(0, name), std::string_view(path).substr(name));
  }
}

InputList expand_inputs(const std::vector<std::string>& paths, bool all_files, std::vector<InputProblem>& problems) {
  InputList out;
  for (const std::string& path : paths) expand_input(path, all_files, out, problems);
  return out;
}

void read_path_list(const std::string& list_file, const std::function<void(std::string path)>& each,
                    std::vector<InputProblem>& problems) {
  FILE* f = list_file == "-" ? stdin : std::fopen(list_file.c_str(), "r");
  if (!f) {
    problems.push_back({list_file, std::string("cannot read the list of files: ") + std::strerror(errno)});
    return;
  }
  auto take = [&](std::string& line) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) each(std::move(line));
    line.clear();
  };
  std::string line;
  for (int c; (c = std::fgetc(f)) != EOF;) {
    if (c == '\n') take(line);
    else line.push_back(static_cast<char>(c));
  }
  take(line);
  if (std::ferror(f)) problems.push_back({list_file, std::string("read error: ") + std::strerror(errno)});
  if (f != stdin) std::fclose(f);
}

int shard_of(std::string_view id, int count) {
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
