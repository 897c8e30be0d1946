#!/usr/bin/env python3
"""Checks miglint's CI formats on the real binary with independent readers.

  sarif   validates `--format sarif` against the SARIF 2.1.0 JSON schema (python3-jsonschema),
          plus what the schema cannot say and GitHub code scanning needs (absolute helpUri,
          a region on every location, fingerprints, ruleIndex pointing at ruleId).
  junit   parses `--format junit` with Python's XML parser and checks the counts.
  gitlab  checks `--format gitlab` for the fields GitLab's Code Quality report requires.
  github  checks that every workflow command line unescapes back to the JSON findings.

Usage: check_ci_formats.py KIND MIGLINT REPO_ROOT [SCHEMA]
Exits 77 (ctest: skipped) for `sarif` when the schema file is absent: scripts/install-deps.sh
fetches it; without npm access that one check is skipped with a message.
"""
import json
import os
import re
import subprocess
import sys
import urllib.parse
import xml.etree.ElementTree as ET

# The example repository, and a small project whose text has non-ASCII characters and XML/Markdown
# metacharacters in its findings.
PROJECTS = [
    "fixtures/credit_system/src/control_plane/credit_system/app",
    "tests/data/ci_formats",
]
DOCS = "https://example.test/miglint/docs/rules/"


def run(miglint, root, project, fmt):
    env = dict(os.environ)
    env.pop("ALEMBIC_CONFIG", None)
    proc = subprocess.run([miglint, "check", project, "--format", fmt, "--docs-url", DOCS],
                          cwd=root, capture_output=True, text=True, timeout=120, env=env)
    if proc.returncode not in (0, 1):
        sys.exit(f"miglint exited {proc.returncode}: {proc.stderr}")
    return proc.stdout


def findings(miglint, root, project):
    return json.loads(run(miglint, root, project, "json"))["diagnostics"]


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def check_sarif(miglint, root, schema_path):
    if not os.path.exists(schema_path):
        print(f"SKIP: no SARIF schema at {schema_path} (scripts/install-deps.sh fetches it with npm)")
        sys.exit(77)
    import jsonschema
    with open(schema_path) as f:
        schema = json.load(f)
    validator = jsonschema.Draft4Validator(schema)
    for project in PROJECTS:
        log = json.loads(run(miglint, root, project, "sarif"))
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
        for e in errors[:10]:
            print(f"{project}: {'/'.join(map(str, e.path))}: {e.message}")
        if errors:
            fail(f"{project}: {len(errors)} schema violation(s)")
        expected = findings(miglint, root, project)
        run_ = log["runs"][0]
        rules = run_["tool"]["driver"]["rules"]
        results = run_["results"]
        if len(results) != len(expected) or not results:
            fail(f"{project}: {len(results)} results for {len(expected)} findings")
        for uri in [run_["tool"]["driver"]["informationUri"]] + [r["helpUri"] for r in rules]:
            if not urllib.parse.urlparse(uri).scheme:
                fail(f"not an absolute URI: {uri}")
        for r, d in zip(results, expected):
            if rules[r["ruleIndex"]]["id"] != r["ruleId"] or r["ruleId"] != d["rule"]:
                fail(f"ruleIndex/ruleId mismatch: {r['ruleId']}")
            if not r["partialFingerprints"]:
                fail("no fingerprint")
            for loc in r["locations"] + r.get("relatedLocations", []):
                region = loc["physicalLocation"].get("region")
                if d["start"] is not None and not region:
                    fail("a location without a region")
            region = r["locations"][0]["physicalLocation"]["region"]
            if (region["startLine"], region["startColumn"]) != (d["start"]["line"], d["start"]["column"]):
                fail(f"{r['ruleId']}: region {region} is not at {d['start']}")
            if (region["endLine"], region["endColumn"]) != (d["end"]["line"], d["end"]["column"]):
                fail(f"{r['ruleId']}: region {region} does not end at {d['end']}")
            if bool(d["fix"]) != ("fixes" in r):
                fail(f"{r['ruleId']}: fix missing or extra")
        print(f"{project}: {len(results)} results valid")


