// The documents named on a command line: files, or folders read recursively, in a stable order.
#pragma once

#include <string>
#include <vector>

namespace budgetlens::cli {

struct Input {
  std::string path;  // to open
  std::string id;    // the document id: the path relative to the folder given, or the file's name
};

struct InputProblem {
  std::string path;
  std::string message;
};

// Expands `paths` into documents. Folders are walked recursively (hidden entries skipped, symbolic
// link loops detected) and their files sorted by id; in a folder only disclosure files are taken
// (.txt .text .htm .html .shtml .xhtml), unless `all_files`. Files named directly are always taken.
// A path that cannot be read is reported in `problems` and the rest go on.
std::vector<Input> expand_inputs(const std::vector<std::string>& paths, bool all_files,
                                 std::vector<InputProblem>& problems);

// The paths listed in `list_file` ("-" for standard input), one per line; blank lines are skipped
// and a trailing carriage return is dropped. A list that cannot be read is one problem.
std::vector<std::string> read_path_list(const std::string& list_file, std::vector<InputProblem>& problems);

// The shard (1 .. count) a document belongs to: a hash of its id (64-bit FNV-1a, mixed by
// MurmurHash3's finaliser), so that every machine splits a batch the same way whatever folder it
// is mounted in.
int shard_of(const std::string& id, int count);

}  // namespace budgetlens::cli
