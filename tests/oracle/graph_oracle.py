#!/usr/bin/python3
"""Oracle for the revision graph: Alembic's own ScriptDirectory against `miglint graph --format json`.

For every Alembic project under fixtures/ (a folder with an alembic.ini, or with a versions/
folder) and for graph-shaped repositories generated here at test time, load the history with
Alembic 1.8 and compare heads, bases and, per revision, down_revision, depends_on and the
resolved dependencies with miglint's JSON, and the lines of `alembic history` with
`miglint graph --format text` (as a multiset: ties in the order may differ). Where Alembic itself rejects the history (cycles,
orphans, duplicate ids or labels, bad ids) the comparison is skipped with the reason printed,
and miglint must instead report an error (`miglint check` exits 1, or 2 for an unreadable file).

Run with Debian's /usr/bin/python3 (it sees python3-alembic). Modes:
  graph_oracle.py --miglint BIN --fixtures DIR    full comparison
  graph_oracle.py --alembic-only --fixtures DIR   only the Alembic side: every repository loads
                                                  or is rejected as expected, and the generated
                                                  ones have the heads/bases they were built with
"""
import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
import warnings

from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.util import to_tuple

GRAPH_VARIABLES = ("revision", "down_revision", "branch_labels", "depends_on")


# ---------------------------------------------------------------------------------------------
# Finding and loading repositories with Alembic


