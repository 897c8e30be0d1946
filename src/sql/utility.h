// Typed views of session, transaction and maintenance statements: BEGIN/COMMIT, SET,
// REFRESH MATERIALIZED VIEW, REINDEX, VACUUM/ANALYZE, CLUSTER, LOCK, TRUNCATE, DO.
// Each as_*() returns nullopt when the statement is of another kind.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sql/statement.h"

namespace miglint::sql {

enum class TransactionKind {
  Begin, Start, Commit, Rollback, Savepoint, Release, RollbackTo, Prepare, CommitPrepared,
  RollbackPrepared, Unknown
};
std::optional<TransactionKind> as_transaction(const Statement& st);  // TransactionStmt

enum class SetKind {
  Value,    // SET x = v / SET x TO v
  Default,  // SET x = DEFAULT
  Current,  // SET x FROM CURRENT
  Multi,    // SET TRANSACTION …, SET SESSION CHARACTERISTICS …
  Reset,    // RESET x
  ResetAll, // RESET ALL
  Unknown
};

struct VariableSetInfo {
  SetKind kind = SetKind::Unknown;
  std::string name;  // lowercase as PostgreSQL folds it: "lock_timeout"; SET TIME ZONE → "timezone"
  // The values as written, unquoted: SET lock_timeout = '5s' → {"5s"}; = 5000 → {"5000"};
  // SET search_path TO a, b → {"a", "b"}.
  std::vector<std::string> values;
  bool local = false;  // SET LOCAL

  // The values joined by ", " (the usual single value).
  std::string value() const;
};
std::optional<VariableSetInfo> as_variable_set(const Statement& st);  // VariableSetStmt

struct RefreshMatViewInfo {
  QualifiedName view;
  bool concurrent = false;
  bool with_no_data = false;
};
std::optional<RefreshMatViewInfo> as_refresh_matview(const Statement& st);  // RefreshMatViewStmt

struct ReindexInfo {
  enum class Target { Index, Table, Schema, System, Database, Unknown } target = Target::Unknown;
  QualifiedName relation;  // INDEX / TABLE
  std::string name;        // SCHEMA / SYSTEM / DATABASE
  bool concurrent = false; // REINDEX … CONCURRENTLY or REINDEX (CONCURRENTLY) …
};
std::optional<ReindexInfo> as_reindex(const Statement& st);  // ReindexStmt

struct VacuumInfo {
  bool vacuum = false;   // VACUUM (false for a bare ANALYZE)
  bool full = false;     // VACUUM FULL / (FULL)
  bool analyze = false;  // VACUUM ANALYZE, or ANALYZE
  std::vector<std::string> options;  // every option named, lowercase: "full", "verbose", …
  std::vector<QualifiedName> relations;
};
std::optional<VacuumInfo> as_vacuum(const Statement& st);  // VacuumStmt

struct ClusterInfo {
  QualifiedName relation;  // empty for a bare CLUSTER (every previously clustered table)
  std::string index;
};
std::optional<ClusterInfo> as_cluster(const Statement& st);  // ClusterStmt

struct LockTableInfo {
  std::vector<QualifiedName> relations;
  int mode = 0;          // PostgreSQL's LOCKMODE: 1 AccessShare … 8 AccessExclusive
  std::string mode_name; // "ACCESS EXCLUSIVE", …
  bool nowait = false;
};
std::optional<LockTableInfo> as_lock_table(const Statement& st);  // LockStmt

struct TruncateInfo {
  std::vector<QualifiedName> relations;
  bool cascade = false;
  bool restart_identity = false;
};
std::optional<TruncateInfo> as_truncate(const Statement& st);  // TruncateStmt

struct DoInfo {
  std::string body;                   // the code between the dollar quotes
  std::string language = "plpgsql";   // DO LANGUAGE x …; PostgreSQL's default otherwise
};
std::optional<DoInfo> as_do(const Statement& st);  // DoStmt

}  // namespace miglint::sql
