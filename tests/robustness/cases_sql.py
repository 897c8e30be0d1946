"""Bad SQL inside revisions: 1 MB strings and statements, SQL nested past libpg_query's limits
(its grammar stack, "memory exhausted", and miglint's own depth limit on the tree), NUL bytes
and invalid UTF-8 in the SQL, a syntax error a megabyte into a string. Each is a finding at
its line and column in the .py file; `miglint sql` must finish on each too."""
from cases_python import BAD_ID, HEADER
from harness import case, require

BAD_NAME = BAD_ID + "_sql.py"


def sql_revision(ctx, upgrade_body, timeout=60):
    """The good neighbour and a revision whose upgrade() is `upgrade_body` (its first line is
    line 7); check and sql run. `sql` exits 1 when it reports invalid SQL, else 0."""
    text = HEADER + "from alembic import op\n\n\ndef upgrade():\n" + upgrade_body + \
        "\n\ndef downgrade():\n    op.execute(\"SELECT 1\")\n"
    p = ctx.project()
    good = p.good()
    bad = p.revision(BAD_NAME, text)
    r = ctx.check(p, timeout=timeout)
    r.expect_good(good)
    s = ctx.miglint_run(p, "sql", ".", "base:heads", timeout=timeout)
    ctx.note("check %.2fs, sql exit %d in %.2fs (%d MB)" % (r.seconds, s.rc, s.seconds, len(text) >> 20))
    return r, s, bad, text


def line_of(text, needle):
    return text.count("\n", 0, text.index(needle)) + 1


@case("sql", "execute-1mb-script", "1 MB of SQL in one op.execute (40,000 statements), a DROP TABLE last")
def execute_1mb_script(ctx):
    body = '    op.execute("""\n' + "INSERT INTO t VALUES (1, 'abcdef');\n" * 30000 + 'DROP TABLE big_table;\n""")\n'
    r, s, bad, text = sql_revision(ctx, body)
    r.expect_exit(1)
    s.expect_exit(0)
    r.expect("drop-table", bad, line_of(text, "DROP TABLE big_table"), 1)  # mapped back 30,000 lines in
    ctx.show(r, "drop-table", bad)


@case("sql", "statement-1mb", "one 1 MB SQL statement (INSERT with 100,000 rows)")
def statement_1mb(ctx):
    rows = ", ".join("(%d, 'row')" % i for i in range(100000))
    r, s, bad, text = sql_revision(ctx, '    op.execute("INSERT INTO t VALUES ' + rows + '")\n')
    r.expect_exit(1)
    s.expect_exit(0)
    r.expect_none("sql-syntax-error", bad)
    require(len(text) > 1 << 20, "the statement should be over 1 MB")


@case("sql", "literal-1mb", "a 1 MB string literal inside the SQL")
def literal_1mb(ctx):
    r, s, bad, _ = sql_revision(ctx, '    op.execute("INSERT INTO t VALUES (\'' + "x" * (1 << 20) + '\')")\n')
    r.expect_exit(1)
    s.expect_exit(0)
    r.expect_none("sql-syntax-error", bad)


@case("sql", "syntax-error-1mb-in", "a SQL syntax error at the end of 1 MB of SQL")
def syntax_error_deep(ctx):
    body = '    op.execute("""\n' + "SELECT 1;\n" * 100000 + 'SELEC 2;\n""")\n'
    r, s, bad, text = sql_revision(ctx, body)
    r.expect_exit(1)
    s.expect_exit(1)
    r.expect("sql-syntax-error", bad, line_of(text, "SELEC 2"), 1, 'syntax error at or near "SELEC"')
    ctx.show(r, "sql-syntax-error", bad)


@case("sql", "huge-token", "a syntax error at a 1 MB token (the message quotes it shortened)")
def huge_token(ctx):
    r, s, bad, _ = sql_revision(ctx, '    op.execute("SELECT 1 FROM t WHERE a = 1 ' + "x" * (1 << 20) + '")\n')
    r.expect_exit(1)
    s.expect_exit(1)
    f = r.expect("sql-syntax-error", bad, 7, 45, "(a token of 1048576 bytes)")
    require(len(f["message"]) < 300, "the message should not quote the megabyte", len(f["message"]))
    ctx.show(r, "sql-syntax-error", bad)


@case("sql", "nested-parens-100k", "SQL nested 100,000 parentheses deep (libpg_query's grammar stack)")
def nested_parens(ctx):
    r, s, bad, _ = sql_revision(ctx, '    op.execute("SELECT ' + "(" * 100000 + "1" + ")" * 100000 + '")\n')
    r.expect_exit(1)
    s.expect_exit(1)
    # Where libpg_query's grammar stack (10,000 entries) ran out: about the 10,000th parenthesis.
    r.expect("sql-syntax-error", bad, 7, 10020, "memory exhausted")
    ctx.show(r, "sql-syntax-error", bad)


@case("sql", "nested-subselects-10k", "10,000 nested sub-selects")
def nested_subselects(ctx):
    r, s, bad, _ = sql_revision(ctx, '    op.execute("SELECT ' + "(SELECT " * 10000 + "1" + ")" * 10000 + '")\n')
    r.expect_exit(1)
    s.expect_exit(1)
    r.expect("sql-syntax-error", bad, 7, 26680, "memory exhausted")  # the 3,332nd "(SELECT "
    ctx.show(r, "sql-syntax-error", bad)


@case("sql", "nested-arrays-3000", "ARRAY[ nested 3,000 deep (parses, but the tree is too deep to walk)")
def nested_arrays(ctx):
    r, s, bad, _ = sql_revision(ctx, '    op.execute("SELECT ' + "ARRAY[" * 3000 + "1" + "]" * 3000 + '")\n')
    r.expect_exit(1)
    s.expect_exit(1)
    r.expect("sql-syntax-error", bad, 7, 17, "nested too deeply to analyse")  # at the statement
    ctx.show(r, "sql-syntax-error", bad)


@case("sql", "operator-chain-500k", "a 1 MB chain of 500,000 `+` in one statement")
def operator_chain(ctx):
    r, s, bad, _ = sql_revision(ctx, '    op.execute("SELECT ' + "+".join(["1"] * 500000) + '")\n')
    r.expect_exit(1)
    s.expect_exit(1)
    r.expect("sql-syntax-error", bad, 7, 17, "nested too deeply to analyse")  # at the statement
    ctx.show(r, "sql-syntax-error", bad)


@case("sql", "nul-in-sql", "a NUL byte inside the SQL (\\x00 in the Python string)")
def nul_in_sql(ctx):
    r, s, bad, _ = sql_revision(ctx, '    op.execute("UPDATE t SET a = 1 WHERE b = \'\\x00\'")\n')
    r.expect_exit(1)
    s.expect_exit(1)
    r.expect("sql-syntax-error", bad, 7, 47, "SQL text contains a NUL byte")  # at the \x00 escape
    ctx.show(r, "sql-syntax-error", bad)


@case("sql", "surrogate-in-sql", "a lone surrogate in the SQL (\\ud800: not encodable as UTF-8)")
def surrogate_in_sql(ctx):
    r, s, bad, _ = sql_revision(ctx, '    op.execute("SELECT \'\\ud800\'")\n')
    r.expect_exit(1)
    s.expect_exit(1)
    # psycopg2 could not send it either (UnicodeEncodeError: surrogates not allowed).
    r.expect("sql-syntax-error", bad, 7, 25, "not valid UTF-8")  # at the \ud800 escape
    ctx.show(r, "sql-syntax-error", bad)
