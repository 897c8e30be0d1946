#!/usr/bin/python3
"""Differential oracle for `miglint sql`: Alembic 1.8's offline output (`alembic upgrade --sql`)
against miglint's static rendering, statement by statement, after normalising both through
libpg_query (`miglint normalize-sql -`).

For each repository under tests/data/sql/ and each range in RANGES, runs
  /usr/bin/python3 -m alembic upgrade RANGE --sql            (downgrade RANGE --sql)
  miglint sql REPO RANGE [--downgrade] --format text
pipes both through `miglint normalize-sql -` and compares the normalised lines (statements, and
the `-- Running upgrade` comments between them, so transaction structure and revision order
are compared too). A mismatch prints a unified diff of the normalised statements. The last
line is `N passed, N failed (S statements compared, D differing)`.

Modes:
  sql_oracle.py --miglint BIN [--repos DIR]              the differential test
  sql_oracle.py --miglint BIN --self-test [--repos DIR]  the Alembic side and the normaliser only:
      every range renders offline; the normalised output is unchanged by whitespace, keyword
      case and identifier-quoting perturbations of Alembic's text; every item of the issue's
      checklist (COVERAGE) is used by the repository that claims it.

Run with Debian's /usr/bin/python3 (it sees python3-alembic 1.8 and SQLAlchemy 1.4).
"""
import argparse
import concurrent.futures
import difflib
import json
import os
import random
import re
import subprocess
import sys

from sql_oracle_perturb import identifier_names, mutations, perturb, tokens  # noqa: F401
from sql_oracle_tables import COVERAGE, RANGES

# Deliberate differences between `alembic upgrade --sql` and `miglint sql`, each with its reason
# (the same reasons are listed in docs/sql-oracle.md, which links docs/lowering.md). Each entry:
#   {"repo": regex over repository names, "alembic": SQL Alembic prints (or None),
#    "miglint": SQL miglint prints instead (or None), "reason": why}
# Empty on purpose: a difference goes here only with a reason a reviewer accepts.
DELIBERATE_DIFFERENCES = []

ALEMBIC = ["/usr/bin/python3", "-m", "alembic"]


def run(cmd, cwd=None, stdin=None):
    p = subprocess.run(cmd, cwd=cwd, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    return p.returncode, p.stdout, p.stderr


def alembic_sql(repo, direction, rng, seed=None):
    env = None
    if seed is not None:
        env = dict(os.environ, PYTHONHASHSEED=str(seed))
    p = subprocess.run(ALEMBIC + [direction, rng, "--sql"], cwd=repo, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    return p.returncode, p.stdout, p.stderr


# Alembic 1.8 is not deterministic: when a merge is applied while another branch's head is
# present, MigrationStep.merge_branch_idents picks which merged head's row to UPDATE (the others
# are DELETEd) from `list(set(...))`, whose order follows Python's per-process string hashing.
# Every such choice is what Alembic may print, so miglint may match any of them: Alembic runs
# once per seed below (fixed, so the test is reproducible) and the distinct outputs are the
# accepted variants. Missing a variant can only make the test fail, never pass wrongly.
HASH_SEEDS = range(8)


ALEMBIC_CACHE = None  # a folder to keep Alembic's outputs in between runs (--alembic-cache)


def alembic_variants(repo, direction, rng):
    """(exit code, distinct outputs in first-seen order, stderr) over HASH_SEEDS."""
    if ALEMBIC_CACHE:
        key = re.sub(r"[^A-Za-z0-9_.@-]", "_", f"{os.path.basename(repo)}-{direction}-{rng}") + ".json"
        path = os.path.join(ALEMBIC_CACHE, key)
        if os.path.exists(path):
            with open(path) as f:
                return tuple(json.load(f))
        result = _alembic_variants(repo, direction, rng)
        with open(path, "w") as f:
            json.dump(result, f)
        return result
    return _alembic_variants(repo, direction, rng)


def _alembic_variants(repo, direction, rng):
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda seed: alembic_sql(repo, direction, rng, seed), HASH_SEEDS))
    codes = {r[0] for r in results}
    if codes != {0}:
        bad = next(r for r in results if r[0] != 0)
        return bad[0], [], bad[2]
    variants = []
    for _, out, _ in results:
        if out not in variants:
            variants.append(out)
    return 0, variants, ""


