// The whole extract of one document, as `budgetlens extract` does it: decoded, read through every
// stage and written as JSON Lines, one complete UTF-8 object per line, every span inside the input,
// every character of the document accounted for once.
#include <cstddef>
#include <cstdint>
#include <string>

#include "emit/emit.h"
#include "fuzz_support.h"
#include "pipeline/pipeline.h"

using namespace budgetlens;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  source::SourceResult s = source::decode_source(bytes, "fuzz.txt", {});
  if (!s) return 0;
  DocumentResult d = pipeline::extract_document(*s, "fuzz.txt", fuzzing::builtin_grammar());
  for (const QuantityRecord& q : d.quantities) fuzzing::require_in_input(q.span, size);
  for (const CheckRecord& c : d.checks) fuzzing::require_in_input(c.span, size);
  for (const IndicatorRecord& i : d.indicators) fuzzing::require_in_input(i.span, size);
  // Every character is in exactly one place (the document record's coverage).
  FUZZ_REQUIRE(d.document.coverage.unaccounted == 0);
  FUZZ_REQUIRE(d.document.coverage.overlapping == 0);
  FUZZ_REQUIRE(d.document.coverage.accounted() == d.document.coverage.chars);
  std::string jsonl;
  emit::append_jsonl(d, jsonl);
  FUZZ_REQUIRE(text::is_valid_utf8(jsonl));
  for (size_t begin = 0; begin < jsonl.size();) {
    size_t end = jsonl.find('\n', begin);
    FUZZ_REQUIRE(end != std::string::npos);
    FUZZ_REQUIRE(jsonl[begin] == '{' && jsonl[end - 1] == '}');
    begin = end + 1;
  }
  return 0;
}
