// Differential test: each snippet of op.* calls is lowered by miglint (through the test
// adapter) and rendered by Debian's Alembic 1.8.1 offline (tests/oracle/lower_render.py);
// the statements must agree after collapsing whitespace.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "lower_test_adapter.h"

using namespace miglint;
using namespace miglint::alembic;

namespace {

// One Python statement (or a few) per entry; every op, type and option of the issue.
const std::vector<std::string> kSnippets = {
    // create_table: types, SERIAL, Identity, Computed, defaults, comments, constraints, enums
    R"py(op.create_table("t", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("name", sa.String(50), nullable=False, server_default="x", index=True), sa.Column("k", sa.Enum("a", "b", name="kind")), sa.Column("o", sa.Integer, sa.ForeignKey("o.id", ondelete="CASCADE")), sa.UniqueConstraint("name"), schema="s", comment="hi"))py",
    R"py(op.create_table("t1", sa.Column("id", sa.BigInteger(), sa.Identity(start=1, increment=2), primary_key=True), sa.Column("c", sa.Integer, sa.Computed("id * 2")), sa.Column("ts", sa.DateTime(timezone=True), server_default=sa.func.now()), sa.Column("u", postgresql.UUID(as_uuid=True), server_default=sa.text("gen_random_uuid()")), sa.Column("Name", sa.Text, comment="the name"), sa.Column("order", sa.Numeric(10, 2)), sa.Column("a", postgresql.ARRAY(sa.String(20))), sa.Column("j", postgresql.JSONB), sa.Column("b", sa.Boolean, server_default=sa.false()), sa.CheckConstraint("c > 0", name="ck1"), sa.PrimaryKeyConstraint("id", name="pk_t")))py",
    R"py(op.create_table("t2", sa.Column("id", sa.Integer, primary_key=True, autoincrement=False), sa.Column("x", sa.Float), sa.Column("f", sa.Float(53)), sa.Column("d", sa.Date), sa.Column("tm", sa.Time), sa.Column("i", sa.Interval), sa.Column("lb", sa.LargeBinary), sa.Column("js", sa.JSON), sa.Column("uu", sa.Unicode(10)), sa.Column("ch", sa.CHAR(3)), sa.Column("v", sa.VARCHAR), sa.Column("in", postgresql.INET), sa.Column("ci", postgresql.CIDR), sa.Column("ts", postgresql.TSVECTOR), sa.Column("ts2", postgresql.TIMESTAMP(timezone=True, precision=3)), sa.Column("si", sa.SmallInteger), sa.Column("e", postgresql.ENUM("x", "y", name="e2", create_type=False))))py",
    R"py(op.create_table("t3", sa.Column("id", sa.Integer, sa.Identity()), sa.Column("n", sa.Numeric(10,0), primary_key=True)))py",
    R"py(op.create_table("t4", sa.Column("id", sa.Integer, primary_key=True, server_default=sa.text("1")), sa.Column("e", sa.Enum("a", "bbb", name="x", native_enum=False)), sa.Column("tx", sa.Text(100)), sa.Column("ts", sa.DateTime, server_default=sa.func.current_timestamp()), sa.Column("q", sa.String(5, collation="C"))))py",
    R"py(op.create_table("t5", sa.Column("a", sa.Integer, primary_key=True), sa.Column("b", sa.Integer, primary_key=True), sa.Column("c", sa.Integer, sa.ForeignKey("s.o.id"), unique=True), sa.Column("d", sa.SmallInteger, nullable=False, unique=True, index=True)))py",
    R"py(op.create_table("t6", sa.Column("a", sa.SmallInteger, primary_key=True), sa.Column("b", sa.Integer, sa.ForeignKey("o.id"), primary_key=True)))py",
    R"py(op.create_table("t7", sa.Column("a", sa.Integer, primary_key=True), sa.ForeignKeyConstraint(["a"], ["o.id"], name="fk", ondelete="SET NULL"), sa.Index("ix_x", "a"), sa.UniqueConstraint("a", name="u", deferrable=True)))py",
    R"py(op.create_table("t8", sa.Column("a", sa.Integer, autoincrement=True, primary_key=True), sa.Column("e", sa.Enum("a", name="k")), sa.Column("e2", sa.Enum("a", name="k")), sa.Column("e3", sa.Enum("a", name="k2", schema="s"))))py",
    R"py(op.create_table("t9", sa.Column("kind", sa.Enum("a", name="kind")), sa.Column("k8", sa.Enum("x", name="k8"))))py",
    R"py(op.create_table("t10", sa.Column("id", postgresql.INTERVAL(fields="DAY", precision=3)), sa.Column("i2", sa.Interval(second_precision=2)), sa.Column("x", postgresql.ARRAY(sa.Integer, dimensions=2)), sa.Column("t", sa.Time(timezone=True)), sa.Column("d", postgresql.DOUBLE_PRECISION), sa.Column("b", postgresql.BYTEA), sa.Column("m", postgresql.MACADDR), sa.Column("h", postgresql.HSTORE), sa.Column("z", sa.ARRAY(sa.Text))))py",
    R"py(op.create_table("t11", sa.Column("id", sa.BigInteger, primary_key=True), sa.Column("ex", sa.Integer), postgresql.ExcludeConstraint(("ex", "="), using="gist", name="exc")))py",
    R"py(op.create_table("t12", sa.Column("id", sa.SmallInteger, primary_key=True), sa.Column("s", sa.String(3), server_default="it's 100%")))py",
    R"py(op.create_table("t13", sa.Column("id", sa.Integer, sa.Identity(always=True, start=5, minvalue=1, maxvalue=100, cache=3, cycle=True), primary_key=True), sa.Column("x", sa.Integer, sa.Identity(), nullable=True)))py",
    R"py(op.create_table("User", sa.Column("id", postgresql.UUID(), primary_key=True), sa.Column("ts", sa.TIMESTAMP(timezone=True), server_default=sa.text("now()"), nullable=False), sa.Column("n", sa.Integer, sa.CheckConstraint("n > 0"))))py",
    R"py(op.create_table("t20", sa.Column("a", postgresql.ARRAY(sa.Enum("x", name="ae")))))py",
    R"py(op.create_table("t21", sa.Column("a", sa.Enum("x", name="ae2", native_enum=False, create_constraint=True)), sa.Column("b", sa.Boolean(create_constraint=True))))py",
    R"py(op.create_table("t22", sa.Column("a", sa.Integer, primary_key=True, nullable=True), sa.Column("b", sa.Integer, nullable=False, server_default="0"), sa.Column("c", sa.String(10), server_default=sa.literal_column("'x'"))))py",
    R"py(op.create_table("t23", sa.Column("a", sa.Integer, primary_key=True, default=5), sa.Column("d", sa.DateTime, server_default=sa.func.timezone("utc", sa.func.now()))))py",
    R"py(op.add_column("t", sa.Column("a", sa.Integer, sa.CheckConstraint("a > 0", name="ck"))))py",
    R"py(op.create_index("ix", "t", [sa.text("a DESC")], postgresql_with={"fillfactor": 50}, postgresql_tablespace="ts"))py",
    R"py(op.create_table("t24", sa.Column("a", sa.Integer), sa.PrimaryKeyConstraint("a", name="pk", deferrable=True, initially="DEFERRED")))py",
    R"py(op.create_table("t25", sa.Column("a", sa.Integer, primary_key=True), sa.Column("b", sa.Integer, primary_key=True, autoincrement=True)))py",
    R"py(op.alter_column("t", "x", server_default="0", existing_server_default="1"))py",
    R"py(op.add_column("t", sa.Column("a", sa.Integer, sa.ForeignKey("o.id", name="fkx", ondelete="CASCADE", deferrable=True, initially="IMMEDIATE"))))py",
    R"py(op.create_table("t26", sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True), sa.Column("j", sa.JSON().with_variant(postgresql.JSONB(), "postgresql")), sa.Column("c", sa.Integer, sa.Computed("id + 1", persisted=True))))py",
    R"py(op.create_table("t27", sa.Column("id", sa.Integer, sa.Identity(start=1, nominvalue=True, nomaxvalue=True, cycle=False), primary_key=True)))py",
    R"py(op.create_unique_constraint("uq_d", "t", ["a"], deferrable=True, initially="DEFERRED"))py",
    R"py(op.create_table("t28", sa.Column("id", sa.Integer, primary_key=True), sa.Column("p", sa.Integer, sa.ForeignKey("t28.id", onupdate="CASCADE", match="SIMPLE")), sa.CheckConstraint("p <> id", name="ck_self", deferrable=False)))py",
    // names over 63 bytes: op.f() and generated names are truncated with an md5 suffix
    "op.create_index(op.f(\"ix_" + std::string(70, 'a') + "\"), \"t\", [\"a\"])",
    "op.create_table(\"t" + std::string(60, 'b') + "\", sa.Column(\"a\", sa.Integer, index=True))",
    "op.drop_constraint(op.f(\"fk_" + std::string(70, 'x') + "\"), \"t\")",
    // drop / rename / columns
    R"py(op.drop_table("t", schema="s"))py",
    R"py(op.drop_table("t8"))py",
    R"py(op.rename_table("a", "b", schema="s"))py",
    R"py(op.add_column("t", sa.Column("x", sa.String(), nullable=False, server_default="it's")))py",
    R"py(op.add_column("t", sa.Column("k", sa.Enum("a", "b", name="kind"))))py",
    R"py(op.add_column("t", sa.Column("id", sa.Integer, primary_key=True)))py",
    R"py(op.add_column("t", sa.Column("o", sa.Integer, sa.ForeignKey("o.id"), index=True, unique=True)))py",
    R"py(op.add_column("t", sa.Column("o", sa.Integer, unique=True, comment="c"), schema="s"))py",
    R"py(op.add_column("t", sa.Column("x", sa.String(), server_default="a\\b%c")))py",
    R"py(op.drop_column("t", "x", schema="s"))py",
    // alter_column
    R"py(op.alter_column("t", "x", nullable=False, type_=sa.Text(), postgresql_using="x::text", server_default="a", new_column_name="y", comment="c", existing_type=sa.String()))py",
    R"py(op.alter_column("t", "x", server_default=None, nullable=True))py",
    R"py(op.alter_column("t", "x", type_=sa.Enum("a", name="k"), server_default=sa.text("now()")))py",
    R"py(op.alter_column("t", "x", comment=None, existing_comment="a"))py",
    R"py(op.alter_column("t", "Order", type_=sa.BigInteger, schema="s", existing_nullable=False))py",
    R"py(op.alter_column("t", "x", server_default=sa.func.now(), type_=sa.DateTime(timezone=True)))py",
    // indexes
    R"py(op.create_index("ix1", "t", ["a", sa.text("lower(b)")], unique=True, postgresql_concurrently=True, postgresql_where=sa.text("a > 0"), postgresql_using="gin", postgresql_include=["c"], if_not_exists=True))py",
    R"py(op.drop_index("ix1", table_name="t", postgresql_concurrently=True, if_exists=True, schema="s"))py",
    R"py(op.create_index("ix", "t", ["a"], postgresql_where="a > 0"))py",
    R"py(op.create_index(op.f("ix_sessions_client_ip"), "sessions", ["client_ip", "b", sa.text("lower(c)")], postgresql_using="gist", postgresql_ops={"client_ip": "inet_ops", "b": "text_pattern_ops"}))py",
    R"py(op.create_index(op.f("ix_T_a"), "T", ["a"]))py",
    R"py(op.create_index("ix2", "t", ["a", "b"], schema="s", unique=False))py",
    R"py(op.drop_index(op.f("ix_t_a")))py",
    // constraints
    R"py(op.create_unique_constraint("uq1", "t", ["a", "b"], schema="s"))py",
    R"py(op.create_unique_constraint(None, "t", ["a"]))py",
    R"py(op.create_foreign_key("fk1", "t", "r", ["a"], ["id"], ondelete="CASCADE", onupdate="SET NULL", deferrable=True, initially="DEFERRED", match="FULL", source_schema="s", referent_schema="r", postgresql_not_valid=True))py",
    R"py(op.create_foreign_key(op.f("fk_t_r"), "t", "r", ["a", "b"], ["x", "y"]))py",
    R"py(op.create_check_constraint("ck", "t", "a > 0"))py",
    R"py(op.create_check_constraint("ck2", "t", sa.text("a > 0"), schema="s"))py",
    R"py(op.create_primary_key("pk", "t", ["id"]))py",
    R"py(op.create_exclude_constraint("ex", "t", ("period", "&&"), ("room", "="), using="gist", where="room > 0"))py",
    R"py(op.drop_constraint("ck", "t", type_="check"))py",
    R"py(op.drop_constraint("fk", "t", type_="foreignkey", schema="s"))py",
    R"py(op.create_table_comment("t", "it's", schema="s"))py",
    R"py(op.drop_table_comment("t"))py",
    // execute / bulk_insert
    R"py(op.execute("UPDATE t SET a = 1"))py",
    R"py(op.execute(textwrap.dedent("""
        UPDATE t
          SET a = 1;
        """)))py",
    R"py(op.execute(sa.text("UPDATE t SET a = 'x:y' WHERE b::text = '100%'")))py",
    R"py(op.execute("SELECT '100%', ' :x', a::text, b\\:c"))py",
    R"py(op.execute("CREATE INDEX a ON b (c); SELECT 1;"))py",
    R"py(t = sa.table("t", sa.column("id", sa.Integer), sa.column("name", sa.String))
op.bulk_insert(t, [{"id": 1, "name": "a'b"}, {"id": 2, "name": None}]))py",
    R"py(t = sa.table("t", sa.column("id", sa.Integer), sa.column("n", sa.String), sa.column("b", sa.Boolean), sa.column("f", sa.Float), schema="s")
op.bulk_insert(t, [{"id": 1, "n": "5%", "b": True, "f": 1.5}, {"id": 2}], multiinsert=False))py",
    R"py(t = sa.table("t", sa.column("b", sa.Boolean), sa.column("i", sa.Integer), sa.column("j", sa.BigInteger), sa.column("u", postgresql.UUID), sa.column("e", sa.Enum("a", name="x")), sa.column("s", sa.Text), sa.column("f", sa.Float), sa.column("n", sa.Numeric(10, 2)))
op.bulk_insert(t, [{"b": 1, "i": "7", "j": 7.5, "u": "abc", "e": "a", "s": None, "f": 2, "n": 1e20}, {"b": False, "f": 0.1}]))py",
    // enum idioms
    R"py(sa.Enum("a", name="k").create(op.get_bind(), checkfirst=True))py",
    R"py(postgresql.ENUM("a", "b", name="k", schema="s").drop(op.get_bind()))py",
    // batch
    R"py(with op.batch_alter_table("t", schema="s") as b:
    b.add_column(sa.Column("x", sa.Integer))
    b.alter_column("x", nullable=False, new_column_name="y")
    b.drop_column("y")
    b.create_index("ix", ["x"])
    b.drop_index("ix")
    b.create_unique_constraint("uq", ["x"])
    b.create_foreign_key("fk", "r", ["x"], ["id"])
    b.create_check_constraint("ck", "x > 0")
    b.drop_constraint("ck"))py",
};

std::string collapse(std::string s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  while (!out.empty() && out.back() == ';') out.pop_back();
  return out;
}

void check_against_alembic(const std::vector<std::string>& snippets, bool literal_binds,
                           bool named) {
  nlohmann::json input = snippets;
  // Unique per process and call: ctest runs each TEST_CASE as its own process, maybe in parallel.
  static int calls = 0;
  std::string stem = fmt::format("/tmp/miglint_lower_oracle_{}_{}", ::getpid(), ++calls);
  std::string in_path = stem + "_in.json";
  std::string out_path = stem + "_out.json";
  std::ofstream(in_path) << input.dump();
  std::string cmd = fmt::format("/usr/bin/python3 {}/tests/oracle/lower_render.py {} {} < {} > {}",
                                MIGLINT_SOURCE_DIR, literal_binds ? "--literal-binds" : "",
                                named ? "--named" : "", in_path, out_path);
  REQUIRE(std::system(cmd.c_str()) == 0);
  nlohmann::json expected = nlohmann::json::parse(std::ifstream(out_path));
  std::remove(in_path.c_str());
  std::remove(out_path.c_str());
  REQUIRE(expected.size() == snippets.size());
  LowerState state;
  state.literal_binds = literal_binds;
  state.paramstyle = named ? "named" : "pyformat";
  for (size_t i = 0; i < snippets.size(); ++i) {
    INFO(snippets[i]);
    test::Adapter ad(snippets[i]);
    REQUIRE(ad.ok());
    auto lowered = lower_ops(ad.revision(), ad.program(), state);
    INFO("alembic: " << expected[i].dump());
    REQUIRE(expected[i].contains("sql"));
    std::vector<std::string> want, got;
    for (const auto& s : expected[i]["sql"]) want.push_back(collapse(s.get<std::string>()));
    for (const auto& s : lowered.statements) got.push_back(collapse(s.sql));
    std::string diags;
    for (const auto& d : lowered.diagnostics) diags += d.message + "\n";
    INFO("diagnostics: " << diags);
    CHECK(got == want);
    CHECK(lowered.fully_static);
  }
}

// DML built with SQLAlchemy Core on lightweight tables, rendered both ways.
const std::vector<std::string> kDml = {
    R"py(t = sa.table("t", sa.column("id", sa.Integer), sa.column("name", sa.String))
op.execute(t.update().where(t.c.id == 1).values(name="x")))py",
    R"py(t = sa.table("t", sa.column("id", sa.Integer), sa.column("name", sa.String), schema="s")
op.execute(t.update().where(t.c.id >= 1).where(t.c.name != None).values({"name": None})))py",
    R"py(t = sa.table("t", sa.column("id", sa.Integer), sa.column("name", sa.String))
op.execute(t.update().where(t.c.name == op.inline_literal("a")).values({"name": op.inline_literal("b")})))py",
    R"py(t = sa.table("t", sa.column("id", sa.Integer), sa.column("name", sa.String))
op.execute(t.delete().where(t.c.name == "a%")))py",
    R"py(t = sa.table("t", sa.column("id", sa.Integer), sa.column("name", sa.String))
op.execute(t.insert().values(id=1, name="b")))py",
    R"py(t = sa.table("t", sa.column("id", sa.Integer), sa.column("name", sa.String))
op.execute(t.update().where(sa.and_(t.c.id == 1, t.c.id < 5)).values(name="x")))py",
    R"py(t = sa.table("t", sa.column("id", sa.Integer), sa.column("name", sa.String))
op.execute(t.update().values(name="x")))py",
    R"py(t = sa.table("t", sa.column("id", sa.Integer), sa.column("slug", sa.String), sa.column("b", sa.Boolean))
op.execute(t.update().where(t.c.slug.like("test-%")).where(t.c.b == sa.false()).values(slug="x%")))py",
    R"py(t = sa.table("t", sa.column("id", sa.Integer), sa.column("slug", sa.String))
op.execute(t.delete().where(t.c.slug.ilike("a%")).where(t.c.id.not_like("1"))))py",
    R"py(op.execute(sa.text("UPDATE c SET x = :new WHERE y = :old AND z = :other").bindparams(new="G%B", old=5)))py",
    R"py(op.execute("SELECT :x, 100%, a\:b, 'p::q'"))py",
    R"py(op.create_check_constraint("ck_total", "orders", sa.column("total") >= 0))py",
    R"py(op.create_check_constraint("ck_up", "c", sa.column("country") == sa.func.upper(sa.column("country"))))py",
    R"py(op.add_column("t", sa.Column("x", sa.String(), server_default="a\b%c")))py",
};

}  // namespace

TEST_CASE("lower_ops agrees with Alembic offline on every construct", "[lower][oracle]") {
  SECTION("as Alembic's env.py template configures it (literal_binds, paramstyle named)") {
    check_against_alembic(kSnippets, true, true);
  }
  SECTION("without dialect_opts or literal_binds (pyformat: % doubled, %(name)s)") {
    check_against_alembic(kSnippets, false, false);
  }
}

TEST_CASE("lower_ops agrees with Alembic offline on Core DML and bound text",
          "[lower][oracle]") {
  for (bool literal_binds : {false, true})
    for (bool named : {false, true}) {
      INFO("literal_binds=" << literal_binds << " named=" << named);
      check_against_alembic(kDml, literal_binds, named);
    }
}
