#!/usr/bin/env python3
"""CLI snapshot tests: every user-visible output format and exit code, run through the real binary.

Each tests/cli/snapshots/<case>/ holds `args` (one argument per line; `{app}` is the example
project), and `expected` (the exit code on the first line as `exit: N`, then stdout, then a line
`--- stderr ---` and stderr). Cases run from the repository root so paths are relative and stable.

Usage: run_snapshots.py MIGLINT REPO_ROOT [CASE] [--update]
Review changes to `expected` files in the diff: they are what users see.
"""
import os
import subprocess
import sys

APP = "fixtures/credit_system/src/control_plane/credit_system/app"


def run_case(miglint, root, case_dir):
    with open(os.path.join(case_dir, "args")) as f:
        args = [a.rstrip("\n").replace("{app}", APP) for a in f if a.strip()]
    env = dict(os.environ)
    env.pop("ALEMBIC_CONFIG", None)
    env["NO_COLOR"] = "1"
    proc = subprocess.run([miglint] + args, cwd=root, capture_output=True, text=True, timeout=60, env=env)
    return f"exit: {proc.returncode}\n{proc.stdout}--- stderr ---\n{proc.stderr}"


def main():
    miglint, root = sys.argv[1:3]
    rest = [a for a in sys.argv[3:] if not a.startswith("--")]
    update = "--update" in sys.argv
    base = os.path.join(root, "tests", "cli", "snapshots")
    cases = rest or sorted(os.listdir(base))
    passed = failed = 0
    for case in cases:
        case_dir = os.path.join(base, case)
        actual = run_case(miglint, root, case_dir)
        path = os.path.join(case_dir, "expected")
        if update:
            with open(path, "w") as f:
                f.write(actual)
            continue
        with open(path) as f:
            expected = f.read()
        if actual == expected:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {case}")
            import difflib
            sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                       "expected", "actual"))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
