#!/usr/bin/env bash
# Installs what is missing, builds, and extracts every document of corpus/ into out/corpus.xlsx and
# out/corpus.jsonl, printing a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/bootstrap.sh
mkdir -p out
build=${BUILD_DIR:-build}
"$build/budgetlens" extract corpus -o out/corpus.jsonl
"$build/budgetlens" extract corpus -o out/corpus.xlsx -q
echo "wrote out/corpus.jsonl and out/corpus.xlsx"
