// The Migration view SQL rules read: transactions, relations created in the revision, timeouts.
#include <catch2/catch.hpp>

#include <functional>
#include <memory>
#include <string>

#include "alembic/project.h"
#include "alembic/revision_facts.h"
#include "lint/analysis.h"
#include "lint/migration.h"
#include "python/ast.h"

using namespace miglint;

namespace {

std::string revision_text(const std::string& upgrade_body) {
  return "from alembic import op\nimport sqlalchemy as sa\nrevision = 'a1'\ndown_revision = None\n\n"
         "def upgrade():\n" + upgrade_body + "\n\ndef downgrade():\n    pass\n";
}

// Loads one revision from text and hands its upgrade Migration to `inspect`.
void with_migration(const std::string& upgrade_body, const std::function<void(const lint::Migration&)>& inspect,
                    lint::SessionFacts facts = {}) {
  alembic::Project project;
  std::vector<Diagnostic> diags;
  project.revisions.push_back(alembic::load_revision(
      std::make_shared<SourceFile>("r.py", revision_text(upgrade_body)), diags));
  REQUIRE(diags.empty());
  lint::AnalysisOptions options;
  options.jobs = 1;
  bool visited = false;
  options.visit = [&](size_t i, const lint::RevisionAnalysis& r) {
    lint::Migration m(project, project.revisions[i], alembic::Phase::Upgrade, r.upgrade, facts);
    inspect(m);
    visited = true;
  };
  lint::analyze_project(project, options);
  REQUIRE(visited);
}

}  // namespace

TEST_CASE("statements are numbered into transactions around autocommit blocks", "[migration]") {
  with_migration(
      "    op.execute('ALTER TABLE a ADD COLUMN x int')\n"
      "    with op.get_context().autocommit_block():\n"
      "        op.execute('CREATE INDEX CONCURRENTLY ix ON a (x)')\n"
      "        op.execute('VACUUM a')\n"
      "    op.execute('ALTER TABLE a ADD COLUMN y int')\n"
      "    op.execute('COMMIT')\n"
      "    op.execute('ALTER TABLE a ADD COLUMN z int')",
      [](const lint::Migration& m) {
        const auto& s = m.statements();
        REQUIRE(s.size() == 6);
        CHECK(s[0].transaction == 0);
        CHECK(s[1].transaction == -1);
        CHECK(!s[1].in_transaction());
        CHECK(s[2].transaction == -1);
        CHECK(s[3].transaction == 1);
        CHECK(s[4].transaction == 1);  // the COMMIT itself ends transaction 1
        CHECK(s[5].transaction == 2);
        REQUIRE(s[0].locks.size() == 1);
        CHECK(s[0].locks[0].mode == sql::LockMode::AccessExclusive);
        CHECK(s[0].locks[0].relation == "a");
        CHECK(m.fully_static());
      });
}

TEST_CASE("relations created earlier in the revision are known, under either spelling", "[migration]") {
  with_migration(
      "    op.execute('CREATE INDEX ix_old ON old_table (a)')\n"
      "    op.create_table('fresh', sa.Column('id', sa.Integer(), primary_key=True))\n"
      "    op.execute('CREATE INDEX ix_fresh ON public.fresh (id)')\n"
      "    op.execute('CREATE TABLE audit.log (id int)')\n"
      "    op.execute('ALTER TABLE fresh RENAME TO renamed')\n"
      "    op.execute('CREATE VIEW v_fresh AS SELECT 1')\n"
      "    op.execute('SELECT 1')",
      [](const lint::Migration& m) {
        CHECK(!m.created_before(std::string("old_table"), 5));
        CHECK(!m.created_before(std::string("fresh"), 0));  // not yet, at the first statement
        CHECK(!m.created_before(std::string("fresh"), 1));  // not before its own CREATE
        CHECK(m.created_before(std::string("fresh"), 2));
        CHECK(m.created_before(std::string("public.fresh"), 2));
        CHECK(m.created_before(sql::QualifiedName{"public", "fresh"}, 2));
        CHECK(m.created_before(std::string("ix_fresh"), 3));
        CHECK(m.created_before(std::string("audit.log"), 5));
        CHECK(!m.created_before(std::string("log"), 5));  // another schema
        CHECK(m.created_before(std::string("renamed"), 5));
        CHECK(m.created_before(std::string("v_fresh"), 6));
        CHECK(!m.created_before(std::string("v_fresh"), 5));
        // ix_old was created in this revision too (it is new), though on an old table.
        CHECK(m.created_before(std::string("ix_old"), 1));
      });
}

