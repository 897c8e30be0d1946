"""Revision graphs of every bad shape: cycles (self-loop, 2-cycle, long, reachable from a head,
disconnected from the base, through a merge, through depends_on), compared with what Alembic 1.8's
ScriptDirectory does with the same files; `check`, `graph` and `sql` must all finish."""
from harness import GOOD_ID, alembic_load, case, require, revision_source

CYCLE = "revision-cycle"


def history(ctx, revisions):
    """A project: the good neighbour (base GOOD_ID) and `revisions`, (id, down, depends_on)
    tuples, each in its own clean file <id>_m.py."""
    p = ctx.project()
    good = p.good()
    paths = {}
    for rev, down, deps in revisions:
        extra = "depends_on = %r\n" % (deps,) if deps else ""
        text = revision_source(rev, down).replace("depends_on = None\n", extra or "depends_on = None\n")
        paths[rev] = p.revision("%s_m.py" % rev, text)
    return p, good, paths


def cyclic(ctx, revisions, rule, at, message, alembic_error=True):
    """`check` reports `rule` at paths[at]:line:col with `message`, still lints the good
    neighbour; `graph` prints the history (exit 0); `sql` refuses it (exit 2); Alembic refuses
    it too. `at` = (revision id, line, col)."""
    p, good, paths = history(ctx, revisions)
    r = ctx.check(p)
    r.expect_exit(1)
    rev, line, col = at
    f = r.expect(rule, paths[rev], line, col, message)
    require(len(f["message"]) < 400, "the message should stay short, not list every revision", f["message"][:600])
    r.expect_good(good)
    ctx.note(r.concise(f))
    graph = ctx.miglint_run(p, "graph", ".")
    graph.expect_exit(0)
    graph_json = ctx.miglint_run(p, "graph", ".", "--format", "json")
    graph_json.expect_exit(0)
    sql = ctx.miglint_run(p, "sql", ".", "base:heads")
    sql.expect_exit(2)
    require("cycles" in sql.err, "`sql` should say why it cannot order the history", sql.context)
    verdict = alembic_load(p)
    if alembic_error:
        require(verdict[0] == "reject", "Alembic was expected to refuse this history", verdict)
        ctx.note("Alembic 1.8: %s: %s" % (verdict[1], verdict[2][:160]))
    else:
        require(verdict[0] == "accept", "the Alembic oracle failed", verdict)
        ctx.note("Alembic 1.8: loads it without noticing the cycle (heads %s)" % ",".join(verdict[1]))
    return r, paths


# down_revision's value is on line 2, column 17 of revision_source(); depends_on's on line 4, column 14.
DOWN = (2, 17)
DEPS = (4, 14)


@case("graph", "self-loop", "a revision that names itself as down_revision")
def self_loop(ctx):
    cyclic(ctx, [("1a0000000001", "1a0000000001", None)], "self-referencing-revision",
           ("1a0000000001",) + DOWN, "names itself in `down_revision`")


@case("graph", "two-cycle", "a 2-cycle (a1 -> a2 -> a1)")
def two_cycle(ctx):
    cyclic(ctx, [("1a0000000001", "1a0000000002", None), ("1a0000000002", "1a0000000001", None)], CYCLE,
           ("1a0000000001",) + DOWN, "1a0000000001 -> 1a0000000002 -> 1a0000000001")


@case("graph", "long-cycle", "a cycle of 10,000 revisions (the message stays short)")
def long_cycle(ctx):
    n = 10000
    revs = [("1b%010d" % i, "1b%010d" % ((i - 1) % n), None) for i in range(n)]
    r, _ = cyclic(ctx, revs, CYCLE, ("1b0000000000",) + DOWN, "(10000 revisions)")
    ctx.note("check ran in %.2fs" % r.seconds)


