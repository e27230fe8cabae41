#!/usr/bin/env bash
# Does the work on one document grow with its size and no faster? For each shape of document in
# tools/bench/shapes.cpp (a table run into paragraphs, a sentence of thousands of lists, a page of
# thousands of tables, …), writes it at SMALL and 4 × SMALL repeats, counts the
# instructions `budgetlens extract` runs on each (callgrind, so the count does not depend on the
# machine's load or memory), takes off the start-up's count (a one-line document), and reports
# the growth as an exponent: 1.00 is linear, 2.00 the square. Fails when a shape's exponent is
# above LIMIT.
#
#   cmake --build build --target budgetlens budgetlens_shapes && bash tools/shapes.sh
# Environment: BUILD_DIR (default build), or BIN and SHAPES (the two programs); SMALL (default
# 1000 repeats), LIMIT (default 1.10). Exits 77 (skipped) without valgrind.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
small=${SMALL:-1000}
limit=${LIMIT:-1.10}
bin=${BIN:-$build/budgetlens}
shapes=${SHAPES:-$build/tools/bench/budgetlens_shapes}
for tool in "$bin" "$shapes"; do
  [ -x "$tool" ] || { echo "shapes: $tool is missing; run: cmake --build $build --target budgetlens budgetlens_shapes" >&2; exit 1; }
done
command -v valgrind > /dev/null || { echo "shapes: skipped: valgrind is missing (Debian package valgrind)" >&2; exit 77; }

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
large=$((small * 4))
"$shapes" "$dir" "$small"
"$shapes" "$dir" "$large"
printf 'x\n' > "$dir/start-up.txt"

instructions() {  # FILE: instructions of one extract of FILE
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" extract "$1" -o /dev/null --quiet 2>&1 |
    awk '/refs:/ { gsub(",", "", $NF); print $NF }'
}

start_up=$(instructions "$dir/start-up.txt")
printf '%-14s %12s %12s %9s %9s\n' shape "${small} (M)" "${large} (M)" "instr/B" exponent
failed=0
for doc in "$dir"/"${small}"_*; do
  name=${doc##*/"${small}"_}
  a=$(instructions "$doc")
  b=$(instructions "$dir/${large}_$name")
  bytes=$(stat -c %s "$dir/${large}_$name")
  line=$(awk -v a="$a" -v b="$b" -v s="$start_up" -v bytes="$bytes" -v name="$name" -v limit="$limit" 'BEGIN {
    e = log((b - s) / (a - s)) / log(4)
    printf "%-14s %12.0f %12.0f %9.0f %9.2f%s", name, (a - s) / 1e6, (b - s) / 1e6, (b - s) / bytes, e, (e > limit ? "  above " limit : "")
  }')
  echo "$line"
  [[ $line == *above* ]] && failed=1
done
exit $failed
