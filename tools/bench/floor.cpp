// The floor of the benchmark: what it costs to read a batch of documents and turn each into
// normalised Unicode text with ICU, and nothing more — no layout, no parsing, no output. Each file
// is read whole, decoded with the ICU converter its bytes call for (UTF-16 with a byte-order mark,
// UTF-8 when ICU converts it strictly, else GB18030), NFKC-normalised (the full-width to ASCII
// folding the parsers rely on) and converted back to UTF-8 — the form every later stage reads.
//
//   budgetlens_floor --files-from LIST      # one path per line; prints documents, bytes, seconds
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {

std::string read_file(const std::string& path) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!f) return {};
  std::fseek(f.get(), 0, SEEK_END);
  long size = std::ftell(f.get());
  std::fseek(f.get(), 0, SEEK_SET);
  std::string bytes(size > 0 ? static_cast<size_t>(size) : 0, '\0');
  size_t got = bytes.empty() ? 0 : std::fread(bytes.data(), 1, bytes.size(), f.get());
  bytes.resize(got);
  return bytes;
}

// Converts strictly with `name`; false when the bytes are not valid in it.
bool to_unicode(const std::string& bytes, const char* name, icu::UnicodeString& out) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> conv(ucnv_open(name, &status), ucnv_close);
  if (U_FAILURE(status)) return false;
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  UChar* buffer = out.getBuffer(static_cast<int32_t>(bytes.size()) + 16);
  int32_t n = ucnv_toUChars(conv.get(), buffer, out.getCapacity(), bytes.data(), static_cast<int32_t>(bytes.size()),
                            &status);
  out.releaseBuffer(U_SUCCESS(status) ? n : 0);
  return U_SUCCESS(status);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 || std::strcmp(argv[1], "--files-from") != 0) {
    std::fprintf(stderr, "usage: budgetlens_floor --files-from LIST\n");
    return 2;
  }
  std::ifstream list(argv[2]);
  std::vector<std::string> paths;
  for (std::string line; std::getline(list, line);) {
    if (!line.empty()) paths.push_back(line);
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) {
    std::fprintf(stderr, "no NFKC data in ICU\n");
    return 1;
  }
  auto started = std::chrono::steady_clock::now();
  uint64_t bytes = 0, chars = 0, documents = 0;
  icu::UnicodeString decoded, normalised;
  std::string utf8;
  for (const std::string& path : paths) {
    std::string raw = read_file(path);
    bytes += raw.size();
    bool bom16 = raw.size() >= 2 && ((raw[0] == '\xff' && raw[1] == '\xfe') || (raw[0] == '\xfe' && raw[1] == '\xff'));
    bool ok = bom16 ? to_unicode(raw, raw[0] == '\xff' ? "UTF-16LE" : "UTF-16BE", decoded)
                    : to_unicode(raw, "UTF-8", decoded) || to_unicode(raw, "GB18030", decoded);
    if (!ok) continue;
    status = U_ZERO_ERROR;
    nfkc->normalize(decoded, normalised, status);
    utf8.clear();
    normalised.toUTF8String(utf8);
    chars += static_cast<uint64_t>(normalised.length());
    ++documents;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("documents %llu bytes %llu chars %llu seconds %.3f\n", static_cast<unsigned long long>(documents),
              static_cast<unsigned long long>(bytes), static_cast<unsigned long long>(chars), seconds);
  return 0;
}
