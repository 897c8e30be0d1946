"""Hostile constant expressions in upgrade(): miglint folds constants statically (op.execute's SQL,
f-strings, `%` and str.format, arithmetic, range), and Python's unbounded ints and strings meet
its 64-bit integers and finite memory here. Each expression must be folded to Python's value or
reported as dynamic-sql (not analysable), never a crash (SIGFPE, an uncaught exception, undefined
behaviour under UBSan) nor a hang (a gigabyte string built byte by byte)."""
from cases_python import BAD_ID, HEADER
from harness import case, require

BAD_NAME = BAD_ID + "_eval.py"
INT64_MIN = "(-9223372036854775807 - 1)"


def evaluate(ctx, expression, expect_sql=None, expect_dynamic=None, timeout=60):
    """upgrade() runs op.execute("SELECT " + str(<expression>)) (or the expression itself when it
    is already SQL text). Either the folded SQL is `expect_sql` (checked with `miglint sql`) or a
    dynamic-sql warning at the op.execute call says `expect_dynamic`."""
    call = '    op.execute("SELECT %%s" %% (%s,))\n' % expression
    text = HEADER + "from alembic import op\n\n\ndef upgrade():\n" + call + \
        "\n\ndef downgrade():\n    op.execute(\"SELECT 1\")\n"
    p = ctx.project()
    good = p.good()
    bad = p.revision(BAD_NAME, text)
    r = ctx.check(p, timeout=timeout)
    r.expect_exit(1)
    r.expect_good(good)
    if expect_dynamic is not None:
        f = r.expect("dynamic-sql", bad, 7, 16, expect_dynamic)
        ctx.note(r.concise(f)[:300])
    s = ctx.miglint_run(p, "sql", ".", "base:heads", timeout=timeout)
    if expect_sql is not None:
        r.expect_none("dynamic-sql", bad)
        s.expect_exit(0)
        require(expect_sql in s.out, "expected %r in `miglint sql`" % expect_sql, s.context)
        ctx.note("folded: %s" % expect_sql[:120])
    ctx.note("%.2fs" % r.seconds)


@case("evaluation", "floordiv-overflow", "INT64_MIN // -1 (SIGFPE in 64-bit division)")
def floordiv_overflow(ctx):
    evaluate(ctx, INT64_MIN + " // -1", expect_dynamic="integer too large to fold")


@case("evaluation", "mod-minus-one", "INT64_MIN % -1 (SIGFPE; Python says 0)")
def mod_minus_one(ctx):
    evaluate(ctx, INT64_MIN + " % -1", expect_sql="SELECT 0")


@case("evaluation", "add-overflow", "9223372036854775807 + 1 (signed overflow)")
def add_overflow(ctx):
    evaluate(ctx, "9223372036854775807 + 1", expect_dynamic="integer too large to fold")


@case("evaluation", "mult-overflow", "3037000500 * 3037000500 (signed overflow)")
def mult_overflow(ctx):
    evaluate(ctx, "3037000500 * 3037000500", expect_dynamic="integer too large to fold")


@case("evaluation", "negate-min", "-(INT64_MIN) (signed overflow)")
def negate_min(ctx):
    evaluate(ctx, "-" + INT64_MIN, expect_dynamic="integer too large to fold")


@case("evaluation", "int-of-huge-string", 'int("99999999999999999999999") (not clamped to 2**63 - 1)')
def int_of_huge(ctx):
    evaluate(ctx, 'int("99999999999999999999999")', expect_dynamic="")


@case("evaluation", "format-huge-index", '"{99999999999999999999999}".format(1) (an uncaught std::out_of_range)')
def format_huge_index(ctx):
    evaluate(ctx, '"{99999999999999999999999}".format(1)', expect_dynamic="out of range")


@case("evaluation", "percent-huge-precision", '"%.99999999999d" % 1 (a hang: zero-filling to 10^11 digits)')
def percent_huge_precision(ctx):
    evaluate(ctx, '"%.99999999999d" % 1', expect_dynamic="too large to fold")


@case("evaluation", "format-huge-width", '"{:99999999999}".format(1) (a hang: padding to 10^11 characters)')
def format_huge_width(ctx):
    evaluate(ctx, '"{:>99999999999}".format("a")', expect_dynamic="too large to fold")


@case("evaluation", "repeat-wraparound", '"abcd" * 4611686018427387904 (size check wrapped to 0: a hang)')
def repeat_wraparound(ctx):
    evaluate(ctx, '"abcd" * 4611686018427387904', expect_dynamic="too large to fold")


@case("evaluation", "list-repeat-wraparound", "[1, 2, 3, 4] * 4611686018427387904")
def list_repeat_wraparound(ctx):
    evaluate(ctx, "len([1, 2, 3, 4] * 4611686018427387904)", expect_dynamic="")


@case("evaluation", "range-near-max", "range(9223372036854775806, 9223372036854775807, 3) (the step overflows)")
def range_near_max(ctx):
    evaluate(ctx, "range(9223372036854775806, 9223372036854775807, 3)[-1]", expect_sql="SELECT 9223372036854775806")


@case("evaluation", "join-gigabytes", '"".join(["x" * 1000000] * 10000) (10 GB if folded)')
def join_gigabytes(ctx):
    evaluate(ctx, '"".join(["x" * 1000000] * 10000)', expect_dynamic="longer than 16 MiB")


@case("evaluation", "concat-chain-12mb", "a 2,500-term concatenation of 5 KB strings (12 MB, folded in one pass)")
def concat_chain(ctx):
    # Folding link by link copied the growing string at every `+`: 2,500 links of 5 KB made
    # 15 GB of copies. The SQL is then one 12 MB token: a syntax error, quoted shortened.
    expression = " + ".join(['("x" * 5000)'] * 2500)
    evaluate(ctx, expression, expect_sql=None)


@case("evaluation", "dict-literal-100k", "a 100,000-entry dict literal at module level (each key compared with every entry: a hang)")
def dict_literal(ctx):
    entries = ", ".join('%d: "v%d"' % (i, i) for i in range(100000))
    text = HEADER + "from alembic import op\n\nNAMES = {" + entries + "}\n\n\ndef upgrade():\n" + \
        '    op.execute("SELECT \'%s\'" % NAMES[99999])\n\n\ndef downgrade():\n    op.execute("SELECT 1")\n'
    p = ctx.project()
    good = p.good()
    p.revision(BAD_NAME, text)
    r = ctx.check(p, timeout=30)
    r.expect_exit(1)
    r.expect_good(good)
    s = ctx.miglint_run(p, "sql", ".", "base:heads", timeout=30)
    s.expect_exit(0)
    require("SELECT 'v99999'" in s.out, "expected the dict folded: SELECT 'v99999'", s.context)
    ctx.note("folded (SELECT 'v99999') in %.2fs" % r.seconds)
