// Column name lists and their duplicates (src/sql/column_lists.h). Each statement marked
// "rejected" was checked on PostgreSQL 15 to fail with "multiple assignments to same column"
// or "column … specified more than once"; each marked "accepted" to pass that check.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sql/column_lists.h"
#include "sql/sql_text.h"

using namespace miglint::sql;

namespace {

std::vector<DuplicateColumn> dups(const std::string& sql) {
  auto parsed = parse_sql(sql);
  INFO(sql);
  REQUIRE(parsed.ok());
  REQUIRE(parsed.statements.size() == 1);
  return duplicate_columns(parsed.statements[0]);
}

std::string one(const std::string& sql) {
  auto d = dups(sql);
  INFO(sql);
  REQUIRE(d.size() == 1);
  return d[0].second.name;
}

}  // namespace

TEST_CASE("duplicate columns: rejected by PostgreSQL", "[sql][column_lists]") {
  CHECK(one("UPDATE k SET a = 1, a = 2") == "a");
  CHECK(one("UPDATE k SET (a, b) = (1, 2), a = 3") == "a");
  CHECK(one("UPDATE k SET c = ROW(1, 2), c.x = 1") == "c");
  CHECK(one("UPDATE k SET d = '{}', d[1] = 2") == "d");
  CHECK(one("INSERT INTO k (a, a) VALUES (1, 2)") == "a");
  CHECK(one("INSERT INTO k (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET b = 1, b = 2") == "b");
  CHECK(one("MERGE INTO k USING k k2 ON k.a = k2.a WHEN MATCHED THEN UPDATE SET b = 1, b = 2") == "b");
  CHECK(one("MERGE INTO k USING k k2 ON k.a = k2.a WHEN NOT MATCHED THEN INSERT (a, a) VALUES (1, 2)") == "a");
  CHECK(one("CREATE TABLE k3 (a int, a text)") == "a");
  CHECK(one("CREATE VIEW v (a, a) AS SELECT 1, 2") == "a");
  CHECK(one("CREATE VIEW v2 AS SELECT 1 AS a, 2 AS a") == "a");
  CHECK(one("CREATE TABLE k4 AS SELECT 1 AS a, 2 AS a") == "a");
  CHECK(one("CREATE TABLE k5 (a, a) AS SELECT 1, 2") == "a");
  CHECK(one("WITH u AS (UPDATE k SET a = 1, a = 2 RETURNING 1) SELECT 1") == "a");
  CHECK(one("CREATE VIEW v3 AS SELECT 1, 2") == "?column?");
  CHECK(one("CREATE VIEW v4 AS SELECT now(), now()::date") == "now");
  CHECK(one("CREATE VIEW v5 AS SELECT t.x, y AS x FROM t") == "x");
  CHECK(one("CREATE VIEW v7 AS SELECT a, (SELECT a FROM t LIMIT 1) FROM t") == "a");
}

TEST_CASE("duplicate columns: accepted by PostgreSQL", "[sql][column_lists]") {
  CHECK(dups("UPDATE k SET c.x = 1, c.y = 2").empty());
  CHECK(dups("UPDATE k SET c.x = 1, c.x = 2").empty());
  CHECK(dups("UPDATE k SET d[1] = 1, d[1] = 2").empty());
  CHECK(dups("INSERT INTO k (c.x, c.x) VALUES (1, 2)").empty());
  CHECK(dups("INSERT INTO k (a, b) VALUES (1, 2)").empty());
  CHECK(dups("UPDATE k SET a = 1, b = 2").empty());
  CHECK(dups("CREATE VIEW v AS SELECT 1 AS a UNION SELECT 1 AS a").empty());
  CHECK(dups("CREATE VIEW v AS SELECT 1 AS a UNION SELECT 2").empty());
  CHECK(dups("CREATE VIEW v AS SELECT a, (SELECT b FROM t LIMIT 1), EXISTS (SELECT a FROM t) FROM t").empty());
}

TEST_CASE("duplicate columns: locations point at the names", "[sql][column_lists]") {
  std::string sql = "UPDATE k SET a = 1, a = 2";
  auto d = dups(sql);
  REQUIRE(d.size() == 1);
  REQUIRE(d[0].first.location);
  REQUIRE(d[0].second.location);
  CHECK(sql.substr(*d[0].first.location, 5) == "a = 1");
  CHECK(sql.substr(*d[0].second.location, 5) == "a = 2");
  CHECK(d[0].kind == ColumnListKind::Assignment);
}
