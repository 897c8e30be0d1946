#!/usr/bin/python3
"""The bad-input catalogue (issue 8): every bad input miglint's front ends must survive, built at
test time, with the diagnostic each must give. docs/bad-input.md lists the cases and results.

  bad_input.py --miglint BIN --group NAME     run one group (robustness.cmake: one ctest each)
  bad_input.py --miglint BIN                  run them all
  bad_input.py --list                         the groups and their cases
  bad_input.py --miglint BIN --case NAME      one case, printing what miglint said
"""
import argparse
import glob
import html
import importlib
import os
import re
import sys
import time
import traceback

import harness

# Every cases_*.py registers its cases with @harness.case when imported.
for module in sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases_*.py"))):
    importlib.import_module(os.path.splitext(os.path.basename(module))[0])


# The order of the groups in docs/bad-input.md (and robustness.cmake).
GROUP_ORDER = ["encoding", "syntax", "nesting", "files", "config", "graph", "sql", "evaluation", "large"]


def markdown_note(note):
    """One note as a table cell: temporary paths dropped, long messages cut, HTML-escaped (the
    messages hold backticks and pipes, which a Markdown code span would not survive)."""
    note = re.sub(r"/tmp/miglint-bad-input-[^/\s']+/p\d+/", "", note)
    note = note.replace("migrations/versions/", "").replace("\n", " ")
    if len(note) > 200:
        note = note[:200] + "…"
    return "<code>%s</code>" % html.escape(note, quote=False).replace("|", "&#124;")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--miglint")
    ap.add_argument("--group", action="append", default=[])
    ap.add_argument("--case", action="append", default=[])
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the temporary projects")
    ap.add_argument("--markdown", help="also write the results as the table rows of docs/bad-input.md")
    args = ap.parse_args()

    groups = sorted({g for g, _, _, _ in harness.CASES})
    if args.list:
        for g, name, title, _ in harness.CASES:
            print("%-12s %-28s %s" % (g, name, title))
        return 0
    if not args.miglint:
        ap.error("--miglint is required")
    args.miglint = os.path.abspath(args.miglint)  # miglint runs from each project's folder
    for g in args.group:
        if g not in groups:
            ap.error("unknown group %s (groups: %s)" % (g, ", ".join(groups)))
    names = {name for _, name, _, _ in harness.CASES}
    for c in args.case:
        if c not in names:
            ap.error("unknown case %s" % c)

    selected = [c for c in harness.CASES
                if (not args.group or c[0] in args.group) and (not args.case or c[1] in args.case)]
    failed = []
    rows = []
    for group, name, title, fn in selected:
        ctx = harness.Context(args.miglint, keep=args.keep)
        start = time.monotonic()
        try:
            fn(ctx)
            status = "ok"
        except Exception as e:  # noqa: BLE001 - a case's failure is reported, the others still run
            status = "FAIL"
            failed.append(name)
            ctx.note("".join(traceback.format_exception_only(type(e), e)).rstrip())
        finally:
            ctx.close()
        print("%-4s %s/%s (%.1fs): %s" % (status, group, name, time.monotonic() - start, title))
        for note in ctx.notes:
            print("       " + note.replace("\n", "\n       "))
        sys.stdout.flush()
        rows.append((GROUP_ORDER.index(group) if group in GROUP_ORDER else len(GROUP_ORDER), group,
                     "| %s | `%s` | %s | %s |" % (html.escape(title, quote=False).replace("|", "&#124;"), name, status,
                                                "<br>".join(markdown_note(n) for n in ctx.notes))))
    if args.markdown:
        with open(args.markdown, "w") as f:
            last = None
            for _, group, row in sorted(rows, key=lambda r: r[0]):  # stable: cases keep their order
                if group != last:
                    f.write("%s\n### %s\n\n| Case | Id | Result | What miglint says (and the oracle) |\n"
                            "| --- | --- | --- | --- |\n" % ("" if last is None else "", group))
                    last = group
                f.write(row + "\n")
    print("%d case%s, %d failed%s" % (len(selected), "" if len(selected) == 1 else "s", len(failed),
                                      ": " + ", ".join(failed) if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
