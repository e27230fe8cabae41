#include "cli/batch.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace budgetlens::cli {

void run_batch(size_t count, int jobs, const ProcessDocument& process, const DeliverDocument& deliver,
               const std::function<void()>& idle) {
  if (jobs <= 1) {
    for (size_t i = 0; i < count; ++i) {
      pipeline::DocumentOutcome outcome = process(i);
      deliver(i, outcome);
    }
    return;
  }
  const size_t window = 2 * static_cast<size_t>(jobs);
  std::vector<std::optional<pipeline::DocumentOutcome>> parked(window);  // result i at i % window
  std::mutex mutex;
  std::condition_variable result_ready, room;
  size_t next_to_take = 0, next_to_deliver = 0;

  auto work = [&] {
    for (;;) {
      size_t i;
      {
        std::unique_lock<std::mutex> lock(mutex);
        room.wait(lock, [&] { return next_to_take >= count || next_to_take < next_to_deliver + window; });
        if (next_to_take >= count) return;
        i = next_to_take++;
      }
      pipeline::DocumentOutcome outcome = process(i);
      {
        std::lock_guard<std::mutex> lock(mutex);
        parked[i % window].emplace(std::move(outcome));
      }
      result_ready.notify_one();
    }
  };
  std::vector<std::thread> workers;
  for (int w = 0; w < jobs; ++w) workers.emplace_back(work);

  for (size_t i = 0; i < count; ++i) {
    std::optional<pipeline::DocumentOutcome> outcome;
    {
      std::unique_lock<std::mutex> lock(mutex);
      while (!parked[i % window]) {
        if (!result_ready.wait_for(lock, std::chrono::milliseconds(250), [&] { return parked[i % window].has_value(); })) {
          lock.unlock();
          idle();
          lock.lock();
        }
      }
      outcome = std::move(parked[i % window]);
      parked[i % window].reset();
      next_to_deliver = i + 1;
    }
    room.notify_all();
    deliver(i, *outcome);
  }
  for (std::thread& t : workers) t.join();
}

}  // namespace budgetlens::cli
