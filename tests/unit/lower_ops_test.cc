// Unit tests of lower_ops on hand-built OpCalls (expected strings obtained from Alembic 1.8.1
// offline: the Alembic call is in the comment above each), on spans and source maps, and on
// what must become an `unanalyzable-operation` diagnostic instead of a guess.
#include <catch2/catch.hpp>

#include "lower_test_adapter.h"

using namespace miglint;
using namespace miglint::alembic;
using namespace miglint::alembic::test;

namespace {

LoweredProgram lower(std::vector<OpCall> calls) {
  Revision rev;
  OpProgram p;
  p.calls = std::move(calls);
  return lower_ops(rev, p);
}

std::vector<std::string> sqls(const LoweredProgram& p) {
  std::vector<std::string> out;
  for (const auto& s : p.statements) out.push_back(s.sql);
  return out;
}

}  // namespace

TEST_CASE("create_table with SERIAL, defaults, index=True, enum and FK", "[lower]") {
  // op.create_table("t", sa.Column("id", sa.Integer(), primary_key=True),
  //   sa.Column("name", sa.String(50), nullable=False, server_default="x", index=True),
  //   sa.Column("k", sa.Enum("a", "b", name="kind")),
  //   sa.Column("o", sa.Integer, sa.ForeignKey("o.id", ondelete="CASCADE")),
  //   sa.UniqueConstraint("name"), schema="s", comment="hi")
  auto p = lower({Op("create_table",
                     {S("t"), O("sa.Column", {S("id"), O("sa.Integer")}, {{"primary_key", B(true)}}),
                      O("sa.Column", {S("name"), O("sa.String", {I(50)})},
                        {{"nullable", B(false)}, {"server_default", S("x")}, {"index", B(true)}}),
                      O("sa.Column", {S("k"), O("sa.Enum", {S("a"), S("b")}, {{"name", S("kind")}})}),
                      O("sa.Column", {S("o"), Ref("sa.Integer"),
                                      O("sa.ForeignKey", {S("o.id")}, {{"ondelete", S("CASCADE")}})}),
                      O("sa.UniqueConstraint", {S("name")})},
                     {{"schema", S("s")}, {"comment", S("hi")}})});
  REQUIRE(p.diagnostics.empty());
  CHECK(sqls(p) == std::vector<std::string>{
                       "CREATE TYPE kind AS ENUM ('a', 'b')",
                       "CREATE TABLE s.t (\n\tid SERIAL NOT NULL, \n\tname VARCHAR(50) DEFAULT 'x' "
                       "NOT NULL, \n\tk kind, \n\to INTEGER, \n\tPRIMARY KEY (id), \n\tUNIQUE (name), "
                       "\n\tFOREIGN KEY(o) REFERENCES o (id) ON DELETE CASCADE\n)",
                       "CREATE INDEX ix_s_t_name ON s.t (name)",
                       "COMMENT ON TABLE s.t IS 'hi'"});
}

TEST_CASE("alter_column renders in Alembic's order", "[lower]") {
  // op.alter_column("t", "x", nullable=False, type_=sa.Text(), postgresql_using="x::text",
  //   server_default="a", new_column_name="y", comment="c", existing_type=sa.String())
  auto p = lower({Op("alter_column", {S("t"), S("x")},
                     {{"nullable", B(false)}, {"type_", O("sa.Text")},
                      {"postgresql_using", S("x::text")}, {"server_default", S("a")},
                      {"new_column_name", S("y")}, {"comment", S("c")},
                      {"existing_type", O("sa.String")}})});
  CHECK(sqls(p) == std::vector<std::string>{
                       "ALTER TABLE t ALTER COLUMN x TYPE TEXT USING x::text",
                       "ALTER TABLE t ALTER COLUMN x SET NOT NULL",
                       "ALTER TABLE t ALTER COLUMN x SET DEFAULT 'a'",
                       "COMMENT ON COLUMN t.x IS 'c'",
                       "ALTER TABLE t RENAME x TO y"});
}

