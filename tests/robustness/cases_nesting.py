"""Deep nesting in Python revision files: brackets, calls, unary operators, operator chains,
attribute/call/subscript chains, elif chains, indented blocks. Each must be a diagnostic, never
a stack overflow, and must agree with CPython on accepting the file: a depth CPython accepts
(about 3,000 levels for chains, 200 for brackets, 99 for indentation) is linted normally."""
from cases_python import HEADER, bad_python, src
from harness import case, require

TOO_DEEP = "too deeply nested"


def upgrade_with(statement_lines):
    """A revision whose upgrade() holds `statement_lines` then a finding on the next line."""
    body = "from alembic import op\n\n\ndef upgrade():\n" + statement_lines + '    op.drop_table("old")\n'
    return HEADER + body + "\n\ndef downgrade():\n    pass\n"


def finding_line(text):
    return text.count("\n", 0, text.index('op.drop_table("old")')) + 1


def accepted_and_linted(ctx, text):
    """Both CPython and miglint accept the file, and miglint lints it to its last line."""
    r, p, bad = bad_python(ctx, text.encode(), None, 0, 0, None)
    r.expect_none("python-syntax-error", bad)
    r.expect("drop-table", bad, finding_line(text), 5)
    ctx.note("accepted; drop-table found at line %d" % finding_line(text))
    return r


def rejected(ctx, expression, col, message=TOO_DEEP):
    """`x = <expression>` on line 3: one diagnostic at 3:col."""
    r, _, bad = bad_python(ctx, src("x = " + expression + "\n"), "python-syntax-error", 3, col, message)
    errors = r.find("python-syntax-error", bad)
    require(len(errors) == 1, "expected one syntax error, got %d" % len(errors),
            "\n".join(r.concise(f) for f in errors))


# ---------------------------------------------------------------------------------------------
# Brackets: CPython's tokenizer allows 200 levels


@case("nesting", "brackets-10000", "10,000 nested parentheses")
def brackets(ctx):
    rejected(ctx, "(" * 10000 + "1" + ")" * 10000, 205, "too many nested parentheses")


@case("nesting", "lists-10000", "10,000 nested lists")
def lists(ctx):
    rejected(ctx, "[" * 10000 + "]" * 10000, 205, "too many nested parentheses")


@case("nesting", "dicts-10000", "10,000 nested dict displays")
def dicts(ctx):
    rejected(ctx, "{1: " * 10000 + "1" + "}" * 10000, 205 + 3 * 200, "too many nested parentheses")


@case("nesting", "calls-10000", "10,000 nested calls f(f(f(...)))")
def calls(ctx):
    rejected(ctx, "f(" * 10000 + ")" * 10000, 406, "too many nested parentheses")


@case("nesting", "brackets-200", "200 nested lists in upgrade() (CPython's limit: accepted)")
def brackets_200(ctx):
    accepted_and_linted(ctx, upgrade_with("    x = " + "[" * 200 + "1" + "]" * 200 + "\n"))


# ---------------------------------------------------------------------------------------------
# Chains and recursion without brackets: CPython stops near 3,000 levels


@case("nesting", "binop-chain-100k", "a binary operator chain of 100,000 terms")
def binop_chain(ctx):
    rejected(ctx, "+".join(["1"] * 100000), 2 * 3000 + 4)  # the 3,000th `+`


@case("nesting", "binop-chain-2500", "a 2,500-term string concatenation in op.execute (accepted)")
def binop_chain_ok(ctx):
    text = upgrade_with("    op.execute(" + " + ".join(['"SELECT 1;"'] * 2500) + ")\n")
    r = accepted_and_linted(ctx, text)
    r.expect_none("dynamic-sql")  # folded: the evaluator walked all 2,500 levels


@case("nesting", "unary-100k", "100,000 unary minus signs")
def unary(ctx):
    rejected(ctx, "-" * 100000 + "1", 3000 + 4)  # the 3,000th `-`


@case("nesting", "unary-2500", "2,500 unary minus signs (accepted)")
def unary_ok(ctx):
    accepted_and_linted(ctx, upgrade_with("    x = " + "-" * 2500 + "1\n"))


@case("nesting", "not-100k", "100,000 `not`s")
def nots(ctx):
    rejected(ctx, "not " * 100000 + "x", 4 + 4 * 2999 + 1)  # the 3,000th `not`


@case("nesting", "power-chain-100k", "a right-associative `**` chain of 100,000 terms")
def power_chain(ctx):
    rejected(ctx, "**".join(["2"] * 100000), 3 * 3000 + 3)  # the 3,000th `**`


@case("nesting", "attribute-chain-100k", "an attribute chain a.b.b.b... of 100,000 links")
def attribute_chain(ctx):
    rejected(ctx, "a" + ".b" * 100000, 2 * 3000 + 4)  # the 3,000th `.`


@case("nesting", "call-chain-100k", "a call chain f()()()... of 100,000 calls")
def call_chain(ctx):
    rejected(ctx, "f" + "()" * 100000, 2 * 3000 + 4)  # the 3,000th `(`


@case("nesting", "subscript-chain-100k", "a subscript chain x[0][0]... of 100,000 links")
def subscript_chain(ctx):
    rejected(ctx, "x" + "[0]" * 100000, 3 * 2999 + 4)  # the index of the 2,999th `[`


