#!/usr/bin/env bash
# Rewrites corpus/expected/NAME.jsonl for every document in corpus/ from the current build. Review the
# diff (git diff corpus/expected) before committing: these files are what the end-to-end test holds
# budgetlens to.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
mkdir -p corpus/expected
for f in corpus/*; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  case "$name" in README.md|*.md) continue ;; esac
  "$build/budgetlens" extract "$f" -o "corpus/expected/$name.jsonl" -q || true
done
