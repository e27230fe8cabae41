#!/usr/bin/env bash
# Does the work on one document grow with its size and no faster? For each shape of document in
# tools/bench/shapes.cpp (a table run into paragraphs, a sentence of thousands of lists, a page of
# thousands of tables, …), writes it at SMALL and 4 × SMALL repeats, counts the
# instructions `budgetlens extract` runs on each (callgrind, so the count does not depend on the
# machine's load or memory; start-up not counted), and reports the growth as an exponent: 1.00 is
# linear, 2.00 the square. Fails when a shape's exponent is above LIMIT.
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
printf 'x\n' > "$dir/end.txt"

# instructions SIZE: one line per shape, "NAME INSTRUCTIONS", from one run over all the shapes of
# that size. Callgrind starts a new count each time a document's extraction begins, so the counts
# between are each document's own (start-up before the first; the last document is followed by
# end.txt to close its count).
instructions() {
  local files=("$dir/$1"_*) out="$dir/callgrind.$1"
  valgrind --tool=callgrind --callgrind-out-file="$out" --dump-before='budgetlens::pipeline::extract_file*' \
    "$bin" extract --jobs 1 --quiet "${files[@]}" "$dir/end.txt" -o /dev/null > /dev/null 2>&1 ||
    { echo "shapes: extract failed under callgrind" >&2; exit 1; }
  local k=2
  for f in "${files[@]}"; do
    local name=${f##*/"$1"_}
    [ -f "$out.$k" ] || {
      echo "shapes: callgrind did not count $name on its own (is budgetlens::pipeline::extract_file still what reads a document?)" >&2
      exit 1
    }
    echo "$name $(awk '/^summary:/ { print $2 }' "$out.$k")"
    k=$((k + 1))
  done
}

instructions "$small" > "$dir/small.txt"
instructions "$large" > "$dir/large.txt"
printf '%-16s %12s %12s %9s %9s\n' shape "${small} (M)" "${large} (M)" "instr/B" exponent
failed=0
while read -r name a; do
  b=$(awk -v n="$name" '$1 == n { print $2 }' "$dir/large.txt")
  bytes=$(stat -c %s "$dir/${large}_$name")
  line=$(awk -v a="$a" -v b="$b" -v bytes="$bytes" -v name="$name" -v limit="$limit" 'BEGIN {
    e = log(b / a) / log(4)
    printf "%-16s %12.0f %12.0f %9.0f %9.2f%s", name, a / 1e6, b / 1e6, b / bytes, e, (e > limit ? "  above " limit : "")
  }')
  echo "$line"
  [[ $line == *above* ]] && failed=1
done < "$dir/small.txt"
exit $failed
