#!/usr/bin/env bash
# Where does `budgetlens extract` spend its time? Samples one job over the documents of corpus/ and
# ../shared, PASSES times over, with perf and the call stack of every sample, and reports the share
# of the samples of each stage (with what it calls), of the busiest functions (without), and of the
# callers of the C library's memcpy, memcmp and memchr. tools/work.sh counts instructions, which is
# steadier but blind to what waits on memory or calls the library for a few bytes, and counts the
# SHA-256 of every document in the portable code that valgrind runs instead of the CPU's.
#
#   cmake --build build --target budgetlens && bash tools/samples.sh
# Environment: BUILD_DIR (default build) or BIN (the program); PASSES (default 64); TOP, the
# number of functions listed (default 20). Exits 77 (skipped) without perf (Debian package
# linux-perf) or where the system does not let it sample.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v perf > /dev/null || { echo "samples: skipped: perf is missing (Debian package linux-perf)" >&2; exit 77; }
tool=samples default_passes=64 least_passes=1
source tools/passes.sh

# 3: some inputs (deliberately broken test documents) were refused; the rest were read.
status=0
perf record -q -F 2000 --call-graph dwarf,16384 -o "$dir/perf.data" \
  "$bin" extract --jobs 1 --quiet --files-from "$dir/many.list" -o "$dir/out.jsonl" 2> "$dir/err" || status=$?
if [ ! -s "$dir/perf.data" ]; then
  echo "samples: skipped: perf could not sample (kernel.perf_event_paranoid?):" >&2
  cat "$dir/err" >&2
  exit 77
fi
[ "$status" -eq 0 ] || [ "$status" -eq 3 ] || { echo "samples: extract failed ($status):" >&2; cat "$dir/err" >&2; exit 1; }
echo "$(wc -l < "$dir/once.list") documents, $passes times over, one job (perf, call stacks):"
perf script -i "$dir/perf.data" 2> /dev/null | python3 tools/samples.py