def find_projects(root):
    """Folders holding an alembic.ini or a versions/ folder; nested ones are not descended."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        if "alembic.ini" in filenames or "versions" in dirnames:
            out.append(dirpath)
            dirnames[:] = []
        dirnames.sort()
    return sorted(out)


def version_files(project):
    for dirpath, _, filenames in os.walk(project):
        for f in sorted(filenames):
            if f.endswith(".py") and os.path.basename(dirpath) == "versions" and not f.startswith("__init__"):
                yield os.path.join(dirpath, f)


def not_static_reason(project):
    """miglint deliberately leaves computed or missing graph variables out of the graph (they are
    their own findings), so such repositories cannot be compared; say why, or return None.
    miglint must report an error for them instead."""
    for path in version_files(project):
        if not os.path.isfile(path):  # a dangling link: miglint reports unreadable-file
            return "%s: cannot be read" % os.path.relpath(path, project)
        with open(path, encoding="utf-8") as f:
            try:
                tree = ast.parse(f.read(), path)
            except SyntaxError as e:
                return "%s: not valid Python (%s)" % (path, e.msg)
        found = {}
        for node in tree.body:
            if isinstance(node, ast.Assign):
                for t in node.targets:
                    if isinstance(t, ast.Name) and t.id in GRAPH_VARIABLES:
                        found[t.id] = node.value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                if node.target.id in GRAPH_VARIABLES:
                    found[node.target.id] = node.value
        for name in ("revision", "down_revision"):
            if name not in found:
                return "%s: no `%s` variable" % (os.path.relpath(path, project), name)
        values = {}
        for name, value in found.items():
            try:
                values[name] = ast.literal_eval(value)
            except ValueError:
                return "%s: `%s` is not a literal" % (os.path.relpath(path, project), name)
        # The one place miglint deliberately differs: Alembic 1.8 checks only the id for a
        # self-dependency, so `depends_on` naming the revision's own label loads (as a
        # self-loop); miglint reports it as self-referencing-revision and drops the link.
        own = set(to_tuple(values.get("branch_labels"), default=()))
        if own & set(to_tuple(values.get("depends_on"), default=())):
            return "%s: `depends_on` names the revision's own branch label" % os.path.relpath(path, project)
    return None


def load_with_alembic(project):
    """Returns (graph, None) or (None, reason Alembic rejects it). graph = {heads, bases, revisions}."""
    with tempfile.TemporaryDirectory(prefix="miglint-graph-oracle-") as tmp:
        copy = os.path.join(tmp, "project")
        shutil.copytree(project, copy)
        ini = os.path.join(copy, "alembic.ini")
        if not os.path.exists(ini):
            ini = os.path.join(tmp, "alembic.ini")
            with open(ini, "w") as f:
                f.write("[alembic]\nscript_location = %s\n" % copy)
        old_cwd = os.getcwd()
        os.chdir(copy)  # a relative script_location is relative to the working directory
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                script = ScriptDirectory.from_config(Config(ini))
                rmap = script.revision_map
                revision_map = rmap._revision_map
                heads, bases = sorted(rmap.heads), sorted(rmap.bases)
            # Alembic only warns about a duplicate id or a missing down revision (and keeps
            # whichever file it listed last): for a comparison that is a rejection.
            for w in caught:
                text = str(w.message)
                if "present more than once" in text or "is not present" in text:
                    return None, "Alembic warns: %s" % text
        except Exception as e:  # noqa: BLE001 - any Alembic failure is the answer we want
            return None, "Alembic rejects it: %s: %s" % (type(e).__name__, e)
        finally:
            os.chdir(old_cwd)
        # `alembic history` lines (command.history's cmd_format arguments). miglint prints only
        # the docstring's first line, and Alembic joins several labels in set order: compare
        # the first line, and only for revisions with at most one label.
        history = sorted(
            sc.cmd_format(verbose=False, include_branches=True, include_doc=True, include_parents=True).split("\n")[0]
            for sc in script.walk_revisions()
            if len(sc.branch_labels) <= 1)
        revisions = {}
        for key, rev in revision_map.items():
            if rev is None or key != rev.revision:
                continue  # None/() entries and branch-label aliases
            revisions[rev.revision] = {
                "down_revisions": list(to_tuple(rev.down_revision, default=())),
                "depends_on": list(to_tuple(rev.dependencies, default=())),
                # A label and its id both listed resolve twice; Alembic dedupes when it uses them.
                "resolved_depends_on": sorted(set(rev._resolved_dependencies)),
            }
        return {"heads": heads, "bases": bases, "revisions": revisions, "history": history}, None


# ---------------------------------------------------------------------------------------------
# miglint's side


def miglint_graph(miglint, project):
    proc = subprocess.run([miglint, "graph", project, "--format", "json"], capture_output=True, text=True)
    if proc.returncode != 0:
        return None, "miglint graph exited %d: %s" % (proc.returncode, proc.stderr.strip()[:500])
    try:
        data = json.loads(proc.stdout)
    except json.JSONDecodeError as e:
        return None, "miglint graph printed invalid JSON: %s" % e
    revisions = {}
    for r in data.get("revisions", []):
        revisions[r["id"]] = {
            "down_revisions": list(r.get("down_revisions", [])),
            "depends_on": list(r.get("depends_on", [])),
            "resolved_depends_on": sorted(r.get("resolved_depends_on", [])),
        }
    proc = subprocess.run([miglint, "graph", project, "--format", "text"], capture_output=True, text=True)
    if proc.returncode != 0:
        return None, "miglint graph --format text exited %d" % proc.returncode
    multi_label = {r["id"] for r in data.get("revisions", []) if len(r.get("branch_labels", [])) > 1}
    history = sorted(line for line in proc.stdout.splitlines()
                     if line.split(" -> ", 1)[-1].split(" ")[0].rstrip(",") not in multi_label)
    return {"heads": sorted(data.get("heads", [])), "bases": sorted(data.get("bases", [])), "revisions": revisions,
            "history": history}, None


def compare(expected, actual):
    problems = []
    for key in ("heads", "bases"):
        if expected[key] != actual[key]:
            problems.append("%s: Alembic %s, miglint %s" % (key, expected[key], actual[key]))
    e_ids, a_ids = set(expected["revisions"]), set(actual["revisions"])
    if e_ids != a_ids:
        problems.append("revisions only in Alembic: %s; only in miglint: %s" % (sorted(e_ids - a_ids), sorted(a_ids - e_ids)))
    if expected["history"] != actual["history"]:
        only_e = sorted(set(expected["history"]) - set(actual["history"]))
        only_a = sorted(set(actual["history"]) - set(expected["history"]))
        problems.append("history lines only in `alembic history`: %s; only in miglint: %s" % (only_e, only_a))
    for rid in sorted(e_ids & a_ids):
        for field in ("down_revisions", "depends_on", "resolved_depends_on"):
            ev, av = expected["revisions"][rid][field], actual["revisions"][rid][field]
            if ev != av:
                problems.append("%s %s: Alembic %s, miglint %s" % (rid, field, ev, av))
    return problems


# ---------------------------------------------------------------------------------------------
# Generated histories: (name, [(rev, down, labels, depends_on)], heads, bases), the last two as
# built, so the Alembic side can be checked on its own.

GENERATED = [
    ("branch_and_merge",
     [("a1", None, None, None), ("b1", "a1", None, None), ("b2", "a1", None, None),
      ("m1", ("b1", "b2"), None, None), ("c1", "m1", None, None)],
     ["c1"], ["a1"]),
    ("two_unmerged_heads",
     [("a1", None, None, None), ("b1", "a1", None, None), ("b2", "a1", None, None), ("b3", "b2", None, None)],
     ["b1", "b3"], ["a1"]),
    ("expand_contract_by_label",
     [("root", None, None, None), ("e1", "root", ("expand",), None), ("c1", "root", ("contract",), "expand"),
      ("e2", "e1", None, None), ("c2", "c1", None, ("e2",))],
     ["c2", "e2"], ["root"]),
    ("bases_with_own_labels",
     [("x1", None, ("billing",), None), ("x2", "x1", None, None), ("y1", None, ("ledger",), "billing"),
      ("y2", "y1", None, None), ("y3", "y2", None, "x2")],
     ["x2", "y3"], ["x1", "y1"]),
    ("three_way_merge",
     [("a1", None, None, None), ("b1", "a1", None, None), ("b2", "a1", None, None), ("b3", "a1", None, None),
      ("m1", ("b1", "b2", "b3"), None, None)],
     ["m1"], ["a1"]),
    ("dependency_on_ancestor",
     [("a1", None, None, None), ("a2", "a1", None, None), ("a3", "a2", None, ("a1",))],
     ["a3"], ["a1"]),
    ("label_mid_line",
     [("a1", None, None, None), ("a2", "a1", ("core",), None), ("a3", "a2", None, None)],
     ["a3"], ["a1"]),
    ("label_then_fork",
     [("a1", None, None, None), ("a2", "a1", ("core",), None), ("a3", "a2", None, None),
      ("a4", "a2", None, None)],
     ["a3", "a4"], ["a1"]),
    ("effective_head",
     [("x1", None, None, None), ("x2", "x1", None, None), ("y1", None, ("side",), ("x2",)), ("y2", "y1", None, None)],
     ["x2", "y2"], ["x1", "y1"]),
    ("long_chain",
     [("r%04d" % i, None if i == 0 else "r%04d" % (i - 1), None, None) for i in range(400)],
     ["r0399"], ["r0000"]),
    ("own_label_dependency",  # Alembic loads it; miglint reports self-referencing-revision
     [("a1", None, None, None), ("a2", "a1", ("core",), ("core",))],
     None, None),
    ("cycle_rejected",
     [("a1", "a3", None, None), ("a2", "a1", None, None), ("a3", "a2", None, None)],
     None, None),
    ("orphan_rejected",
     [("a1", None, None, None), ("a2", "missing0001", None, None)],
     None, None),
]


def random_history(seed):
    """A seeded random history: merges of up to three parents, extra bases, branch labels, and
    depends_on naming ids or labels. Some are rejected by Alembic (then miglint must error)."""
    import random
    rnd = random.Random(seed)
    revs, labels = [], []
    for i in range(rnd.randint(2, 25)):
        rid = "r%02d" % i
        k = rnd.choice([0, 1, 1, 1, 1, 2, 2, 3]) if i > 2 else (0 if i == 0 else rnd.choice([0, 1]))
        downs = tuple(sorted(rnd.sample([r[0] for r in revs], min(k, len(revs)))))
        down = None if not downs else (downs[0] if len(downs) == 1 else downs)
        label = ("L%d" % i,) if rnd.random() < 0.15 else None
        deps = None
        if revs and rnd.random() < 0.25:
            pool = [r[0] for r in revs] + labels
            deps = tuple(sorted(set(rnd.sample(pool, min(len(pool), rnd.randint(1, 2)))))) or None
        if label:
            labels.append(label[0])
        revs.append((rid, down, label, deps))
    return revs


def write_generated(root, name, revisions):
    versions = os.path.join(root, name, "versions")
    os.makedirs(versions)
    for rev, down, labels, deps in revisions:
        with open(os.path.join(versions, "%s_step.py" % rev), "w") as f:
            f.write('"""step %s\n\nRevision ID: %s\nRevises: %s\nCreate Date: 2024-03-01 10:00:00\n\n"""\n'
                    % (rev, rev, ", ".join(to_tuple(down, default=()))))
            f.write("from alembic import op\nimport sqlalchemy as sa\n\n\n")
            f.write("# revision identifiers, used by Alembic.\n")
            f.write("revision = %r\ndown_revision = %r\nbranch_labels = %r\ndepends_on = %r\n\n\n"
                    % (rev, down, labels, deps))
            f.write("def upgrade() -> None:\n    op.execute(\"SELECT 1\")\n\n\n")
            f.write("def downgrade() -> None:\n    op.execute(\"SELECT 1\")\n")
    return os.path.join(root, name)


# ---------------------------------------------------------------------------------------------


def check_project(project, miglint, built=None):
    """Returns a list of failure messages (empty when it passes or is skipped with a reason)."""
    name = project
    reason = not_static_reason(project)
    if reason:
        # Alembic would run the file to find out; miglint must report it as an error instead.
        expected, rejected = None, reason
    else:
        expected, rejected = load_with_alembic(project)
    if built is not None and not reason:
        heads, bases = built
        if heads is None and expected is not None:
            return ["%s: built to be rejected, but Alembic loads it" % name]
        if heads is not None and expected is None:
            return ["%s: Alembic rejects a history built to load: %s" % (name, rejected)]
        if expected is not None and (expected["heads"] != heads or expected["bases"] != bases):
            return ["%s: built with heads %s bases %s, Alembic says %s %s"
                    % (name, heads, bases, expected["heads"], expected["bases"])]
    if rejected:
        if miglint is None:
            print("skip %s: %s" % (name, rejected))
            return []
        proc = subprocess.run([miglint, "check", project, "--format", "json"], capture_output=True, text=True)
        # 1: error findings; 2: a file or the configuration could not be read (also an error).
        if proc.returncode not in (1, 2):
            return ["%s: %s, but `miglint check` exited %d instead of 1 or 2" % (name, rejected, proc.returncode)]
        print("skip %s: %s (miglint reports an error too)" % (name, rejected))
        return []
    if miglint is None:
        print("ok   %s (Alembic side: %d revisions, heads %s)" % (name, len(expected["revisions"]), expected["heads"]))
        return []
    actual, error = miglint_graph(miglint, project)
    if error:
        return ["%s: %s" % (name, error)]
    problems = compare(expected, actual)
    if problems:
        return ["%s:\n    %s" % (name, "\n    ".join(problems))]
    print("ok   %s (%d revisions)" % (name, len(expected["revisions"])))
    return []


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--miglint", help="the miglint binary")
    parser.add_argument("--fixtures", required=True, help="the fixtures/ folder")
    parser.add_argument("--alembic-only", action="store_true", help="check the Alembic side only")
    parser.add_argument("--random", type=int, default=150, help="seeded random histories to compare (default 150)")
    args = parser.parse_args()
    if not args.alembic_only and not args.miglint:
        parser.error("--miglint is required unless --alembic-only")
    miglint = None if args.alembic_only else os.path.abspath(args.miglint)

    failures = []
    projects = find_projects(args.fixtures)
    if not projects:
        failures.append("no Alembic project found under %s" % args.fixtures)
    for project in projects:
        failures += check_project(project, miglint)
    with tempfile.TemporaryDirectory(prefix="miglint-graph-generated-") as tmp:
        for name, revisions, heads, bases in GENERATED:
            path = write_generated(tmp, name, revisions)
            failures += check_project(path, miglint, built=(heads, bases))
        if miglint is not None:
            for seed in range(args.random):
                failures += check_project(write_generated(tmp, "random_%03d" % seed, random_history(seed)), miglint)

    for f in failures:
        print("FAIL " + f)
    print("%d failure(s)" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