def check_junit(miglint, root):
    for project in PROJECTS:
        text = run(miglint, root, project, "junit")
        suites = ET.fromstring(text.encode("utf-8"))
        expected = findings(miglint, root, project)
        cases = suites.findall("./testsuite/testcase")
        failures = suites.findall("./testsuite/testcase/failure")
        if suites.tag != "testsuites" or int(suites.get("tests")) != len(cases) or len(failures) != len(expected):
            fail(f"{project}: {len(cases)} testcases, {len(failures)} failures for {len(expected)} findings")
        for f, d in zip(failures, expected):
            if f.get("message") != d["message"] or d["message"] not in f.text:
                fail(f"{project}: failure message {f.get('message')!r} is not {d['message']!r}")
        print(f"{project}: {len(failures)} failures well-formed")


def check_gitlab(miglint, root):
    for project in PROJECTS:
        issues = json.loads(run(miglint, root, project, "gitlab"))
        expected = findings(miglint, root, project)
        if len(issues) != len(expected):
            fail(f"{project}: {len(issues)} issues for {len(expected)} findings")
        prints = set()
        for i, d in zip(issues, expected):
            # GitLab's Code Quality report: description, check_name, fingerprint, severity,
            # location.path and location.lines.begin (or positions.begin.line) are required.
            for key in ("description", "check_name", "fingerprint", "severity"):
                if not isinstance(i.get(key), str) or not i[key]:
                    fail(f"{project}: {key} missing in {i}")
            if i["severity"] not in ("info", "minor", "major", "critical", "blocker"):
                fail(f"bad severity {i['severity']}")
            if not re.fullmatch(r"[0-9a-f]{32}", i["fingerprint"]):
                fail(f"fingerprint is not MD5 hex: {i['fingerprint']}")
            prints.add(i["fingerprint"])
            loc = i["location"]
            if loc["path"] != d["path"] or os.path.isabs(loc["path"]):
                fail(f"path {loc['path']} is not {d['path']}")
            if loc["lines"]["begin"] != (d["start"]["line"] if d["start"] else 1):
                fail(f"lines.begin {loc['lines']} for {d['start']}")
        if len(prints) != len(issues):
            fail(f"{project}: fingerprints are not unique")
        print(f"{project}: {len(issues)} issues complete")


def unescape(text, prop):
    if prop:
        text = text.replace("%3A", ":").replace("%2C", ",")
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def check_github(miglint, root):
    for project in PROJECTS:
        lines = run(miglint, root, project, "github").splitlines()
        expected = findings(miglint, root, project)
        if len(lines) != len(expected):
            fail(f"{project}: {len(lines)} lines for {len(expected)} findings")
        for line, d in zip(lines, expected):
            m = re.fullmatch(r"::(error|warning|notice) ([^:]*)::(.*)", line)
            if not m:
                fail(f"not a workflow command: {line}")
            level = {"error": "error", "warning": "warning", "info": "notice"}[d["severity"]]
            props = dict(p.split("=", 1) for p in m.group(2).split(","))
            props = {k: unescape(v, True) for k, v in props.items()}
            if m.group(1) != level or props["title"] != d["rule"] or props["file"] != d["path"]:
                fail(f"{line} does not match {d}")
            if int(props["line"]) != d["start"]["line"] or int(props["endLine"]) != d["end"]["line"]:
                fail(f"lines of {line}")
            if "col" in props and int(props["col"]) != d["start"]["column"]:
                fail(f"column of {line}")
            if not unescape(m.group(3), False).startswith(d["message"]):
                fail(f"message of {line}")
        print(f"{project}: {len(lines)} annotations match")


def main():
    kind, miglint, root = sys.argv[1:4]
    if kind == "sarif":
        check_sarif(miglint, root, sys.argv[4])
    else:
        {"junit": check_junit, "gitlab": check_gitlab, "github": check_github}[kind](miglint, root)
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
