#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace budgetlens::cli {

Progress::Progress(size_t total, bool enabled)
    : total_(total), enabled_(enabled), start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

bool Progress::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

void Progress::document_done(uint64_t bytes) {
  ++done_;
  bytes_ += bytes;
  tick();
}

void Progress::tick() {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(200)) return;
  last_draw_ = now;
  draw();
}

void Progress::draw() {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double mb_per_s = seconds > 0 ? static_cast<double>(bytes_) / 1e6 / seconds : 0;
  char eta[32] = "--:--";
  if (done_ > 0 && done_ < total_) {
    long left = static_cast<long>(seconds / static_cast<double>(done_) * static_cast<double>(total_ - done_));
    std::snprintf(eta, sizeof eta, "%ld:%02ld:%02ld", left / 3600, left / 60 % 60, left % 60);
  } else if (done_ == total_) {
    std::snprintf(eta, sizeof eta, "0:00:00");
  }
  std::fprintf(stderr, "\r\033[K%zu/%zu documents  %.1f MB/s  ETA %s", done_, total_, mb_per_s, eta);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::message(const char* text) {
  if (enabled_ && drawn_) std::fputs("\r\033[K", stderr);
  std::fputs(text, stderr);
  if (enabled_ && drawn_) draw();
}

void Progress::finish() {
  if (!enabled_ || !drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace budgetlens::cli
