#!/usr/bin/env bash
# Installs what the tests need, builds, and runs every test through ctest.
# Usage: scripts/test.sh [BUILD_DIR] [extra cmake args...]   (default build dir: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
bash scripts/install-deps.sh
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
cmake --build "$build" -j "$(nproc)"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
