#include <unicode/uclean.h>

#include <cstdio>

#include "cli/allocator.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "grammar/grammar.h"

namespace {

int run(int argc, char** argv) {
  using namespace budgetlens;
  int exit_code = cli::kExitOk;
  std::optional<cli::Options> options = cli::parse_options(argc, argv, exit_code);
  if (!options) return exit_code;
  if (options->command == "merge") return cli::run_merge(*options);  // reads records, not documents
  grammar::GrammarResult grammar = grammar::load_grammar(options->grammars);
  if (!grammar) {
    std::fprintf(stderr, "budgetlens: grammar: %s\n", grammar.error().message.c_str());
    return cli::kExitOutput;
  }
  if (options->command == "inspect") return cli::run_inspect(*options, **grammar);
  if (options->command == "check") return cli::run_check(*options, **grammar);
  return cli::run_extract(*options, **grammar);
}

}  // namespace

int main(int argc, char** argv) {
  budgetlens::cli::tune_allocator();
  int exit_code = run(argc, argv);
  // ICU keeps what it loads (converters, the traditional-to-simplified transliterator's registry)
  // until told to let go; every ICU object is gone by now, so a memory checker sees no leak.
  u_cleanup();
  return exit_code;
}
