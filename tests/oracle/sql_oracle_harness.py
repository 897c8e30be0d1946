#!/usr/bin/python3
"""Checks the differential harness of sql_oracle.py itself, with stand-ins for `miglint sql`.

`miglint sql` is compared with Alembic; before it exists (and to prove the comparison neither
hides differences nor invents them) this runs sql_oracle.py with a fake miglint whose `sql`
command is Alembic itself (all other commands go to the real binary):
  - verbatim:  Alembic's own output             → every range must pass
  - perturbed: re-flowed, re-cased, re-quoted    → every range must pass
  - dropped:   one statement removed per range   → every compared range must fail, with a diff
  - changed:   one string literal altered        → every compared range must fail

  sql_oracle_harness.py --miglint BIN
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import sql_oracle  # noqa: E402

FAKE = r'''#!/usr/bin/python3
import os, random, subprocess, sys
sys.path.insert(0, {here!r})
import sql_oracle
args = sys.argv[1:]
if args[:1] != ["sql"]:
    os.execv({real!r}, [{real!r}] + args)
repo, rng = args[1], args[2]
direction = "downgrade" if "--downgrade" in args else "upgrade"
code, out, err = sql_oracle.alembic_sql(repo, direction, rng)
sys.stderr.write(err)
mode = {mode!r}
if code == 0 and mode == "perturbed":
    out = sql_oracle.perturb(out, sql_oracle.identifier_names(repo), random.Random(7))
elif code == 0 and mode == "dropped":
    parts = out.split(";\n")
    # drop a statement from the middle (never the last, empty, part), and never a piece of a
    # dollar-quoted body (a function's ";\n" inside $$ … $$ is not a statement boundary)
    k = len(parts) // 2
    while k < len(parts) - 1 and (";\n".join(parts[:k]).count("$$") % 2 or parts[k].count("$$") % 2):
        k += 1
    del parts[k]
    out = ";\n".join(parts)
elif code == 0 and mode == "changed":
    toks = sql_oracle.tokens(out)
    strings = [i for i, (k, t) in enumerate(toks) if k == "string" and t.startswith("'")]
    i = strings[len(strings) // 2]
    toks[i] = ("string", "'changed" + toks[i][1][1:])
    out = "".join(t for _, t in toks)
sys.stdout.write(out)
sys.exit(code)
'''


def run_mode(real, root, mode, cache):
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(FAKE.format(here=HERE, real=os.path.abspath(real), mode=mode))
        fake = f.name
    os.chmod(fake, 0o755)
    try:
        p = subprocess.run([sys.executable, os.path.join(HERE, "sql_oracle.py"), "--miglint", fake,
                            "--repos", root, "--alembic-cache", cache], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    finally:
        os.unlink(fake)
    last = p.stdout.strip().splitlines()[-1]
    m = re.match(r"(\d+) passed, (\d+) failed", last)
    return p.returncode, int(m.group(1)), int(m.group(2)), p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--miglint", required=True)
    ap.add_argument("--repos", default=os.path.join(HERE, "..", "data", "sql"))
    args = ap.parse_args()
    root = os.path.abspath(args.repos)
    error_ranges = sum(1 for rs in sql_oracle.RANGES.values() for r in rs if r[2:] == ("error",))
    total = sum(len(rs) for rs in sql_oracle.RANGES.values())
    failures = 0
    cache = tempfile.mkdtemp(prefix="miglint-sql-oracle-")
    for mode in ("verbatim", "perturbed", "dropped", "changed"):
        code, passed, failed, out = run_mode(args.miglint, root, mode, cache)
        if mode in ("verbatim", "perturbed"):
            ok = code == 0 and failed == 0 and passed == total
        else:
            # refused ranges still agree; every rendered range must be caught, with a diff
            ok = code != 0 and passed == error_ranges and failed == total - error_ranges \
                and out.count("\n--- alembic ") == failed
        print(f"{'ok  ' if ok else 'FAIL'} {mode}: {passed} passed, {failed} failed")
        if not ok:
            failures += 1
            print(out)
    shutil.rmtree(cache, ignore_errors=True)
    print(f"{4 - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
