#!/usr/bin/env bash
# Runs budgetlens under valgrind's memcheck over the real seeds (../shared/seeds, or BUDGETLENS_SHARED),
# corpus/ and the web pages of the seeds, writing a workbook, then the seeds again as CSV files: any
# memory error or leak fails the run. tools/valgrind.supp lists what is not reported (RE2's sparse
# sets, uninitialised by design). Exits 77, which CTest reads as skipped, when valgrind or the seeds
# are missing.
#
#   tools/valgrind.sh                      # build/budgetlens
#   tools/valgrind.sh build-debug/budgetlens
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-build/budgetlens}")
shared=${BUDGETLENS_SHARED:-../shared}
command -v valgrind >/dev/null || { echo "valgrind is not installed: skipped"; exit 77; }
[ -d "$shared/seeds" ] || { echo "$shared/seeds is not present: skipped"; exit 77; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The program may be linked with mimalloc (BUDGETLENS_MIMALLOC): memcheck is told to watch its
# malloc as it watches libc's.
memcheck=(valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible
          --soname-synonyms=somalloc=libmimalloc.so* --show-mismatched-frees=no --suppressions=tools/valgrind.supp)
"${memcheck[@]}" "$binary" extract "$shared/seeds" corpus tests/data/seeds_html -o "$out/all.xlsx" -q
"${memcheck[@]}" "$binary" extract "$shared/seeds" -o "$out/csv/" -q
echo "memcheck: no error, no leak"
