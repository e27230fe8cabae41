#!/usr/bin/env bash
# Installs the Debian packages budgetlens needs that are not installed yet, then configures and
# builds it in Release. Used by tools/run.sh and tools/test.sh; safe to run again.
#
#   tools/bootstrap.sh fuzz      # instead: the packages of a fuzzing build too (clang and its libFuzzer
#                                # and sanitizer runtimes), and no build: tools/fuzz.sh makes its own
#   tools/bootstrap.sh packages  # the packages only, no build (tools/mutation_sweep.sh makes its own)
set -euo pipefail
cd "$(dirname "$0")/.."

# parallel: the shard test and the multi-host recipe; time and libbenchmark-dev: tools/bench.sh;
# libmimalloc-dev: the allocator the program is linked with (BUDGETLENS_MIMALLOC).
packages=(cmake make g++ pkg-config libicu-dev libre2-dev libpugixml-dev libxlsxwriter-dev
          libgtest-dev libgmock-dev libgumbo-dev libmimalloc-dev python3 parallel time libbenchmark-dev)
# The tests also open the workbook in a real spreadsheet program, and run the command under
# valgrind: memcheck, and callgrind's counts of how the work grows with a document (valgrind.shapes).
if [ "${BUDGETLENS_TESTS:-0}" = 1 ]; then
  packages+=(libreoffice-calc-nogui python3-openpyxl valgrind)
fi
build_too=true
if [ "${1:-}" = fuzz ]; then
  build_too=false
  packages+=(clang libclang-rt-dev)
elif [ "${1:-}" = packages ]; then
  build_too=false
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "budgetlens: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

$build_too || exit 0
build=${BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "$(nproc)" 2>&1 | grep -E "warning|error" || true
test -x "$build/budgetlens"
