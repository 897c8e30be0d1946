// parse_sql: statement splitting, spans, error offsets.
#include <catch2/catch.hpp>

#include "sql/sql_text.h"

using miglint::sql::parse_sql;

TEST_CASE("parse_sql splits statements with and without a trailing semicolon", "[sql]") {
  auto r = parse_sql("select 1; select 2");
  REQUIRE(r.ok());
  REQUIRE(r.statements.size() == 2);
  CHECK(r.statements[0].text == "select 1");
  CHECK(r.statements[1].text == "select 2");
}
