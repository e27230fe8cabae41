#!/usr/bin/env bash
# The benchmark of issue 7. Builds a corpus of at least BENCH_MB megabytes (default 200) by repeating
# the documents of corpus/ and ../shared (seeds and corpus), then reports in one run:
#   - the floor: reading the same files and decoding + NFKC-normalising them with ICU, nothing else
#     (build/tools/bench/budgetlens_floor);
#   - the full extract to JSON Lines with --jobs 1 and --jobs 2;
#   each as MB/s and documents/s, their ratios, and the peak resident memory (/usr/bin/time -v);
#   - the same extract on twice the corpus, to show memory does not grow with the batch;
#   - the same extract on documents of a few hundred kilobytes, one after another (the shapes of
#     tools/bench/shapes.cpp), when budgetlens_shapes was built;
#   - the work of one pass over the documents, counted in instructions (tools/work.sh), when
#     valgrind is installed;
#   - the stage micro-benchmarks and the shape benchmark (Google Benchmark), when they were built,
#     and the stages' time a byte read beside what each target allows.
# MB is 10^6 bytes (Google Benchmark's own rates count in 2^20). Files are read from the page cache (each run is preceded by a read of the
# corpus), outputs are written to real files next to the corpus and removed.
#
#   cmake --build build --target bench            # builds what it needs and runs this
#   BENCH_MB=20 bash tools/bench.sh               # a quick run on a smaller corpus
# Environment: BUILD_DIR (default build), BENCH_DIR (default $BUILD_DIR/bench-corpus, not committed),
# BENCH_MB (default 200), BENCH_STAGES=0 to leave out the micro-benchmarks, BENCH_WORK=0 to leave
# out the count of instructions (about a minute), BENCH_RUNS (default 1)
# to time one job and two that many times each, alternately, and report medians.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
bench=${BENCH_DIR:-$build/bench-corpus}
want_mb=${BENCH_MB:-200}
bin=$build/budgetlens
floor=$build/tools/bench/budgetlens_floor
stages=$build/tools/bench/budgetlens_stage_bench
for tool in "$bin" "$floor"; do
  [ -x "$tool" ] || { echo "bench: $tool is missing; run: cmake --build $build --target bench" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (Debian package time; tools/bootstrap.sh installs it)" >&2; exit 1; }

sources=()
for d in corpus ../shared/seeds ../shared/corpus; do
  [ -d "$d" ] && sources+=("$d")
done
((${#sources[@]})) || { echo "bench: no documents (corpus/ or ../shared)" >&2; exit 1; }

# x1: copies of every source document until the corpus holds want_mb; x2: x1 twice (hard links).
x1=$bench/x1
x2=$bench/x2
documents_in() {  # FOLDER FIND-ACTION...: the documents a source folder holds
  find "$1" -maxdepth 1 -type f \( -name '*.txt' -o -name '*.htm' -o -name '*.html' \) "${@:2}"
}
total() { awk '{s += $1} END {print s + 0}'; }  # the sum of the numbers read, one a line
stamp="folders $want_mb ${sources[*]}"  # how the corpus is laid out, its size, its sources
if [ ! -f "$bench/.built" ] || [ "$(cat "$bench/.built")" != "$stamp" ]; then
  rm -rf "$bench"
  mkdir -p "$x1"
  # One folder a round, one per source in it (names repeat across sources); real copies, so that
  # the corpus goes through memory as a real one would. One cp a source and round: a cp a file
  # made the first run on a new machine take half an hour.
  lists=() per_round=0
  for k in "${!sources[@]}"; do
    lists+=("$bench/source$k.list")
    documents_in "${sources[$k]}" -print0 >"${lists[$k]}"
    per_round=$((per_round + $(documents_in "${sources[$k]}" -printf '%s\n' | total)))
  done
  ((per_round > 0)) || { echo "bench: no documents in ${sources[*]}" >&2; exit 1; }
  round=0 bytes=0 want=$((want_mb * 1000000))
  while [ "$bytes" -lt "$want" ]; do
    round=$((round + 1))
    for k in "${!sources[@]}"; do
      dir=$x1/$(printf 'r%04d' "$round")/s$k
      mkdir -p "$dir"
      xargs -0 -r cp -t "$dir" <"${lists[$k]}"
    done
    bytes=$((bytes + per_round))
  done
  mkdir -p "$x2"
  cp -al "$x1" "$x2/a"
  cp -al "$x1" "$x2/b"
  echo "$stamp" >"$bench/.built"
fi
find "$x1" -type f | sort >"$bench/x1.list"
docs1=$(wc -l <"$bench/x1.list")
bytes1=$(find "$x1" -type f -printf '%s\n' | total)
docs2=$((docs1 * 2))
bytes2=$((bytes1 * 2))

warm() { find "$1" -type f -print0 | xargs -0 cat >/dev/null; }

# run NAME COMMAND...: wall seconds, peak RSS (KB) and minor page faults of COMMAND into $seconds,
# $rss_kb and $faults.
run() {
  local name=$1
  shift
  /usr/bin/time -f "%e %M %R" -o "$bench/time.out" "$@" >"$bench/$name.stdout" 2>"$bench/$name.stderr" || {
    local status=$?
    # 3: some inputs (deliberately broken test documents) were refused; everything else was written.
    [ "$status" -eq 3 ] || { echo "bench: $name failed ($status):"; cat "$bench/$name.stderr"; exit 1; } >&2
  }
  read -r seconds rss_kb faults <"$bench/time.out"
}

row() {  # name seconds docs bytes rss_kb
  awk -v n="$1" -v s="$2" -v d="$3" -v b="$4" -v r="$5" \
    'BEGIN { printf "  %-30s %8.2f s %8.1f MB/s %9.0f docs/s %8.1f MB\n", n, s, b / 1e6 / s, d / s, r / 1024 }'
}

echo "budgetlens benchmark: $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v d="$docs1" -v b="$bytes1" -v d2="$docs2" -v b2="$bytes2" \
  'BEGIN { printf "corpus: %d documents, %.1f MB (x1); %d documents, %.1f MB (x2)\n", d, b / 1e6, d2, b2 / 1e6 }'
echo "                                   time      throughput      documents     peak RSS"

warm "$x1"
run floor "$floor" --files-from "$bench/x1.list"
# The floor tool times its own loop (no process start-up); report that, and the process's RSS.
floor_s=$(awk '{for (i = 1; i < NF; i++) if ($i == "seconds") print $(i + 1)}' "$bench/floor.stdout")
row "floor (read + ICU decode+NFKC)" "$floor_s" "$docs1" "$bytes1" "$rss_kb"

# One job and two, alternately, BENCH_RUNS times (default 1): each row gives the median time and
# the largest RSS, and each pair's ratio is taken from two runs made one after the other, which
# keeps a machine whose speed drifts (a shared virtual machine) from deciding the ratio.
runs=${BENCH_RUNS:-1}
e1_times=() e2_times=() pair_ratios=() e1_rss=0 e2_rss=0
for ((r = 1; r <= runs; r++)); do
  warm "$x1"
  run extract1 "$bin" extract "$x1" -o "$bench/out.jsonl" -q --jobs 1
  e1_times+=("$seconds") e1_rss=$((rss_kb > e1_rss ? rss_kb : e1_rss))
  out_mb=$(awk -v b="$(stat -c %s "$bench/out.jsonl")" 'BEGIN { printf "%.0f", b / 1e6 }')
  rm -f "$bench/out.jsonl"
  warm "$x1"
  run extract2 "$bin" extract "$x1" -o "$bench/out.jsonl" -q --jobs 2
  e2_times+=("$seconds") e2_rss=$((rss_kb > e2_rss ? rss_kb : e2_rss))
  pair_ratios+=("$(awk -v a="${e1_times[-1]}" -v b="$seconds" 'BEGIN { printf "%.2f", a / b }')")
  rm -f "$bench/out.jsonl"
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
e1_s=$(median "${e1_times[@]}") e2_s=$(median "${e2_times[@]}")
row "extract -> JSONL, --jobs 1" "$e1_s" "$docs1" "$bytes1" "$e1_rss"
row "extract -> JSONL, --jobs 2" "$e2_s" "$docs1" "$bytes1" "$e2_rss"
if ((runs > 1)); then
  echo "    (medians of $runs runs: --jobs 1 ${e1_times[*]} s; --jobs 2 ${e2_times[*]} s)"
fi

warm "$x2"
run extract_x2 "$bin" extract "$x2" -o "$bench/out.jsonl" -q --jobs 1
ex2_s=$seconds ex2_rss=$rss_kb
row "extract -> JSONL, --jobs 1, x2" "$ex2_s" "$docs2" "$bytes2" "$ex2_rss"
rm -f "$bench/out.jsonl"

# Large documents one after another: the corpus above averages 4.5 KB a document, and a document of
# a few hundred kilobytes costs more a byte (the memory its records take). The thirteen shapes of
# tools/bench/shapes.cpp at 4,000 repeats (140-840 KB each), five copies of each.
shape_writer=$build/tools/bench/budgetlens_shapes
if [ -x "$shape_writer" ]; then
  large=$bench/large
  if [ ! -f "$large/.built" ] || [ "$shape_writer" -nt "$large/.built" ]; then  # shapes.cpp may have changed
    rm -rf "$large"
    mkdir -p "$large/r1"
    "$shape_writer" "$large/r1" 4000
    for r in 2 3 4 5; do cp -r "$large/r1" "$large/r$r"; done
    touch "$large/.built"
  fi
  find "$large" -type f -name '4000_*' | sort >"$bench/large.list"
  warm "$large"
  run extract_large "$bin" extract --files-from "$bench/large.list" -o "$bench/out.jsonl" -q --jobs 1
  row "extract -> JSONL, large docs" "$seconds" "$(wc -l <"$bench/large.list")" \
    "$(xargs -d '\n' stat -c %s <"$bench/large.list" | total)" "$rss_kb"
  echo "    ($(wc -l <"$bench/large.list") documents of 140-840 KB: the shapes at 4,000 repeats; $faults minor page faults)"
  rm -f "$bench/out.jsonl"
fi

pair_median=$(median "${pair_ratios[@]}")
((runs > 1)) || pair_ratios=()
awk -v pr="${pair_ratios[*]}" -v pm="$pair_median" -v f="$floor_s" -v e1="$e1_s" -v e2="$e2_s" -v r1="$e1_rss" -v r2="$ex2_rss" -v b="$bytes1" -v o="$out_mb" 'BEGIN {
  printf "JSON Lines written: %d MB for %.0f MB of documents\n", o, b / 1e6
  printf "extract --jobs 1:  %.1f MB/s (target >= 30)\n", b / 1e6 / e1
  printf "extract / floor:   %.2fx the time of the floor (target <= 4)\n", e1 / f
  printf "--jobs 2 / 1:      %.2fx the throughput (target >= 1.7)\n", e1 / e2
  if (pr != "") printf "                   pairs: %s (median %s)\n", pr, pm
  printf "peak RSS:          %.1f MB for x1, %.1f MB for x2 (target <= 150, flat)\n", r1 / 1024, r2 / 1024
}'

if [ "${BENCH_WORK:-1}" != 0 ] && command -v valgrind > /dev/null; then
  echo
  echo "the work, which does not depend on the machine's load (tools/work.sh):"
  BIN=$bin bash tools/work.sh || echo "bench: tools/work.sh failed" >&2
fi

if [ "${BENCH_STAGES:-1}" != 0 ] && [ -x "$stages" ]; then
  echo
  echo "stage micro-benchmarks (original document bytes through each stage alone; Google Benchmark's M is 2^20):"
  stage_report=$("$stages" --benchmark_min_time=0.3 2>&1 | grep -E "^(BM_|-|Benchmark)")
  echo "$stage_report"
  # The same as time a byte read, beside what the targets allow: one job at 30 MB/s, and 4 times the
  # floor. FoldLines and NumberParsing are parts of other stages, left out of the sum.
  echo "$stage_report" | awk -v f="$floor_s" -v e1="$e1_s" -v b="$bytes1" '
    /^BM_/ && match($0, /bytes_per_second=[0-9.]+[kMG]?\/s/) {
      v = substr($0, RSTART + 17, RLENGTH - 19)
      unit = substr(v, length(v)); scale = 1
      if (unit == "k") scale = 1024; else if (unit == "M") scale = 1048576; else if (unit == "G") scale = 1073741824
      if (scale > 1) v = substr(v, 1, length(v) - 1)
      name = substr($1, 4); ns[name] = 1e9 / (v * scale); names[++n] = name
    }
    END {
      line = "  "
      for (k = 1; k <= n; ++k) {
        if (names[k] == "Pipeline" || names[k] == "FoldLines" || names[k] == "NumberParsing") continue
        line = line sprintf("%s %.1f  ", names[k], ns[names[k]]); sum += ns[names[k]]
      }
      print "time a byte read, in ns:"
      printf "%s(sum %.1f)\n", line, sum
      if ("Pipeline" in ns) printf "  layout to checks in one run (Pipeline) %.1f; extract --jobs 1 over the batch %.1f\n", ns["Pipeline"], e1 * 1e9 / b
      printf "  the targets allow %.1f (30 MB/s) and %.1f (4 times the floor, which takes %.1f)\n", 1e9 / 30e6, 4 * f * 1e9 / b, f * 1e9 / b
    }'
fi

shapes=$build/tools/bench/budgetlens_shape_bench
if [ "${BENCH_STAGES:-1}" != 0 ] && [ -x "$shapes" ]; then
  echo
  echo "one document of each shape at 500 to 8000 repeats (time against size; tools/shapes.sh counts the work):"
  "$shapes" 2>&1 | grep -E "^(BM_|-|Benchmark)"
fi
