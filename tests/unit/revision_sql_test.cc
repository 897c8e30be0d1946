// revision_sql: lowered statements parsed with libpg_query, spans and syntax errors mapped to
// the exact line and column in the .py file through a real string Constant's str_source.
#include <catch2/catch.hpp>

#include "alembic/revision.h"
#include "alembic/revision_facts.h"
#include "python/ast.h"
#include "sql/revision_sql.h"

using namespace miglint;
using alembic::LoweredStatement;

namespace {

struct Fixture {
  alembic::Revision revision;

  explicit Fixture(std::string body) {
    std::string text = "from alembic import op\n\n\ndef upgrade():\n" + body;
    std::vector<Diagnostic> diags;
    revision = alembic::load_revision(std::make_shared<SourceFile>("r.py", text), diags);
    REQUIRE(revision.module);
  }

  // The LoweredStatement lowering makes of `op.execute(<literal>)`: the literal's text and map.
  LoweredStatement execute(std::size_t call = 0) const {
    REQUIRE(revision.upgrade.calls.size() > call);
    const python::Node* node = revision.upgrade.calls[call].node;
    REQUIRE(node->la.size() == 1);
    const python::Node* lit = node->la[0];
    REQUIRE(lit->kind == python::Kind::Constant);
    LoweredStatement l;
    l.sql = std::string(lit->str);
    l.origin = node->span;
    l.source_map.assign(lit->str_source, lit->str_source + lit->str.size() + 1);
    return l;
  }

  LineCol at(uint32_t offset) const { return revision.file->line_col(offset); }
  std::string_view text(Span s) const { return revision.file->slice(s); }
};

}  // namespace

TEST_CASE("a syntax error on line 3 of a triple-quoted string is reported on that line",
          "[sql][revision_sql]") {
  Fixture f(
      "    op.execute(\"\"\"\n"        // line 5
      "        CREATE TABLE t (id int);\n"  // line 6
      "        SELEC 1;\n"                  // line 7: third line of the literal
      "    \"\"\")\n");
  auto r = sql::parse_revision_sql(f.revision, {f.execute()});
  CHECK(r.statements.empty());
  REQUIRE(r.diagnostics.size() == 1);
  const Diagnostic& d = r.diagnostics[0];
  CHECK(d.rule == "sql-syntax-error");
  CHECK(d.message == "Invalid SQL: syntax error at or near \"SELEC\"");
  CHECK(f.at(d.location.span.begin) == LineCol{7, 9});
  CHECK(f.text(d.location.span) == "S");
}

TEST_CASE("escapes and implicit concatenation keep positions exact", "[sql][revision_sql]") {
  Fixture f(
      "    op.execute(\"SELECT 1;\\n\"\n"  // line 5: "\n" escape is two source bytes
      "               'SELECT\\t2 FRM x')\n");
  auto r = sql::parse_revision_sql(f.revision, {f.execute()});
  REQUIRE(r.diagnostics.size() == 1);
  // `FRM` reads as an alias, so PostgreSQL stops at "x": line 6, after
  // `               'SELECT\t2 FRM ` (15 + 15 bytes, the \t escape counting two).
  CHECK(r.diagnostics[0].message == "Invalid SQL: syntax error at or near \"x\"");
  CHECK(f.at(r.diagnostics[0].location.span.begin) == LineCol{6, 31});
  CHECK(f.text(r.diagnostics[0].location.span) == "x");
}

TEST_CASE("a multi-statement literal gives one statement per SQL statement, each mapped",
          "[sql][revision_sql]") {
  Fixture f(
      "    op.execute(\"\"\"\n"
      "        CREATE TABLE a (x int);\n"
      "        -- the second one\n"
      "        CREATE TABLE b (y int)\n"
      "    \"\"\")\n");
  auto r = sql::parse_revision_sql(f.revision, {f.execute()});
  CHECK(r.diagnostics.empty());
  REQUIRE(r.statements.size() == 2);
  CHECK(r.statements[0].statement.is("CreateStmt"));
  CHECK(f.text(r.statements[0].file_span) == "CREATE TABLE a (x int)");
  CHECK(f.at(r.statements[1].file_span.begin) == LineCol{8, 9});
  CHECK(f.text(r.statements[1].file_span) == "CREATE TABLE b (y int)");
  CHECK(r.statements[1].lowered_index == 0);
}

TEST_CASE("generated SQL without a map points at the operation", "[sql][revision_sql]") {
  Fixture f("    op.create_table('t')\n");
  LoweredStatement l;
  l.sql = "CREATE TABLE t (";
  l.origin = f.revision.upgrade.calls.at(0).span;
  l.in_transaction = false;
  auto r = sql::parse_revision_sql(f.revision, {l});
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(f.text(r.diagnostics[0].location.span) == "op.create_table('t')");
  CHECK(r.diagnostics[0].message == "Invalid SQL: syntax error at end of input");
  REQUIRE(r.diagnostics[0].notes.size() == 1);

  l.sql = "CREATE TABLE t ()";
  r = sql::parse_revision_sql(f.revision, {l});
  REQUIRE(r.statements.size() == 1);
  CHECK(r.statements[0].file_span == l.origin);
  CHECK_FALSE(r.statements[0].in_transaction);
}

TEST_CASE("a statement spanning implicitly concatenated literals maps from its first to its "
          "last byte", "[sql][revision_sql]") {
  Fixture f(
      "    op.execute(\"CREATE INDEX ix ON t \"\n"
      "               \"(a, b);\"  \"SELECT 1\")\n");
  auto r = sql::parse_revision_sql(f.revision, {f.execute()});
  REQUIRE(r.statements.size() == 2);
  CHECK(f.text(r.statements[0].file_span) == "CREATE INDEX ix ON t \"\n               \"(a, b)");
  CHECK(f.text(r.statements[1].file_span) == "SELECT 1");
  CHECK(f.at(r.statements[1].file_span.begin) == LineCol{6, 28});
}
