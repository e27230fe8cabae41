#include <sys/stat.h>

#include "emit/emit.h"
#include "emit/sinks.h"

namespace budgetlens::emit {
namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

SinkResult open_sink(const std::string& path, const Options& options) {
  struct stat st;
  bool is_dir = ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
  if (is_dir || ends_with(path, "/")) return detail::open_csv_sink(path);
  if (ends_with(path, ".jsonl") || path == "-" || (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))) {
    return detail::open_jsonl_sink(path);
  }
  if (ends_with(path, ".xlsx")) return detail::open_xlsx_sink(path, options);
  return Error<ErrorCode>{ErrorCode::kUnknownFormat,
                          "cannot tell the output format of " + path +
                              ": name a .jsonl or .xlsx file, or a folder ending in / for CSV files"};
}

}  // namespace budgetlens::emit
