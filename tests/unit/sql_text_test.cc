// parse_sql: statement splitting, spans that land on code, and error offsets in bytes.
#include <catch2/catch.hpp>

#include <string>

#include "sql/sql_text.h"

using miglint::Span;
using miglint::sql::parse_sql;

namespace {

// The text a statement's span covers in `sql`, to check span and text agree.
std::string at(std::string_view sql, Span span) {
  return std::string(sql.substr(span.begin, span.size()));
}

}  // namespace

TEST_CASE("parse_sql splits statements with and without a trailing semicolon", "[sql]") {
  for (std::string sql : {"select 1; select 2", "select 1; select 2;", "select 1;select 2;\n"}) {
    auto r = parse_sql(sql);
    REQUIRE(r.ok());
    REQUIRE(r.statements.size() == 2);
    CHECK(r.statements[0].text == "select 1");
    CHECK(r.statements[1].text == "select 2");
    for (const auto& st : r.statements) CHECK(at(sql, st.span) == st.text);
  }
}

TEST_CASE("parse_sql spans skip comments between statements", "[sql]") {
  std::string sql = "  -- first\nselect 1;\n/* second */ select 2 -- trailing\n;\n-- end\n";
  auto r = parse_sql(sql);
  REQUIRE(r.ok());
  REQUIRE(r.statements.size() == 2);
  CHECK(r.statements[0].text == "select 1");
  CHECK(r.statements[0].span == Span{11, 19});
  // libpg_query's own extent starts right after the previous ';' and includes the comment.
  CHECK(r.statements[1].raw_span.begin == 20);
  CHECK(at(sql, r.statements[1].raw_span) == "\n/* second */ select 2 -- trailing\n");
  CHECK(r.statements[1].text == "select 2");
  CHECK(at(sql, r.statements[1].span) == "select 2");
}

TEST_CASE("parse_sql trims a trailing comment after the last statement", "[sql]") {
  auto r = parse_sql("CREATE INDEX ix ON t (a) -- why\n  /* more */  ");
  REQUIRE(r.statements.size() == 1);
  CHECK(r.statements[0].text == "CREATE INDEX ix ON t (a)");
  CHECK(r.statements[0].kind() == "IndexStmt");
}

TEST_CASE("parse_sql keeps dollar-quoted bodies and quoted semicolons in one statement",
          "[sql]") {
  std::string sql =
      "DO $$ BEGIN\n  PERFORM 1;\n  RAISE NOTICE 'a;b';\nEND $$;\n"
      "DO $body$ BEGIN NULL; END $body$ -- done\n;\n"
      "select 'x;y', \"we;ird\", E'it\\'s;' /* c; */";
  auto r = parse_sql(sql);
  REQUIRE(r.ok());
  REQUIRE(r.statements.size() == 3);
  CHECK(r.statements[0].kind() == "DoStmt");
  CHECK(r.statements[0].text == "DO $$ BEGIN\n  PERFORM 1;\n  RAISE NOTICE 'a;b';\nEND $$");
  CHECK(r.statements[1].text == "DO $body$ BEGIN NULL; END $body$");
  CHECK(r.statements[2].kind() == "SelectStmt");
  CHECK(r.statements[2].text == "select 'x;y', \"we;ird\", E'it\\'s;'");
}

TEST_CASE("parse_sql: comment-only, empty and semicolon-only text has no statements",
          "[sql]") {
  for (std::string sql : {"", "   ", "-- nothing\n", "/* a /* nested */ comment */", ";;", "\n;\n"}) {
    auto r = parse_sql(sql);
    CHECK(r.ok());
    CHECK(r.statements.empty());
  }
}

TEST_CASE("parse_sql skips empty statements between semicolons", "[sql]") {
  auto r = parse_sql("select 1;;; select 2;");
  REQUIRE(r.statements.size() == 2);
  CHECK(r.statements[1].text == "select 2");
  CHECK(r.statements[1].span.begin == 12);
}

TEST_CASE("parse_sql reports PostgreSQL's message and a 0-based byte offset", "[sql]") {
  auto r = parse_sql("SELEC 1");
  REQUIRE(r.error);
  CHECK(r.statements.empty());
  CHECK(r.error->message == "syntax error at or near \"SELEC\"");
  CHECK(r.error->offset == 0);
  CHECK(r.error->offset_known);
}

