#!/usr/bin/python3
"""Oracle: compare `miglint dump --ast` with a canonical dump made from CPython's ast module.

Usage: python_ast_oracle.py MIGLINT FILE_OR_DIR...   (directories: every *.py below them)

The canonical format is documented in src/python/ast_dump.h. Deliberate exclusions, both
sides: positions of nodes inside a JoinedStr (CPython 3.11 computes them by searching the
expression text, which is wrong for repeated or multi-line expressions); Constant.kind inside
format specs (3.11 sets it for some parts and not others); `type_comment` and
`type_ignores` fields. Numbers: miglint prints num(<source text>), evaluated here with
ast.literal_eval so that the comparison is with CPython's value.
"""
import ast
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus_files import collect  # noqa: E402

IDENT_FIELDS = {"name", "id", "attr", "arg", "module", "asname", "rest"}
ID_LISTS = {("Global", "names"), ("Nonlocal", "names"), ("MatchClass", "kwd_attrs")}
INT_FIELDS = {"level", "simple", "conversion", "is_async"}
SKIP_FIELDS = {"type_comment", "type_ignores", "type_params"}
OPERATOR_BASES = (ast.operator, ast.unaryop, ast.boolop, ast.cmpop, ast.expr_context)


def fmt_const(v):
    if v is None or v is True or v is False:
        return repr(v)
    if v is Ellipsis:
        return "Ellipsis"
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, bytes):
        return "b" + json.dumps(v.decode("latin-1"))
    return type(v).__name__ + ":" + repr(v)


def has_pos(node):
    return hasattr(node, "lineno") and not isinstance(node, OPERATOR_BASES)


def dump_node(node, indent, label, in_fstring, out):
    kind = type(node).__name__
    line = " " * indent + label + kind
    if has_pos(node) and not in_fstring:
        line += " @%d:%d-%d:%d" % (node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)
    children = []
    for f in node._fields:
        if f in SKIP_FIELDS:
            continue
        v = getattr(node, f, None)
        if (kind, f) in ID_LISTS:
            line += " %s=[%s]" % (f, ",".join(json.dumps(x) for x in v))
        elif kind == "Compare" and f == "ops":
            line += " ops=[%s]" % ",".join(type(o).__name__ for o in v)
        elif kind in ("Constant", "MatchSingleton") and f == "value":
            line += " value=" + fmt_const(v)
        elif kind == "Constant" and f == "kind":
            if in_fstring != 2:  # 3.11 sets kind inconsistently inside format specs
                line += " kind=" + (json.dumps(v) if v is not None else "None")
        elif f in INT_FIELDS:
            line += " %s=%s" % (f, v)
        elif f in IDENT_FIELDS and (v is None or isinstance(v, str)):
            line += " %s=%s" % (f, json.dumps(v) if v is not None else "None")
        elif isinstance(v, OPERATOR_BASES):
            line += " %s=%s" % (f, type(v).__name__)
        else:
            children.append((f, v))
    out.append(line)
    sub_fstring = 2 if kind == "FormattedValue" else (1 if kind == "JoinedStr" and not in_fstring else in_fstring)
    for f, v in children:
        if isinstance(v, list):
            out.append(" " * (indent + 2) + "%s[%d]:" % (f, len(v)))
            for item in v:
                if item is None:
                    out.append(" " * (indent + 4) + "- None")
                else:
                    dump_node(item, indent + 4, "- ", sub_fstring, out)
        elif v is None:
            out.append(" " * (indent + 2) + f + ": None")
        else:
            dump_node(v, indent + 2, f + ": ", sub_fstring, out)


def canonical(source_bytes):
    tree = ast.parse(source_bytes)
    out = []
    dump_node(tree, 0, "", 0, out)
    return "\n".join(out) + "\n"


NUM_RE = re.compile(r"(?<= value=)num\(([^)]*)\)")  # only where miglint prints a number


def normalise_ours(text):
    return NUM_RE.sub(lambda m: fmt_const(ast.literal_eval(m.group(1))), text)


def run_miglint(miglint, files):
    """One process for many files: output sections start with '== path'."""
    res = subprocess.run([miglint, "dump", "--ast"] + files, capture_output=True)
    text = res.stdout.decode("utf-8", "replace")
    if len(files) == 1:
        return {files[0]: text}
    parts, cur = {}, None
    for line in text.splitlines(keepends=True):
        if line.startswith("== ") and line[3:].rstrip("\n") in files_set(files):
            cur = line[3:].rstrip("\n")
            parts[cur] = ""
        elif cur is not None:
            parts[cur] += line
    return parts


_files_set = {}


def files_set(files):
    key = id(files)
    if key not in _files_set:
        _files_set[key] = set(files)
    return _files_set[key]


def main():
    miglint, paths = sys.argv[1], sys.argv[2:]
    files = collect(paths)
    expected = {}
    skipped = 0
    for f in files:
        with open(f, "rb") as fh:
            data = fh.read()
        try:
            expected[f] = canonical(data)
        except SyntaxError:
            skipped += 1  # not valid for CPython 3.11: covered by unit tests instead
    todo = sorted(expected)
    failures = 0
    for i in range(0, len(todo), 500):
        chunk = todo[i:i + 500]
        ours = run_miglint(miglint, chunk)
        for f in chunk:
            got = normalise_ours(ours.get(f, ""))
            if got != expected[f]:
                failures += 1
                if failures <= 5:
                    import difflib
                    diff = difflib.unified_diff(expected[f].splitlines(), got.splitlines(),
                                                "cpython", "miglint", lineterm="", n=2)
                    print("MISMATCH", f)
                    print("\n".join(list(diff)[:60]))
    print("python_ast_oracle: %d files compared, %d mismatches, %d skipped (not valid Python 3.11)"
          % (len(todo), failures, skipped))
    return 1 if failures or not todo else 0


if __name__ == "__main__":
    sys.exit(main())
