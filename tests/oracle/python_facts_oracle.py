#!/usr/bin/python3
"""Oracle: compare `miglint dump --format json` with the same facts extracted from CPython's
ast module (revision variables with constant folding, docstring header, upgrade/downgrade
body kinds, every call in them with callee, position and keyword names).

Usage: python_facts_oracle.py MIGLINT FILE_OR_DIR...

Positions are CPython's (1-based lines, 0-based UTF-8 byte columns). Docstring header values
are compared by value, and by line when the docstring has no backslash (CPython keeps no map
from decoded characters back to the source).
"""
import ast
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus_files import collect  # noqa: E402

REV_VARS = ("revision", "down_revision", "branch_labels", "depends_on")


def pos(node):
    return {"line": node.lineno, "col": node.col_offset, "end_line": node.end_lineno, "end_col": node.end_col_offset}


DYNAMIC = ("dynamic", [])


def with_span(values, node):
    return [(v, node) for v, _ in values]


class Facts:
    def __init__(self, tree, source):
        self.tree = tree
        self.source = source
        self.env = {}
        self.vars = {name: {"form": "absent"} for name in REV_VARS}
        self.funcs = {"upgrade": {"kind": "absent"}, "downgrade": {"kind": "absent"}}
        self.doc = {"message": None, "revision_id": None, "revises": None, "create_date": None}

    # -- values: (form, [(str, node)])
    def eval(self, e):
        if isinstance(e, ast.Constant):
            if e.value is None:
                return ("none", [])
            if isinstance(e.value, str):
                return ("string", [(e.value, e)])
            return DYNAMIC
        if isinstance(e, ast.JoinedStr):
            if all(isinstance(p, ast.Constant) for p in e.values):
                return ("string", [("".join(p.value for p in e.values), e)])
            return DYNAMIC
        if isinstance(e, ast.Name):
            if e.id not in self.env:
                return DYNAMIC
            form, values = self.env[e.id]
            return (form, with_span(values, e))
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Add):
            l, r = self.eval(e.left), self.eval(e.right)
            if l[0] == "string" and r[0] == "string":
                return ("string", [(l[1][0][0] + r[1][0][0], e)])
            if l[0] == "sequence" and r[0] == "sequence":
                return ("sequence", l[1] + r[1])
            return DYNAMIC
        if isinstance(e, (ast.Tuple, ast.List, ast.Set)):
            out = []
            for el in e.elts:
                x = self.eval(el)
                if x[0] != "string":
                    return DYNAMIC
                out.append(x[1][0])
            return ("sequence", out)
        return DYNAMIC

    def set(self, name, value, stmt):
        if name in REV_VARS:
            form, values = value
            self.vars[name] = {
                "form": form,
                "values": [dict(value=v, **pos(n)) for v, n in values] if form != "dynamic" else [],
                **pos(stmt),
            }
        self.env[name] = value

    def assign(self, target, value, stmt):
        if isinstance(target, ast.Name):
            self.set(target.id, self.eval(value), stmt)
        elif isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List)) \
                and len(target.elts) == len(value.elts):
            vals = [self.eval(v) for v in value.elts]
            for t, v in zip(target.elts, vals):
                if isinstance(t, ast.Name):
                    self.set(t.id, v, stmt)
                else:
                    self.mark_dynamic(t, stmt)
        else:
            self.mark_dynamic(target, stmt)

    def mark_dynamic(self, t, stmt):
        if isinstance(t, ast.Name):
            self.set(t.id, DYNAMIC, stmt)
        elif isinstance(t, (ast.Tuple, ast.List)):
            for e in t.elts:
                self.mark_dynamic(e, stmt)
        elif isinstance(t, ast.Starred):
            self.mark_dynamic(t.value, stmt)

    def dynamic_assignments(self, stmt):
        def visit(n):
            if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load):
                self.set(n.id, DYNAMIC, stmt)
            elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name in REV_VARS:
                self.set(n.name, DYNAMIC, stmt)
            elif isinstance(n, ast.alias):
                self.set(n.asname or n.name.split(".")[0], DYNAMIC, stmt)
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                return
            for c in ast.iter_child_nodes(n):
                visit(c)
        visit(stmt)

    def docstring(self, stmt):
        if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)):
            return
        text = stmt.value.value
        seg = ast.get_source_segment(self.source, stmt.value) or ""
        exact_lines = "\\" not in seg
        first = True
        for i, raw_line in enumerate(text.split("\n")):
            line = raw_line.lstrip(" \t")
            line_no = stmt.value.lineno + i if exact_lines else None

            def piece(s):
                s = s.strip(" \t").rstrip("\r")
                s = s.rstrip(" \t\r")
                return {"value": s, "line": line_no}
            if first and line.strip(" \t\r"):
                self.doc["message"] = piece(line)
                first = False
            for key, slot in (("Revision ID:", "revision_id"), ("Revises:", "revises"), ("Create Date:", "create_date")):
                if line.startswith(key) and self.doc[slot] is None:
                    self.doc[slot] = piece(line[len(key):])

    def function(self, d):
        trivial = lambda s: isinstance(s, ast.Pass) or (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)
                                                         and (s.value.value is Ellipsis or isinstance(s.value.value, str)))
        rest = [s for s in d.body if not trivial(s)]
        kind = "empty" if not rest else ("only_raises" if all(isinstance(s, ast.Raise) for s in rest) else "implemented")
        calls = []
        for s in d.body:
            for n in ast.walk(s):
                if isinstance(n, ast.Call):
                    calls.append(n)
        calls.sort(key=lambda c: (c.lineno, c.col_offset, -c.end_lineno, -c.end_col_offset))
        return {"kind": kind, **pos(d), "calls": [
            {"callee": callee(c.func), **pos(c), "keywords": [k.arg if k.arg is not None else "**" for k in c.keywords]}
            for c in calls]}

    def run(self):
        for i, s in enumerate(self.tree.body):
            if i == 0:
                self.docstring(s)
            if isinstance(s, ast.Assign):
                for t in s.targets:
                    self.assign(t, s.value, s)
            elif isinstance(s, ast.AnnAssign):
                if s.value is not None:
                    self.assign(s.target, s.value, s)
            elif isinstance(s, ast.AugAssign):
                if isinstance(s.target, ast.Name):
                    self.set(s.target.id, DYNAMIC, s)
            elif isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if s.name in self.funcs:
                    self.funcs[s.name] = self.function(s)
                self.env.pop(s.name, None)
            else:
                self.dynamic_assignments(s)


