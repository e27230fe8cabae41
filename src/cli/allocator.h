// How the program's allocator is set for a batch, done first thing in main().
#pragma once

namespace budgetlens::cli {

// With mimalloc (BUDGETLENS_MIMALLOC), memory a document freed stays mapped for a second before it
// goes back to the system, instead of 25 ms: the next document takes it again without a page
// fault for each of its pages. Documents follow one another within milliseconds, so only memory
// left unused that long is returned, such as what an unusually large document held.
// MIMALLOC_DECOMMIT_DELAY in the environment overrides it. Without mimalloc, nothing.
void tune_allocator();

}  // namespace budgetlens::cli
