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

}  // namespace budgetlens::cli
