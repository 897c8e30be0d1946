// Tests of the lock table (src/sql/locks.h): every row, from real SQL parsed by libpg_query,
// and PostgreSQL's conflict matrix.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sql/locks.h"
#include "sql/sql_text.h"

using namespace miglint::sql;
using LM = LockMode;

namespace {

std::vector<LockInfo> locks(const std::string& sql, int pg_major = 15) {
  auto parsed = parse_sql(sql);
  REQUIRE(parsed.ok());
  REQUIRE(parsed.statements.size() == 1);
  return locks_of(parsed.statements[0], pg_major);
}

// The single lock of `sql`, which must lock exactly one relation.
LockInfo one(const std::string& sql, int pg_major = 15) {
  auto l = locks(sql, pg_major);
  INFO(sql);
  REQUIRE(l.size() == 1);
  return l[0];
}

void check(const std::string& sql, const std::string& relation, LockMode mode, Work work) {
  INFO(sql);
  auto l = one(sql);
  CHECK(l.relation == relation);
  CHECK(lock_mode_name(l.mode) == lock_mode_name(mode));
  CHECK(work_name(l.work) == work_name(work));
  CHECK_FALSE(l.why.empty());
}

}  // namespace

TEST_CASE("lock mode names", "[locks]") {
  CHECK(lock_mode_name(LM::AccessExclusive) == "ACCESS EXCLUSIVE");
  CHECK(lock_mode_name(LM::ShareUpdateExclusive) == "SHARE UPDATE EXCLUSIVE");
  CHECK(lock_mode_pg_locks_name(LM::AccessExclusive) == "AccessExclusiveLock");
  CHECK(lock_mode_pg_locks_name(LM::RowExclusive) == "RowExclusiveLock");
  for (int i = 0; i < 8; ++i) {  // pg_locks' spelling reads back to the same mode
    auto mode = static_cast<LM>(i);
    CHECK(lock_mode_from_pg_locks_name(lock_mode_pg_locks_name(mode)) == mode);
  }
  CHECK_FALSE(lock_mode_from_pg_locks_name("SIReadLock"));  // a predicate lock, not a table mode
  CHECK(blocks_description(LM::AccessExclusive) == "blocks reads and writes");
  CHECK(blocks_description(LM::Share) == "blocks writes (INSERT/UPDATE/DELETE)");
  CHECK(blocks_description(LM::ShareUpdateExclusive) ==
        "blocks other schema changes and VACUUM");
}

TEST_CASE("conflict matrix is PostgreSQL's Table 13.2", "[locks]") {
  constexpr LM all[] = {LM::AccessShare, LM::RowShare, LM::RowExclusive,
                        LM::ShareUpdateExclusive, LM::Share, LM::ShareRowExclusive,
                        LM::Exclusive, LM::AccessExclusive};
  // Table 13.2 as printed: X = conflicts.
  const char* table[8] = {
      ".......X",  // ACCESS SHARE
      "......XX",  // ROW SHARE
      "....XXXX",  // ROW EXCLUSIVE
      "...XXXXX",  // SHARE UPDATE EXCLUSIVE
      "..XX.XXX",  // SHARE
      "..XXXXXX",  // SHARE ROW EXCLUSIVE
      ".XXXXXXX",  // EXCLUSIVE
      "XXXXXXXX",  // ACCESS EXCLUSIVE
  };
  for (int a = 0; a < 8; ++a)
    for (int b = 0; b < 8; ++b) {
      INFO(lock_mode_name(all[a]) << " vs " << lock_mode_name(all[b]));
      CHECK(conflicts(all[a], all[b]) == (table[a][b] == 'X'));
      CHECK(conflicts(all[a], all[b]) == conflicts(all[b], all[a]));
    }
  CHECK_FALSE(conflicts(LM::Share, LM::Share));
  CHECK(conflicts(LM::ShareUpdateExclusive, LM::ShareUpdateExclusive));
}

