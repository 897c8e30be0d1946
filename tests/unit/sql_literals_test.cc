// string_literals(): the string constants of a statement, decoded, with where they start.
#include <catch2/catch.hpp>

#include "sql/literals.h"
#include "sql/sql_text.h"

using namespace miglint::sql;

namespace {

std::vector<Statement> parse(std::string_view sql) {
  auto r = parse_sql(sql);
  REQUIRE(r.ok());
  return r.statements;
}

std::vector<std::string> values(const Statement& st) {
  std::vector<std::string> out;
  for (const auto& l : string_literals(st)) out.push_back(l.value);
  return out;
}

}  // namespace

TEST_CASE("string_literals finds constants in DML, casts, defaults and subqueries", "[sql]") {
  auto s = parse("UPDATE people SET mood = 'happy'::mood WHERE id IN (SELECT id FROM t WHERE note = 'it''s');"
                 " ALTER TABLE people ALTER COLUMN mood SET DEFAULT 'ok';"
                 " INSERT INTO t (a, b) VALUES (E'x\\ny', 5), ($$dollar$$, 6)");
  REQUIRE(s.size() == 3);
  CHECK(values(s[0]) == std::vector<std::string>{"happy", "it's"});
  CHECK(values(s[1]) == std::vector<std::string>{"ok"});
  CHECK(values(s[2]) == std::vector<std::string>{"x\ny", "dollar"});
}

TEST_CASE("string_literals spans cover the literal as written, relative to the statement", "[sql]") {
  auto s = parse("SELECT 1; UPDATE t SET a = 'it''s', b = E'q\\'q', c = $x$d$x$");
  REQUIRE(s.size() == 2);
  auto lits = string_literals(s[1]);
  REQUIRE(lits.size() == 3);
  auto text = [&](const StringLiteral& l) { return s[1].text.substr(l.span.begin, l.span.size()); };
  CHECK(text(lits[0]) == "'it''s'");
  CHECK(text(lits[1]) == "E'q\\'q'");
  CHECK(text(lits[2]) == "$x$d$x$");
}

TEST_CASE("string_literals leaves out names: enum labels, identifiers, numbers", "[sql]") {
  auto s = parse("CREATE TYPE mood AS ENUM ('sad', 'ok'); ALTER TYPE mood ADD VALUE 'happy' AFTER 'ok';"
                 " SELECT \"quoted\", 5, 1.5 FROM t");
  REQUIRE(s.size() == 3);
  CHECK(values(s[0]).empty());
  CHECK(values(s[1]).empty());
  CHECK(values(s[2]).empty());
}
