// The subcommands.
#pragma once

#include "cli/options.h"
#include "grammar/grammar.h"

namespace budgetlens::cli {

int run_extract(const Options& options, const grammar::Grammar& grammar);
int run_inspect(const Options& options, const grammar::Grammar& grammar);
int run_check(const Options& options, const grammar::Grammar& grammar);
int run_merge(const Options& options);

}  // namespace budgetlens::cli
