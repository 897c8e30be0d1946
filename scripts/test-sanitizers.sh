#!/usr/bin/env bash
# The whole test suite on a sanitizer build (CI: .ci/run-sanitizers, .github/workflows/ci.yml).
# scripts/test.sh stays the everyday test command; this is its sanitized twin.
#
# Usage: scripts/test-sanitizers.sh asan|tsan [BUILD_DIR]
#   asan  AddressSanitizer (with leak detection) + UndefinedBehaviorSanitizer; default dir build-asan
#   tsan  ThreadSanitizer (revision files are loaded and linted on several threads,
#         src/base/parallel.cc); default dir build-tsan
#
# Every report is fatal (exit 86: the binary's built-in defaults, cmake/sanitizer_defaults.cc,
# and the *SAN_OPTIONS below). So that a test driver that accepts any failing exit or swallows
# miglint's stderr cannot hide one, this script also fails when, after ctest,
#  - BUILD_DIR/sanitizer-reports/ is not empty (ASan, LSan and TSan write their reports there), or
#  - ctest's log of every test's output holds a report (GCC's UBSan run-time ignores log_path
#    and always prints to stderr).
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-}
case "$kind" in
  asan) sanitize=address ;;
  tsan) sanitize=thread ;;
  *) echo "usage: $0 asan|tsan [BUILD_DIR]" >&2; exit 2 ;;
esac
build=${2:-build-$kind}

bash scripts/install-deps.sh
launcher=()
if command -v ccache >/dev/null 2>&1; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMIGLINT_SANITIZE="$sanitize" \
  "${launcher[@]}"
cmake --build "$build" -j "$(nproc)"

reports=$(cd "$build" && pwd)/sanitizer-reports
rm -rf "$reports"
mkdir -p "$reports"
common="halt_on_error=1:print_stacktrace=1:exitcode=86"
export ASAN_OPTIONS="$common:detect_leaks=1:log_path=$reports/asan"
export UBSAN_OPTIONS="$common:log_path=$reports/ubsan"
export TSAN_OPTIONS="$common:second_deadlock_stack=1:log_path=$reports/tsan"

# Tests left out of a sanitized run, each with its reason: none. Every test, the online
# PostgreSQL oracles and the installed-binary and .deb tests included, runs the sanitized binary
# (the .deb test packages and runs it like the release one). Add a ctest regex here, with the
# reason beside it, only for a test that cannot run sanitized.
exclude=()

# The sanitizer run-times map their shadow memory at fixed addresses, which the GCC 12 run-time
# cannot do when the kernel randomises mmap with more than 28 bits (Linux >= 6.5 can default to
# 32; "FATAL: ThreadSanitizer: unexpected memory mapping"). Then the tests run with address
# randomisation off for their processes only (setarch -R, inherited by every child); where that
# is not allowed (a container's seccomp profile), say what to change instead of failing later.
run=()
bits=$(cat /proc/sys/vm/mmap_rnd_bits 2>/dev/null || echo 0)
if [ "$bits" -gt 28 ]; then
  if setarch "$(uname -m)" -R true 2>/dev/null; then
    echo "test-sanitizers: vm.mmap_rnd_bits=$bits; running the tests under setarch -R"
    run=(setarch "$(uname -m)" -R)
  else
    echo "test-sanitizers: vm.mmap_rnd_bits=$bits is too high for the sanitizer run-time and" \
         "setarch -R is not permitted here: run 'sysctl -w vm.mmap_rnd_bits=28' or allow" \
         "personality(2) (docker --security-opt seccomp=unconfined)" >&2
    exit 2
  fi
fi

status=0
filter=()
if [ ${#exclude[@]} -gt 0 ]; then filter=(-E "$(IFS='|'; echo "${exclude[*]}")"); fi
"${run[@]}" ctest --test-dir "$build" --output-on-failure -j "$(nproc)" "${filter[@]}" || status=$?

if [ -n "$(ls -A "$reports")" ]; then
  echo "test-sanitizers: $kind reports (in $reports):" >&2
  for f in "$reports"/*; do
    echo "===== $f" >&2
    cat "$f" >&2
  done
  status=1
fi
pattern='runtime error: |ERROR: (AddressSanitizer|LeakSanitizer)|WARNING: ThreadSanitizer|FATAL: ThreadSanitizer'
if grep -Eq "$pattern" "$build/Testing/Temporary/LastTest.log"; then
  echo "test-sanitizers: sanitizer reports in the tests' output ($build/Testing/Temporary/LastTest.log):" >&2
  grep -En -B2 -A20 "$pattern" "$build/Testing/Temporary/LastTest.log" >&2
  status=1
fi
if [ "$status" -eq 0 ]; then echo "test-sanitizers: $kind: every test passed, no report"; fi
exit "$status"
