// Shared by the fuzz targets: the built-in grammar, loaded once, and a check that stops the run
// (libFuzzer keeps the input) when something the stages promise does not hold.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "grammar/grammar.h"
#include "model/span.h"
#include "source/source.h"
#include "text/utf8.h"

namespace budgetlens::fuzzing {

inline const grammar::Grammar& builtin_grammar() {
  static const std::shared_ptr<const grammar::Grammar> kGrammar = [] {
    grammar::GrammarResult r = grammar::load_grammar("");
    if (!r) {
      std::fprintf(stderr, "the built-in grammar does not load: %s\n", r.error().message.c_str());
      std::abort();
    }
    return *r;
  }();
  return *kGrammar;
}

// Not assert(): it must hold in the optimised builds the fuzzers run.
#define FUZZ_REQUIRE(condition)                                                              \
  do {                                                                                       \
    if (!(condition)) {                                                                      \
      std::fprintf(stderr, "%s:%d: broken promise: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (0)

// A span points inside the original bytes.
inline void require_in_input(const Span& span, size_t input_size) {
  FUZZ_REQUIRE(span.offset <= input_size);
  FUZZ_REQUIRE(span.offset + span.length <= input_size);
}

// Every line of a decoded document maps back into the input, and its text is UTF-8.
inline void require_sound_source(const source::SourceText& source, size_t input_size) {
  FUZZ_REQUIRE(text::is_valid_utf8(source.text));
  for (uint32_t i = 0; i < source.line_count(); ++i) {
    TextRange line = source.line_range(i);
    FUZZ_REQUIRE(line.begin <= line.end && line.end <= source.text.size());
    require_in_input(source.span_of(line), input_size);
  }
}

}  // namespace budgetlens::fuzzing
