#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (clang, AddressSanitizer, UndefinedBehaviorSanitizer) into
# build-fuzz/ and runs each over its seed corpus for SECONDS (default 600), two at a time. Seeds come
# from corpus/, grammars/, fuzz/seeds/ and, when present, ../shared; what a run adds is kept in
# build-fuzz/corpus/TARGET, so the next run starts where this one stopped. A crash, hang or leak is
# written to build-fuzz/artifacts/TARGET/ and the script fails; each run's libFuzzer log (with the
# final cov/ft/exec figures) is build-fuzz/logs/TARGET.log.
#
#   tools/fuzz.sh                      # every target, 10 minutes each
#   tools/fuzz.sh -t 60 units html     # two targets, one minute each
#   build-fuzz/fuzz/extract_fuzzer build-fuzz/artifacts/extract/crash-…   # replay one input
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=600
targets=()
while (($#)); do
  case "$1" in
    -t) seconds=$2; shift 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
((${#targets[@]})) || targets=(decode html layout_tables units grammar extract pattern)

bash tools/bootstrap.sh fuzz
build=${FUZZ_BUILD_DIR:-build-fuzz}
CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUDGETLENS_FUZZ=ON \
  -DBUDGETLENS_TESTS=OFF >/dev/null
# Warnings and errors shown; a failed build stops here, rather than fuzzing the binaries of an older one.
cmake --build "$build" -j "$(nproc)" >"$build/build.log" 2>&1 || { grep -E "warning|error" "$build/build.log"; echo "fuzz: the build failed, see $build/build.log" >&2; exit 1; }
grep -E "warning|error" "$build/build.log" || true

# Seeds: the files each target was written for, copied (never moved) into its working corpus.
seed() {  # TARGET FILE...
  local dir="$build/corpus/$1"
  shift
  mkdir -p "$dir"
  for f in "$@"; do [ -f "$f" ] && cp -n "$f" "$dir/seed_$(basename "$f")"; done
  return 0
}
shared_texts=()
shared_pages=()
if [ -d ../shared ]; then
  mapfile -t shared_texts < <(find ../shared/seeds ../shared/corpus -maxdepth 2 -type f -name '*.txt' 2>/dev/null | sort)
  mapfile -t shared_pages < <(find ../shared/corpus -maxdepth 2 -type f -name '*.htm*' 2>/dev/null | sort)
fi
seed decode corpus/*.txt corpus/*.html tests/data/seeds_html/*.html fuzz/seeds/decode/* "${shared_texts[@]}"
seed html corpus/*.html tests/data/seeds_html/*.html fuzz/seeds/html/* "${shared_pages[@]}"
seed layout_tables corpus/*.txt fuzz/seeds/layout_tables/* "${shared_texts[@]}"
seed units fuzz/seeds/units/*
seed pattern fuzz/seeds/pattern/*
seed extract corpus/*.txt corpus/*.html tests/data/seeds_html/*.html "${shared_texts[@]}"
mkdir -p "$build/corpus/grammar"
for f in grammars/*.xml; do
  name=$(basename "$f")
  [ -f "$build/corpus/grammar/seed_$name" ] || { echo "$name"; cat "$f"; } > "$build/corpus/grammar/seed_$name"
done
# And grammars that once made a reader hang or crash (patterns that match nothing, too few groups,
# a mask left out), already in the target's form: the file's name, then its text.
seed grammar fuzz/seeds/grammar/*

run_one() {  # TARGET
  local t=$1 dict=()
  [ -f "fuzz/$t.dict" ] && dict=(-dict="fuzz/$t.dict")
  mkdir -p "$build/artifacts/$t" "$build/logs"
  "$build/fuzz/${t}_fuzzer" "$build/corpus/$t" "${dict[@]}" -max_total_time="$seconds" -timeout=20 \
    -rss_limit_mb=2560 -max_len=262144 -print_final_stats=1 -artifact_prefix="$build/artifacts/$t/" \
    >"$build/logs/$t.log" 2>&1
}

status=0
pids=()
for t in "${targets[@]}"; do
  run_one "$t" &
  pids+=("$!:$t")
  if ((${#pids[@]} == 2)); then
    for p in "${pids[@]}"; do wait "${p%%:*}" || { echo "fuzz: ${p#*:} found a problem, see $build/logs/${p#*:}.log" >&2; status=1; }; done
    pids=()
  fi
done
for p in "${pids[@]}"; do wait "${p%%:*}" || { echo "fuzz: ${p#*:} found a problem, see $build/logs/${p#*:}.log" >&2; status=1; }; done

for t in "${targets[@]}"; do
  printf '%-14s %s\n' "$t" "$(grep -E '^#[0-9]+.*DONE' "$build/logs/$t.log" | tail -1)"
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$build/logs/$t.log" | sed 's/^/               /'
done
exit $status
