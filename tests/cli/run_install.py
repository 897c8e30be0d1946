#!/usr/bin/env python3
"""`cmake --install` into a temporary prefix, then the installed copy run from another folder.

Proves: bin/miglint and share/doc/miglint (docs/*.md, docs/rules/*.md) are installed; the
installed `miglint explain` prints the installed rule page (marked here, so a text read from the
source tree the binary was built from would not match) and works when the prefix is moved
elsewhere (relocation: the page is found from the binary's own location); the installed
`--version` names the PostgreSQL grammar.

Usage: run_install.py BUILD_DIR REPO_ROOT
"""
import os
import shutil
import subprocess
import sys
import tempfile

failures = []


def check(condition, what, output=""):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)
        if output:
            print(output)


def main():
    build, root = sys.argv[1:3]
    with tempfile.TemporaryDirectory(prefix="miglint-install-") as tmp:
        prefix = os.path.join(tmp, "prefix")
        proc = subprocess.run(["cmake", "--install", build, "--prefix", prefix], capture_output=True, text=True)
        if proc.returncode != 0:
            print(proc.stdout + proc.stderr)
            return 1
        exe = os.path.join(prefix, "bin", "miglint")
        doc = os.path.join(prefix, "share", "doc", "miglint")
        check(os.access(exe, os.X_OK), "bin/miglint is installed and executable")
        for rel in ["README.md", "ci.md", "output.md", "configuration.md", "rules/README.md", "rules/multiple-heads.md"]:
            check(os.path.isfile(os.path.join(doc, rel)), f"share/doc/miglint/{rel} is installed")
        rule_pages = sorted(f for f in os.listdir(os.path.join(root, "docs", "rules")) if f.endswith(".md"))
        installed_pages = sorted(os.listdir(os.path.join(doc, "rules")))
        check(rule_pages == installed_pages, "every docs/rules page is installed")

        page = os.path.join(doc, "rules", "multiple-heads.md")
        with open(page, "a") as f:
            f.write("\n<!-- installed copy -->\n")
        elsewhere = os.path.join(tmp, "elsewhere")
        os.makedirs(elsewhere)

        def explain(binary):
            return subprocess.run([binary, "explain", "multiple-heads"], cwd=elsewhere, capture_output=True,
                                  text=True, env={"PATH": "/usr/bin:/bin"})

        out = explain(exe)
        check(out.returncode == 0 and "installed copy" in out.stdout,
              "the installed `miglint explain` prints the installed page", out.stdout + out.stderr)
        with open(os.path.join(root, "docs", "rules", "multiple-heads.md")) as f:
            source_page = f.read()
        check(out.stdout.startswith(source_page), "…which is the source page, installed whole", out.stdout[:400])

        moved = os.path.join(tmp, "moved")
        shutil.move(prefix, moved)
        out = explain(os.path.join(moved, "bin", "miglint"))
        check(out.returncode == 0 and "installed copy" in out.stdout,
              "after moving the prefix, explain still finds the pages next to the binary", out.stdout + out.stderr)

        out = subprocess.run([os.path.join(moved, "bin", "miglint"), "--version"], cwd=elsewhere,
                             capture_output=True, text=True)
        lines = out.stdout.splitlines()
        check(out.returncode == 0 and lines and lines[0].startswith("miglint ")
              and any("PostgreSQL" in l and "grammar" in l for l in lines),
              "the installed `miglint --version` names the version and the PostgreSQL grammar", out.stdout)
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
