#!/usr/bin/env python3
"""The CI integration files parse as YAML and say what docs/ci.md promises.

action.yml (a composite action with the documented inputs, installing, caching, building,
uploading SARIF and annotating), .github/workflows/ci.yml (the test job untouched, plus a job
that runs the action with `uses: ./` on the example), .pre-commit-hooks.yaml (hook `miglint`
whose `files` pattern selects revision files and nothing else), and every ```yaml block of
docs/ci.md (a recipe users copy must at least parse).

Usage: run_ci_files.py REPO_ROOT
"""
import os
import re
import sys

import yaml

failures = []


def check(condition, what, detail=""):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)
        if detail:
            print(detail)


def load(root, rel):
    with open(os.path.join(root, rel)) as f:
        return yaml.safe_load(f)


def action(root):
    a = load(root, "action.yml")
    check(a["runs"]["using"] == "composite", "action.yml is a composite action")
    check(set(a["inputs"]) == {"path", "since", "args", "sarif", "version"}, "action.yml has the documented inputs",
          str(list(a["inputs"])))
    check(a["inputs"]["since"]["default"] == "${{ github.base_ref }}", "`since` defaults to the pull request's base")
    steps = a["runs"]["steps"]
    # Composite run steps must name their shell, or the runner refuses the action.
    check(all("shell" in s for s in steps if "run" in s), "every run step of action.yml names its shell")
    uses = [s.get("uses", "") for s in steps]
    check(any(u.startswith("actions/cache@") for u in uses), "action.yml caches the build")
    check(any(u.startswith("github/codeql-action/upload-sarif@") for u in uses), "action.yml uploads SARIF")
    runs = "\n".join(s.get("run", "") for s in steps)
    check("scripts/install-deps.sh\" --build" in runs, "action.yml installs the Debian dependencies")
    check("--format sarif" in runs and "--format github" in runs, "action.yml writes SARIF and annotations")
    check('"${since[@]}"' in runs and 'since=(--since "$BASE")' in runs, "action.yml passes --since the base")
    ids = [s.get("id") for s in steps]
    for output in a["outputs"].values():
        m = re.fullmatch(r"\$\{\{ steps\.([\w-]+)\.outputs\.[\w-]+ \}\}", output["value"])
        check(m is not None and m.group(1) in ids, f"action output {output['value']} names a step of the action")
    # Inputs reach scripts through env, never pasted into the script text (no shell injection).
    for s in steps:
        if "run" in s:
            check("inputs." not in s["run"], f"step `{s['name']}` reads inputs through env only")


def workflow(root):
    w = load(root, ".github/workflows/ci.yml")
    jobs = w["jobs"]
    test_runs = [s.get("run", "") for s in jobs["test"]["steps"]]
    check(any("bash scripts/test.sh" in r for r in test_runs), "ci.yml still runs the test suite")
    action_steps = [s for job in jobs.values() for s in job["steps"] if s.get("uses") == "./"]
    check(len(action_steps) == 1, "ci.yml runs the action with `uses: ./`")
    if action_steps:
        step = action_steps[0]
        check(step["with"]["path"].startswith("fixtures/credit_system/"), "…on the example project")
        check(step.get("continue-on-error") is True, "…and the example's deliberate errors do not fail the job")


def hooks(root):
    h = load(root, ".pre-commit-hooks.yaml")
    hook = next((x for x in h if x["id"] == "miglint"), None)
    check(hook is not None, ".pre-commit-hooks.yaml defines hook `miglint`")
    if not hook:
        return
    check(hook["entry"] == "miglint check" and hook["language"] == "system" and hook["pass_filenames"] is True,
          "the hook runs `miglint check FILE...` from the system PATH")
    files = re.compile(hook["files"])
    for path in ["alembic/versions/1a2b_create.py", "versions/1a2b_create.py", "app/db/versions/sub/1a2b.py"]:
        check(files.search(path) is not None, f"the hook runs on {path}")
    for path in ["alembic/env.py", "alembic/versions/README", "myversions/x.py", "app/models.py"]:
        check(files.search(path) is None, f"the hook skips {path}")


def docs(root):
    with open(os.path.join(root, "docs", "ci.md")) as f:
        text = f.read()
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    check(len(blocks) >= 3, "docs/ci.md has YAML recipes", str(len(blocks)))
    for i, block in enumerate(blocks, 1):
        try:
            yaml.safe_load(block)
            check(True, f"docs/ci.md yaml block {i} parses")
        except yaml.YAMLError as e:
            check(False, f"docs/ci.md yaml block {i} parses", f"{e}\n{block}")


def main():
    root = sys.argv[1]
    for part in (action, workflow, hooks, docs):
        part(root)
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