TEST_CASE("parse_sql error on line 3 of a multi-line string", "[sql]") {
  std::string sql = "ALTER TABLE t\n  ADD COLUMN a int,\n  ADD COLUMN b itn frob;\n";
  auto r = parse_sql(sql);
  REQUIRE(r.error);
  CHECK(r.error->message == "syntax error at or near \"frob\"");
  CHECK(r.error->offset == sql.find("frob"));
}

TEST_CASE("parse_sql error offsets count bytes even after multi-byte characters", "[sql]") {
  // PostgreSQL's cursorpos counts characters: 'é' is one character but two bytes.
  std::string sql = "select 'éé'; selec 1";
  auto r = parse_sql(sql);
  REQUIRE(r.error);
  CHECK(r.error->offset == sql.find("selec 1"));
  CHECK(r.error->offset == 15);
}

TEST_CASE("parse_sql: an error anywhere means no statements", "[sql]") {
  auto r = parse_sql("select 1;\nselect 2;\nselect 3 frm t;");
  REQUIRE(r.error);
  CHECK(r.statements.empty());
  CHECK(r.error->offset == 33);  // the "t" after the bogus "frm" alias
}

TEST_CASE("parse_sql errors at end of input and in unterminated tokens", "[sql]") {
  auto end = parse_sql("CREATE INDEX CONCURRENTLY");
  REQUIRE(end.error);
  CHECK(end.error->message == "syntax error at end of input");
  CHECK(end.error->offset == 25);

  auto dollar = parse_sql("select 1; DO $$ begin");
  REQUIRE(dollar.error);
  CHECK(dollar.error->message.find("unterminated dollar-quoted string") == 0);
  CHECK(dollar.error->offset == 13);

  auto quote = parse_sql("select 'abc");
  REQUIRE(quote.error);
  CHECK(quote.error->offset == 7);
}

TEST_CASE("parse_sql reports NUL bytes and invalid UTF-8 instead of misparsing", "[sql]") {
  auto nul = parse_sql(std::string("select 1;\0 drop table t", 23));
  REQUIRE(nul.error);
  CHECK(nul.error->offset == 9);

  auto bad = parse_sql("select 'ok', '\xff'");
  REQUIRE(bad.error);
  CHECK(bad.error->message == "SQL text is not valid UTF-8");
  CHECK(bad.error->offset == 14);
}

TEST_CASE("same_statements ignores case, whitespace, comments and needless quotes", "[sql]") {
  using miglint::sql::same_statements;
  CHECK(same_statements("create index \"ix\" on t (a)", "CREATE INDEX ix ON t(a);"));
  CHECK(same_statements("ALTER TABLE users ADD COLUMN age int -- why\n",
                        "alter table \"users\"\n  add column age INTEGER;"));
  CHECK(same_statements("select 1; select 2", "SELECT 1;\n/* x */ SELECT 2;"));
}

TEST_CASE("same_statements tells different statements apart", "[sql]") {
  using miglint::sql::same_statements;
  CHECK_FALSE(same_statements("create index ix on t (a)", "create index ix on t (b)"));
  CHECK_FALSE(same_statements("create index ix on t (a)", "create index concurrently ix on t (a)"));
  // A quoted identifier that needs its quotes is a different name.
  CHECK_FALSE(same_statements("create index ix on \"T\" (a)", "create index ix on T (a)"));
  CHECK_FALSE(same_statements("alter table t add column a int default 0",
                              "alter table t add column a int default -1"));
  CHECK_FALSE(same_statements("select 1", "select 1; select 1"));
  CHECK_FALSE(same_statements("select 1", "selec 1"));
}

TEST_CASE("parse_sql: semicolons inside comments and function bodies do not split", "[sql]") {
  std::string sql =
      "-- step 1; then step 2\nselect 1 /* ; */;\n"
      "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $fn$\n"
      "BEGIN NEW.a := 1; RETURN NEW; END\n$fn$;";
  auto r = parse_sql(sql);
  REQUIRE(r.ok());
  REQUIRE(r.statements.size() == 2);
  CHECK(r.statements[0].text == "select 1");
  CHECK(r.statements[1].kind() == "CreateFunctionStmt");
  CHECK(r.statements[1].text.rfind("CREATE FUNCTION", 0) == 0);
  CHECK(r.statements[1].text.substr(r.statements[1].text.size() - 4) == "$fn$");
}
