// The progress line of a batch on standard error: documents done of the total, throughput and the
// time left, redrawn in place a few times a second. Shown only when standard error is a terminal
// (and not with --quiet), so logs and pipes never receive it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace budgetlens::cli {

class Progress {
 public:
  Progress(size_t total, bool enabled);
  ~Progress() { finish(); }

  // One more document handed on (read or refused); `bytes` is its size.
  void document_done(uint64_t bytes);
  // Redraws the line when it is older than a fraction of a second.
  void tick();
  // Clears the line so that what is printed next starts on a clean line.
  void finish();
  // Prints a message above the line (a problem with an input) without garbling either.
  void message(const char* text);

  static bool stderr_is_terminal();

 private:
  void draw();

  size_t total_;
  bool enabled_;
  bool drawn_ = false;
  size_t done_ = 0;
  uint64_t bytes_ = 0;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace budgetlens::cli