def miglint_sql(miglint, repo, direction, rng):
    cmd = [miglint, "sql", repo, rng, "--format", "text"]
    if direction == "downgrade":
        cmd.append("--downgrade")
    return run(cmd)


def normalize(miglint, text):
    """The normalised lines of a SQL text, or (None, error) when it does not parse."""
    code, out, err = run([miglint, "normalize-sql", "-"], stdin=text)
    if code != 0:
        return None, err.strip() or f"normalize-sql exited {code}"
    return out.splitlines(), ""


# ---------------------------------------------------------------------------------------------
# Deliberate differences: each replaces Alembic's normalised statement by miglint's (or drops
# it, or drops a statement only miglint prints), so the rest still compares exactly.


def deliberate_rewrites(miglint, repo_name):
    rewrites = []
    for d in DELIBERATE_DIFFERENCES:
        if not re.fullmatch(d["repo"], repo_name):
            continue
        a = normalize(miglint, d["alembic"])[0] if d.get("alembic") else []
        m = normalize(miglint, d["miglint"])[0] if d.get("miglint") else []
        rewrites.append((a, m))
    return rewrites


def apply_rewrites(alembic_lines, miglint_lines, rewrites):
    for a, m in rewrites:
        if a:
            out, i = [], 0
            while i < len(alembic_lines):
                if alembic_lines[i:i + len(a)] == a:
                    out.extend(m)
                    i += len(a)
                else:
                    out.append(alembic_lines[i])
                    i += 1
            alembic_lines = out
        elif m:
            miglint_lines = [l for l in miglint_lines if l not in m]
    return alembic_lines, miglint_lines


# ---------------------------------------------------------------------------------------------
# The differential test


def repo_dirs(root):
    return sorted(d for d in os.listdir(root) if os.path.isfile(os.path.join(root, d, "alembic.ini")))


def differential(miglint, root):
    passed = failed = compared = differing = 0
    for name in repo_dirs(root):
        repo = os.path.join(root, name)
        rewrites = deliberate_rewrites(miglint, name)
        for direction, rng, *expect in RANGES.get(name, []):
            label = f"{name}: {direction} {rng}"
            code, a_texts, a_err = alembic_variants(repo, direction, rng)
            if expect == ["error"]:
                # Alembic refuses the range (ambiguous heads): miglint must refuse it too.
                m_code = miglint_sql(miglint, repo, direction, rng)[0]
                if code != 0 and m_code != 0:
                    print(f"ok   {label} (both refuse it)")
                    passed += 1
                else:
                    print(f"FAIL {label}: alembic exited {code}, miglint sql exited {m_code}; both should fail")
                    failed += 1
                continue
            if code != 0:
                print(f"FAIL {label}: alembic exited {code}\n{a_err}")
                failed += 1
                continue
            code, m_text, m_err = miglint_sql(miglint, repo, direction, rng)
            if code != 0:
                print(f"FAIL {label}: miglint sql exited {code}\n{m_err}")
                failed += 1
                continue
            m_lines, m_error = normalize(miglint, m_text)
            candidates = []  # (differing statements, alembic lines, miglint lines)
            for a_text in a_texts:
                a_lines, a_error = normalize(miglint, a_text)
                if a_lines is None:
                    break
                if m_lines is None:
                    continue
                a_l, m_l = apply_rewrites(a_lines, m_lines, rewrites)
                sm = difflib.SequenceMatcher(a=a_l, b=m_l, autojunk=False)
                bad = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal")
                candidates.append((bad, a_l, m_l))
            if a_lines is None or m_lines is None:
                print(f"FAIL {label}: does not parse: alembic: {a_error or 'ok'}; miglint: {m_error or 'ok'}")
                failed += 1
                continue
            bad, a_lines, m_lines = min(candidates, key=lambda c: c[0])
            # comment lines (`-- Running upgrade …`) are compared but not counted as statements
            n = max(sum(not l.startswith("-- ") for l in a_lines), sum(not l.startswith("-- ") for l in m_lines))
            compared += n
            variants = f", {len(a_texts)} Alembic variants" if len(a_texts) > 1 else ""
            if bad == 0:
                print(f"ok   {label} ({n} statements{variants})")
                passed += 1
                continue
            differing += bad
            print(f"FAIL {label}: {bad} of {n} statements differ (from the closest of {len(a_texts)} Alembic variants)")
            sys.stdout.writelines(difflib.unified_diff(
                [l + "\n" for l in a_lines], [l + "\n" for l in m_lines],
                fromfile=f"alembic {direction} {rng} --sql", tofile=f"miglint sql {rng}", n=2))
            failed += 1
    print(f"{passed} passed, {failed} failed ({compared} statements compared, {differing} differing)")
    return 0 if failed == 0 and passed > 0 else 1


