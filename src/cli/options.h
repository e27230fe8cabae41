// Command-line options of every subcommand, with their defaults.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "source/source.h"

namespace budgetlens::cli {

// Exit statuses, documented in --help.
enum ExitCode {
  kExitOk = 0,
  kExitChecksFailed = 1,  // check: at least one check failed
  kExitUsage = 2,         // the command line is wrong
  kExitInputs = 3,        // some inputs could not be read; all others were processed and written
  kExitOutput = 4,        // the output or the grammar could not be used; nothing was written
};

struct Options {
  std::string command;              // extract | inspect | merge
  std::vector<std::string> inputs;  // files and folders (merge: JSON Lines files)
  std::string output;               // -o: .jsonl, .xlsx, or a folder for CSV
  std::string grammars;             // --grammars DIR: overlay of grammar files
  std::string encoding;             // --encoding NAME: force a converter
  source::Limits limits;            // --max-file-size, --max-line-length, --max-depth, --max-digits,
                                    // --max-table-cells: documents beyond one are refused
  std::string files_from;           // --files-from FILE: more inputs, one per line ("-": standard input)
  int shard_index = 0;              // --shard K/N: only the documents of shard K (1-based) of N;
  int shard_count = 0;              //   0/0 = every document
  int jobs = 0;                     // --jobs N: 0 = one per core
  bool quiet = false;               // --quiet: no progress or summary on stderr
  bool table_sheets = true;         // --no-table-sheets
  bool all_files = false;           // --all-files: read every file of a folder, whatever its name
  std::string severity = "warning"; // check --severity: the least that is printed (error|warning|info)
  std::string format = "text";      // check --format: text (diagnostics) | json (check records)
  std::string lang = "zh";          // --lang: the workbook's sheet names and headers, zh | en
};

// Parses argv; returns nullopt after printing a message (or help/version) when the program should
// exit with `exit_code`.
std::optional<Options> parse_options(int argc, char** argv, int& exit_code);

}  // namespace budgetlens::cli
