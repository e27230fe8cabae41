#!/usr/bin/env bash
# How much work does `budgetlens extract` do on ordinary documents, and in which stage? Counts the
# instructions of one pass over the documents of corpus/ and ../shared (seeds and corpus) with
# callgrind, so that the count does not depend on the machine's load: on a shared virtual machine
# the timings of tools/bench.sh move by a third from one run to the next, and a change of a few
# percent can only be seen here. A pass is counted after start-up and first use (the grammar, the
# regular expressions' first states): one run over the documents once and one over them PASSES
# times, the difference divided by PASSES - 1. Reports instructions a pass and a byte, allocations
# a pass, and the share of each stage.
#
#   cmake --build build --target budgetlens && bash tools/work.sh
# Environment: BUILD_DIR (default build) or BIN (the program); PASSES (default 8). Exits 77
# (skipped) without valgrind.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind > /dev/null || { echo "work: skipped: valgrind is missing (Debian package valgrind)" >&2; exit 77; }
tool=work default_passes=8 least_passes=2
source tools/passes.sh
bytes=$(xargs -d '\n' stat -c %s < "$dir/once.list" | awk '{ s += $1 } END { print s }')

# count NAME: callgrind over the documents of NAME.list, then each function's inclusive count.
count() {
  valgrind --tool=callgrind --callgrind-out-file="$dir/$1.out" \
    "$bin" extract --jobs 1 --quiet --files-from "$dir/$1.list" -o "$dir/$1.jsonl" > /dev/null 2> "$dir/$1.err" || {
    # 3: some inputs (deliberately broken test documents) were refused; the rest were read.
    local status=$?
    [ "$status" -eq 3 ] || { echo "work: extract failed under callgrind ($status):" >&2; cat "$dir/$1.err" >&2; exit 1; }
  }
  callgrind_annotate --inclusive=yes --threshold=100 "$dir/$1.out" > "$dir/$1.functions"
}
count once
count many

# per_pass PATTERN: the instructions a pass of the functions whose names match PATTERN (awk regex).
per_pass() {
  awk -v p="$1" -v n="$passes" '
    FNR == 1 { file++ }
    $2 ~ /^\(/ && $0 ~ p { gsub(",", "", $1); sum[file] += $1 }
    END { printf "%.0f", (sum[2] - sum[1]) / (n - 1) }' "$dir/once.functions" "$dir/many.functions"
}
total=$(per_pass 'PROGRAM TOTALS')
# Allocations: the calls into operator new (mimalloc gives every form of it one name), by caller.
allocations=$(for f in once many; do
  callgrind_annotate --tree=caller --threshold=100 "$dir/$f.out" | awk '
    /^ *$/ { n = 0; next }
    { line[++n] = $0 }
    /\*  .*operator new(\[\])?\(unsigned long\)/ {
      for (i = 1; i < n; i++) if (match(line[i], /\(([0-9,]+)x\)/)) {
        c = substr(line[i], RSTART + 1, RLENGTH - 3); gsub(",", "", c); s += c
      }
    }
    END { print s + 0 }'
done | awk -v n="$passes" 'NR == 1 { a = $1 } NR == 2 { printf "%.0f", ($1 - a) / (n - 1) }')

docs=$(wc -l < "$dir/once.list")
awk -v t="$total" -v b="$bytes" -v d="$docs" -v a="$allocations" 'BEGIN {
  printf "one pass over %d documents, %.0f KB, after start-up (callgrind):\n", d, b / 1000
  printf "  %.1f M instructions, %.0f a byte; %.1f thousand allocations\n", t / 1e6, t / b, a / 1e3
}'
echo "by stage (each with what it calls):"
stage() {  # LABEL PATTERN
  awk -v l="$1" -v v="$(per_pass "$2")" -v t="$total" 'BEGIN { printf "  %-38s %7.1f M %5.1f%%\n", l, v / 1e6, 100 * v / t }'
}
stage "reading and decoding (source/)" ':budgetlens::source::read_source\('
stage "  of which web pages (Gumbo, render)" ':budgetlens::source::detail::render_page\('
stage "  of which SHA-256 (see below)" ':budgetlens::source::sha256_hex'
stage "layout (layout/)" ':budgetlens::layout::build_layout\('
stage "sections (sections/)" ':budgetlens::sections::(build_outline|describe_document)\('
stage "tables (tables/)" ':budgetlens::tables::build_tables\('
stage "quantities, indicators (extract/)" ':budgetlens::extract::extract_quantities\('
stage "checks (checks/)" ':budgetlens::checks::run_checks\('
stage "coverage (pipeline/)" ':budgetlens::pipeline::account_for\('
stage "JSON Lines (emit/)" ':budgetlens::emit::append_jsonl\('
echo "Under valgrind SHA-256 runs its portable code: the program itself uses the CPU's SHA"
echo "instructions where there are any, for a small part of the count above."
