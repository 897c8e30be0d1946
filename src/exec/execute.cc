#include "exec/execute.h"

#include <chrono>

namespace miglint::exec {
namespace {

bool is_begin(const PlanStatement& s) { return s.bookkeeping && s.sql == "BEGIN"; }
bool is_commit(const PlanStatement& s) { return s.bookkeeping && s.sql == "COMMIT"; }

ExecuteFailure fail_statement(Connection& connection, std::size_t step, std::size_t statement, PgError error) {
  ExecuteFailure f;
  f.step = step;
  f.statement = statement;
  f.error = std::move(error);
  if (connection.in_transaction()) f.rolled_back = !connection.rollback();
  return f;
}

ExecuteFailure fail_message(Connection& connection, std::size_t step, std::string message) {
  ExecuteFailure f;
  f.step = step;
  f.message = std::move(message);
  if (connection.in_transaction()) f.rolled_back = !connection.rollback();
  return f;
}

}  // namespace

ExecuteResult execute_plan(Connection& connection, const Plan& plan, const ExecuteHooks& hooks) {
  using Clock = std::chrono::steady_clock;
  ExecuteResult out;
  for (const auto& sql : plan.session_statements) {
    ExecResult r = connection.exec(sql);
    if (!r.ok()) {
      ExecuteFailure f;
      f.message = "session setting `" + sql + "` failed: " + r.error->message;
      out.failure = std::move(f);
      return out;
    }
  }

  // After a step handed to Alembic, the plan's own transaction has to be reopened: the
  // statements that follow were planned inside one.
  bool reopen = false;
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStep& step = plan.steps[i];
    if (hooks.before_step) hooks.before_step(i);
    const auto started = Clock::now();

    if (!step.is_static) {
      if (!hooks.fallback) {
        out.failure = fail_message(connection, i, step.revision + " is not fully static; it was not run");
        return out;
      }
      // Alembic opens its own connection: whatever this session has done so far must be
      // committed first, or Alembic would wait on our locks (and not see our changes).
      if (connection.in_transaction()) {
        if (auto e = connection.commit()) {
          out.failure = fail_message(connection, i, "COMMIT before handing the step to Alembic failed: " + e->message);
          return out;
        }
        out.steps_committed = i;
      }
      if (auto why = hooks.fallback(i)) {
        out.failure = fail_message(connection, i, *why);
        return out;
      }
      reopen = true;
    } else {
      for (std::size_t k = 0; k < step.statements.size(); ++k) {
        const PlanStatement& s = step.statements[k];
        // Only after a fallback step can the session's transaction state differ from the
        // plan's; these keep the plan's shape without sending a BEGIN inside a transaction or
        // a COMMIT outside one.
        if (is_begin(s) && connection.in_transaction()) continue;
        if (is_commit(s) && !connection.in_transaction()) continue;
        if (reopen && s.in_transaction && !is_begin(s) && !is_commit(s) && !connection.in_transaction()) {
          if (auto e = connection.begin()) {
            out.failure = fail_statement(connection, i, k, *e);
            return out;
          }
        }
        reopen = false;
        // Interrupted between statements: stop here as if the next one had been cancelled.
        if (Connection::interrupted()) {
          out.failure = fail_message(connection, i, "interrupted (SIGINT/SIGTERM)");
          return out;
        }
        if (hooks.before_statement) hooks.before_statement(i, k);
        ExecResult r = is_commit(s) ? ExecResult{connection.commit(), {}, {}, "COMMIT"} : connection.exec(s.sql);
        if (hooks.on_notice)
          for (const auto& n : connection.take_notices()) hooks.on_notice(i, n);
        if (!r.ok()) {
          out.failure = fail_statement(connection, i, k, *r.error);
          return out;
        }
        if (hooks.after_statement)
          if (auto why = hooks.after_statement(i, k)) {
            out.failure = fail_message(connection, i, *why);
            return out;
          }
      }
    }
    out.steps_run = i + 1;
    if (!connection.in_transaction()) out.steps_committed = i + 1;
    double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (hooks.after_step)
      if (auto why = hooks.after_step(i, seconds)) {
        out.failure = fail_message(connection, i, *why);
        return out;
      }
  }
  // A plan ends outside a transaction; this only matters if the last step was a fallback
  // followed by nothing, or the plan's rendering left one open.
  if (connection.in_transaction()) {
    if (auto e = connection.commit()) {
      ExecuteFailure f;
      f.step = plan.steps.empty() ? 0 : plan.steps.size() - 1;
      f.error = *e;
      out.failure = std::move(f);
      return out;
    }
  }
  out.steps_committed = out.steps_run;
  return out;
}

}  // namespace miglint::exec