TEST_CASE("create_index with every postgresql option, drop_index concurrently", "[lower]") {
  // op.create_index("ix1", "t", ["a", sa.text("lower(b)")], unique=True,
  //   postgresql_concurrently=True, postgresql_where=sa.text("a > 0"), postgresql_using="gin",
  //   postgresql_include=["c"], if_not_exists=True)   (SQLAlchemy 1.4 ignores if_not_exists)
  // op.drop_index("ix1", table_name="t", postgresql_concurrently=True, schema="s")
  auto p = lower({Op("create_index", {S("ix1"), S("t"), L({S("a"), O("sa.text", {S("lower(b)")})})},
                     {{"unique", B(true)}, {"postgresql_concurrently", B(true)},
                      {"postgresql_where", O("sa.text", {S("a > 0")})},
                      {"postgresql_using", S("gin")}, {"postgresql_include", L({S("c")})},
                      {"if_not_exists", B(true)}}),
                  Op("drop_index", {S("ix1")},
                     {{"table_name", S("t")}, {"postgresql_concurrently", B(true)}, {"schema", S("s")}})});
  CHECK(sqls(p) == std::vector<std::string>{
                       "CREATE UNIQUE INDEX CONCURRENTLY ix1 ON t USING gin (a, lower(b)) INCLUDE (c) "
                       "WHERE a > 0",
                       "DROP INDEX CONCURRENTLY s.ix1"});
}

TEST_CASE("create_foreign_key with every option", "[lower]") {
  // op.create_foreign_key("fk1", "t", "r", ["a"], ["id"], ondelete="CASCADE",
  //   onupdate="SET NULL", deferrable=True, initially="DEFERRED", match="FULL",
  //   source_schema="s", referent_schema="r", postgresql_not_valid=True)
  auto p = lower({Op("create_foreign_key", {S("fk1"), S("t"), S("r"), L({S("a")}), L({S("id")})},
                     {{"ondelete", S("CASCADE")}, {"onupdate", S("SET NULL")},
                      {"deferrable", B(true)}, {"initially", S("DEFERRED")}, {"match", S("FULL")},
                      {"source_schema", S("s")}, {"referent_schema", S("r")},
                      {"postgresql_not_valid", B(true)}})});
  CHECK(sqls(p) == std::vector<std::string>{
                       "ALTER TABLE s.t ADD CONSTRAINT fk1 FOREIGN KEY(a) REFERENCES r.r (id) MATCH "
                       "FULL ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED NOT VALID"});
}

TEST_CASE("bulk_insert renders one INSERT per row with literals", "[lower]") {
  // t = sa.table("t", sa.column("id", sa.Integer), sa.column("name", sa.String))
  // op.bulk_insert(t, [{"id": 1, "name": "a'b"}, {"id": 2, "name": None}])
  auto table = O("sa.table", {S("t"), O("sa.column", {S("id"), Ref("sa.Integer")}),
                              O("sa.column", {S("name"), Ref("sa.String")})});
  auto row = [](ValuePtr id, ValuePtr name) {
    auto d = std::make_shared<Value>();
    d->kind = ValueKind::Dict;
    d->entries = {{S("id"), id}, {S("name"), name}};
    return d;
  };
  auto p = lower({Op("bulk_insert", {table, L({row(I(1), S("a'b")), row(I(2), None())})})});
  CHECK(sqls(p) == std::vector<std::string>{"INSERT INTO t (id, name) VALUES (1, 'a''b')",
                                            "INSERT INTO t (id, name) VALUES (2, NULL)"});
}

