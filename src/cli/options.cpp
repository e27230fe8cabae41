#include "cli/options.h"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace budgetlens::cli {
namespace {

constexpr const char* kUsage = R"(budgetlens — checked, structured data from Chinese budget disclosures

usage:
  budgetlens extract PATH... -o OUT [options]   sections, tables and amounts of each document
  budgetlens check PATH... [options]            every total, score, rate and change recomputed; failures
                                                as file:line:col: error[rule]: message
  budgetlens inspect FILE [options]             how a document was read: blocks, sections, grids
  budgetlens merge JSONL... -o OUT [options]    join the outputs of shards (extract --shard) into what
                                                one run over all the documents would have written
  budgetlens --help | --version

PATH is a file or a folder (read recursively, in sorted order, disclosure files only). OUT is a .jsonl file, a .xlsx
workbook, or a folder (ending in /) that receives one CSV file per record type; "-" writes JSON
Lines to standard output.

options:
  -o, --output OUT        where to write (extract, merge)
  --jobs N                documents processed in parallel (default: one per core); the output is the
                          same whatever N is
  --files-from FILE       also read the files and folders named in FILE, one per line ("-": standard
                          input)
  --shard K/N             process only shard K of N (1 <= K <= N): the documents whose id (path in the
                          folder given) hashes to K; the N shards of a batch are disjoint and cover it
  --grammars DIR          grammar files in DIR replace the built-in ones of the same name
  --encoding NAME         read inputs in this encoding (an ICU converter name such as GB18030)
                          instead of detecting it
  --max-file-size N       refuse files larger than N bytes (default 67108864; K, M and G may follow N)
  --max-line-length N     refuse documents with a line of more than N characters (default 1000000)
  --max-digits N          refuse documents with a number of more than N digits (default 100)
  --max-depth N           refuse web pages whose elements nest more than N deep (default 1000)
  --max-table-cells N     refuse documents with a table of more than N cells, rows times columns
                          (default 1000000)
  --all-files             in folders, read every file (default: .txt .text .htm .html .shtml .xhtml)
  --no-table-sheets       workbook: leave out the sheet per table (for very large batches)
  --lang zh|en            workbook: sheet names and column headers in Chinese (default) or English
  -q, --quiet             no progress line or summary on standard error (the progress line is shown
                          only when standard error is a terminal)
  --severity LEVEL        check: print failures of at least this level: error, warning (default) or
                          info (also rounding differences and checks that could not be made)
  --format text|json      check: diagnostics (default), or the check records as JSON Lines

exit status:
  0  everything was read and written (check: and no check failed at severity error)
  1  check: a check failed at severity error
  2  the command line is wrong
  3  some inputs could not be read or were over a limit (each is named on standard error); all
     others were written (merge: an input is unreadable, malformed or repeats a document; nothing
     was written)
  4  the output or the grammar files could not be used; nothing was written
)";

bool take_value(int argc, char** argv, int& i, std::string& out) {
  std::string_view a = argv[i];
  size_t eq = a.find('=');
  if (a.rfind("--", 0) == 0 && eq != std::string_view::npos) {
    out = std::string(a.substr(eq + 1));
    return true;
  }
  if (i + 1 >= argc) return false;
  out = argv[++i];
  return true;
}

// "K/N" with 1 <= K <= N.
bool parse_shard(const std::string& value, int& index, int& count) {
  size_t slash = value.find('/');
  if (slash == std::string::npos) return false;
  std::string k = value.substr(0, slash), n = value.substr(slash + 1);
  char* end = nullptr;
  long kv = std::strtol(k.c_str(), &end, 10);
  if (k.empty() || *end != '\0') return false;
  long nv = std::strtol(n.c_str(), &end, 10);
  if (n.empty() || *end != '\0' || nv < 1 || nv > 1000000 || kv < 1 || kv > nv) return false;
  index = static_cast<int>(kv);
  count = static_cast<int>(nv);
  return true;
}

// A positive count, optionally followed by K, M or G (powers of 1024), at most `max`.
bool parse_count(const std::string& value, uint64_t max, uint64_t& out) {
  if (value.empty() || value[0] < '0' || value[0] > '9') return false;
  char* end = nullptr;
  errno = 0;
  unsigned long long n = std::strtoull(value.c_str(), &end, 10);
  if (errno == ERANGE) return false;
  std::string_view suffix(end);
  int shift = suffix.empty() ? 0 : suffix == "K" || suffix == "k" ? 10 : suffix == "M" ? 20 : suffix == "G" ? 30 : -1;
  if (shift < 0 || n == 0 || n > (max >> shift)) return false;
  out = static_cast<uint64_t>(n) << shift;
  return true;
}

}  // namespace

