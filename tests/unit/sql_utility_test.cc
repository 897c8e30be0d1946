// utility.h helpers on real statements: transactions, SET, maintenance, LOCK.
#include <catch2/catch.hpp>

#include "sql/sql_text.h"
#include "sql/utility.h"

using namespace miglint::sql;

namespace {

std::vector<Statement> parse(std::string_view sql) {
  auto r = parse_sql(sql);
  REQUIRE(r.ok());
  return r.statements;
}

}  // namespace

TEST_CASE("as_transaction reads every transaction statement kind", "[sql]") {
  auto s = parse("BEGIN; COMMIT; ROLLBACK; START TRANSACTION; SAVEPOINT x; RELEASE x;"
                 " ROLLBACK TO x; END; COMMIT PREPARED 'a'");
  REQUIRE(s.size() == 9);
  CHECK(as_transaction(s[0]) == TransactionKind::Begin);
  CHECK(as_transaction(s[1]) == TransactionKind::Commit);
  CHECK(as_transaction(s[2]) == TransactionKind::Rollback);
  CHECK(as_transaction(s[3]) == TransactionKind::Start);
  CHECK(as_transaction(s[4]) == TransactionKind::Savepoint);
  CHECK(as_transaction(s[5]) == TransactionKind::Release);
  CHECK(as_transaction(s[6]) == TransactionKind::RollbackTo);
  CHECK(as_transaction(s[7]) == TransactionKind::Commit);
  CHECK(as_transaction(s[8]) == TransactionKind::CommitPrepared);
  CHECK_FALSE(as_transaction(parse("select 1")[0]));
}

TEST_CASE("as_variable_set reads SET, SET LOCAL, RESET and values", "[sql]") {
  auto s = parse("SET lock_timeout = '5s'; SET LOCAL statement_timeout TO 5000;"
                 " SET search_path TO a, b; RESET lock_timeout; SET lock_timeout = DEFAULT;"
                 " SET SESSION lock_timeout = 0; SET TIME ZONE 'UTC'; RESET ALL;"
                 " SET Lock_Timeout = -1");
  REQUIRE(s.size() == 9);
  auto v = [&](size_t i) { return *as_variable_set(s[i]); };
  CHECK(v(0).kind == SetKind::Value);
  CHECK(v(0).name == "lock_timeout");
  CHECK(v(0).value() == "5s");
  CHECK_FALSE(v(0).local);
  CHECK(v(1).name == "statement_timeout");
  CHECK(v(1).value() == "5000");
  CHECK(v(1).local);
  CHECK(v(2).values == std::vector<std::string>{"a", "b"});
  CHECK(v(2).value() == "a, b");
  CHECK(v(3).kind == SetKind::Reset);
  CHECK(v(3).name == "lock_timeout");
  CHECK(v(4).kind == SetKind::Default);
  CHECK(v(5).value() == "0");
  CHECK(v(6).name == "timezone");
  CHECK(v(7).kind == SetKind::ResetAll);
  CHECK(v(8).name == "lock_timeout");  // folded to lowercase by the parser
  CHECK(v(8).value() == "-1");
}

TEST_CASE("as_refresh_matview, as_reindex, as_cluster", "[sql]") {
  auto s = parse("REFRESH MATERIALIZED VIEW CONCURRENTLY s.mv; REFRESH MATERIALIZED VIEW mv;"
                 " REINDEX INDEX CONCURRENTLY ix; REINDEX (CONCURRENTLY) TABLE s.t;"
                 " REINDEX TABLE t; REINDEX SCHEMA s; CLUSTER t USING ix; CLUSTER");
  REQUIRE(s.size() == 8);
  CHECK(as_refresh_matview(s[0])->concurrent);
  CHECK(as_refresh_matview(s[0])->view == QualifiedName{"s", "mv"});
  CHECK_FALSE(as_refresh_matview(s[1])->concurrent);
  CHECK(as_reindex(s[2])->target == ReindexInfo::Target::Index);
  CHECK(as_reindex(s[2])->concurrent);
  CHECK(as_reindex(s[2])->relation.name == "ix");
  CHECK(as_reindex(s[3])->target == ReindexInfo::Target::Table);
  CHECK(as_reindex(s[3])->concurrent);
  CHECK_FALSE(as_reindex(s[4])->concurrent);
  CHECK(as_reindex(s[5])->target == ReindexInfo::Target::Schema);
  CHECK(as_reindex(s[5])->name == "s");
  CHECK(as_cluster(s[6])->relation.name == "t");
  CHECK(as_cluster(s[6])->index == "ix");
  CHECK(as_cluster(s[7])->relation.empty());
}

TEST_CASE("as_vacuum tells VACUUM FULL, VACUUM ANALYZE and ANALYZE apart", "[sql]") {
  auto s = parse("VACUUM FULL t; VACUUM (ANALYZE, VERBOSE) t, s.u; ANALYZE t; VACUUM");
  auto full = *as_vacuum(s[0]);
  CHECK(full.vacuum);
  CHECK(full.full);
  CHECK_FALSE(full.analyze);
  auto va = *as_vacuum(s[1]);
  CHECK(va.analyze);
  CHECK_FALSE(va.full);
  CHECK(va.options == std::vector<std::string>{"analyze", "verbose"});
  CHECK(va.relations == std::vector<QualifiedName>{{"", "t"}, {"s", "u"}});
  auto an = *as_vacuum(s[2]);
  CHECK_FALSE(an.vacuum);
  CHECK(an.analyze);
  CHECK(as_vacuum(s[3])->relations.empty());
}

TEST_CASE("as_lock_table reads the lock mode", "[sql]") {
  auto s = parse("LOCK TABLE t IN ACCESS EXCLUSIVE MODE; LOCK s.t, u IN SHARE MODE NOWAIT;"
                 " LOCK t");
  CHECK(as_lock_table(s[0])->mode == 8);
  CHECK(as_lock_table(s[0])->mode_name == "ACCESS EXCLUSIVE");
  CHECK(as_lock_table(s[1])->mode_name == "SHARE");
  CHECK(as_lock_table(s[1])->nowait);
  CHECK(as_lock_table(s[1])->relations.size() == 2);
  CHECK(as_lock_table(s[2])->mode_name == "ACCESS EXCLUSIVE");  // the default
}

TEST_CASE("as_truncate and as_do", "[sql]") {
  auto s = parse("TRUNCATE ONLY a, s.b RESTART IDENTITY CASCADE; TRUNCATE c;"
                 " DO LANGUAGE plpgsql $$ BEGIN NULL; END $$; DO 'select 1'");
  auto t = *as_truncate(s[0]);
  CHECK(t.relations == std::vector<QualifiedName>{{"", "a"}, {"s", "b"}});
  CHECK(t.cascade);
  CHECK(t.restart_identity);
  CHECK_FALSE(as_truncate(s[1])->cascade);
  CHECK(as_do(s[2])->body == " BEGIN NULL; END ");
  CHECK(as_do(s[2])->language == "plpgsql");
  CHECK(as_do(s[3])->body == "select 1");
  CHECK(as_do(s[3])->language == "plpgsql");
}