TEST_CASE("enum create/drop, quoting, op.f, comments", "[lower]") {
  // sa.Enum("a", name="k").create(op.get_bind(), checkfirst=True)
  OpCall create = Op("type_create", {O("op.get_bind")}, {{"checkfirst", B(true)}});
  create.receiver = O("sa.Enum", {S("a")}, {{"name", S("k")}});
  // postgresql.ENUM("a", name="k").drop(op.get_bind())
  OpCall drop = Op("type_drop", {O("op.get_bind")});
  drop.receiver = O("pg.ENUM", {S("a")}, {{"name", S("k")}});
  auto p = lower({create, drop,
                  // op.create_index(op.f("ix_T_a"), "T", ["a"])
                  Op("create_index", {O("op.f", {S("ix_T_a")}), S("T"), L({S("a")})}),
                  // op.create_table_comment("t", "it's", schema="s")
                  Op("create_table_comment", {S("t"), S("it's")}, {{"schema", S("s")}}),
                  // op.drop_table_comment("t")
                  Op("drop_table_comment", {S("t")})});
  CHECK(sqls(p) == std::vector<std::string>{"CREATE TYPE k AS ENUM ('a')", "DROP TYPE k",
                                            "CREATE INDEX \"ix_T_a\" ON \"T\" (a)",
                                            "COMMENT ON TABLE s.t IS 'it''s'",
                                            "COMMENT ON TABLE t IS NULL"});
}

TEST_CASE("batch_op calls take the table from the batch context", "[lower]") {
  // with op.batch_alter_table("t", schema="s") as b: b.add_column(sa.Column("x", sa.Integer))
  OpCall c = Op("add_column", {O("sa.Column", {S("x"), Ref("sa.Integer")})});
  c.batch = BatchContext{"t", "s", {}};
  auto p = lower({c});
  CHECK(sqls(p) == std::vector<std::string>{"ALTER TABLE s.t ADD COLUMN x INTEGER"});
}

TEST_CASE("origin, autocommit and the source map of op.execute strings", "[lower]") {
  std::string code = "op.execute(\"SELECT '100%', :x\")\nop.execute(\"VACUUM t\")\n";
  Adapter ad(code);
  REQUIRE(ad.ok());
  OpProgram prog = ad.program();
  prog.calls[1].autocommit = true;
  LowerState state;
  state.literal_binds = false;   // :x stays a placeholder
  state.paramstyle = "pyformat";  // % doubled, %(x)s
  auto p = lower_ops(ad.revision(), prog, state);
  REQUIRE(p.statements.size() == 2);
  const auto& s = p.statements[0];
  // Alembic prints SELECT '100%%', %(x)s
  CHECK(s.sql == "SELECT '100%%', %(x)s");
  CHECK(s.in_transaction);
  CHECK(s.origin == prog.calls[0].span);
  REQUIRE(s.source_map.size() == s.sql.size() + 1);
  // every byte maps to the Python literal character it came from
  auto at = [&](size_t i) { return code[s.source_map[i]]; };
  CHECK(at(0) == 'S');
  CHECK(at(s.sql.find('%')) == '%');
  CHECK(at(s.sql.find('%') + 1) == '%');
  CHECK(at(s.sql.find("%(x")) == ':');
  CHECK(at(s.sql.find("x)s")) == ':');  // a placeholder maps to its ':' as a whole
  CHECK(!p.statements[1].in_transaction);
  CHECK(p.statements[1].source_map.size() == p.statements[1].sql.size() + 1);

  // As Alembic's env.py template configures it (literal_binds, paramstyle named):
  // SELECT '100%', NULL
  auto t = lower_ops(ad.revision(), prog);
  REQUIRE(t.statements.size() == 2);
  CHECK(t.statements[0].sql == "SELECT '100%', NULL");
  REQUIRE(t.statements[0].source_map.size() == t.statements[0].sql.size() + 1);
  CHECK(code[t.statements[0].source_map[t.statements[0].sql.find("NULL")]] == ':');
}

