// SchemaChanges (what one phase does to each object) and find_reversal_gaps (does the
// downgrade undo the upgrade), on SQL as the phases would run it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "lint/reversal.h"
#include "lint/schema_changes.h"
#include "lint/type_narrowing.h"
#include "sql/database_objects.h"
#include "sql/ddl.h"
#include "sql/sql_text.h"

using namespace miglint;
using lint::GapKind;
using lint::ObjectKind;

namespace {

// A phase from SQL text; keeps the parsed statements alive as long as the changes.
struct Phase {
  sql::ParseResult parsed;
  std::unique_ptr<lint::SchemaChanges> changes;

  explicit Phase(std::string_view text) : parsed(sql::parse_sql(text)) {
    REQUIRE(parsed.ok());
    std::vector<const sql::Statement*> ptrs;
    for (const auto& s : parsed.statements) ptrs.push_back(&s);
    changes = std::make_unique<lint::SchemaChanges>(ptrs);
  }
  const lint::SchemaChanges& operator*() const { return *changes; }
};

// "kind:before_id>after_id" lines, for compact expectations.
std::vector<std::string> summary(const lint::SchemaChanges& c) {
  std::vector<std::string> out;
  for (const auto& o : c.objects())
    out.push_back(std::string(lint::object_kind_name(o.kind)) + " " + c.before_id(o) + ">" + c.after_id(o));
  return out;
}

// "NotDropped index \"ix\"" lines for each gap.
std::vector<std::string> gaps(std::string_view upgrade, std::string_view downgrade) {
  Phase up(upgrade), down(downgrade);
  std::vector<std::string> out;
  for (const auto& g : lint::find_reversal_gaps(*up, *down)) {
    std::string kind;
    switch (g.kind) {
      case GapKind::NotDropped: kind = "NotDropped"; break;
      case GapKind::NotRecreated: kind = "NotRecreated"; break;
      case GapKind::NotRenamedBack: kind = "NotRenamedBack"; break;
      case GapKind::TypeNotRestored: kind = "TypeNotRestored"; break;
      case GapKind::NotNullNotRestored: kind = "NotNullNotRestored"; break;
      case GapKind::DefaultNotRestored: kind = "DefaultNotRestored"; break;
      case GapKind::EnumValueStays: kind = "EnumValueStays"; break;
    }
    std::string line = kind + " " + (*up).describe(*g.object, g.kind != GapKind::NotRecreated);
    if (g.downgrade_statement) line += " | " + g.downgrade_action;
    out.push_back(line);
  }
  return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("SchemaChanges names objects before and after the phase", "[reversal]") {
  Phase p(
      "CREATE TABLE public.orders (id bigint, status mood, CONSTRAINT pk_orders PRIMARY KEY (id));"
      "ALTER TABLE accounts ADD COLUMN code text CONSTRAINT uq_code UNIQUE;"
      "CREATE INDEX ix_code ON audit.accounts2 (code, lower(name));"
      "ALTER TABLE accounts RENAME COLUMN email TO mail;"
      "ALTER TABLE accounts RENAME TO users;"
      "DROP INDEX ix_old;"
      "CREATE TYPE mood AS ENUM ('a');"
      "ALTER TYPE color ADD VALUE 'red';"
      "ALTER TYPE color RENAME VALUE 'grn' TO 'green';"
      "CREATE EXTENSION IF NOT EXISTS pg_trgm;"
      "CREATE SCHEMA audit;"
      "CREATE OR REPLACE VIEW v AS SELECT 1;"
      "CREATE SEQUENCE s.seq;"
      "CREATE DOMAIN email AS text;"
      "CREATE MATERIALIZED VIEW mv AS SELECT 1");
  CHECK(summary(*p) == Lines{
                           "table >relation:orders",
                           "column >column:orders.id",
                           "column >column:orders.status",
                           "constraint >constraint:orders.pk_orders",
                           "table relation:accounts>relation:users",
                           "column >column:users.code",
                           "constraint >constraint:users.uq_code",
                           "table relation:audit.accounts2>relation:audit.accounts2",
                           "index >relation:audit.ix_code",
                           "column column:accounts.email>column:users.mail",
                           "index relation:ix_old>",
                           "type >type:mood",
                           "type type:color>type:color",
                           "enum value >value:color.red",
                           "enum value value:color.grn>value:color.green",
                           "extension >extension:pg_trgm",
                           "schema >schema:audit",
                           "view >relation:v",
                           "sequence >relation:s.seq",
                           "domain >type:email",
                           "materialized view >relation:mv",
                       });
  const auto& objs = (*p).objects();
  CHECK(objs[1].type == "int8");
  CHECK(objs[2].type == "mood");
  CHECK(objs[8].columns == std::vector<std::string>{"code"});  // the expression key is left out
  CHECK(objs[15].if_not_exists);
  CHECK(objs[17].or_replace);
}

TEST_CASE("SchemaChanges drops what PostgreSQL drops with a table, a column or a schema", "[reversal]") {
  Phase p(
      "CREATE INDEX ix_a ON t (a);"
      "ALTER TABLE t ADD CONSTRAINT ck_b CHECK (b > 0);"
      "ALTER TABLE t ADD CONSTRAINT fk_c FOREIGN KEY (c) REFERENCES u (id);"
      "ALTER TABLE t DROP COLUMN a;"
      "DROP TABLE t;"
      "CREATE TABLE s.x (id int);"
      "DROP SCHEMA s CASCADE");
  const auto& o = (*p).objects();
  REQUIRE(o.size() == 8);
  CHECK(o[1].kind == ObjectKind::Index);
  CHECK(o[1].dropped == 3u);  // with column a
  CHECK(o[1].dropped_with_container);
  CHECK(o[4].kind == ObjectKind::Column);
  CHECK(o[4].dropped == 3u);
  CHECK_FALSE(o[4].dropped_with_container);
  CHECK(o[2].dropped == 4u);  // ck_b and fk_c with the table
  CHECK(o[3].dropped == 4u);
  CHECK(o[0].dropped == 4u);
  CHECK_FALSE(o[0].dropped_with_container);
  CHECK(o[5].dropped == 6u);  // s.x and its column with their schema
  CHECK(o[6].dropped == 6u);
  CHECK(o[7].cascade);
}

TEST_CASE("SchemaChanges nets column changes and records row removals", "[reversal]") {
  Phase p(
      "ALTER TABLE t ALTER COLUMN a SET NOT NULL, ALTER COLUMN b SET DEFAULT 0;"
      "ALTER TABLE t ALTER COLUMN a DROP NOT NULL;"
      "ALTER TABLE t ALTER COLUMN c TYPE varchar(20) USING left(c, 20);"
      "ALTER TABLE t ALTER COLUMN b DROP DEFAULT;"
      "ALTER TABLE t ALTER COLUMN d DROP DEFAULT;"
      "CREATE TABLE n (id int); TRUNCATE n, t; DELETE FROM t WHERE id = 1; DELETE FROM u");
  const auto& o = (*p).objects();
  auto col = [&](std::string_view name) {
    return *std::find_if(o.begin(), o.end(), [&](const auto& x) { return x.kind == ObjectKind::Column && x.name == name; });
  };
  CHECK_FALSE(col("a").not_null->net());  // set, then dropped again
  CHECK_FALSE(col("b").default_value->net());
  CHECK(col("d").default_value->net());
  CHECK_FALSE(col("d").default_value->value);
  CHECK(col("c").type_change->type.str() == "varchar(20)");
  CHECK(col("c").type_change->with_using);
  const auto& r = (*p).row_removals();
  REQUIRE(r.size() == 3);  // TRUNCATE of the new table n is not a loss
  CHECK((r[0].table == "t" && r[0].truncate && r[0].all_rows));
  CHECK((r[1].table == "t" && !r[1].truncate && !r[1].all_rows));
  CHECK((r[2].table == "u" && r[2].all_rows));
}

TEST_CASE("a downgrade must drop what the upgrade creates, or its container", "[reversal]") {
  const char* up =
      "CREATE TABLE orders (id int, CONSTRAINT uq UNIQUE (id)); CREATE INDEX ix_orders ON orders (id);"
      "ALTER TABLE accounts ADD COLUMN code text; CREATE INDEX ix_code ON accounts (code);"
      "ALTER TABLE accounts ADD CONSTRAINT ck_code CHECK (code <> '');"
      "CREATE SEQUENCE seq; CREATE VIEW v AS SELECT 1; CREATE EXTENSION hstore; CREATE SCHEMA audit;"
      "CREATE TABLE audit.log (id int); CREATE DOMAIN d AS int; CREATE TYPE standalone AS ENUM ('a')";
  // Everything undone: the column takes its index and constraint along; the schema its table.
  CHECK(gaps(up,
             "DROP TYPE standalone; DROP DOMAIN d; DROP SCHEMA audit CASCADE; DROP EXTENSION hstore; DROP VIEW v;"
             "DROP SEQUENCE seq; ALTER TABLE accounts DROP COLUMN code; DROP TABLE orders") == Lines{});
  CHECK(gaps(up, "DROP TABLE orders; DROP SCHEMA audit") ==
        Lines{"NotDropped column \"accounts.code\"", "NotDropped index \"ix_code\"",
              "NotDropped constraint \"ck_code\" on \"accounts\"", "NotDropped sequence \"seq\"",
              "NotDropped view \"v\"", "NotDropped extension \"hstore\"", "NotDropped table \"audit.log\"",
              "NotDropped domain \"d\"", "NotDropped type \"standalone\""});
}

TEST_CASE("a related but wrong downgrade statement is pointed at", "[reversal]") {
  CHECK(gaps("CREATE INDEX ix_a ON t (a)", "DROP INDEX ix_b") ==
        Lines{"NotDropped index \"ix_a\" | drops index \"ix_b\" instead"});
  CHECK(gaps("ALTER TABLE t DROP CONSTRAINT ck_a", "ALTER TABLE t ADD CONSTRAINT ck_b CHECK (a > 0)") ==
        Lines{"NotRecreated constraint \"ck_a\" on \"t\" | creates constraint \"ck_b\" on \"t\" instead"});
  CHECK(gaps("ALTER TABLE t RENAME a TO b", "ALTER TABLE t RENAME b TO c") ==
        Lines{"NotRenamedBack column \"t.b\" | renames column \"t.b\" to \"c\" instead"});
  CHECK(gaps("ALTER TABLE t ALTER COLUMN a TYPE bigint", "ALTER TABLE t ALTER COLUMN a TYPE int8") ==
        Lines{"TypeNotRestored column \"t.a\" | changes its type to int8 again"});
  CHECK(gaps("CREATE TABLE shop.carts (id int)", "DROP TABLE carts") ==
        Lines{"NotDropped table \"shop.carts\" | drops table \"carts\" instead"});
  CHECK(gaps("ALTER TYPE color RENAME VALUE 'grey' TO 'gray'", "ALTER TYPE color RENAME VALUE 'gray' TO 'grey2'") ==
        Lines{"NotRenamedBack enum value 'gray' of type \"color\" | renames enum value 'gray' of type \"color\" to "
              "'grey2' instead"});
  // A name unlike the missing one is another object, not a typo.
  CHECK(gaps("CREATE TABLE invoice_totals (a int)", "DROP TABLE payment") == Lines{"NotDropped table \"invoice_totals\""});
  // Another table's column is not related.
  CHECK(gaps("CREATE TABLE x (a int); ALTER TABLE t ADD COLUMN a int", "DROP TABLE x; ALTER TABLE u DROP COLUMN a") ==
        Lines{"NotDropped column \"t.a\""});
}

TEST_CASE("a downgrade must restore what the upgrade drops, renames or alters", "[reversal]") {
  CHECK(gaps("DROP TABLE t; ALTER TABLE u DROP COLUMN c; DROP INDEX ix; ALTER TABLE u DROP CONSTRAINT ck;"
             "DROP TYPE mood; DROP VIEW v; DROP SEQUENCE s; DROP EXTENSION e; DROP SCHEMA sc",
             "CREATE SCHEMA sc; CREATE EXTENSION e; CREATE SEQUENCE s; CREATE VIEW v AS SELECT 1;"
             "CREATE TYPE mood AS ENUM ('a'); ALTER TABLE u ADD CONSTRAINT ck CHECK (c > 0);"
             "CREATE INDEX ix ON u (c); ALTER TABLE u ADD COLUMN c int; CREATE TABLE t (id int)")
            .empty());
  CHECK(gaps("ALTER TABLE u DROP COLUMN c, DROP CONSTRAINT ck; DROP TABLE t", "CREATE TABLE t (id int)") ==
        Lines{"NotRecreated column \"u.c\"", "NotRecreated constraint \"ck\" on \"u\""});
  // A column dropped along with its table is the table's business.
  CHECK(gaps("ALTER TABLE t DROP COLUMN c; DROP TABLE t", "CREATE TABLE t (id int)").empty());
  // A table re-created with the dropped column brings it back.
  CHECK(gaps("ALTER TABLE t DROP CONSTRAINT ck", "DROP TABLE t; CREATE TABLE t (a int CONSTRAINT ck CHECK (a > 0))")
            .empty());

  // Renames, followed through table renames on both sides.
  CHECK(gaps("ALTER TABLE t RENAME TO u; ALTER TABLE u RENAME a TO b; ALTER INDEX ix RENAME TO ix2;"
             "ALTER TABLE u RENAME CONSTRAINT c1 TO c2; ALTER TYPE mood RENAME TO feeling;"
             "ALTER TYPE feeling RENAME VALUE 'x' TO 'y'; ALTER SCHEMA s RENAME TO s2",
             "ALTER SCHEMA s2 RENAME TO s; ALTER TYPE feeling RENAME VALUE 'y' TO 'x';"
             "ALTER TYPE feeling RENAME TO mood; ALTER TABLE u RENAME CONSTRAINT c2 TO c1;"
             "ALTER INDEX ix2 RENAME TO ix; ALTER TABLE u RENAME TO t; ALTER TABLE t RENAME b TO a")
            .empty());
  CHECK(gaps("ALTER TABLE t RENAME TO u; ALTER TABLE u RENAME a TO b", "ALTER TABLE u RENAME TO t") ==
        Lines{"NotRenamedBack column \"u.b\""});

  // Column changes, each reversed, or not.
  const char* alter =
      "ALTER TABLE t ALTER COLUMN a TYPE varchar(20), ALTER COLUMN b SET NOT NULL, ALTER COLUMN c SET DEFAULT 1,"
      " ALTER COLUMN d DROP NOT NULL, ALTER COLUMN e DROP DEFAULT";
  CHECK(gaps(alter,
             "ALTER TABLE t ALTER COLUMN e SET DEFAULT 0, ALTER COLUMN d SET NOT NULL, ALTER COLUMN c DROP DEFAULT,"
             " ALTER COLUMN b DROP NOT NULL, ALTER COLUMN a TYPE text")
            .empty());
  CHECK(gaps(alter, "ALTER TABLE t ALTER COLUMN c SET DEFAULT 1, ALTER COLUMN b SET NOT NULL") ==
        Lines{"TypeNotRestored column \"t.a\"", "NotNullNotRestored column \"t.b\" | makes it NOT NULL again",
              "DefaultNotRestored column \"t.c\" | sets the same default '1' again", "NotNullNotRestored column \"t.d\"",
              "DefaultNotRestored column \"t.e\""});
  // op.alter_column(..., new_column_name=, type_=, nullable=) both ways: changes, then the rename.
  CHECK(gaps("ALTER TABLE t ALTER COLUMN x TYPE int8; ALTER TABLE t ALTER COLUMN x SET NOT NULL;"
             "ALTER TABLE t RENAME x TO y",
             "ALTER TABLE t ALTER COLUMN y TYPE int4; ALTER TABLE t ALTER COLUMN y DROP NOT NULL;"
             "ALTER TABLE t RENAME y TO x")
            .empty());
  // A default set to another value restores it.
  CHECK(gaps("ALTER TABLE t ALTER COLUMN c SET DEFAULT 1", "ALTER TABLE t ALTER COLUMN c SET DEFAULT 0").empty());
}

TEST_CASE("created-and-dropped objects, IF NOT EXISTS, OR REPLACE and enum types", "[reversal]") {
  // Made and removed within the upgrade: nothing to undo.
  CHECK(gaps("CREATE TABLE tmp (id int); CREATE INDEX ix_tmp ON tmp (id); DROP TABLE tmp", "SELECT 1").empty());
  // IF NOT EXISTS: the object may have been there before, so the downgrade may keep it.
  CHECK(gaps("CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE TABLE IF NOT EXISTS t (id int)", "SELECT 1").empty());
  // A view created OR REPLACE may be redefined instead of dropped.
  CHECK(gaps("CREATE OR REPLACE VIEW v AS SELECT 2", "CREATE OR REPLACE VIEW v AS SELECT 1").empty());
  CHECK(gaps("CREATE VIEW v AS SELECT 2", "CREATE OR REPLACE VIEW v AS SELECT 1") == Lines{"NotDropped view \"v\""});
  // An enum type a new column uses belongs to enum-type-leak.
  CHECK(gaps("CREATE TYPE mood AS ENUM ('a'); CREATE TABLE t (m mood)", "DROP TABLE t").empty());
  CHECK(gaps("CREATE TYPE mood AS ENUM ('a'); ALTER TABLE t ADD COLUMN m mood[]", "ALTER TABLE t DROP COLUMN m").empty());
  // Enum values cannot be dropped: IF NOT EXISTS, or re-creating the type, is the way.
  CHECK(gaps("ALTER TYPE mood ADD VALUE 'x'", "SELECT 1") == Lines{"EnumValueStays enum value 'x' of type \"mood\""});
  CHECK(gaps("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'x'", "SELECT 1").empty());
  CHECK(gaps("ALTER TYPE mood ADD VALUE 'x'",
             "ALTER TYPE mood RENAME TO mood_old; CREATE TYPE mood AS ENUM ('a');"
             "ALTER TABLE t ALTER COLUMN m TYPE mood USING m::text::mood; DROP TYPE mood_old")
            .empty());
}

TEST_CASE("enum_columns and removal_in find enum-type-leak's columns and the downgrade's drop", "[reversal]") {
  Phase up("CREATE TYPE mood AS ENUM ('a'); CREATE TYPE unused AS ENUM ('b'); CREATE TABLE t (m mood)");
  Phase down("DROP TABLE t; DROP TYPE mood");
  const auto& o = (*up).objects();
  REQUIRE(lint::enum_columns(*up, o[0]).size() == 1);
  CHECK(lint::enum_columns(*up, o[1]).empty());
  auto column = lint::removal_in(*up, *lint::enum_columns(*up, o[0])[0], *down);
  REQUIRE(column);
  CHECK(column->at == 0u);
  CHECK_FALSE(column->itself);
  CHECK(column->by->kind == ObjectKind::Table);
  auto type = lint::removal_in(*up, o[0], *down);
  REQUIRE(type);
  CHECK((type->at == 1u && type->itself));
  CHECK_FALSE(lint::removal_in(*up, o[1], *down));
}

TEST_CASE("narrowing tells lossy type changes from failing and widening ones", "[reversal]") {
  auto type = [](std::string_view sql_type) {
    auto r = sql::parse_sql(std::string("CREATE TABLE x (c ") + std::string(sql_type) + ")");
    REQUIRE(r.ok());
    return sql::as_create_table(r.statements[0])->columns[0].type;
  };
  using N = lint::Narrowing;
  auto n = [&](std::string_view from, std::string_view to, bool with_using = false) {
    return lint::narrowing(type(from), type(to), with_using);
  };
  CHECK(n("bigint", "int") == N::Fails);
  CHECK(n("int", "bigint") == N::None);
  CHECK(n("numeric(12,4)", "numeric(12,2)") == N::Loses);
  CHECK(n("numeric(12,4)", "numeric(10,4)") == N::Fails);
  CHECK(n("numeric(12,2)", "numeric(14,4)") == N::None);
  CHECK(n("numeric", "numeric(10,2)") == N::Loses);
  CHECK(n("numeric", "integer") == N::Loses);
  CHECK(n("double precision", "real") == N::Loses);
  CHECK(n("bigint", "double precision") == N::Loses);
  CHECK(n("text", "varchar(20)") == N::Fails);
  CHECK(n("text", "varchar(20)", true) == N::Loses);
  CHECK(n("varchar(20)", "varchar(40)") == N::None);
  CHECK(n("varchar(40)", "char(10)", true) == N::Loses);
  CHECK(n("varchar(20)", "text") == N::None);
  CHECK(n("timestamp", "timestamp(0)") == N::Loses);
  CHECK(n("timestamptz", "date") == N::Loses);
  CHECK(n("timestamp", "time") == N::Loses);
  CHECK(n("timestamp(0)", "timestamp") == N::None);
  CHECK(n("text", "integer") == N::None);
  CHECK(n("int[]", "bigint") == N::None);
}

TEST_CASE("as_create_view, as_create_schema and as_create_sequence", "[sql]") {
  auto one = [](std::string_view text) {
    auto r = sql::parse_sql(text);
    REQUIRE(r.ok());
    return r.statements.at(0);
  };
  auto v = sql::as_create_view(one("CREATE OR REPLACE VIEW s.v AS SELECT 1"));
  REQUIRE(v);
  CHECK(v->view == sql::QualifiedName{"s", "v"});
  CHECK(v->or_replace);
  CHECK_FALSE(sql::as_create_view(one("CREATE TABLE v (a int)")));
  auto s = sql::as_create_schema(one("CREATE SCHEMA IF NOT EXISTS audit"));
  REQUIRE(s);
  CHECK((s->name == "audit" && s->if_not_exists));
  CHECK(sql::as_create_schema(one("CREATE SCHEMA AUTHORIZATION joe"))->name == "joe");
  auto q = sql::as_create_sequence(one("CREATE SEQUENCE IF NOT EXISTS s.q"));
  REQUIRE(q);
  CHECK((q->sequence == sql::QualifiedName{"s", "q"} && q->if_not_exists));
  CHECK(sql::column_references(one("ALTER TABLE t ADD CONSTRAINT ck CHECK (t.a > 0 AND (b <> a OR c IS NULL))")) ==
        std::vector<std::string>{"a", "b", "c"});
}
