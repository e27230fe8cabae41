#!/usr/bin/env bash
# Runs the extract command, built with AddressSanitizer and UndefinedBehaviorSanitizer, over variants
# of the real documents (tools/mutate.py): ROUNDS rounds from seed FIRST, forty variants of each
# document of corpus/ and, when present, ../shared/corpus and ../shared/seeds a round. Each document
# in a round that draws a sanitizer report is kept in build-sanitize/findings/SEED/ with the report,
# and the script fails. Errors the command reports about a document (empty, no text) are expected.
#
#   tools/mutation_sweep.sh              # rounds 1..10
#   tools/mutation_sweep.sh -s 100 -n 3  # rounds 100, 101, 102
set -euo pipefail
cd "$(dirname "$0")/.."
first=1
rounds=10
while (($#)); do
  case "$1" in
    -s) first=$2; shift 2 ;;
    -n) rounds=$2; shift 2 ;;
    *) echo "usage: tools/mutation_sweep.sh [-s FIRST_SEED] [-n ROUNDS]" >&2; exit 2 ;;
  esac
done

bash tools/bootstrap.sh packages
build=${SANITIZE_BUILD_DIR:-build-sanitize}
# Only the program is built here. A new build directory leaves the tests out; one that a sanitizer
# test run shares keeps them, or its test binary would be left behind, stale, for ctest to run.
tests=()
[ -f "$build/CMakeCache.txt" ] || tests=(-DBUDGETLENS_TESTS=OFF)
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUDGETLENS_SANITIZE=ON "${tests[@]}" >/dev/null
cmake --build "$build" -j "$(nproc)" --target budgetlens 2>&1 | grep -E "warning|error" || true

documents=(corpus/*.txt corpus/*.html)
for dir in ../shared/corpus ../shared/seeds; do
  [ -d "$dir" ] && documents+=("$dir"/*.txt "$dir"/*.html)
done
existing=()
for d in "${documents[@]}"; do [ -f "$d" ] && existing+=("$d"); done

export ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1
reported() { grep -qE "ERROR: AddressSanitizer|runtime error:" "$1"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
found=0
for ((seed = first; seed < first + rounds; ++seed)); do
  rm -rf "$work/variants" && mkdir -p "$work/variants"
  count=$(python3 tools/mutate.py "$seed" "$work/variants" "${existing[@]}")
  find "$work/variants" -type f | sort >"$work/list"
  # One run for the round; only a round with a report is run again a document at a time, to name it.
  "$build/budgetlens" extract --files-from "$work/list" -o "$work/out.jsonl" --quiet >"$work/log" 2>&1 || true
  if ! reported "$work/log"; then
    echo "round $seed: $count variants, no report"
    continue
  fi
  mkdir -p "$build/findings/$seed"
  while read -r variant; do
    "$build/budgetlens" extract "$variant" -o "$work/one.jsonl" --quiet >"$work/one.log" 2>&1 || true
    if reported "$work/one.log"; then
      cp "$variant" "$build/findings/$seed/"
      cp "$work/one.log" "$build/findings/$seed/$(basename "$variant").log"
      found=$((found + 1))
    fi
  done <"$work/list"
  echo "round $seed: $count variants, reports kept in $build/findings/$seed/"
done
((found == 0)) || { echo "$found variants drew a sanitizer report" >&2; exit 1; }