TEST_CASE("textwrap.dedent keeps the source map", "[lower]") {
  std::string code = "op.execute(textwrap.dedent(\"\"\"\n    UPDATE t\n      SET a = 1\n    \"\"\"))\n";
  Adapter ad(code);
  REQUIRE(ad.ok());
  auto p = lower_ops(ad.revision(), ad.program());
  REQUIRE(p.statements.size() == 1);
  const auto& s = p.statements[0];
  // textwrap.dedent("""\n    UPDATE t\n      SET a = 1\n    """) == "\nUPDATE t\n  SET a = 1\n"
  CHECK(s.sql == "\nUPDATE t\n  SET a = 1\n");
  REQUIRE(s.source_map.size() == s.sql.size() + 1);
  CHECK(s.source_map[1] == code.find("UPDATE"));
  CHECK(s.source_map[s.sql.find("SET")] == code.find("SET"));
}

TEST_CASE("what cannot be rendered becomes unanalyzable-operation, never a guess", "[lower]") {
  const char* cases[] = {
      "op.create_table(\"t\", sa.Column(\"id\", sa.Uuid()))",                // not in SQLAlchemy 1.4
      "op.add_column(\"t\", sa.Column(\"x\", MyType()))",                   // unknown type
      "op.execute(sa.text(\"SELECT 1\").bindparams(x=1))",                   // not modelled
      "op.add_column(\"t\", sa.Column(\"x\", sa.Enum(MyEnum, name=\"e\")))", // Python Enum class
      "op.create_index(\"ix\", \"t\", [\"a\"], postgresql_ops=f(x))",
      "op.get_bind().execute(\"SELECT 1\")",
      "op.execute(f(x))",
      "op.create_unique_constraint(\"uq\", \"t\", [\"a\"], postgresql_nulls_not_distinct=True)",
      "op.create_foreign_key(\"fk\", \"t\", \"r\", [\"a\"], [\"id\"], use_alter=True)",
      // no literal renderer in SQLAlchemy: NullType, JSONB, a str for a VARCHAR from an int
      "t = sa.table(\"t\", sa.column(\"id\"))\nop.bulk_insert(t, [{\"id\": 1}])",
      "t = sa.table(\"t\", sa.column(\"d\", postgresql.JSONB))\nop.bulk_insert(t, [{\"d\": {\"a\": 1}}])",
      "t = sa.table(\"t\", sa.column(\"s\", sa.String))\nop.bulk_insert(t, [{\"s\": 5}])",
      "op.create_unique_constraint(\"uq_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", \"t\", [\"a\"])",
      // CompileError: "Can't emit DROP CONSTRAINT for constraint ...; it has no name"
      "op.drop_constraint(None, \"favorites\", type_=\"foreignkey\")",
  };
  for (const char* code : cases) {
    INFO(code);
    Adapter ad(code);
    auto p = lower_ops(ad.revision(), ad.program());
    CHECK(p.statements.empty());
    CHECK_FALSE(p.fully_static);
    REQUIRE(p.diagnostics.size() == 1);
    CHECK(p.diagnostics[0].rule == "unanalyzable-operation");
    CHECK(p.diagnostics[0].message.find("Cannot render `") != std::string::npos);
  }
  // A value the evaluator could not resolve is named by its span and reason.
  auto dyn = std::make_shared<Value>();
  dyn->kind = ValueKind::Dynamic;
  dyn->reason = "built at run time";
  auto p = lower({Op("execute", {dyn})});
  REQUIRE(p.diagnostics.size() == 1);
  CHECK(p.diagnostics[0].message.find("built at run time") != std::string::npos);
}

TEST_CASE("program-level unanalyzable entries become diagnostics", "[lower]") {
  Revision rev;
  OpProgram prog;
  prog.unanalyzable.push_back({"dynamic-sql", "SQL built at run time", {3, 9}});
  auto p = lower_ops(rev, prog);
  REQUIRE(p.diagnostics.size() == 1);
  CHECK(p.diagnostics[0].rule == "dynamic-sql");
  CHECK_FALSE(p.fully_static);
}