@case("graph", "cycle-from-head", "a cycle reachable from a head (base -> a1 -> a2 -> a3 -> a1, head h)")
def cycle_from_head(ctx):
    # Alembic 1.8 misses this one: the cycle hangs between a base and a head, so its check
    # (revisions not reached walking down from the heads and up from the bases) finds nothing.
    cyclic(ctx, [("1a0000000001", (GOOD_ID, "1a0000000003"), None), ("1a0000000002", "1a0000000001", None),
                 ("1a0000000003", "1a0000000002", None), ("1a00000000ff", "1a0000000003", None)], CYCLE,
           ("1a0000000001",) + DOWN, "1a0000000001 -> 1a0000000002 -> 1a0000000003 -> 1a0000000001",
           alembic_error=False)


@case("graph", "cycle-disconnected", "a cycle disconnected from the base (x1 <-> x2 beside a sound chain)")
def cycle_disconnected(ctx):
    cyclic(ctx, [("1a0000000001", GOOD_ID, None), ("1c0000000001", "1c0000000002", None),
                 ("1c0000000002", "1c0000000001", None)], CYCLE,
           ("1c0000000001",) + DOWN, "1c0000000001 -> 1c0000000002 -> 1c0000000001")


@case("graph", "cycle-through-merge", "a cycle through a merge revision (a1 revises the merge m that revises a1)")
def cycle_through_merge(ctx):
    cyclic(ctx, [("1a0000000001", (GOOD_ID, "1a00000000ee"), None), ("1b0000000001", GOOD_ID, None),
                 ("1a00000000ee", ("1a0000000001", "1b0000000001"), None)], CYCLE,
           ("1a0000000001",) + DOWN, "1a0000000001 -> 1a00000000ee -> 1a0000000001")


@case("graph", "cycle-via-depends-on", "a cycle through depends_on (a1 depends on a2, which revises a1)")
def cycle_via_depends_on(ctx):
    cyclic(ctx, [("1a0000000001", GOOD_ID, "1a0000000002"), ("1a0000000002", "1a0000000001", None)], CYCLE,
           ("1a0000000001",) + DEPS, "through `down_revision` and `depends_on`: 1a0000000001 -> 1a0000000002")


@case("graph", "cycle-via-branch-label", "a cycle through depends_on naming a branch label")
def cycle_via_label(ctx):
    p_revs = [("1a0000000001", GOOD_ID, "1b0000000001"), ("1b0000000001", GOOD_ID, "lab")]
    p, good, paths = history(ctx, p_revs)
    # 1a0000000001 carries the label `lab`
    text = open(p.path(paths["1a0000000001"])).read().replace("branch_labels = None", "branch_labels = ('lab',)")
    p.revision("1a0000000001_m.py", text)
    r = ctx.check(p)
    r.expect_exit(1)
    f = r.expect(CYCLE, paths["1a0000000001"], DEPS[0], DEPS[1], "1a0000000001 -> 1b0000000001 -> 1a0000000001")
    r.expect_good(good)
    ctx.note(r.concise(f))
    verdict = alembic_load(p)
    require(verdict[0] == "reject", "Alembic was expected to refuse this history", verdict)
    ctx.note("Alembic 1.8: %s: %s" % (verdict[1], verdict[2][:160]))


@case("graph", "orphan-and-duplicate", "a revision naming a missing parent, and a duplicate revision id")
def orphan_and_duplicate(ctx):
    p, good, paths = history(ctx, [("1a0000000001", "ffffffffffff", None), ("1a0000000002", GOOD_ID, None)])
    dup = p.revision("1a0000000002_copy.py", revision_source("1a0000000002", GOOD_ID))
    r = ctx.check(p)
    r.expect_exit(1)
    ctx.show(r, "orphan-revision")
    ctx.show(r, "duplicate-revision-id")
    r.expect("orphan-revision", paths["1a0000000001"], *DOWN)
    r.expect("duplicate-revision-id", message="1a0000000002")
    r.expect_good(good)
