#!/usr/bin/env python3
"""Loading and linting on several threads give exactly what one thread gives.

Revision files are read, parsed and linted in parallel (src/base/parallel.cc, used by
src/alembic/project.cc and src/lint/analysis.cc), but only from 32 files on (smaller projects
stay on one thread), so the fixtures never take that path. This test generates a 300-revision
repository (bench/gen_repo.py, deterministic) and runs `check`, `graph` and `sql` with
--jobs 1, 2 and 4: stdout and the exit code must be byte-identical. It is also what puts the
parallel paths under ThreadSanitizer (scripts/test-sanitizers.sh tsan).

Usage: run_parallel.py MIGLINT SOURCE_DIR
"""
import json
import os
import subprocess
import sys
import tempfile

REVISIONS = 300
COMMANDS = [
    ["check", ".", "--format", "json"],
    ["graph", ".", "--format", "json"],
    ["sql", "."],
]


def main():
    miglint, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    failures = 0
    with tempfile.TemporaryDirectory(prefix="miglint-parallel-") as tmp:
        repo = os.path.join(tmp, "repo")
        subprocess.run([sys.executable, os.path.join(root, "bench", "gen_repo.py"), str(REVISIONS), repo],
                       check=True, capture_output=True)
        for command in COMMANDS:
            runs = {}
            for jobs in (1, 2, 4):
                proc = subprocess.run([miglint, *command, "--jobs", str(jobs)], cwd=repo,
                                      capture_output=True, text=True, timeout=600)
                runs[jobs] = proc
                if proc.returncode not in (0, 1):
                    print(f"FAIL {' '.join(command)} --jobs {jobs}: exit {proc.returncode}\n{proc.stderr}")
                    failures += 1
            name = " ".join(command)
            for jobs in (2, 4):
                same = (runs[jobs].returncode, runs[jobs].stdout) == (runs[1].returncode, runs[1].stdout)
                print(("ok   " if same else "FAIL ") + f"{name}: --jobs {jobs} prints what --jobs 1 prints")
                failures += not same
        # The comparison means something only if the run found things all over the history.
        check = subprocess.run([miglint, *COMMANDS[0], "--jobs", "4"], cwd=repo, capture_output=True, text=True,
                               timeout=600)
        files = {d.get("path") for d in json.loads(check.stdout).get("diagnostics", [])}
        spread = len(files) >= 32
        print(("ok   " if spread else "FAIL ") + f"check reports findings in {len(files)} files (at least 32)")
        failures += not spread
    print(f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
