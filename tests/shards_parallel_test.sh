#!/usr/bin/env bash
# Three shards of one batch run through GNU parallel the way the README's recipe runs them on several
# hosts (here the only "host" is this machine, --sshlogin :, so nothing needs --return), then merged: the merged JSON Lines must
# equal a single run's output byte for byte. Skipped (status 77) when GNU parallel is not installed.
#
#   tests/shards_parallel_test.sh BUDGETLENS_BINARY SOURCE_DIR
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
if ! command -v parallel >/dev/null 2>&1; then
  echo "GNU parallel is not installed (tools/bootstrap.sh installs it): shard test skipped"
  exit 77
fi
work=$(mktemp -d /tmp/budgetlens-shards-XXXXXX)
trap 'rm -rf "$work"' EXIT

# One folder for the batch, as a shard run is given: the real documents when ../shared is there.
mkdir -p "$work/docs"
shared=${BUDGETLENS_SHARED:-$src/../shared}
if [ -d "$shared/seeds" ]; then
  ln -s "$shared/seeds" "$work/docs/seeds"
  ln -s "$shared/corpus" "$work/docs/corpus"
else
  for i in $(seq 1 20); do
    printf '一、收入\n收入总计%d.5万元,比上年减少%d万元。\n二、支出\n支出总计%d万元。\n' $((100 + i)) "$i" $((90 + i)) \
      >"$work/docs/doc$i.txt"
  done
fi
[ -d "$src/corpus" ] && ln -s "$src/corpus" "$work/docs/project-corpus"

"$bin" extract "$work/docs" -o "$work/single.jsonl" -q

cd "$work"
parallel --will-cite --sshlogin : \
  "$bin" extract "$work/docs" --shard {}/3 --jobs 1 -o shard{}.jsonl -q ::: 1 2 3
"$bin" merge shard1.jsonl shard2.jsonl shard3.jsonl -o merged.jsonl -q

if ! cmp -s merged.jsonl single.jsonl; then
  echo "merged shards differ from the single run:"
  cmp merged.jsonl single.jsonl || true
  exit 1
fi
for k in 1 2 3; do
  [ -s "shard$k.jsonl" ] || { echo "shard $k is empty: the split is not spreading documents"; exit 1; }
done
echo "3 shards through GNU parallel merge into the single run's $(grep -c '"type":"document"' single.jsonl) documents, byte for byte"
