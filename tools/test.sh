#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test. Tests on the real documents in ../shared
# run when that folder is beside the source tree and are skipped with a message when it is not.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGETLENS_TESTS=1 bash tools/bootstrap.sh
build=${BUILD_DIR:-build}
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
