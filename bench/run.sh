#!/usr/bin/env bash
# Benchmark miglint against the I/O floor (cat), CPython's parser and Alembic itself
# on a synthetic repository of N revisions (default 10000), and print ratios.
#
#   bench/run.sh [N]
#
# Environment:
#   MIGLINT        miglint binary (default: build/src/miglint in the repository)
#   BENCH_RUNS     timed runs per command, after one warm-up (default: 5)
#   BENCH_PYTHON   Python that sees Alembic 1.8 (default: /usr/bin/python3, Debian's)
#   BENCH_SEED     generator seed (default: gen_repo.py's)
#   BENCH_TIMEOUT  seconds before one run of a command counts as failed (default: 300)
#
# Repositories are generated once into bench/out/ (git-ignored) and reused while
# gen_repo.py, N and the seed are unchanged. Every command runs warm (page cache
# filled by the warm-up run). A command that fails is reported as failed and the
# run goes on. See docs/benchmarks.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
out="$here/out"
n=${1:-10000}
runs=${BENCH_RUNS:-5}
py=${BENCH_PYTHON:-/usr/bin/python3}
miglint=${MIGLINT:-$root/build/src/miglint}
seed_args=()
[[ -n "${BENCH_SEED:-}" ]] && seed_args=(--seed "$BENCH_SEED")

if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: bench/run.sh [N]   (N: number of revisions, default 10000)" >&2
  exit 2
fi
if ! [[ -x "$py" ]] || ! "$py" -c 'import alembic' 2>/dev/null; then
  echo "bench: $py cannot import alembic; set BENCH_PYTHON to a Python that can" \
       "(Debian: apt-get install -y python3-alembic python3-psycopg2)" >&2
  exit 2
fi
if ! [[ -x /usr/bin/time ]]; then
  echo "bench: /usr/bin/time not found: peak RSS will not be measured" \
       "(install it with: apt-get install -y time)" >&2
fi
if [[ -x "$miglint" ]]; then
  miglint=$(cd "$(dirname "$miglint")" && pwd)/$(basename "$miglint")
else
  echo "bench: miglint binary $miglint not found or not executable" \
       "(build it, or set MIGLINT=/path/to/miglint); its rows will say so" >&2
fi
measure=("$py" -B "$here/measure.py")

# ensure_repo N: generate bench/out/repo-N unless an identical one is cached.
ensure_repo() {
  local count=$1 dir="$out/repo-$1" stamp
  stamp="$count ${BENCH_SEED:-default} $(sha256sum "$here/gen_repo.py" | cut -c1-16)"
  if [[ -f "$dir/.stamp" && "$(cat "$dir/.stamp")" == "$stamp" ]]; then
    return
  fi
  echo "bench: generating $count revisions into ${dir#"$root"/} ..." >&2
  mkdir -p "$out"
  "$py" -B "$here/gen_repo.py" "$count" "$dir" "${seed_args[@]}"
  echo "$stamp" > "$dir/.stamp"
}

ensure_repo "$n"
repo="$out/repo-$n"
versions="$repo/alembic/versions"
files=$(find "$versions" -name '*.py' | wc -l)
bytes=$(cat "$versions"/*.py | wc -c)

alembic_heads='from alembic.config import Config
from alembic.script import ScriptDirectory
heads = ScriptDirectory.from_config(Config("alembic.ini")).get_heads()
assert len(heads) == 1, heads'
alembic_import='from alembic.config import Config
from alembic.script import ScriptDirectory'
ast_parse='import ast, glob
for path in sorted(glob.glob("alembic/versions/*.py")):
    with open(path, "rb") as f:
        ast.parse(f.read(), path)'

results=$(mktemp)
trap 'rm -f "$results"' EXIT
t() { "${measure[@]}" time --runs "$runs" "$@" | tee -a "$results" | cut -f1,6 | sed 's/\t/: /; s/^/  done /' >&2; }

echo "bench: timing ($runs runs each after a warm-up) ..." >&2
t --label "spawn (true)" -- true
t --label "cat" --cwd "$versions" -- cat -- @glob:*.py
t --label "miglint graph" --cwd "$repo" --ok 0 -- "$miglint" graph "$repo"
# check exits 1 when it reports problems; that is a successful run.
t --label "miglint check" --cwd "$repo" --ok 0,1 -- "$miglint" check "$repo"
t --label "python ast.parse" --cwd "$repo" -- "$py" -B -c "$ast_parse"
t --label "alembic import only" --cwd "$repo" -- "$py" -B -c "$alembic_import"
t --label "alembic heads" --cwd "$repo" --no-pycache "$repo" -- "$py" -B -c "$alembic_heads"

squawk_note=""
if command -v squawk >/dev/null 2>&1; then
  ensure_repo 1000
  sql="$out/repo-1000.sql"
  if [[ ! -s "$sql" || "$sql" -ot "$out/repo-1000/.stamp" ]]; then
    echo "bench: rendering the 1000-revision repo with alembic upgrade head --sql ..." >&2
    if ! (cd "$out/repo-1000" && "$py" -B -m alembic upgrade head --sql > "$sql.tmp" 2>/dev/null); then
      echo "bench: alembic upgrade --sql failed on repo-1000; squawk skipped" >&2
      rm -f "$sql.tmp"
    else
      mv "$sql.tmp" "$sql"
    fi
  fi
  if [[ -s "$sql" ]]; then
    if [[ "$n" != 1000 ]]; then
      t --label "miglint check 1k" --cwd "$out/repo-1000" --ok 0,1 -- "$miglint" check "$out/repo-1000"
    fi
    # squawk exits 1 when it finds violations.
    t --label "squawk" --cwd "$out" --ok 0,1 -- squawk "$sql"
    squawk_note="squawk $(squawk --version 2>/dev/null | head -1 | awk '{print $NF}') reads the $(wc -c < "$sql")-byte SQL that alembic upgrade head --sql renders for the 1000-revision repo"
  fi
else
  squawk_note="squawk not on PATH: not compared (npm i -g squawk-cli to add it)"
fi

miglint_version=$(timeout 10 "$miglint" --version 2>/dev/null | head -1 || true)
[[ -n "$miglint_version" ]] || miglint_version="miglint: not available"
echo
"${measure[@]}" report "$results" --title "$(printf '%s\n' \
  "miglint benchmark: $n revisions, $files files, $bytes bytes (${repo#"$root"/})" \
  "$miglint_version; $("$py" -c 'import sys, alembic, sqlalchemy; print("Python %d.%d.%d" % sys.version_info[:3], "alembic", alembic.__version__, "SQLAlchemy", sqlalchemy.__version__)')" \
  "$(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(uname -sr)" \
  "median of $runs warm runs; peak RSS from /usr/bin/time -v" \
  "${squawk_note:-}")"
