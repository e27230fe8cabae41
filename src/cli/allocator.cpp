#include "cli/allocator.h"

#ifdef BUDGETLENS_MIMALLOC
#include <mimalloc.h>

#include <cstdlib>
#endif

namespace budgetlens::cli {

void tune_allocator() {
#ifdef BUDGETLENS_MIMALLOC
  // With the default delay, a batch of documents of a few hundred kilobytes each took four to five
  // times the page faults and a fifth more CPU time (README, "Benchmark"). MIMALLOC_DECOMMIT_DELAY,
  // when set, still decides.
  constexpr long kKeepFreedMs = 1000;
  if (!std::getenv("MIMALLOC_DECOMMIT_DELAY")) mi_option_set(mi_option_decommit_delay, kKeepFreedMs);
#endif
}

}  // namespace budgetlens::cli
