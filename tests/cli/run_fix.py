#!/usr/bin/env python3
"""`miglint check --fix` and `--diff` end to end, on copies of rule fixtures in a temporary folder.

For each case: `--diff` must print a patch that `git apply` turns into exactly what `--fix` then
writes; `--fix` must report `Fixed N finding(s) (M remaining)`, keep file modes, and leave
nothing for a second `--fix`/`--diff` run to do (exit 0, no output).

Usage: run_fix.py MIGLINT REPO_ROOT
"""
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile

# (fixture folder, extra arguments, fixed findings, remaining findings in the JSON output)
CASES = [
    ("unused-suppression/firing",
     ["--select", "unused-suppression,missing-downgrade,docstring-mismatch,sql-syntax-error"], 4, 0),
    ("invalid-suppression/firing", ["--select", "invalid-suppression", "--unsafe-fixes"], 2, 7),
    ("invalid-suppression/firing", ["--select", "invalid-suppression"], 0, 9),
]


def run(miglint, cwd, args):
    return subprocess.run([miglint, "check", "."] + args, cwd=cwd, capture_output=True, text=True, timeout=60)


def snapshot(folder):
    out = {}
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                out[os.path.relpath(path, folder)] = (f.read(), stat.S_IMODE(os.stat(path).st_mode))
    return out


def check_case(miglint, root, fixture, args, fixed, remaining):
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        work = os.path.join(tmp, "fix")
        patched = os.path.join(tmp, "patched")
        shutil.copytree(os.path.join(root, "fixtures", fixture), work)
        os.remove(os.path.join(work, "expected.txt"))
        for name in os.listdir(os.path.join(work, "versions")):
            os.chmod(os.path.join(work, "versions", name), 0o640)
        shutil.copytree(work, patched)
        before = snapshot(work)

        diff = run(miglint, work, args + ["--diff"])
        if snapshot(work) != before:
            problems.append("--diff wrote to the files")
        want_exit = 1 if fixed else 0
        if diff.returncode != want_exit:
            problems.append(f"--diff exited {diff.returncode}, expected {want_exit}: {diff.stderr}")
        if diff.stdout:
            applied = subprocess.run(["git", "apply", "-"], cwd=patched, input=diff.stdout, text=True,
                                     capture_output=True)
            if applied.returncode != 0:
                problems.append(f"git apply failed: {applied.stderr}")

        fix = run(miglint, work, args + ["--fix", "--format", "json"])
        want = f"Fixed {fixed} finding{'' if fixed == 1 else 's'} ({remaining} remaining)\n"
        if fix.stderr != want:
            problems.append(f"--fix said {fix.stderr!r}, expected {want!r}")
        reported = len(json.loads(fix.stdout)["diagnostics"]) if fix.stdout.strip() else -1
        if reported != remaining:
            problems.append(f"--fix reported {reported} findings, expected {remaining}")
        after = snapshot(work)
        if {k: v[0] for k, v in after.items()} != {k: v[0] for k, v in snapshot(patched).items()}:
            problems.append("--fix wrote something else than the --diff patch")
        if {k: v[1] for k, v in after.items()} != {k: v[1] for k, v in before.items()}:
            problems.append("--fix changed a file mode")

        again = run(miglint, work, args + ["--diff"])
        if again.returncode != 0 or again.stdout:
            problems.append(f"a second --diff still finds changes:\n{again.stdout}")
    return problems


def main():
    miglint, root = sys.argv[1:3]
    failed = 0
    for fixture, args, fixed, remaining in CASES:
        problems = check_case(miglint, root, fixture, args, fixed, remaining)
        label = f"{fixture} {' '.join(args)}"
        if problems:
            failed += 1
            print(f"FAIL {label}\n  " + "\n  ".join(problems))
        else:
            print(f"ok   {label}")
    print(f"{len(CASES) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
