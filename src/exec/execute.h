// Running a Plan's statements on a connection, in order, exactly as planned: the plan's
// BEGIN/COMMIT are env.py's transactions, statements outside them are autocommit blocks, and
// the version-table statements move alembic_version as Alembic's HeadMaintainer would. A
// failed statement rolls back its transaction and stops the run; what was committed stays.
// `apply`, `verify` and `trace` all run plans through here (their hooks differ).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "exec/pg_connection.h"
#include "exec/plan.h"

namespace miglint::exec {

struct ExecuteFailure {
  std::size_t step = 0;                     // index into plan.steps
  std::optional<std::size_t> statement;     // index into the step's statements; nullopt: the
                                            // failure was not a statement's (fallback, hook)
  std::optional<PgError> error;             // PostgreSQL's report, when it was a statement
  std::string message;                      // otherwise, why
  bool rolled_back = false;                 // an open transaction was rolled back
};

struct ExecuteHooks {
  std::function<void(std::size_t step)> before_step;
  // After the step's statements ran (its version rows written; committed or not, as env.py
  // says). `seconds`: the step's wall time. A returned message stops the run as a failure.
  std::function<std::optional<std::string>(std::size_t step, double seconds)> after_step;
  // Before each statement of a step is sent (trace notes what exists and resolves names here).
  std::function<void(std::size_t step, std::size_t statement)> before_statement;
  // After each statement of a step, still inside its transaction when it has one (trace reads
  // pg_locks here). A returned message stops the run as a failure.
  std::function<std::optional<std::string>(std::size_t step, std::size_t statement)> after_statement;
  // Runs a step that is not fully static by other means (`--alembic-fallback`); returns why it
  // failed. Called outside any transaction: the executor commits first.
  std::function<std::optional<std::string>(std::size_t step)> fallback;
  // Each NOTICE/WARNING the server sent during a step.
  std::function<void(std::size_t step, const std::string& notice)> on_notice;
};

struct ExecuteResult {
  std::size_t steps_run = 0;        // steps whose statements all ran
  std::size_t steps_committed = 0;  // of those, committed (the database's state)
  std::optional<ExecuteFailure> failure;
};

// Sends plan.session_statements, then the steps. A step that is not static is run through
// hooks.fallback, or is a failure when there is none (apply refuses such plans earlier).
ExecuteResult execute_plan(Connection& connection, const Plan& plan, const ExecuteHooks& hooks);

}  // namespace miglint::exec