TEST_CASE("ALTER TABLE ADD COLUMN", "[locks]") {
  check("ALTER TABLE s.t ADD COLUMN c int", "s.t", LM::AccessExclusive, Work::CatalogOnly);
  check("ALTER TABLE t ADD COLUMN c int DEFAULT 0", "t", LM::AccessExclusive, Work::CatalogOnly);
  check("ALTER TABLE t ADD COLUMN c timestamptz DEFAULT now()", "t", LM::AccessExclusive,
        Work::CatalogOnly);
  check("ALTER TABLE t ADD COLUMN c uuid DEFAULT gen_random_uuid()", "t", LM::AccessExclusive,
        Work::Rewrite);
  check("ALTER TABLE t ADD COLUMN c int DEFAULT (random() * 10)::int", "t",
        LM::AccessExclusive, Work::Rewrite);
  check("ALTER TABLE t ADD COLUMN c text[] DEFAULT ARRAY[]::text[]", "t", LM::AccessExclusive,
        Work::CatalogOnly);
  check("ALTER TABLE t ADD COLUMN c text DEFAULT 'a' || my_fn()", "t", LM::AccessExclusive,
        Work::Rewrite);
  check("ALTER TABLE t ADD COLUMN c serial", "t", LM::AccessExclusive, Work::Rewrite);
  check("ALTER TABLE t ADD COLUMN c bigint GENERATED ALWAYS AS IDENTITY", "t",
        LM::AccessExclusive, Work::Rewrite);
  check("ALTER TABLE t ADD COLUMN c int GENERATED ALWAYS AS (a * 2) STORED", "t",
        LM::AccessExclusive, Work::Rewrite);
  check("ALTER TABLE t ADD COLUMN c int NOT NULL", "t", LM::AccessExclusive, Work::Scan);
  check("ALTER TABLE t ADD COLUMN c int UNIQUE", "t", LM::AccessExclusive, Work::Scan);
  // Before PostgreSQL 11 any non-null default rewrote the table.
  CHECK(one("ALTER TABLE t ADD COLUMN c int DEFAULT 0", 10).work == Work::Rewrite);
  CHECK(one("ALTER TABLE t ADD COLUMN c int DEFAULT 0", 11).work == Work::CatalogOnly);

  auto fk = locks("ALTER TABLE t ADD COLUMN u int REFERENCES users (id)");
  REQUIRE(fk.size() == 2);
  CHECK(fk[0].relation == "users");
  CHECK(fk[0].mode == LM::ShareRowExclusive);
  CHECK(fk[1].relation == "t");
  CHECK(fk[1].mode == LM::AccessExclusive);
}

TEST_CASE("ALTER TABLE constraints", "[locks]") {
  auto fk = locks("ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (u) REFERENCES s.users (id)");
  REQUIRE(fk.size() == 2);
  CHECK(fk[0].relation == "orders");
  CHECK(fk[0].mode == LM::ShareRowExclusive);
  CHECK(fk[0].work == Work::Scan);
  CHECK(fk[1].relation == "s.users");
  CHECK(fk[1].mode == LM::ShareRowExclusive);
  auto fk_nv = locks(
      "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (u) REFERENCES users (id) NOT VALID");
  REQUIRE(fk_nv.size() == 2);
  CHECK(fk_nv[0].work == Work::CatalogOnly);

  check("ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)", "t", LM::AccessExclusive, Work::Scan);
  check("ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID", "t", LM::AccessExclusive,
        Work::CatalogOnly);
  check("ALTER TABLE t VALIDATE CONSTRAINT c", "t", LM::ShareUpdateExclusive, Work::Scan);
  check("ALTER TABLE t ADD PRIMARY KEY (id)", "t", LM::AccessExclusive, Work::Scan);
  check("ALTER TABLE t ADD CONSTRAINT u UNIQUE (a)", "t", LM::AccessExclusive, Work::Scan);
  check("ALTER TABLE t ADD CONSTRAINT pk PRIMARY KEY USING INDEX ix", "t", LM::AccessExclusive,
        Work::CatalogOnly);
  check("ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX ix", "t", LM::AccessExclusive,
        Work::CatalogOnly);
  check("ALTER TABLE t DROP CONSTRAINT c", "t", LM::AccessExclusive, Work::CatalogOnly);
}

