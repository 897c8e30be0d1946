#!/usr/bin/env python3
"""Runs one rule's fixtures through the real CLI and compares with hand-written expectations.

Each fixtures/<rule-id>/<case>/ is a small repository. Its expected.txt lists one line per finding
of that rule, `<path relative to the case>:<line>: <rule-id>`, sorted, then `exit: <code>`.
The case is checked with `miglint check <case> --select <rule-id> --format json` run from inside
the case folder, so paths are relative to it. A case may hold an `args` file: more arguments, one
per line, appended to that command (e.g. `--select` and another rule, for rules such as
unused-suppression whose findings depend on which other rules run); only findings of <rule-id>
are compared.

A case that holds a `git-base/` folder is about changes (modified-revision): it runs in a
temporary git repository whose one commit holds git-base/'s files, with the case's own files and
folders replacing git-base's of the same name and staged (as a commit about to be made would
have them, so git sees renames), and `--since HEAD` appended.

Usage: run_fixtures.py MIGLINT FIXTURES_DIR RULE_ID [--update]
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

CASE_FILES = {"expected.txt", "args", "git-base"}


def git_case(case_dir, temp):
    """Builds the repository a `git-base/` case describes in `temp`; returns the folder to run in."""
    repo = os.path.join(temp, "repo")
    shutil.copytree(os.path.join(case_dir, "git-base"), repo)
    git = ["git", "-C", repo, "-c", "user.name=miglint", "-c", "user.email=miglint@example.com",
           "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "base"]):
        subprocess.run(git + args, check=True, capture_output=True)
    for name in os.listdir(case_dir):
        if name in CASE_FILES:
            continue
        src, dst = os.path.join(case_dir, name), os.path.join(repo, name)
        if os.path.isdir(src):
            shutil.rmtree(dst, ignore_errors=True)
            shutil.copytree(src, dst)
        else:
            shutil.copy(src, dst)
    subprocess.run(git + ["add", "-A"], check=True, capture_output=True)
    return repo


def actual_for(miglint, case_dir, rule):
    extra = []
    args_path = os.path.join(case_dir, "args")
    if os.path.exists(args_path):
        with open(args_path) as f:
            extra = [a.rstrip("\n") for a in f if a.strip()]
    with tempfile.TemporaryDirectory() as temp:
        run_dir = case_dir
        if os.path.isdir(os.path.join(case_dir, "git-base")):
            run_dir = git_case(case_dir, temp)
            extra += ["--since", "HEAD"]
        proc = subprocess.run([miglint, "check", ".", "--select", rule, "--format", "json"] + extra,
                              cwd=run_dir, capture_output=True, text=True, timeout=60)
    if proc.returncode not in (0, 1, 2) or not proc.stdout.strip():
        return None, proc
    doc = json.loads(proc.stdout)
    lines = sorted({f"{d['path']}:{d['start']['line'] if d['start'] else 0}: {d['rule']}"
                    for d in doc["diagnostics"] if d["rule"] == rule})
    return lines + [f"exit: {proc.returncode}"], proc


def main():
    miglint, fixtures, rule = sys.argv[1:4]
    update = "--update" in sys.argv[4:]
    rule_dir = os.path.join(fixtures, rule)
    cases = sorted(d for d in os.listdir(rule_dir) if os.path.isdir(os.path.join(rule_dir, d)))
    failures = 0
    passed = 0
    if not any(c.startswith("firing") for c in cases) or not any(c.startswith("clean") for c in cases):
        print(f"{rule}: needs at least one firing* and one clean* case, has {cases}")
        failures += 1
    for case in cases:
        case_dir = os.path.join(rule_dir, case)
        expected_path = os.path.join(case_dir, "expected.txt")
        actual, proc = actual_for(miglint, case_dir, rule)
        if actual is None:
            print(f"FAIL {rule}/{case}: miglint exited {proc.returncode}\n{proc.stderr}{proc.stdout}")
            failures += 1
            continue
        if update:
            with open(expected_path, "w") as f:
                f.write("\n".join(actual) + "\n")
            continue
        try:
            with open(expected_path) as f:
                expected = [l.rstrip("\n") for l in f if l.strip()]
        except FileNotFoundError:
            print(f"FAIL {rule}/{case}: no expected.txt")
            failures += 1
            continue
        if case.startswith("firing") and len(expected) < 2:
            print(f"FAIL {rule}/{case}: a firing case must expect at least one finding")
            failures += 1
        if case.startswith("clean") and len(expected) != 1:
            print(f"FAIL {rule}/{case}: a clean case must expect no finding")
            failures += 1
        if actual != expected:
            print(f"FAIL {rule}/{case}:\n  expected: {expected}\n  actual:   {actual}")
            if proc.stdout:
                msgs = [f"    {d['path']}:{d['start']['line'] if d['start'] else 0}: {d['rule']}: {d['message']}"
                        for d in json.loads(proc.stdout)["diagnostics"]]
                print("\n".join(msgs))
            failures += 1
        else:
            print(f"ok   {rule}/{case}")
            passed += 1
    print(f"{passed} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
