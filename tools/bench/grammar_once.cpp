#include "grammar_once.h"

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace budgetlens::bench {

const grammar::Grammar& builtin_grammar() {
  static std::shared_ptr<const grammar::Grammar> g = [] {
    auto r = grammar::load_grammar("");
    if (!r) {
      std::fprintf(stderr, "grammar: %s\n", r.error().message.c_str());
      std::exit(1);
    }
    return *r;
  }();
  return *g;
}

}  // namespace budgetlens::bench
