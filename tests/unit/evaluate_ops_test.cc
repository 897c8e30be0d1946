// Static evaluation of upgrade()/downgrade() bodies into OpCalls (src/alembic/evaluate_ops.cc).
#include <catch2/catch.hpp>

#include "evaluate_test_util.h"

using namespace miglint;
using namespace miglint::alembic;
using namespace miglint::alembic::testing;

using Strings = std::vector<std::string>;

TEST_CASE("evaluate: op calls with imports resolved", "[alembic][evaluate]") {
  auto e = evaluate_text(R"(
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import UUID as PGUUID
from sqlalchemy import types

def upgrade():
    op.create_table(
        "account",
        sa.Column("id", PGUUID(as_uuid=True), primary_key=True),
        sa.Column("name", types.String(50), nullable=False),
        sa.Column("meta", postgresql.JSONB(), server_default=sa.text("'{}'::jsonb")),
        sa.Column("created", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index(op.f("ix_account_name"), "account", ["name"], unique=True)
)");
  CHECK(e.problems.empty());
  REQUIRE(e.calls.size() == 2);
  CHECK(e.calls[0] ==
        "create_table('account', sqlalchemy.Column('id', sqlalchemy.dialects.postgresql.UUID(as_uuid=True), "
        "primary_key=True), sqlalchemy.Column('name', sqlalchemy.String(50), nullable=False), "
        "sqlalchemy.Column('meta', sqlalchemy.dialects.postgresql.JSONB(), server_default=sqlalchemy.text(\"'{}'::jsonb\")), "
        "sqlalchemy.Column('created', sqlalchemy.DateTime(timezone=True), server_default=sqlalchemy.func.now()))");
  CHECK(e.calls[1] == "create_index(alembic.op.f('ix_account_name'), 'account', ['name'], unique=True)");
}

TEST_CASE("evaluate: op.execute text keeps its file positions through dedent", "[alembic][evaluate]") {
  auto e = evaluate_text(
      "import textwrap\n"
      "from alembic import op\n"
      "\n"
      "def upgrade():\n"
      "    op.execute(\n"
      "        textwrap.dedent(\n"
      "            \"\"\"\n"
      "            UPDATE account\n"
      "               SET name = 'x\\t'\n"
      "             WHERE id = 1\n"
      "            \"\"\"\n"
      "        )\n"
      "    )\n");
  REQUIRE(e.program.calls.size() == 1);
  const Value* sql = e.program.calls[0].arg(0);
  REQUIRE(sql->kind == ValueKind::Str);
  CHECK(sql->text == "\nUPDATE account\n   SET name = 'x\t'\n WHERE id = 1\n");
  REQUIRE(sql->text_source.size() == sql->text.size() + 1);
  auto at = [&](std::string_view needle, size_t extra = 0) {
    size_t i = sql->text.find(needle) + extra;
    return e.revision.file->line_col(sql->source_offset(i));
  };
  CHECK(at("UPDATE") == LineCol{8, 13});
  CHECK(at("SET") == LineCol{9, 16});
  CHECK(at("WHERE") == LineCol{10, 14});
  CHECK(at("'x", 2) == LineCol{9, 29});  // the decoded tab comes from the `\t` escape
}

TEST_CASE("evaluate: concatenation, % and format keep positions of each part", "[alembic][evaluate]") {
  auto e = evaluate_text(
      "from alembic import op\n"
      "TABLE = 'account'\n"
      "def upgrade():\n"
      "    cols = 'id, name'\n"
      "    op.execute('SELECT ' + cols + ' FROM %s WHERE x = {}'.format(1) % TABLE)\n"
      "    op.execute(f'DROP TABLE {TABLE!s:>10}' 'x')\n");
  REQUIRE(e.program.calls.size() == 2);
  const Value* a = e.program.calls[0].arg(0);
  CHECK(a->text == "SELECT id, name FROM account WHERE x = 1");
  auto pos = [&](const Value* v, std::string_view needle) { return e.revision.file->line_col(v->source_offset(v->text.find(needle))); };
  CHECK(pos(a, "id,") == LineCol{4, 13});
  CHECK(pos(a, "account") == LineCol{2, 10});  // substituted from the module constant
  CHECK(pos(a, "FROM") == LineCol{5, 37});
  const Value* b = e.program.calls[1].arg(0);
  CHECK(b->text == "DROP TABLE    accountx");
  CHECK(pos(b, "x") == LineCol{6, 45});
}

TEST_CASE("evaluate: straight-line reassignment is tracked in order", "[alembic][evaluate]") {
  auto e = evaluate_text(R"(
from alembic import op
def upgrade():
    sql = "A"
    op.execute(sql)
    sql = sql + "B"
    op.execute(sql)
    sql += "C"
    op.execute(sql)
    a, b = "x", ("y", "z")
    op.execute(a + b[1])
)");
  CHECK(e.calls == Strings{"execute('A')", "execute('AB')", "execute('ABC')", "execute('xz')"});
  CHECK(e.problems.empty());
}

TEST_CASE("evaluate: dialect checks take the PostgreSQL branch", "[alembic][evaluate]") {
  auto e = evaluate_text(R"(
from alembic import op, context
def upgrade():
    if op.get_context().dialect.name == "postgresql":
        op.execute("A")
    else:
        op.execute("B")
    if context.get_context().dialect.name != "postgresql":
        op.execute("C")
    bind = op.get_bind()
    if bind.dialect.name in ("postgresql", "cockroach") and not False:
        op.execute("D")
    elif bind.dialect.name == "sqlite":
        op.execute("E")
    if op.get_bind().dialect.name == "sqlite" or 0:
        op.execute("F")
)");
  CHECK(e.calls == Strings{"execute('A')", "execute('D')"});
  CHECK(e.problems.empty());
}

TEST_CASE("evaluate: loops over literal sequences are unrolled", "[alembic][evaluate]") {
  auto e = evaluate_text(R"(
from alembic import op
TABLES = ["a", "b"]
def upgrade():
    for t in TABLES + ["c"]:
        if t == "b":
            continue
        op.drop_table(t)
    for i, name in enumerate(("x", "y")):
        op.execute(f"SELECT {i} AS {name}")
    for k, v in {"p": 1}.items():
        op.execute("%s=%d" % (k, v))
    for n in range(3):
        if n == 1:
            break
        op.execute(str(n))
    rows = []
    for n in range(2):
        rows.append({"id": n})
    op.bulk_insert(sa_table, rows)
)");
  CHECK(e.calls == Strings{"drop_table('a')", "drop_table('c')", "execute('SELECT 0 AS x')",
                           "execute('SELECT 1 AS y')", "execute('p=1')", "execute('0')"});
  REQUIRE(e.problems.size() == 1);
  CHECK(e.problems[0] ==
        "dynamic-sql: `sa_table` in `op.bulk_insert(...)` cannot be evaluated statically: `sa_table` is not defined in this file before it is used");
}

TEST_CASE("evaluate: helpers in the same module are inlined", "[alembic][evaluate]") {
  auto e = evaluate_text(R"(
from alembic import op
import sqlalchemy as sa

def _add_ts(table, column="created_at", *, tz=True):
    op.add_column(table, sa.Column(column, sa.DateTime(timezone=tz)))
    return column

def _name(t):
    return "ix_%s" % t

def loop():
    loop()

def upgrade():
    col = _add_ts("a")
    _add_ts("b", "updated_at", tz=False)
    op.create_index(_name("a"), "a", [col])
    loop()
)");
  CHECK(e.calls == Strings{
      "add_column('a', sqlalchemy.Column('created_at', sqlalchemy.DateTime(timezone=True)))",
      "add_column('b', sqlalchemy.Column('updated_at', sqlalchemy.DateTime(timezone=False)))",
      "create_index('ix_a', 'a', ['created_at'])"});
  REQUIRE(e.problems.size() == 1);
  CHECK(e.problems[0] == "unanalyzable-operation: `loop()` calls `loop` recursively, which miglint does not inline");
}

TEST_CASE("evaluate: Enum create and drop become type_create / type_drop", "[alembic][evaluate]") {
  auto e = evaluate_text(R"(
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

def upgrade():
    status = sa.Enum("new", "done", name="status")
    status.create(op.get_bind(), checkfirst=True)
    postgresql.ENUM("a", name="kind").create(op.get_bind())

def downgrade():
    sa.Enum(name="status").drop(op.get_bind(), checkfirst=False)
)");
  CHECK(e.calls == Strings{
      "sqlalchemy.Enum('new', 'done', name='status').type_create(alembic.op.get_bind(), checkfirst=True)",
      "sqlalchemy.dialects.postgresql.ENUM('a', name='kind').type_create(alembic.op.get_bind())"});
  CHECK(e.problems.empty());
  REQUIRE(e.program.calls[0].receiver);
  CHECK(e.program.calls[0].receiver->is_object("sqlalchemy.Enum"));
  auto d = evaluate_text(e.revision.file->text(), Phase::Downgrade);
  CHECK(d.calls == Strings{"sqlalchemy.Enum(name='status').type_drop(alembic.op.get_bind(), checkfirst=False)"});
}

TEST_CASE("evaluate: batch and autocommit contexts", "[alembic][evaluate]") {
  auto e = evaluate_text(R"(
from alembic import op
import sqlalchemy as sa
def upgrade():
    with op.batch_alter_table("account", schema="billing") as batch_op:
        batch_op.add_column(sa.Column("x", sa.Integer()))
        batch_op.drop_column("y")
    with op.get_context().autocommit_block():
        op.create_index("ix", "t", ["c"], postgresql_concurrently=True)
    ctx = op.get_context()
    with ctx.autocommit_block():
        op.execute("VACUUM")
    op.execute("SELECT 1")
)");
  CHECK(e.calls == Strings{"add_column(sqlalchemy.Column('x', sqlalchemy.Integer())) [batch account schema billing]",
                           "drop_column('y') [batch account schema billing]",
                           "create_index('ix', 't', ['c'], postgresql_concurrently=True) [autocommit]",
                           "execute('VACUUM') [autocommit]", "execute('SELECT 1')"});
  CHECK(e.problems.empty());
  REQUIRE(e.program.calls[0].batch);
  REQUIRE(e.program.calls[0].batch->call);
  CHECK(show(*e.program.calls[0].batch->call) == "alembic.op.batch_alter_table('account', schema='billing')");
  CHECK(e.revision.file->slice(e.program.calls[0].batch->span) == "op.batch_alter_table(\"account\", schema=\"billing\")");
}

TEST_CASE("evaluate: lightweight tables and update chains are objects", "[alembic][evaluate]") {
  auto e = evaluate_text(R"(
from alembic import op
from sqlalchemy.sql import table, column, text
import sqlalchemy as sa
accounts = table("accounts", column("id", sa.Integer), column("status", sa.String))
def upgrade():
    op.execute(accounts.update().where(accounts.c.id == 5).values(status=op.inline_literal("x")))
    op.bulk_insert(accounts, [{"id": 1, "status": "a"}])
    op.execute(text("SELECT 1"))
)");
  CHECK(e.problems.empty());
  CHECK(e.calls == Strings{
      "execute(sqlalchemy.table('accounts', sqlalchemy.column('id', sqlalchemy.Integer), sqlalchemy.column('status', "
      "sqlalchemy.String)).update().where(operator.eq(sqlalchemy.table('accounts', sqlalchemy.column('id', "
      "sqlalchemy.Integer), sqlalchemy.column('status', sqlalchemy.String)).c.id, 5)).values(status=alembic.op.inline_literal('x')))",
      "bulk_insert(sqlalchemy.table('accounts', sqlalchemy.column('id', sqlalchemy.Integer), sqlalchemy.column('status', "
      "sqlalchemy.String)), [{'id': 1, 'status': 'a'}])",
      "execute(sqlalchemy.text('SELECT 1'))"});
}

TEST_CASE("evaluate: run-time SQL and database access are reported, never guessed", "[alembic][evaluate]") {
  auto e = evaluate_text(R"(
from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import Session
import logging
logger = logging.getLogger(__name__)

def upgrade():
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id FROM t")).fetchall()
    sql = ""
    for row in rows:
        sql += "UPDATE t SET x = 1 WHERE id = %d;" % row.id
    op.execute(sql)
    logger.info("done %s", sql)
    print("hi")
    session = Session(bind=conn)
    for obj in session.query(Thing).all():
        op.execute("x")
    if conn.execute(sa.text("SELECT 1")).scalar():
        op.drop_table("old")
    do_something_external()
)");
  CHECK(e.calls.empty());
  CHECK(e.problems == Strings{
      "unanalyzable-operation: `conn.execute(sa.text(\"SELECT id FROM t\"))` runs SQL through the connection at "
      "migration time; miglint only models `op.*` operations",
      "dynamic-sql: `sql` in `op.execute(...)` cannot be evaluated statically: `sql` is built by a loop over `rows`, "
      "which is not known statically (`conn.execute(sa.text(\"SELECT id FROM t\"))` runs SQL through the connection at migration time)",
      "unanalyzable-operation: `session.query(Thing)` runs SQL through the connection at migration time; miglint only models `op.*` operations",
      "unanalyzable-operation: `for obj in session.query(Thing).all()` repeats operations a number of times known only at run "
      "time: `session.query(Thing)` runs SQL through the connection at migration time",
      "unanalyzable-operation: `conn.execute(sa.text(\"SELECT 1\"))` runs SQL through the connection at migration time; "
      "miglint only models `op.*` operations",
      "unanalyzable-operation: `if conn.execute(sa.text(\"SELECT 1\")).scalar():` chooses operations by a value known only "
      "at run time: `conn.execute(sa.text(\"SELECT 1\"))` runs SQL through the connection at migration time",
      "unanalyzable-operation: `do_something_external()` cannot be analysed statically: `do_something_external` is not "
      "defined in this file before it is used"});
}

TEST_CASE("evaluate: offline-mode checks are not guessed", "[alembic][evaluate]") {
  auto e = evaluate_text(R"(
from alembic import context, op
def upgrade():
    if not context.is_offline_mode():
        op.execute("SELECT 1")
)");
  CHECK(e.calls.empty());
  CHECK(e.problems == Strings{
      "unanalyzable-operation: `if not context.is_offline_mode():` chooses operations by a value known only at run time: "
      "`context.is_offline_mode()` depends on whether Alembic runs online or with --sql"});
}

TEST_CASE("evaluate: a finding repeated by a loop or a helper is reported once", "[alembic][evaluate]") {
  auto e = evaluate_text(R"(
from alembic import op
import sqlalchemy as sa
def _fix(table):
    op.get_bind().execute(sa.text("SELECT 1"))
    op.execute(undefined_sql)
def upgrade():
    for t in ("a", "b", "c"):
        _fix(t)
)");
  CHECK(e.calls.empty());
  CHECK(e.problems == Strings{
      "unanalyzable-operation: `op.get_bind().execute(sa.text(\"SELECT 1\"))` runs SQL through the connection at migration "
      "time; miglint only models `op.*` operations",
      "dynamic-sql: `undefined_sql` in `op.execute(...)` cannot be evaluated statically: `undefined_sql` is not defined in "
      "this file before it is used"});
}

TEST_CASE("evaluate: closures, unpacking, try and unknown context managers", "[alembic][evaluate]") {
  auto e = evaluate_text(R"(
from alembic import op
import sqlalchemy as sa
COMMON = {"nullable": False}
def upgrade():
    prefix = "ix_"
    def index(table, *cols, **kw):
        op.create_index(prefix + table, table, list(cols), **kw)
    index("a", "x", "y", unique=True)
    args = ("b", "z")
    index(*args)
    op.add_column("a", sa.Column("n", sa.Integer(), **COMMON))
    while False:
        op.execute("never")
    try:
        op.execute("SELECT 1")
    except Exception:
        op.execute("SELECT 2")
    finally:
        op.execute("SELECT 3")
    with open("x") as fh:
        op.execute("SELECT 4")
)");
  CHECK(e.calls == Strings{"create_index('ix_a', 'a', ['x', 'y'], unique=True)", "create_index('ix_b', 'b', ['z'])",
                           "add_column('a', sqlalchemy.Column('n', sqlalchemy.Integer(), nullable=False))",
                           "execute('SELECT 1')", "execute('SELECT 3')", "execute('SELECT 4')"});
  CHECK(e.problems == Strings{
      "unanalyzable-operation: an `except` handler runs operations only if the code above fails at run time",
      "unanalyzable-operation: `with open(\"x\"):` uses a context manager miglint does not model: `open(\"x\")` calls "
      "`open`, which miglint does not evaluate with these arguments"});
}

TEST_CASE("evaluate: substituted values map to their own source", "[alembic][evaluate]") {
  auto e = evaluate_text(
      "from alembic import op\n"
      "N = 42\n"
      "def upgrade():\n"
      "    op.execute('SELECT %d, %s' % (N, 'abc'))\n");
  REQUIRE(e.program.calls.size() == 1);
  const Value* v = e.program.calls[0].arg(0);
  CHECK(v->text == "SELECT 42, abc");
  auto pos = [&](size_t i) { return e.revision.file->line_col(v->source_offset(i)); };
  CHECK(pos(v->text.find("42")) == LineCol{2, 5});      // the constant N
  CHECK(pos(v->text.find("42") + 1) == LineCol{2, 5});
  CHECK(pos(v->text.find("abc") + 1) == LineCol{4, 40});  // the 'b' of 'abc'
  CHECK(pos(v->text.find(",")) == LineCol{4, 26});
}
