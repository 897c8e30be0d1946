#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, clang, ASan+UBSan) in build-fuzz/ and runs each for
# a fixed time, one after the other, then prints per target: executions, exec/s, corpus size and
# crashes found. Exits 1 when any target crashed, timed out or ran out of memory; what it found
# is in build-fuzz/fuzz/artifacts/<target>-<time>/ (minimize it with the target's
# -minimize_crash=1, fix it, and add it to tests/fuzz/regressions/<target>/). docs/fuzzing.md.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [target...]     (default: 600 seconds, every target)
#
# Environment: MIGLINT_FUZZ_BUILD (build folder, default build-fuzz), JOBS (build jobs, 2).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

seconds=${1:-600}
[ $# -eq 0 ] || shift
all=(python ini toml strings lower check)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
for t in "${targets[@]}"; do
  [[ " ${all[*]} " == *" $t "* ]] || { echo "fuzz.sh: unknown target '$t' (targets: ${all[*]})" >&2; exit 2; }
done
build=${MIGLINT_FUZZ_BUILD:-build-fuzz}
if ! command -v clang++ >/dev/null 2>&1; then
  echo "fuzz.sh: clang++ not found; run scripts/install-deps.sh --fuzz" >&2
  exit 2
fi

# Per target: the largest input (a generated project holds several files) and the dictionaries.
declare -A max_len=([python]=8192 [ini]=4096 [toml]=4096 [strings]=4096 [lower]=16384 [check]=32768)
# libFuzzer's entropic schedule spends most of the time bookkeeping features when a target has
# tens of thousands of them (the whole pipeline behind check): plain scheduling runs it 4x faster.
declare -A extra=([check]="-entropic=0")
declare -A dicts=([python]="python" [ini]="ini" [toml]="toml" [strings]="python sql" [lower]="python sql"
                  [check]="python sql ini toml")

launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DMIGLINT_FUZZ=ON "${launcher[@]}" >/dev/null
cmake --build "$build" -j "${JOBS:-2}" --target "${targets[@]/#/fuzz_}"

work=$root/$build/fuzz
mkdir -p "$work"
# Starting corpora from the repository's fixtures (regenerated each time; never committed).
python3 tests/fuzz/collect_seeds.py . "$work/seeds" >/dev/null
# The rule ids belong in the dictionaries of everything that reads settings or suppressions.
rule_words=$(sed -n 's/^MIGLINT_[A-Z_]*(\("[a-z0-9-]*"\).*/\1/p' rules/rules.def)

# The scratch folders of the targets that write files (fuzz_support.cc) go here and are removed
# at the end, so a crashed run leaves nothing behind in /dev/shm.
base=${TMPDIR:-/tmp}
if [ -d /dev/shm ] && [ -w /dev/shm ]; then base=/dev/shm; fi
scratch=$(mktemp -d "$base/miglint-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export MIGLINT_FUZZ_TMP=$scratch

summary=()
status=0
for t in "${targets[@]}"; do
  corpus=$work/corpus/$t
  run=$work/artifacts/$t-$(date +%Y%m%d-%H%M%S)
  mkdir -p "$corpus" "$run"
  dict=$work/$t.dict
  for d in ${dicts[$t]}; do cat "tests/fuzz/dicts/$d.dict"; done > "$dict"
  case $t in ini|toml|check) echo "$rule_words" >> "$dict" ;; esac
  echo "== fuzz_$t: ${seconds}s (log: $run/fuzz-0.log)"
  start=$(date +%s)
  # -jobs=1 -workers=1: one fuzzing process (the machine is shared); it logs to fuzz-0.log in
  # the current folder. New inputs go to the first folder; the others are read-only seeds.
  (cd "$run" && "$root/$build/tests/fuzz/fuzz_$t" -jobs=1 -workers=1 -max_total_time="$seconds" \
     -max_len="${max_len[$t]}" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
     -dict="$dict" -artifact_prefix="$run/" ${extra[$t]:-} \
     "$corpus" "$root/tests/fuzz/seeds/$t" "$root/tests/fuzz/regressions/$t" "$work/seeds/$t" \
     >/dev/null 2>&1) || true
  took=$(( $(date +%s) - start ))  # less than asked when the target crashed
  log=$run/fuzz-0.log
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  corp=$(grep -o 'corp: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  found=$(find "$run" -maxdepth 1 \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
  [ "$found" -eq 0 ] || status=1
  [ "$found" -eq 0 ] || grep -m1 -E 'ERROR: |invariant failed|runtime error' "$log" || true
  summary+=("$(printf '%-8s %8s %12s %8s %8s %8s' "$t" "$took" "${execs:-?}" "${rate:-?}" "${corp:-?}" "$found")")
done

printf '\n%-8s %8s %12s %8s %8s %8s\n' target seconds executions exec/s corpus crashes
printf '%s\n' "${summary[@]}"
exit $status