TEST_CASE("timeouts in force follow SET, SET LOCAL, RESET and the session facts", "[migration]") {
  const std::string body =
      "    op.execute('ALTER TABLE a ADD COLUMN b int')\n"           // 0
      "    op.execute(\"SET LOCAL lock_timeout = '2s'\")\n"          // 1
      "    op.execute('ALTER TABLE a ADD COLUMN c int')\n"           // 2
      "    with op.get_context().autocommit_block():\n"
      "        op.execute('CREATE INDEX CONCURRENTLY i ON a (b)')\n" // 3: SET LOCAL gone
      "    op.execute(\"SET lock_timeout TO '5s'\")\n"               // 4
      "    op.execute(\"SET statement_timeout = 0\")\n"              // 5
      "    op.execute('ALTER TABLE a ADD COLUMN d int')\n"           // 6
      "    op.execute('RESET lock_timeout')\n"                       // 7
      "    op.execute('ALTER TABLE a ADD COLUMN e int')";            // 8
  with_migration(body, [](const lint::Migration& m) {
    REQUIRE(m.statements().size() == 9);
    CHECK(!m.lock_timeout_in_force(0));
    CHECK(!m.lock_timeout_in_force(1));  // the SET itself has not run yet
    CHECK(m.lock_timeout_in_force(2));
    CHECK(!m.lock_timeout_in_force(3));
    CHECK(m.lock_timeout_in_force(6));
    CHECK(!m.lock_timeout_in_force(8));
    CHECK(!m.statement_timeout_in_force(6));
  });
  lint::SessionFacts facts;
  facts.lock_timeout = true;
  facts.statement_timeout = true;
  with_migration(body, [](const lint::Migration& m) {
    CHECK(m.lock_timeout_in_force(0));
    CHECK(m.lock_timeout_in_force(3));
    CHECK(!m.lock_timeout_in_force(8));   // RESET returns to the server default, not env.py's
    CHECK(m.statement_timeout_in_force(0));
    CHECK(!m.statement_timeout_in_force(6));  // = 0 switches it off
  }, facts);
}

TEST_CASE("locations point into SQL literals and op calls", "[migration]") {
  with_migration(
      "    op.execute('SELECT 1; ALTER TABLE a DROP COLUMN b')\n"
      "    op.add_column('a', sa.Column('c', sa.Text()))",
      [](const lint::Migration& m) {
        REQUIRE(m.statements().size() == 3);
        const auto& file = *m.revision().file;
        Location second = m.location(m.statements()[1]);
        CHECK(file.slice(second.span) == "ALTER TABLE a DROP COLUMN b");
        Location inner = m.location(m.statements()[1], Span{14, 27});
        CHECK(file.slice(inner.span) == "DROP COLUMN b");
        const python::Node* call = m.op_call(m.statements()[2]);
        REQUIRE(call);
        CHECK(file.slice(call->span) == "op.add_column('a', sa.Column('c', sa.Text()))");
        CHECK(m.op_call(m.statements()[0]) != nullptr);
      });
}

TEST_CASE("a lock is described with its mode, table, work and what it blocks", "[migration]") {
  sql::LockInfo lock{"ledger_entries", sql::LockMode::AccessExclusive, sql::Work::Rewrite, ""};
  CHECK(lint::describe_lock(lock, true) ==
        "takes ACCESS EXCLUSIVE on \"ledger_entries\" and rewrites it: blocks reads and writes until COMMIT");
  lock = {"accounts", sql::LockMode::Share, sql::Work::Scan, ""};
  CHECK(lint::describe_lock(lock, false) ==
        "takes SHARE on \"accounts\" and scans it: blocks writes (INSERT/UPDATE/DELETE) until the statement finishes");
}