std::optional<Options> parse_options(int argc, char** argv, int& exit_code) {
  Options o;
  exit_code = kExitOk;
  auto usage_error = [&](const std::string& message) -> std::optional<Options> {
    std::fprintf(stderr, "budgetlens: %s\nTry 'budgetlens --help'.\n", message.c_str());
    exit_code = kExitUsage;
    return std::nullopt;
  };
  if (argc < 2) return usage_error("no command given");
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    std::string name(a.substr(0, a.find('=')));
    std::string value;
    if (a == "-h" || a == "--help") {
      std::fputs(kUsage, stdout);
      return std::nullopt;
    } else if (a == "--version") {
      std::printf("budgetlens %s\n", BUDGETLENS_VERSION);
      return std::nullopt;
    } else if (a == "-o" || name == "--output") {
      if (!take_value(argc, argv, i, o.output)) return usage_error("-o needs a file or folder");
    } else if (name == "--grammars") {
      if (!take_value(argc, argv, i, o.grammars)) return usage_error("--grammars needs a folder");
    } else if (name == "--encoding") {
      if (!take_value(argc, argv, i, o.encoding)) return usage_error("--encoding needs a name");
    } else if (name == "--max-file-size" || name == "--max-bytes" || name == "--max-line-length" ||
               name == "--max-digits" || name == "--max-depth" || name == "--max-table-cells") {
      uint64_t n = 0;
      uint64_t max = name == "--max-file-size" || name == "--max-bytes" || name == "--max-table-cells"
                         ? uint64_t{1} << 40
                         : UINT32_MAX;
      if (!take_value(argc, argv, i, value) || !parse_count(value, max, n)) {
        return usage_error(name + " needs a positive number");
      }
      if (name == "--max-file-size" || name == "--max-bytes") o.limits.max_file_size = n;
      else if (name == "--max-line-length") o.limits.max_line_length = static_cast<uint32_t>(n);
      else if (name == "--max-digits") o.limits.max_digits = static_cast<uint32_t>(n);
      else if (name == "--max-depth") o.limits.max_depth = static_cast<uint32_t>(n);
      else o.limits.max_table_cells = n;
    } else if (name == "--jobs" || a == "-j") {
      if (!take_value(argc, argv, i, value)) return usage_error("--jobs needs a number");
      char* end = nullptr;
      long n = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || n < 1 || n > 256) return usage_error("--jobs needs a number from 1 to 256");
      o.jobs = static_cast<int>(n);
    } else if (name == "--files-from") {
      if (!take_value(argc, argv, i, o.files_from)) return usage_error("--files-from needs a file (or - for standard input)");
    } else if (name == "--shard") {
      if (!take_value(argc, argv, i, value)) return usage_error("--shard needs K/N");
      if (!parse_shard(value, o.shard_index, o.shard_count)) return usage_error("--shard needs K/N with 1 <= K <= N, e.g. 2/8");
    } else if (a == "--all-files") {
      o.all_files = true;
    } else if (a == "--no-table-sheets") {
      o.table_sheets = false;
    } else if (name == "--severity") {
      if (!take_value(argc, argv, i, o.severity) || (o.severity != "error" && o.severity != "warning" && o.severity != "info")) {
        return usage_error("--severity needs error, warning or info");
      }
    } else if (name == "--lang") {
      if (!take_value(argc, argv, i, o.lang) || (o.lang != "zh" && o.lang != "en")) return usage_error("--lang needs zh or en");
    } else if (name == "--format") {
      if (!take_value(argc, argv, i, o.format) || (o.format != "text" && o.format != "json")) {
        return usage_error("--format needs text or json");
      }
    } else if (a == "-q" || a == "--quiet") {
      o.quiet = true;
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      return usage_error("unknown option " + std::string(a));
    } else if (o.command.empty()) {
      o.command = std::string(a);
      if (o.command != "extract" && o.command != "inspect" && o.command != "check" && o.command != "merge") {
        return usage_error("unknown command " + o.command);
      }
    } else {
      o.inputs.emplace_back(a);
    }
  }
  if (o.command.empty()) return usage_error("no command given");
  if (o.inputs.empty() && !(o.command == "extract" && !o.files_from.empty())) {
    return usage_error(o.command + (o.command == "merge" ? " needs at least one JSON Lines file" : " needs at least one file or folder"));
  }
  if ((o.command == "extract" || o.command == "merge") && o.output.empty()) {
    return usage_error(o.command + " needs -o OUT (.jsonl, .xlsx or a folder/)");
  }
  if (o.command != "extract" && (!o.files_from.empty() || o.shard_count > 0)) {
    return usage_error("--files-from and --shard are options of extract");
  }
  if (o.command == "inspect" && o.inputs.size() != 1) return usage_error("inspect takes one file");
  return o;
}

}  // namespace budgetlens::cli
