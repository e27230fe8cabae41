#include <cstdio>

#include "cli/commands.h"
#include "cli/options.h"
#include "grammar/grammar.h"

int main(int argc, char** argv) {
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
