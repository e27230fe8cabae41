#!/usr/bin/env bash
# Throughput of web pages against the texts they render: every HTML rendition (corpus/NAME.html beside
# NAME.txt, and tests/data/seeds_html/NAME.html beside ../shared/seeds/NAME.txt when ../shared is there)
# and its text are each copied N times (default 40) into a folder, and `budgetlens extract` is timed on
# both folders, best of three runs. The pages must take at most twice the time of their texts.
#
#   tools/benchmark-html.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
n=${1:-40}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/text" "$tmp/html"

pairs=0
add_pair() {  # TEXT PAGE NAME
  for i in $(seq "$n"); do
    cp "$1" "$tmp/text/${i}_$3.txt"
    cp "$2" "$tmp/html/${i}_$3.html"
  done
  pairs=$((pairs + 1))
}
for page in corpus/*.html; do
  name=$(basename "$page" .html)
  [ -f "corpus/$name.txt" ] && add_pair "corpus/$name.txt" "$page" "$name"
done
if [ -d ../shared/seeds ]; then
  for page in tests/data/seeds_html/*.html; do
    name=$(basename "$page" .html)
    [ -f "../shared/seeds/$name.txt" ] && add_pair "../shared/seeds/$name.txt" "$page" "$name"
  done
fi

best_time() {  # FOLDER -> seconds, best of three
  local best=""
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s.%N)
    "$build/budgetlens" extract "$1" -o "$tmp/out.jsonl" -q
    t1=$(date +%s.%N)
    best=$(python3 -c "t=$t1-$t0; b='$best'; print(t if not b or t < float(b) else b)")
  done
  echo "$best"
}

text_s=$(best_time "$tmp/text")
html_s=$(best_time "$tmp/html")
text_b=$(du -sb "$tmp/text" | cut -f1)
html_b=$(du -sb "$tmp/html" | cut -f1)
docs=$((pairs * n))
python3 - "$docs" "$text_s" "$html_s" "$text_b" "$html_b" <<'EOF'
import sys
docs, ts, hs, tb, hb = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
print(f"{docs} documents each way")
print(f"text: {ts:.3f} s, {docs / ts:.0f} documents/s, {tb / ts / 1e6:.2f} MB/s of {tb / 1e6:.1f} MB")
print(f"html: {hs:.3f} s, {docs / hs:.0f} documents/s, {hb / hs / 1e6:.2f} MB/s of {hb / 1e6:.1f} MB")
print(f"html / text time: {hs / ts:.2f} (must be at most 2)")
sys.exit(0 if hs <= 2 * ts else 1)
EOF
