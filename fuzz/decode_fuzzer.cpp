// Decoding: any bytes are either refused with a code or decoded to UTF-8 text whose every line maps
// back into the input. The same bytes are also read in a forced encoding, as --encoding does.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.h"

using namespace budgetlens;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  source::SourceResult detected = source::decode_source(bytes, "fuzz.txt", {});
  if (detected) fuzzing::require_sound_source(*detected, size);
  else FUZZ_REQUIRE(!source::error_name(detected.error().code).empty());

  source::Options forced;
  forced.encoding = size % 2 ? "GB18030" : "UTF-16LE";
  source::SourceResult read = source::decode_source(bytes, "fuzz.txt", forced);
  if (read) fuzzing::require_sound_source(*read, size);
  return 0;
}