TEST_CASE("ALTER TABLE column subcommands", "[locks]") {
  check("ALTER TABLE t ALTER COLUMN c SET NOT NULL", "t", LM::AccessExclusive, Work::Scan);
  check("ALTER TABLE t ALTER COLUMN c DROP NOT NULL", "t", LM::AccessExclusive, Work::CatalogOnly);
  check("ALTER TABLE t ALTER COLUMN c SET DEFAULT 1", "t", LM::AccessExclusive, Work::CatalogOnly);
  check("ALTER TABLE t ALTER COLUMN c DROP DEFAULT", "t", LM::AccessExclusive, Work::CatalogOnly);
  check("ALTER TABLE t ALTER COLUMN c TYPE bigint", "t", LM::AccessExclusive, Work::Rewrite);
  check("ALTER TABLE t DROP COLUMN c", "t", LM::AccessExclusive, Work::CatalogOnly);
  check("ALTER TABLE t ALTER COLUMN c SET STATISTICS 100", "t", LM::ShareUpdateExclusive,
        Work::CatalogOnly);
  check("ALTER TABLE t SET (fillfactor = 70)", "t", LM::ShareUpdateExclusive, Work::CatalogOnly);
  check("ALTER TABLE t SET TABLESPACE fast", "t", LM::AccessExclusive, Work::Rewrite);
  check("ALTER TABLE t SET LOGGED", "t", LM::AccessExclusive, Work::Rewrite);
  check("ALTER TABLE t CLUSTER ON ix", "t", LM::ShareUpdateExclusive, Work::CatalogOnly);
  check("ALTER TABLE t DISABLE TRIGGER tr", "t", LM::ShareRowExclusive, Work::CatalogOnly);
  check("ALTER TABLE t ENABLE TRIGGER ALL", "t", LM::ShareRowExclusive, Work::CatalogOnly);
  check("ALTER TABLE t OWNER TO bob", "t", LM::AccessExclusive, Work::CatalogOnly);
  check("ALTER TABLE t ENABLE ROW LEVEL SECURITY", "t", LM::AccessExclusive, Work::CatalogOnly);
}

TEST_CASE("ALTER TABLE: several subcommands keep the strongest per table", "[locks]") {
  auto l = one("ALTER TABLE t ALTER COLUMN c SET STATISTICS 100, ALTER COLUMN c TYPE text");
  CHECK(l.mode == LM::AccessExclusive);
  CHECK(l.work == Work::Rewrite);
  CHECK(l.why.find("ALTER COLUMN TYPE") == 0);
}

TEST_CASE("partitions", "[locks]") {
  auto attach = locks("ALTER TABLE p ATTACH PARTITION p1 FOR VALUES IN (1)");
  REQUIRE(attach.size() == 2);
  CHECK(attach[0].relation == "p");
  CHECK(attach[0].mode == LM::ShareUpdateExclusive);
  CHECK(attach[1].relation == "p1");
  CHECK(attach[1].mode == LM::AccessExclusive);
  auto detach = locks("ALTER TABLE p DETACH PARTITION p1");
  REQUIRE(detach.size() == 2);
  CHECK(detach[0].mode == LM::AccessExclusive);
  auto detach_c = locks("ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY");
  REQUIRE(detach_c.size() == 2);
  CHECK(detach_c[0].mode == LM::ShareUpdateExclusive);
  check("CREATE TABLE p2 PARTITION OF p FOR VALUES IN (2)", "p", LM::AccessExclusive,
        Work::CatalogOnly);
}

TEST_CASE("indexes", "[locks]") {
  check("CREATE INDEX ix ON s.t (a)", "s.t", LM::Share, Work::Scan);
  check("CREATE UNIQUE INDEX CONCURRENTLY ix ON t (a)", "t", LM::ShareUpdateExclusive, Work::Scan);
  check("DROP INDEX ix", "ix", LM::AccessExclusive, Work::CatalogOnly);
  check("DROP INDEX CONCURRENTLY ix", "ix", LM::ShareUpdateExclusive, Work::CatalogOnly);
  check("REINDEX TABLE t", "t", LM::Share, Work::Scan);
  check("REINDEX INDEX ix", "ix", LM::AccessExclusive, Work::Scan);
  check("REINDEX TABLE CONCURRENTLY t", "t", LM::ShareUpdateExclusive, Work::Scan);
  check("ALTER INDEX ix RENAME TO ix2", "ix", LM::ShareUpdateExclusive, Work::CatalogOnly);
  CHECK(one("ALTER INDEX ix RENAME TO ix2", 11).mode == LM::AccessExclusive);
}

