// Statement's generic accessors: kind, relations, WHERE presence, and trim_to_code.
#include <catch2/catch.hpp>

#include "sql/sql_text.h"

using namespace miglint::sql;
using miglint::Span;

TEST_CASE("Statement::kind and relation across statement kinds", "[sql]") {
  auto r = parse_sql(
      "CREATE TABLE s.a (x int); ALTER TABLE b ADD c int; CREATE INDEX ON c (x);"
      " UPDATE d SET x = 1; DELETE FROM s.e WHERE x = 1; INSERT INTO f VALUES (1);"
      " TRUNCATE g, h; CREATE MATERIALIZED VIEW i AS SELECT 1; REFRESH MATERIALIZED VIEW j;"
      " ALTER TABLE k RENAME TO kk; ALTER TABLE l SET SCHEMA x; SET lock_timeout = '1s';"
      " DROP TABLE m");
  REQUIRE(r.ok());
  const auto& s = r.statements;
  REQUIRE(s.size() == 13);
  CHECK(s[0].kind() == "CreateStmt");
  CHECK(s[0].relation_name() == "s.a");
  CHECK(s[1].kind() == "AlterTableStmt");
  CHECK(s[1].relation_name() == "b");
  CHECK(s[2].is("IndexStmt"));
  CHECK(s[2].relation_name() == "c");
  CHECK(s[3].relation_name() == "d");
  CHECK(s[4].relation() == QualifiedName{"s", "e"});
  CHECK(s[5].relation_name() == "f");
  CHECK(s[6].relations() == std::vector<QualifiedName>{{"", "g"}, {"", "h"}});
  CHECK(s[7].relation_name() == "i");
  CHECK(s[8].relation_name() == "j");
  CHECK(s[9].relation_name() == "k");
  CHECK(s[10].kind() == "AlterObjectSchemaStmt");
  CHECK(s[10].relation_name() == "l");
  CHECK_FALSE(s[11].relation());
  CHECK(s[11].relation_name().empty());
  CHECK_FALSE(s[12].relation());  // DROP names objects, not a relation: see as_drop
}

TEST_CASE("Statement::has_where_clause for UPDATE and DELETE", "[sql]") {
  auto r = parse_sql("UPDATE t SET a = 1; UPDATE t SET a = 1 WHERE b = 2; DELETE FROM t;"
                     " DELETE FROM t WHERE a = 1; SELECT 1 WHERE true");
  REQUIRE(r.statements.size() == 5);
  CHECK_FALSE(r.statements[0].has_where_clause());
  CHECK(r.statements[1].has_where_clause());
  CHECK_FALSE(r.statements[2].has_where_clause());
  CHECK(r.statements[3].has_where_clause());
  CHECK_FALSE(r.statements[4].has_where_clause());  // only UPDATE and DELETE
}

TEST_CASE("trim_to_code skips comments and whitespace but not quoted text", "[sql]") {
  auto trimmed = [](std::string_view s) {
    Span sp = trim_to_code(s, {0, static_cast<uint32_t>(s.size())});
    return std::string(s.substr(sp.begin, sp.size()));
  };
  CHECK(trimmed("  /* a /* nested */ b */ -- x\n select 1 -- y\n /* z */ ") == "select 1");
  CHECK(trimmed("select '--not a comment'") == "select '--not a comment'");
  CHECK(trimmed("select \"/*id*/\" /* c */") == "select \"/*id*/\"");
  CHECK(trimmed("select $q$ -- $q$ -- c") == "select $q$ -- $q$");
  CHECK(trimmed("select 'it''s' -- c") == "select 'it''s'");
  CHECK(trimmed("select E'\\' --' -- c") == "select E'\\' --'");
  CHECK(trimmed("select $1 -- c") == "select $1");
  CHECK(trimmed("-- only\n") == "");
  CHECK(trimmed("") == "");
  // Offsets are into the whole text, and a sub-span is honoured.
  std::string_view s = "select 1; /* c */ select 2 ; ";
  CHECK(trim_to_code(s, {9, 27}) == Span{18, 26});
}
