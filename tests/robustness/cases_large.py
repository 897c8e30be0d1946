"""Size: a 50 MB revision file, a history of 100,000 revisions in one chain, a cycle of 100,000.
Generated at test time (never committed); the times are printed for docs/bad-input.md."""
import os

from cases_python import BAD_ID, HEADER
from harness import GOOD_ID, alembic_load, case, cpython_parse, require, revision_source


@case("large", "file-50mb", "a 50 MB revision file (1.4 million rows of literal data), a finding on its last line")
def file_50mb(ctx):
    p = ctx.project()
    good = p.good()
    row = '    ("abcdefghijklmnop", 1234567890, None, True, 3.5, "qrstuvwxyz"),\n'
    rows = (50 << 20) // len(row) + 1
    tail = 'from alembic import op\n\n\ndef upgrade():\n    op.drop_table("big")\n\n\ndef downgrade():\n    pass\n'
    text = HEADER + "ROWS = [\n" + row * rows + "]\n" + tail
    bad = p.revision(BAD_ID + "_big.py", text)
    size = os.path.getsize(p.path(bad))
    require(size >= 50 << 20, "the file should be at least 50 MB", size)
    line = text.count("\n", 0, text.index('op.drop_table("big")')) + 1
    r = ctx.check(p, timeout=300)
    r.expect_exit(1)
    r.expect("drop-table", bad, line, 5)  # offsets and line numbers hold 50 MB in
    r.expect_none("python-syntax-error", bad)
    r.expect_good(good)
    ctx.note("%.1f MB, %d lines: check %.2fs (%.2fs CPU), peak memory %d MB; drop-table found at line %d"
             % (size / 1e6, text.count("\n"), r.seconds, r.cpu_seconds, r.max_rss_kb >> 10, line))
    accepted, _, _, message = cpython_parse(p.path(bad), timeout=900)
    require(accepted, "CPython rejects the 50 MB file: " + message)
    ctx.note("CPython: accepted")


def chain(ctx, n, cycle=False):
    """GOOD_ID, then n revisions in one chain (the first revising GOOD_ID), each a clean file;
    with `cycle`, the first revises the last instead. Returns (project, good, last id)."""
    p = ctx.project()
    good = p.good()
    ids = ["%012x" % (0x500000000000 + i) for i in range(n)]
    for i, rev in enumerate(ids):
        down = (ids[-1] if cycle else GOOD_ID) if i == 0 else ids[i - 1]
        with open(os.path.join(p.versions, rev + "_step.py"), "w") as f:
            f.write(revision_source(rev, down))
    return p, good, ids


@case("large", "chain-100k", "a history of 100,000 revisions in one chain (no recursion limit; one head)")
def chain_100k(ctx):
    p, good, ids = chain(ctx, 100000)
    r = ctx.check(p, timeout=600)
    r.expect_exit(1)  # the good neighbour's findings, nothing else
    r.expect_good(good)
    others = [f for f in r.findings() if GOOD_ID not in f["path"]]
    require(not others, "expected no finding in the chain", "\n".join(r.concise(f) for f in others[:10]))
    g = ctx.miglint_run(p, "graph", ".", "--format", "json", timeout=600)
    g.expect_exit(0)
    import json
    doc = json.loads(g.out)
    require(doc["heads"] == [ids[-1]] and doc["bases"] == [GOOD_ID],
            "expected one head %s and one base" % ids[-1], doc["heads"][:5], doc["bases"][:5])
    s = ctx.miglint_run(p, "sql", ".", "base:head", timeout=600)
    s.expect_exit(0)
    require(s.out.count("UPDATE alembic_version") == 100000, "expected 100,000 version updates in the script")
    ctx.note("check %.2fs (%.2fs CPU, peak %d MB), graph %.2fs (%.2fs CPU), sql base:head %.2fs (%.2fs CPU); one head: %s"
             % (r.seconds, r.cpu_seconds, r.max_rss_kb >> 10, g.seconds, g.cpu_seconds, s.seconds, s.cpu_seconds, ids[-1]))


@case("large", "chain-5000-alembic", "a 5,000-revision chain against Alembic's ScriptDirectory (heads and bases agree)")
def chain_alembic(ctx):
    # Alembic imports every file: 100,000 take it over ten minutes, 5,000 about thirty seconds.
    p, good, ids = chain(ctx, 5000)
    g = ctx.miglint_run(p, "graph", ".", "--format", "json")
    g.expect_exit(0)
    import json
    doc = json.loads(g.out)
    verdict = alembic_load(p)
    require(verdict[0] == "accept" and verdict[1] == doc["heads"] and verdict[2] == doc["bases"],
            "Alembic and miglint disagree", verdict, doc["heads"], doc["bases"])
    ctx.note("Alembic 1.8 and miglint: head %s, base %s" % (verdict[1][0], verdict[2][0]))


@case("large", "cycle-100k", "a cycle of 100,000 revisions (the last one revised by the first)")
def cycle_100k(ctx):
    p, good, ids = chain(ctx, 100000, cycle=True)
    r = ctx.check(p, timeout=600)
    r.expect_exit(1)
    f = r.expect("revision-cycle", "migrations/versions/%s_step.py" % ids[0], 2, 17, "(100000 revisions)")
    require(len(f["message"]) < 400 and len(f["notes"]) <= 12, "the finding should stay short",
            len(f["message"]), len(f["notes"]))
    r.expect_good(good)
    g = ctx.miglint_run(p, "graph", ".", timeout=600)
    g.expect_exit(0)
    ctx.note(r.concise(f))
    ctx.note("check %.2fs (%.2fs CPU), graph %.2fs" % (r.seconds, r.cpu_seconds, g.seconds))
