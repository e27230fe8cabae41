// merge: the JSON Lines of several extract runs — the shards of one batch — joined into what one
// run over all their documents would have written: the documents in order of their ids (the order
// in which extract reads a folder), each written as extract writes it. Every record is read back
// strictly (emit::read_jsonl_document) before anything is written, so a truncated, edited or foreign
// file stops the merge with its name and line instead of ending up in the output.
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "cli/commands.h"
#include "emit/emit.h"

namespace budgetlens::cli {
namespace {

// Where the records of one document lie.
struct Entry {
  std::string id;
  size_t file = 0;
  uint64_t offset = 0;  // of its document record
  uint64_t length = 0;  // of all its lines
  uint64_t line = 0;    // 1-based line of its document record
};

using File = std::unique_ptr<FILE, int (*)(FILE*)>;

File open_input(const std::string& path, std::string& error) {
  struct stat st;
  if (path == "-" || (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))) {
    error = "merge reads files (it goes through each twice), not standard input or a pipe";
    return File(nullptr, std::fclose);
  }
  File f(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!f) error = std::strerror(errno);
  return f;
}

bool starts_document(std::string_view line) { return line.rfind("{\"type\":\"document\",", 0) == 0; }

// Splits a file into documents and reads each back; adds them to `entries`. Returns an error
// message naming the line, or "".
std::string index_file(const std::string& path, size_t file_index, std::vector<Entry>& entries) {
  std::string error;
  File f = open_input(path, error);
  if (!f) return path + ": error: " + error;
  std::string lines;  // the current document's
  Entry current;
  auto close_document = [&]() -> std::string {
    if (lines.empty()) return "";
    emit::ReadResult r = emit::read_jsonl_document(lines);
    if (!r) {
      uint64_t line = current.line + r.error().offset - 1;
      std::string what = r.error().message.substr(r.error().message.find(": ") + 2);
      return path + ":" + std::to_string(line) + ": error: " + what;
    }
    current.id = r->document.id;
    current.length = lines.size();
    entries.push_back(current);
    lines.clear();
    return "";
  };
  char* buffer = nullptr;
  size_t capacity = 0;
  uint64_t offset = 0, number = 0;
  for (ssize_t n; (n = ::getline(&buffer, &capacity, f.get())) > 0;) {
    std::string_view line(buffer, static_cast<size_t>(n));
    ++number;
    if (starts_document(line)) {
      if (error = close_document(); !error.empty()) break;
      current = Entry{};
      current.file = file_index;
      current.offset = offset;
      current.line = number;
    } else if (lines.empty()) {
      error = path + ":" + std::to_string(number) + ": error: a record before any document record";
      break;
    }
    lines.append(line);
    offset += static_cast<uint64_t>(n);
  }
  std::free(buffer);
  if (error.empty() && std::ferror(f.get())) error = path + ": error: read error: " + std::strerror(errno);
  if (error.empty()) error = close_document();
  return error;
}

std::string read_range(FILE* f, uint64_t offset, uint64_t length) {
  std::string bytes(length, '\0');
  if (::fseeko(f, static_cast<off_t>(offset), SEEK_SET) != 0) return {};
  bytes.resize(std::fread(bytes.data(), 1, bytes.size(), f));
  return bytes;
}

}  // namespace

int run_merge(const Options& options) {
  std::vector<Entry> entries;
  for (size_t i = 0; i < options.inputs.size(); ++i) {
    if (std::string error = index_file(options.inputs[i], i, entries); !error.empty()) {
      std::fprintf(stderr, "%s\nbudgetlens: nothing merged\n", error.c_str());
      return kExitInputs;
    }
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.id < b.id; });
  for (size_t i = 1; i < entries.size(); ++i) {
    if (entries[i].id != entries[i - 1].id) continue;
    std::fprintf(stderr, "%s:%llu: error: document \"%s\" is also in %s:%llu; shards of one batch never share a "
                 "document\nbudgetlens: nothing merged\n", options.inputs[entries[i].file].c_str(),
                 static_cast<unsigned long long>(entries[i].line), entries[i].id.c_str(),
                 options.inputs[entries[i - 1].file].c_str(), static_cast<unsigned long long>(entries[i - 1].line));
    return kExitInputs;
  }

  emit::Options emit_options;
  emit_options.table_sheets = options.table_sheets;
  emit::SinkResult sink = emit::open_sink(options.output, emit_options);
  if (!sink) {
    std::fprintf(stderr, "budgetlens: %s\n", sink.error().message.c_str());
    return kExitOutput;
  }
  std::vector<File> files;
  for (const std::string& path : options.inputs) {
    std::string error;
    files.push_back(open_input(path, error));
    if (!files.back()) {
      std::fprintf(stderr, "%s: error: %s\n", path.c_str(), error.c_str());
      return kExitInputs;
    }
  }
  for (const Entry& e : entries) {
    emit::ReadResult r = emit::read_jsonl_document(read_range(files[e.file].get(), e.offset, e.length));
    if (!r) {  // the file changed since it was read
      std::fprintf(stderr, "%s:%llu: error: changed while being merged\n", options.inputs[e.file].c_str(),
                   static_cast<unsigned long long>(e.line));
      return kExitInputs;
    }
    (*sink)->add(*r);
  }
  if (std::optional<std::string> error = (*sink)->finish()) {
    std::fprintf(stderr, "budgetlens: %s\n", error->c_str());
    return kExitOutput;
  }
  if (!options.quiet) {
    std::fprintf(stderr, "%zu documents from %zu file(s) -> %s\n", entries.size(), options.inputs.size(),
                 options.output.c_str());
  }
  return kExitOk;
}

}  // namespace budgetlens::cli
