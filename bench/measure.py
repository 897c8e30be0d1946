#!/usr/bin/env python3
"""Time one command (median wall time of several runs, peak RSS), or print the report.

    measure.py time --label L --runs R [--cwd D] [--ok 0,1] [--no-pycache D] -- CMD ARG...
        Runs CMD once as a warm-up, then R times, and prints one tab-separated
        line: label, median s, min s, max s, peak RSS kB (or -), status.
        An argument `@glob:PATTERN` expands to the sorted files matching
        PATTERN (relative to --cwd), so `cat` gets every file without a shell.
        Peak RSS comes from one more run under `/usr/bin/time -v`.
        A command that is missing, or exits with a code not in --ok, is not
        timed: the status says why and the run goes on.
    measure.py report FILE [--title T]
        Prints the lines collected in FILE as a table, then the ratios and
        the targets of docs/benchmarks.md.

Standard library only; any python3 from 3.10 on will do.
"""
import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

GNU_TIME = "/usr/bin/time"


def expand(argv, cwd):
    out = []
    for arg in argv:
        if arg.startswith("@glob:"):
            files = sorted(glob.glob(arg[len("@glob:"):], root_dir=cwd))
            if not files:
                raise SystemExit("measure.py: %s matches no file" % arg)
            out.extend(files)
        else:
            out.append(arg)
    return out


def pycache_dirs(root):
    return [d for d, _, _ in os.walk(root) if os.path.basename(d) == "__pycache__"]


TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "300"))
TIMED_OUT = 1000  # not an exit status a process can have


def run_once(argv, cwd):
    start = time.perf_counter()
    try:
        proc = subprocess.run(argv, cwd=cwd, stdin=subprocess.DEVNULL, timeout=TIMEOUT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    except subprocess.TimeoutExpired as e:
        return time.perf_counter() - start, TIMED_OUT, e.stderr or b""
    return time.perf_counter() - start, proc.returncode, proc.stderr


def peak_rss_kb(argv, cwd):
    if not os.access(GNU_TIME, os.X_OK):
        return None
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        try:
            subprocess.run([GNU_TIME, "-v", "-o", report.name] + argv, cwd=cwd,
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return None
        for line in report.read().splitlines():
            if "Maximum resident set size" in line:
                return int(line.rsplit(":", 1)[1])
    return None


def describe(code):
    if code == TIMED_OUT:
        return "timed out after %g s" % TIMEOUT
    if code < 0:
        import signal
        try:
            return "killed by %s" % signal.Signals(-code).name
        except ValueError:
            return "killed by signal %d" % -code
    return "exit %d" % code


def first_line(data):
    text = data.decode("utf-8", "replace").strip()
    lines = [l for l in text.splitlines() if l.strip()]
    return lines[-1][:100] if lines else "no message"


def cmd_time(args):
    argv = args.command[1:] if args.command[:1] == ["--"] else args.command
    cwd = args.cwd or os.getcwd()
    ok = {int(c) for c in args.ok.split(",")}

    def emit(median="-", lo="-", hi="-", rss="-", status="ok"):
        print("\t".join([args.label, median, lo, hi, rss, status]))

    if shutil.which(argv[0]) is None:
        return emit(status="not run: %s not found" % argv[0])
    argv = expand(argv, cwd)

    def check_pycache():
        if args.no_pycache:
            found = pycache_dirs(args.no_pycache)
            for d in found:
                shutil.rmtree(d)
            return found
        return []

    check_pycache()
    _, code, err = run_once(argv, cwd)  # warm-up: page cache, dynamic loader
    if code not in ok:
        return emit(status="FAILED (%s): %s" % (describe(code), first_line(err)))
    times = []
    for _ in range(args.runs):
        if check_pycache():
            return emit(status="FAILED: a run left __pycache__ behind (use python3 -B)")
        elapsed, code, err = run_once(argv, cwd)
        if code not in ok:
            return emit(status="FAILED (%s) on a later run: %s" % (describe(code), first_line(err)))
        times.append(elapsed)
    check_pycache()
    rss = peak_rss_kb(argv, cwd)
    status = "ok" if rss is not None else "ok (no %s: peak RSS not measured)" % GNU_TIME
    emit("%.6f" % statistics.median(times), "%.6f" % min(times), "%.6f" % max(times),
         str(rss) if rss is not None else "-", status)


def fmt_time(s):
    if s is None:
        return "-"
    return "%.1f ms" % (s * 1000) if s < 1 else "%.2f s" % s


def fmt_rss(kb):
    return "-" if kb is None else "%.1f MB" % (kb / 1024)


def cmd_report(args):
    rows = []
    with open(args.file) as f:
        for line in f:
            label, med, lo, hi, rss, status = line.rstrip("\n").split("\t")
            num = lambda v: None if v == "-" else float(v)
            rows.append(dict(label=label, med=num(med), lo=num(lo), hi=num(hi),
                             rss=None if rss == "-" else int(rss), status=status))
    if args.title:
        print(args.title)
    width = max(len(r["label"]) for r in rows) + 2
    print("%-*s %10s %10s %10s %10s  %s" % (width, "command", "median", "min", "max", "peak RSS", "status"))
    for r in rows:
        print("%-*s %10s %10s %10s %10s  %s" % (width, r["label"], fmt_time(r["med"]),
              fmt_time(r["lo"]), fmt_time(r["hi"]), fmt_rss(r["rss"]), r["status"]))

    by = {r["label"]: r for r in rows}

    def med(key):
        r = by.get(key)
        return r["med"] if r and r["med"] else None

    def ratio(name, num, den, target=None):
        a, b = med(num), med(den)
        if a is None or b is None:
            missing = num if a is None else den
            print("  %-28s n/a (%s has no time)" % (name, missing))
            return
        verdict = ""
        if target is not None:
            verdict = "  target <= %.1fx: %s" % (target, "met" if a / b <= target else "NOT met")
        print("  %-28s %6.2fx%s" % (name, a / b, verdict))

    print()
    print("ratios (medians):")
    ratio("miglint graph / cat", "miglint graph", "cat", 1.5)
    ratio("miglint check / cat", "miglint check", "cat", 3.0)
    ratio("alembic / miglint check", "alembic heads", "miglint check")
    ratio("ast.parse / miglint check", "python ast.parse", "miglint check")
    if "squawk" in by:
        ratio("squawk / miglint check (1k)", "squawk", "miglint check 1k" if "miglint check 1k" in by else "miglint check")
    for key in ("miglint graph", "miglint check"):
        r = by.get(key)
        if r and r["rss"] is not None:
            print("  %-28s %s  target < 200 MB: %s" % ("peak RSS " + key.split()[1], fmt_rss(r["rss"]),
                  "met" if r["rss"] < 200 * 1024 else "NOT met"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("time")
    t.add_argument("--label", required=True)
    t.add_argument("--runs", type=int, default=5)
    t.add_argument("--cwd")
    t.add_argument("--ok", default="0")
    t.add_argument("--no-pycache", help="fail if a __pycache__ appears under this folder")
    t.add_argument("command", nargs=argparse.REMAINDER)
    r = sub.add_parser("report")
    r.add_argument("file")
    r.add_argument("--title")
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    cmd_time(args) if args.cmd == "time" else cmd_report(args)


if __name__ == "__main__":
    main()