TEST_CASE("maintenance statements", "[locks]") {
  check("REFRESH MATERIALIZED VIEW mv", "mv", LM::AccessExclusive, Work::Rewrite);
  check("REFRESH MATERIALIZED VIEW CONCURRENTLY mv", "mv", LM::Exclusive, Work::Rewrite);
  check("VACUUM FULL t", "t", LM::AccessExclusive, Work::Rewrite);
  check("VACUUM t", "t", LM::ShareUpdateExclusive, Work::Scan);
  check("ANALYZE t", "t", LM::ShareUpdateExclusive, Work::Scan);
  check("CLUSTER t USING ix", "t", LM::AccessExclusive, Work::Rewrite);
  check("TRUNCATE t", "t", LM::AccessExclusive, Work::CatalogOnly);
  check("LOCK TABLE t IN SHARE ROW EXCLUSIVE MODE", "t", LM::ShareRowExclusive, Work::CatalogOnly);
  check("LOCK TABLE t", "t", LM::AccessExclusive, Work::CatalogOnly);
  check("LOCK TABLE t IN ACCESS SHARE MODE", "t", LM::AccessShare, Work::CatalogOnly);
}

TEST_CASE("CREATE, DROP, RENAME, COMMENT, TRIGGER", "[locks]") {
  CHECK(locks("CREATE TABLE t (id int PRIMARY KEY)").empty());
  check("CREATE TABLE t (u int REFERENCES users (id))", "users", LM::ShareRowExclusive,
        Work::CatalogOnly);
  check("DROP TABLE s.t", "s.t", LM::AccessExclusive, Work::CatalogOnly);
  CHECK(locks("DROP TABLE a, b").size() == 2);
  check("ALTER TABLE t RENAME TO u", "t", LM::AccessExclusive, Work::CatalogOnly);
  check("ALTER TABLE t RENAME COLUMN a TO b", "t", LM::AccessExclusive, Work::CatalogOnly);
  check("COMMENT ON TABLE s.t IS 'x'", "s.t", LM::ShareUpdateExclusive, Work::CatalogOnly);
  check("COMMENT ON COLUMN t.c IS 'x'", "t", LM::ShareUpdateExclusive, Work::CatalogOnly);
  check("CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()", "t",
        LM::ShareRowExclusive, Work::CatalogOnly);
  check("ALTER SEQUENCE s.sq RESTART", "s.sq", LM::ShareRowExclusive, Work::CatalogOnly);
  auto view = locks("CREATE OR REPLACE VIEW v AS SELECT * FROM t");
  REQUIRE(view.size() == 2);
  CHECK(view[0].relation == "v");
  CHECK(view[0].mode == LM::AccessExclusive);
  CHECK(view[1].relation == "t");
  CHECK(view[1].mode == LM::AccessShare);
  check("DROP POLICY pol ON t", "t", LM::AccessExclusive, Work::CatalogOnly);
  check("DROP TRIGGER tr ON t", "t", LM::AccessExclusive, Work::CatalogOnly);
  CHECK(locks("ALTER TYPE mood ADD VALUE 'meh'").empty());
  CHECK(locks("CREATE TYPE mood AS ENUM ('a')").empty());
  CHECK(locks("SET lock_timeout = '5s'").empty());
  CHECK(locks("DROP TYPE mood").empty());
}

TEST_CASE("DML and SELECT", "[locks]") {
  check("UPDATE t SET a = 1 WHERE id = 2", "t", LM::RowExclusive, Work::Scan);
  check("UPDATE t SET a = 1", "t", LM::RowExclusive, Work::Scan);
  check("DELETE FROM t WHERE a = 1", "t", LM::RowExclusive, Work::Scan);
  check("INSERT INTO t (a) VALUES (1)", "t", LM::RowExclusive, Work::Scan);
  check("SELECT * FROM t", "t", LM::AccessShare, Work::Scan);
  check("SELECT * FROM t FOR UPDATE", "t", LM::RowShare, Work::Scan);
  CHECK(locks("SELECT 1").empty());
  auto ins = locks("INSERT INTO t (a) SELECT a FROM u");
  REQUIRE(ins.size() == 2);
  CHECK(ins[0].relation == "t");
  CHECK(ins[1].relation == "u");
  CHECK(ins[1].mode == LM::AccessShare);
}

TEST_CASE("unknown statements are conservative", "[locks]") {
  auto l = one("DO $$ BEGIN PERFORM 1; END $$");
  CHECK(l.mode == LM::AccessExclusive);
  CHECK(l.why.find("not in miglint's lock table") != std::string::npos);
  // GRANT takes no relation lock (seen in pg_locks on PostgreSQL 15).
  CHECK(locks("GRANT SELECT ON t TO bob").empty());
  auto seq = one("CREATE EVENT TRIGGER e ON ddl_command_start EXECUTE FUNCTION f()");
  CHECK(seq.mode == LM::AccessExclusive);
}