def callee(e):
    if isinstance(e, ast.Name):
        return e.id
    if isinstance(e, ast.Attribute):
        return callee(e.value) + "." + e.attr
    if isinstance(e, ast.Call):
        return callee(e.func) + "()"
    if isinstance(e, ast.Subscript):
        return callee(e.value) + "[]"
    return "?"


def expected_facts(path, data):
    tree = ast.parse(data)
    source = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    f = Facts(tree, source)
    f.run()
    return {"revision": f.vars["revision"], "down_revision": f.vars["down_revision"],
            "branch_labels": f.vars["branch_labels"], "depends_on": f.vars["depends_on"],
            "doc": f.doc, "upgrade": f.funcs["upgrade"], "downgrade": f.funcs["downgrade"], "diagnostics": []}


def ours_comparable(j):
    out = dict(j)
    out.pop("path")
    for k, v in out["doc"].items():
        if v is not None:
            out["doc"][k] = {"value": v["value"], "line": v["line"]}
    return out


def align_doc(expected, ours):
    for k, v in expected["doc"].items():
        if v is not None and v["line"] is None and ours["doc"].get(k):
            v["line"] = ours["doc"][k]["line"]  # not checkable without a source map


def main():
    miglint, paths = sys.argv[1], sys.argv[2:]
    files = collect(paths)
    expected, skipped = {}, 0
    for f in files:
        with open(f, "rb") as fh:
            data = fh.read()
        try:
            expected[f] = expected_facts(f, data)
        except SyntaxError:
            skipped += 1
    todo = sorted(expected)
    failures = 0
    for i in range(0, len(todo), 500):
        chunk = todo[i:i + 500]
        res = subprocess.run([miglint, "dump", "--format", "json"] + chunk, capture_output=True)
        lines = res.stdout.decode("utf-8").splitlines()
        if len(lines) != len(chunk):
            print("expected %d JSON lines, got %d" % (len(chunk), len(lines)))
            return 1
        for f, line in zip(chunk, lines):
            ours = json.loads(line)
            if ours["path"] != f:
                print("path mismatch", ours["path"], f)
                failures += 1
                continue
            ours = ours_comparable(ours)
            exp = expected[f]
            align_doc(exp, ours)
            if ours != exp:
                failures += 1
                if failures <= 5:
                    print("MISMATCH", f)
                    for k in exp:
                        if exp[k] != ours.get(k):
                            print("  %s:\n    cpython: %s\n    miglint: %s" % (k, json.dumps(exp[k]), json.dumps(ours.get(k))))
    print("python_facts_oracle: %d files compared, %d mismatches, %d skipped (not valid Python 3.11)"
          % (len(todo), failures, skipped))
    return 1 if failures or not todo else 0


if __name__ == "__main__":
    sys.exit(main())