@case("nesting", "method-chain-1200", "a method chain of 1,200 calls (2,400 levels) in upgrade() (accepted)")
def method_chain_ok(ctx):
    accepted_and_linted(ctx, upgrade_with("    x = op" + ".f()" * 1200 + "\n"))


@case("nesting", "ternary-chain-100k", "100,000 chained conditional expressions")
def ternary_chain(ctx):
    rejected(ctx, "a if b else " * 100000 + "c", 4 + 12 * 3000 + 1)  # the 3,001st `a`


@case("nesting", "lambda-chain-100k", "100,000 nested lambdas")
def lambda_chain(ctx):
    rejected(ctx, "lambda: " * 100000 + "1", 4 + 8 * 3000 + 1)  # the 3,001st `lambda`


# ---------------------------------------------------------------------------------------------
# Statements


@case("nesting", "elif-chain-100k", "an if statement with 100,000 elif branches")
def elif_chain(ctx):
    body = "if a:\n    pass\n" + "elif a:\n    pass\n" * 100000
    # The 3,000th elif (line 3 + 2 + 2 * 2999) is one too many.
    bad_python(ctx, src(body), "python-syntax-error", 3 + 2 + 2 * 2999, 1, TOO_DEEP)


@case("nesting", "elif-chain-2500", "an if statement with 2,500 elif branches in upgrade() (accepted)")
def elif_chain_ok(ctx):
    lines = "    if a:\n        pass\n" + "    elif a:\n        pass\n" * 2500
    accepted_and_linted(ctx, upgrade_with(lines))


@case("nesting", "if-blocks-1000", "1,000 nested if blocks (CPython allows 100 levels of indentation)")
def if_blocks(ctx):
    body = "".join(" " * i + "if x:\n" for i in range(1000)) + " " * 1000 + "pass\n"
    r, _, bad = bad_python(ctx, src(body), "python-syntax-error", 3 + 100, 101, "too many levels of indentation")
    errors = r.find("python-syntax-error", bad)
    require(len(errors) == 1, "expected one syntax error, got %d" % len(errors),
            "\n".join(r.concise(f) for f in errors))


@case("nesting", "if-blocks-98", "98 nested if blocks in upgrade() (accepted)")
def if_blocks_ok(ctx):
    lines = "".join(" " * (4 + i) + "if x:\n" for i in range(98)) + " " * 102 + "pass\n"
    accepted_and_linted(ctx, upgrade_with(lines))


@case("nesting", "near-limit-on-threads", "40 files at CPython's depth limits, linted on 4 threads")
def near_limit_on_threads(ctx):
    # Worker threads have the default thread stack (8 MiB here, less under some ulimits): every
    # pass over these trees (facts, evaluation, lowering, rules) must fit in it.
    lines = ("    x = " + "-" * 2800 + "1\n"
             "    op.execute(" + " + ".join(['"SELECT 1;"'] * 2800) + ")\n"
             "    op.execute(" + '"SELECT 2;" if x else ' * 2800 + '"SELECT 3;")\n'
             "    y = op" + ".f()" * 1350 + "\n"
             "    if x:\n        pass\n" + "    elif x:\n        pass\n" * 2800 +
             "    z = " + "[" * 199 + "1" + "]" * 199 + "\n")
    p = ctx.project()
    good = p.good()
    paths = []
    for i in range(40):
        rev = "%012x" % (0x3d0000000000 + i)
        down = "0a0a0a0a0a0a" if i == 0 else "%012x" % (0x3d0000000000 + i - 1)
        text = 'revision = "%s"\ndown_revision = "%s"\n' % (rev, down) + upgrade_with(lines)[len(HEADER):]
        paths.append(p.revision(rev + "_deep.py", text))
    r = ctx.check(p, "--jobs", "4", timeout=120)
    r.expect_exit(1)
    r.expect_good(good)
    for path in paths:
        r.expect_none("python-syntax-error", path)
        r.expect("drop-table", path, finding_line(text), 5)
    from harness import cpython_parse
    accepted, _, _, message = cpython_parse(p.path(paths[0]))
    require(accepted, "CPython rejects the near-limit file: " + message)
    ctx.note("40 files accepted and linted in %.2fs (CPython: accepted)" % r.seconds)


@case("nesting", "near-limit-small-stack", "the same near-limit file under `ulimit -s 1024` (a 1 MiB stack limit)")
def near_limit_small_stack(ctx):
    # The commands and the threads they start run on stacks miglint sizes itself
    # (src/base/deep_stack.h), so a small stack limit in the shell changes nothing.
    p = ctx.project()
    good = p.good()
    text = upgrade_with("    x = " + "-" * 2800 + "1\n    y = op" + ".f()" * 1350 + "\n")
    bad = p.revision("1b1b1b1b1b1b_deep.py", text)
    from harness import run
    r = run(["sh", "-c", 'ulimit -s 1024 && exec "$0" "$@"', ctx.miglint, "check", ".", "--format", "json"],
            cwd=p.root)
    r.expect_exit(1)
    r.expect_good(good)
    r.expect_none("python-syntax-error", bad)
    r.expect("drop-table", bad, finding_line(text), 5)
    ctx.note("accepted and linted with a 1 MiB stack limit")
