// The built-in grammar, loaded once for a benchmark; a grammar that does not load ends the program.
#pragma once

#include "grammar/grammar.h"

namespace budgetlens::bench {

const grammar::Grammar& builtin_grammar();

}  // namespace budgetlens::bench
