#!/usr/bin/env bash
# Installs, builds, and runs miglint on the bundled example repository (a credit system modelled
# on a real team's Alembic setup, with a few deliberate problems to find).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j "$(nproc)"
app=fixtures/credit_system/src/control_plane/credit_system/app
./build/src/miglint graph "$app"
echo
# Exit code 1 means miglint found errors: the example has deliberate problems.
./build/src/miglint check "$app" || test $? -eq 1
