// Internal to emit/: a file written under a temporary name and renamed into place on commit.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace budgetlens::emit::detail {

class OutputFile {
 public:
  // Creates a temporary file in the folder of `target` ("-" is standard output, and a device or
  // pipe is written directly). ok() is false, with error() set, when it cannot be created.
  explicit OutputFile(std::string target);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  const std::string& temp_path() const { return temp_; }
  FILE* stream() { return file_; }

  void write(std::string_view bytes);
  // Flushes and closes the file, and says why when that fails (a full device): after it only the
  // rename of commit() is left, so that several files can be renamed only once all are complete.
  std::optional<std::string> prepare();
  // Prepares the file and renames it over the target; on failure it is removed (by the destructor)
  // and the message says why.
  std::optional<std::string> commit();
  // Closes the stream so that another writer (libxlsxwriter) can write to temp_path().
  void release_stream();

 private:
  void fail(const std::string& what);
  std::string target_;
  std::string temp_;
  FILE* file_ = nullptr;
  std::string error_;
  bool direct_ = false;  // writing to a device, pipe or stdout, not through a temporary file
  bool committed_ = false;
  uint64_t written_ = 0;         // bytes written so far
  uint64_t written_behind_ = 0;  // those the disk was asked to write before the file is closed
};

}  // namespace budgetlens::emit::detail
