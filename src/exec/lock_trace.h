// `miglint trace`: the locks PostgreSQL actually takes, read from pg_locks after each statement
// (inside its transaction, before COMMIT releases them), beside the lock model's prediction
// (src/sql/locks). The comparison is the one tests/oracle/locks_oracle.py makes: for every
// relation the model names that existed when the transaction began, the strongest mode newly
// granted by the statement must be the predicted one (or already be held by the transaction),
// and "rewrite" must match a change of the table's filenode; and every other pre-existing
// table, view, sequence or materialized view locked beyond ACCESS SHARE must be named by the
// model. Relations created in the same transaction are invisible to other sessions, so their
// locks do not matter and are not compared; indexes are not modelled on their own.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "exec/execute.h"
#include "exec/pg_connection.h"
#include "exec/plan.h"

namespace miglint::exec {

struct ObservedLock {
  std::string relation;  // regclass text, as the search_path shows it
  std::string mode;      // pg_locks spelling: "AccessExclusiveLock"
  char relkind = 'r';
  bool rewritten = false;  // its filenode changed during the statement
};

struct TracedStatement {
  std::size_t step = 0, statement = 0;
  std::string sql;
  bool observed = true;     // false: ran outside a transaction, so its locks were gone before
                            // they could be read
  std::vector<sql::LockInfo> predicted;
  std::vector<ObservedLock> locks;          // newly granted, strongest per pre-existing relation
  std::vector<std::string> already_held;    // predicted relations whose mode the transaction held
  std::vector<std::string> differences;     // empty: the model agrees
};

struct TraceResult {
  std::vector<TracedStatement> statements;
  ExecuteResult execution;
};

// Runs `plan` on `connection` (a scratch database: every step is committed) with the trace.
// `on_statement` is told about each traced statement as it completes.
TraceResult trace_plan(Connection& connection, const Plan& plan,
                       const std::function<void(const TracedStatement&)>& on_statement);

}  // namespace miglint::exec
