// database_objects.h helpers on real statements: CREATE SCHEMA, CREATE TYPE AS (…) / AS RANGE,
// DROP DATABASE.
#include <catch2/catch.hpp>

#include "sql/database_objects.h"
#include "sql/sql_text.h"

using namespace miglint::sql;

namespace {

Statement one(std::string_view sql) {
  auto r = parse_sql(sql);
  REQUIRE(r.ok());
  REQUIRE(r.statements.size() == 1);
  return r.statements[0];
}

}  // namespace

TEST_CASE("as_create_schema reads the schema's name", "[sql]") {
  auto s = as_create_schema(one("CREATE SCHEMA billing"));
  REQUIRE(s);
  CHECK(s->name == "billing");
  CHECK_FALSE(s->if_not_exists);

  auto e = as_create_schema(one("create schema if not exists \"Reports\" authorization app"));
  REQUIRE(e);
  CHECK(e->name == "Reports");
  CHECK(e->if_not_exists);

  // Without a name PostgreSQL names the schema after the role.
  auto a = as_create_schema(one("CREATE SCHEMA AUTHORIZATION joe"));
  REQUIRE(a);
  CHECK(a->name == "joe");

  CHECK_FALSE(as_create_schema(one("CREATE TABLE billing (id int)")));
}

TEST_CASE("as_create_composite_or_range_type reads the type's name", "[sql]") {
  auto c = as_create_composite_or_range_type(one("CREATE TYPE s.pair AS (a int, b text)"));
  REQUIRE(c);
  CHECK(*c == QualifiedName{"s", "pair"});
  auto r = as_create_composite_or_range_type(one("CREATE TYPE floatrange AS RANGE (subtype = float8)"));
  REQUIRE(r);
  CHECK(*r == QualifiedName{"", "floatrange"});
  CHECK_FALSE(as_create_composite_or_range_type(one("CREATE TYPE mood AS ENUM ('a')")));
}

TEST_CASE("as_drop_database reads the name, IF EXISTS and FORCE", "[sql]") {
  auto d = as_drop_database(one("DROP DATABASE legacy"));
  REQUIRE(d);
  CHECK(d->name == "legacy");
  CHECK_FALSE(d->if_exists);
  CHECK_FALSE(d->force);

  auto f = as_drop_database(one("DROP DATABASE IF EXISTS old_reports WITH (FORCE)"));
  REQUIRE(f);
  CHECK(f->name == "old_reports");
  CHECK(f->if_exists);
  CHECK(f->force);

  CHECK_FALSE(as_drop_database(one("DROP SCHEMA legacy")));
}
