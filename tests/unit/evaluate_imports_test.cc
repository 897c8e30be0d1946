// Import bindings and canonical names (src/alembic/imports.cc), seen through evaluation.
#include <catch2/catch.hpp>

#include "alembic/imports.h"
#include "evaluate_test_util.h"

using namespace miglint;
using namespace miglint::alembic;
using namespace miglint::alembic::testing;

using Strings = std::vector<std::string>;

TEST_CASE("imports: canonical names of re-exports", "[alembic][evaluate][imports]") {
  CHECK(canonical_name("sqlalchemy.types.String") == "sqlalchemy.String");
  CHECK(canonical_name("sqlalchemy.sql.sqltypes.String") == "sqlalchemy.String");
  CHECK(canonical_name("sqlalchemy.sql.text") == "sqlalchemy.text");
  CHECK(canonical_name("sqlalchemy.sql.expression.text") == "sqlalchemy.text");
  CHECK(canonical_name("sqlalchemy.sql.table") == "sqlalchemy.table");
  CHECK(canonical_name("sqlalchemy.sql.column") == "sqlalchemy.column");
  CHECK(canonical_name("sqlalchemy.sql.func.now") == "sqlalchemy.func.now");
  CHECK(canonical_name("sqlalchemy.sql.functions.func") == "sqlalchemy.func");
  CHECK(canonical_name("sqlalchemy.sql.functions.now") == "sqlalchemy.func.now");
  CHECK(canonical_name("sqlalchemy.schema.Column") == "sqlalchemy.Column");
  CHECK(canonical_name("sqlalchemy.dialects.postgresql.base.UUID") == "sqlalchemy.dialects.postgresql.UUID");
  CHECK(canonical_name("sqlalchemy.dialects.postgresql.json.JSONB") == "sqlalchemy.dialects.postgresql.JSONB");
  CHECK(canonical_name("sqlalchemy.sql") == "sqlalchemy.sql");
  CHECK(canonical_name("sqlalchemy.sql.compiler") == "sqlalchemy.sql.compiler");
  CHECK(canonical_name("sqlalchemy.String") == "sqlalchemy.String");
  CHECK(canonical_name("alembic.op") == "alembic.op");
}

TEST_CASE("imports: every import form resolves", "[alembic][evaluate][imports]") {
  auto e = evaluate_text(R"PY(
import sqlalchemy
import sqlalchemy.dialects.postgresql
from sqlalchemy import types as T, Column
from sqlalchemy.dialects.postgresql import UUID as PGUUID, base
from sqlalchemy.sql import text
from sqlalchemy.sql.expression import text as xtext
from .helpers import sa
from alembic import op as operations

def upgrade():
    from sqlalchemy.dialects import postgresql as pg
    operations.add_column("t", Column("a", T.Integer, server_default=text("1")))
    operations.add_column("t", sqlalchemy.Column("b", sqlalchemy.dialects.postgresql.UUID()))
    operations.add_column("t", Column("c", PGUUID, server_default=xtext("gen_random_uuid()")))
    operations.add_column("t", Column("d", pg.JSONB, base.INET))
    operations.add_column("t", sa.Column("e", sa.Integer))
)PY");
  CHECK(e.calls == Strings{
      "add_column('t', sqlalchemy.Column('a', sqlalchemy.Integer, server_default=sqlalchemy.text('1')))",
      "add_column('t', sqlalchemy.Column('b', sqlalchemy.dialects.postgresql.UUID()))",
      "add_column('t', sqlalchemy.Column('c', sqlalchemy.dialects.postgresql.UUID, server_default=sqlalchemy.text('gen_random_uuid()')))",
      "add_column('t', sqlalchemy.Column('d', sqlalchemy.dialects.postgresql.JSONB, sqlalchemy.dialects.postgresql.INET))"});
  REQUIRE(e.problems.size() == 1);  // `sa` comes from a relative import: unknown
  CHECK(e.problems[0].rfind("dynamic-sql: `sa.Column(\"e\", sa.Integer)` in `operations.add_column(...)` cannot be evaluated statically", 0) == 0);
}

TEST_CASE("evaluate: run-time settings of the migration context are dynamic", "[alembic][evaluate]") {
  auto e = evaluate_text(R"PY(
from alembic import context, op
import sqlalchemy as sa
def upgrade():
    schema = context.config.get_main_option("schema")
    op.create_table("t", sa.Column("id", sa.Integer), schema=schema)
    if op.get_bind().engine.name == "postgresql":
        op.execute("A")
    if context.get_x_argument(as_dictionary=True).get("data"):
        op.execute("B")
    opts = op.get_context().opts
    op.execute(opts["x"])
)PY");
  CHECK(e.calls == Strings{"execute('A')"});
  CHECK(e.problems == Strings{
      "dynamic-sql: `schema` in `op.create_table(...)` cannot be evaluated statically: `context.config.get_main_option(\"schema\")` "
      "calls `alembic.context.config.get_main_option`, which miglint does not evaluate",
      "unanalyzable-operation: `if context.get_x_argument(as_dictionary=True).get(\"data\"):` chooses operations by a value known "
      "only at run time: `context.get_x_argument(as_dictionary=True)` calls `alembic.context.get_x_argument`, "
      "which miglint does not evaluate",
      "dynamic-sql: `opts[\"x\"]` in `op.execute(...)` cannot be evaluated statically: `op.get_context().opts` depends on the "
      "migration context at run time"});
}

TEST_CASE("evaluate: create_table's result feeds bulk_insert; rows built in place", "[alembic][evaluate]") {
  auto e = evaluate_text(R"PY(
from alembic import op
import sqlalchemy as sa
def upgrade():
    t = op.create_table("kinds", sa.Column("id", sa.Integer, primary_key=True), sa.Column("name", sa.String(20)))
    rows = [{"id": i, "name": n} for i, n in enumerate(["a", "b"]) if n != "x"]
    extra = {"id": 9}
    extra["name"] = "z"
    rows.append(extra)
    op.bulk_insert(t, rows, multiinsert=False)
)PY");
  CHECK(e.problems.empty());
  REQUIRE(e.calls.size() == 2);
  CHECK(e.calls[1] ==
        "bulk_insert(alembic.op.create_table('kinds', sqlalchemy.Column('id', sqlalchemy.Integer, primary_key=True), "
        "sqlalchemy.Column('name', sqlalchemy.String(20))), [{'id': 0, 'name': 'a'}, {'id': 1, 'name': 'b'}, {'id': 9, "
        "'name': 'z'}], multiinsert=False)");
}

TEST_CASE("evaluate: positions inside f-strings and implicit concatenation", "[alembic][evaluate]") {
  auto e = evaluate_text(
      "from alembic import op\n"
      "T = 'acct'\n"
      "def upgrade():\n"
      "    op.execute(\n"
      "        'ALTER TABLE '\n"
      "        f\"{T} ADD \"\n"
      "        'COLUMN x int'\n"
      "    )\n");
  REQUIRE(e.program.calls.size() == 1);
  const Value* v = e.program.calls[0].arg(0);
  CHECK(v->text == "ALTER TABLE acct ADD COLUMN x int");
  auto pos = [&](std::string_view needle) { return e.revision.file->line_col(v->source_offset(v->text.find(needle))); };
  CHECK(pos("ALTER") == LineCol{5, 10});
  CHECK(pos("acct") == LineCol{2, 6});
  CHECK(pos("ADD") == LineCol{6, 15});
  CHECK(pos("COLUMN") == LineCol{7, 10});
  CHECK(e.revision.file->line_col(v->source_offset(v->text.size())) == LineCol{7, 23});
}