# ---------------------------------------------------------------------------------------------
# Self-test: Alembic renders every range, and the normaliser ignores presentation (see
# sql_oracle_perturb.py) but not meaning


def self_test(miglint, root):
    failures = 0
    checks = 0
    rng = random.Random(20240301)
    for name in repo_dirs(root):
        repo = os.path.join(root, name)
        names = identifier_names(repo)
        for direction, r, *expect in RANGES.get(name, []):
            label = f"{name}: {direction} {r}"
            code, text, err = alembic_sql(repo, direction, r, seed=0)
            checks += 1
            if expect == ["error"]:
                if code == 0:
                    print(f"FAIL {label}: Alembic accepts a range listed as refused")
                    failures += 1
                else:
                    print(f"ok   {label} (Alembic refuses it)")
                continue
            if code != 0:
                print(f"FAIL {label}: alembic exited {code}\n{err}")
                failures += 1
                continue
            base, error = normalize(miglint, text)
            if base is None:
                print(f"FAIL {label}: Alembic's output does not parse: {error}")
                failures += 1
                continue
            statements = [l for l in base if not l.startswith("-- ")]
            if not statements or not any("TransactionStmt" in l for l in base):
                print(f"FAIL {label}: no statements or no transaction statements")
                failures += 1
                continue
            bad = 0
            for i in range(3):
                variant = perturb(text, names, rng)
                lines, error = normalize(miglint, variant)
                checks += 1
                if lines != base:
                    bad += 1
                    print(f"FAIL {label}: perturbation {i} normalises differently: {error}")
                    if lines is not None:
                        sys.stdout.writelines(difflib.unified_diff(
                            [l + "\n" for l in base], [l + "\n" for l in lines], n=1))
                    else:
                        print(variant)
            # ... but does see every change of meaning
            for what, variant in mutations(text, names):
                lines, _ = normalize(miglint, variant)
                checks += 1
                if lines == base:
                    bad += 1
                    print(f"FAIL {label}: normalising hides a change: {what}")
            failures += bad
            if not bad:
                print(f"ok   {label} ({len(statements)} statements, {len(base) - len(statements)} comments)")
    # the checklist: each item of the issue is used by the repository that claims it
    sources = {}
    for name in repo_dirs(root):
        text = ""
        for dirpath, _, files in os.walk(os.path.join(root, name)):
            for f in sorted(files):
                if f.endswith(".py"):
                    text += open(os.path.join(dirpath, f)).read()
        sources[name] = text
    for item, repo, pattern in COVERAGE:
        checks += 1
        if not re.search(pattern, sources.get(repo, ""), re.M):
            print(f"FAIL coverage: {item!r} not found in {repo} (pattern {pattern!r})")
            failures += 1
    print(f"coverage: {len(COVERAGE)} checklist items")
    print(f"{checks - failures} passed, {failures} failed")
    return 1 if failures else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--miglint", required=True)
    ap.add_argument("--repos", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "sql"))
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("--alembic-cache", help="folder keeping Alembic's outputs between runs")
    args = ap.parse_args()
    global ALEMBIC_CACHE
    ALEMBIC_CACHE = args.alembic_cache
    root = os.path.abspath(args.repos)
    return self_test(args.miglint, root) if args.self_test else differential(args.miglint, root)


if __name__ == "__main__":
    sys.exit(main())
