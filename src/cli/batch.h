// A batch of documents through the pipeline on a pool of workers, handed on in input order.
//
// Each worker takes the next document, reads and extracts it, and parks the result. The worker that
// parks the result whose turn has come hands it on, and every parked one after it, so records are
// written while the batch runs and the output is the same whatever the number of workers. A worker
// takes a document only while fewer than 2 × jobs are taken and not yet handed on, or fewer than
// 16 × jobs while the results waiting come from under 32 MiB of documents, and frees the results
// of its own that were handed on before it takes the next: memory stays bounded by the documents
// in flight, however large the batch.
//
//   run_batch(
//       inputs.size(), jobs,
//       [&](size_t i) { return pipeline::extract_file(path(i), id(i), grammar, po); },
//       [&](size_t i, pipeline::DocumentOutcome& r) { sink.add(*r); },
//       [&] { progress.tick(); });
#pragma once

#include <cstddef>
#include <functional>

#include "pipeline/pipeline.h"

namespace budgetlens::cli {

using ProcessDocument = std::function<pipeline::DocumentOutcome(size_t index)>;
using DeliverDocument = std::function<void(size_t index, pipeline::DocumentOutcome& outcome)>;

// Calls process(i) for every i in [0, count) on `jobs` worker threads (jobs <= 1: on the calling
// thread) and deliver(i, outcome) in increasing order of i, one call at a time, each after the one
// before it has returned (on a worker thread when jobs > 1). `idle` is called on the calling thread
// about four times a second while workers run, never while deliver() runs.
void run_batch(size_t count, int jobs, const ProcessDocument& process, const DeliverDocument& deliver,
               const std::function<void()>& idle);

}  // namespace budgetlens::cli
