#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "source/source.h"

namespace budgetlens::source {

SourceResult read_source(const std::string& path, const Options& options) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return Error<ErrorCode>{ErrorCode::kNotFound, "no such file"};
    if (errno == ELOOP) return Error<ErrorCode>{ErrorCode::kNotFound, "symbolic link loop"};
    return Error<ErrorCode>{ErrorCode::kUnreadable, std::string("cannot stat: ") + std::strerror(errno)};
  }
  if (S_ISDIR(st.st_mode)) {
    return Error<ErrorCode>{ErrorCode::kNotAFile, "is a directory; give the folder as an input to read its files"};
  }
  if (!S_ISREG(st.st_mode)) return Error<ErrorCode>{ErrorCode::kNotAFile, "not a regular file"};
  if (static_cast<uint64_t>(st.st_size) > options.limits.max_file_size) {
    return Error<ErrorCode>{ErrorCode::kTooLarge, "file is " + std::to_string(st.st_size) +
                                                      " bytes, over the limit of " +
                                                      std::to_string(options.limits.max_file_size) +
                                                      " (raise it with --max-file-size)"};
  }
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!f) return Error<ErrorCode>{ErrorCode::kUnreadable, std::string("cannot open: ") + std::strerror(errno)};
  std::string bytes(static_cast<size_t>(st.st_size), '\0');
  size_t got = bytes.empty() ? 0 : std::fread(bytes.data(), 1, bytes.size(), f.get());
  if (std::ferror(f.get())) {
    return Error<ErrorCode>{ErrorCode::kUnreadable, std::string("read error: ") + std::strerror(errno)};
  }
  bytes.resize(got);
  return decode_source(bytes, path, options);
}

}  // namespace budgetlens::source
