// The documents named on a command line: files, or folders read recursively, in a stable order.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace budgetlens::cli {

struct InputProblem {
  std::string path;
  std::string message;
};

// The documents of a batch. A batch of a whole province names hundreds of thousands of files, so
// the list keeps each one as its id and the folder it was found in, packed in one buffer: about
// 40 bytes a document, where a pair of strings costs five times that and the list would be most of
// the memory a run needs.
class InputList {
 public:
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  // The path to open.
  std::string path(size_t i) const;
  // The document id: the path relative to the folder given, or the file's name.
  std::string_view id(size_t i) const;

  // Adds the document `folder + id`; `folder` is empty or ends with '/'.
  void add(std::string_view folder, std::string_view id);
  // Sorts the documents from `first` on by id.
  void sort_from(size_t first);
  // Keeps the documents for which keep(id) is true, in order.
  void keep_if(const std::function<bool(std::string_view id)>& keep);

 private:
  struct Entry {
    uint64_t id_begin;  // in bytes_
    uint32_t id_size;
    uint32_t folder;  // in folders_
  };
  std::string bytes_;
  std::vector<std::string> folders_;  // a folder repeats for every document in it: kept once
  std::vector<Entry> entries_;
};

// Adds the documents of `path`: a file, or a folder walked recursively (hidden entries skipped,
// symbolic link loops detected) with its files sorted by id; in a folder only disclosure files are
// taken (.txt .text .htm .html .shtml .xhtml), unless `all_files`. A file named directly is always
// taken. A path that cannot be read is reported in `problems` and the rest go on.
void expand_input(std::string path, bool all_files, InputList& out, std::vector<InputProblem>& problems);
InputList expand_inputs(const std::vector<std::string>& paths, bool all_files, std::vector<InputProblem>& problems);

// Calls each(path) for every path listed in `list_file` ("-" for standard input), one per line, as
// it is read; blank lines are skipped and a trailing carriage return is dropped. A list that cannot
// be read is one problem.
void read_path_list(const std::string& list_file, const std::function<void(std::string path)>& each,
                    std::vector<InputProblem>& problems);

// The shard (1 .. count) a document belongs to: a hash of its id (64-bit FNV-1a, mixed by
// MurmurHash3's finaliser), so that every machine splits a batch the same way whatever folder it
// is mounted in.
int shard_of(std::string_view id, int count);

}  // namespace budgetlens::cli
