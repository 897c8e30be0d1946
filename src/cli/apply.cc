#include "cli/apply.h"

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>

#include "alembic/env_config.h"
#include "base/process.h"
#include "cli/exec_failure.h"
#include "cli/load_failure.h"
#include "cli/plan_render.h"
#include "exec/alembic_fallback.h"
#include "exec/connect.h"
#include "exec/execute.h"
#include "exec/migration_lock.h"
#include "exec/plan_target.h"
#include "exec/version_rows.h"

namespace miglint::cli {
namespace {

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

void print_refusal(const exec::Plan& plan, const std::vector<std::string>& reasons) {
  fmt::print(stderr, "miglint: refusing to apply: the plan is not verified:\n");
  for (const auto& r : reasons) fmt::print(stderr, "  - {}\n", r);
  fmt::print(stderr, "nothing was run; `miglint plan{}` shows the steps and findings\n",
             plan.target.empty() ? "" : " --to " + plan.target);
}

}  // namespace

int run_apply(const ApplyOptions& options) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  alembic::Project project;
  if (!alembic::load_project(options.load, project)) {
    print_load_problems(project.load_diagnostics);
    return 2;
  }
  exec::ConnectionSettings settings = exec::resolve_connection(options.database_url, exec::process_environment());
  exec::OpenResult db = exec::open_connection(settings);
  if (db.error) {
    fmt::print(stderr, "miglint: {}\n", *db.error);
    return 2;
  }
  auto scrub = [&](const std::string& text) { return exec::scrub(text, settings.secrets); };
  exec::Connection& conn = db.connection;
  conn.exec("SET application_name = 'miglint apply'");
  // PostgreSQL 14+: a backend whose client died (killed, or its host gone) notices within a
  // second even in the middle of a long statement, rolls back and releases its locks (the
  // migration lock among them) instead of holding them until the statement ends.
  if (conn.server_version_num() >= 140000) conn.exec("SET client_connection_check_interval = '1s'");

  std::vector<Diagnostic> env_problems;
  alembic::EnvConfig env = alembic::read_env_config(project.settings, env_problems, alembic::EnvMode::Online);
  std::string lock_key = env.version_table_schema.value_or("") + "." + env.version_table;

  // The lock comes before reading the rows: the plan must start from where the previous apply
  // (if any) left the database.
  if (!options.dry_run) {
    exec::LockWaitOptions wait;
    wait.wait_seconds = options.wait_seconds;
    wait.on_wait = [&](const std::string& holder) {
      fmt::print(stderr, "miglint: another migration run holds the migration lock on {} ({}); waiting{}\n", db.target,
                 holder.empty() ? "holder unknown" : holder,
                 options.wait_seconds ? fmt::format(" up to {}s", *options.wait_seconds) : std::string(" (--wait limits this)"));
      std::fflush(stderr);
    };
    if (auto error = exec::acquire_migration_lock(conn, lock_key, wait)) {
      fmt::print(stderr, "miglint: {}\n", scrub(*error));
      return 2;
    }
  }

  exec::Plan plan;
  exec::PlanRequest request{options.to, exec::Direction::Choose, options.load.jobs, db.target};
  if (auto error = exec::plan_from_database(project, conn, request, rule_catalog(), plan)) {
    fmt::print(stderr, "miglint: {}\n", scrub(*error));
    return 2;
  }

  // The gate. With --alembic-fallback, steps that are not fully static may go to Alembic;
  // every other reason still refuses.
  std::vector<std::string> blocking;
  for (const auto& r : plan.reasons)
    if (!options.alembic_fallback ||
        std::find(plan.not_static_reasons.begin(), plan.not_static_reasons.end(), r) == plan.not_static_reasons.end())
      blocking.push_back(r);

  if (options.dry_run) {
    std::string out = render_plan_text(plan);
    std::fwrite(out.data(), 1, out.size(), stdout);
    fmt::print("dry run: nothing was executed\n");
    return blocking.empty() ? 0 : 1;
  }
  if (!blocking.empty()) {
    print_refusal(plan, blocking);
    return 1;
  }

  exec::AlembicCommand alembic_command;
  alembic_command.program = split_words(options.alembic);
  alembic_command.config_file = project.settings.config_file;
  alembic_command.ini_section = options.load.ini_section;
  alembic_command.version_table = env.version_table;
  alembic_command.version_table_schema = env.version_table_schema.value_or("");
  if (options.alembic_fallback && !plan.not_static_reasons.empty()) {
    // Before anything runs: a fallback that cannot start would fail half-way.
    std::vector<std::string> probe = alembic_command.program;
    probe.push_back("--version");
    ProcessResult r = run_process(probe);
    if (!r.started || r.exit_code != 0) {
      fmt::print(stderr, "miglint: refusing to apply: {} step(s) need Alembic (--alembic-fallback) but `{} --version` {}\n",
                 plan.not_static_reasons.size(), options.alembic,
                 r.started ? fmt::format("exited with status {}", r.exit_code) : "cannot run: " + r.error);
      return 1;
    }
  }

  fmt::print("database: {}\n", db.target);
  fmt::print("current: {}\n", exec::heads_text(plan.current_heads));
  if (plan.steps.empty()) {
    fmt::print("nothing to do: the database is at {}\n", exec::heads_text(plan.end_heads));
    return 0;
  }
  fmt::print("target: {} ({}, {} step{})\n", plan.target.empty() ? "heads" : plan.target,
             plan.downgrade ? "downgrade" : "upgrade", plan.steps.size(), plan.steps.size() == 1 ? "" : "s");
  std::fflush(stdout);

  const std::size_t width = std::to_string(plan.steps.size()).size();
  std::vector<std::string> notices;
  exec::ExecuteHooks hooks;
  hooks.on_notice = [&](std::size_t, const std::string& n) { notices.push_back(n); };
  hooks.after_step = [&](std::size_t i, double seconds) -> std::optional<std::string> {
    const exec::PlanStep& s = plan.steps[i];
    fmt::print("[{:>{}}/{}] {}{}  {:.2f}s\n", i + 1, width, plan.steps.size(), s.log,
               s.is_static ? "" : " (through Alembic)", seconds);
    for (const auto& n : notices) fmt::print("        {}\n", n);
    notices.clear();
    std::fflush(stdout);
    return std::nullopt;
  };
  if (options.alembic_fallback)
    hooks.fallback = [&](std::size_t i) -> std::optional<std::string> {
      std::string log;
      auto error = exec::run_alembic_step(alembic_command, plan.steps[i], conn, log);
      return error ? std::optional<std::string>(scrub(*error)) : std::nullopt;
    };

  exec::ExecuteResult result;
  {
    exec::Connection::InterruptGuard interrupts(conn);  // Ctrl-C cancels the running statement
    result = exec::execute_plan(conn, plan, hooks);
  }
  // A lost connection (the server restarted, the backend was terminated) cannot say where the
  // database is: ask over a new one.
  if (!conn.connected()) {
    exec::OpenResult again = exec::open_connection(settings);
    if (!again.error) conn = std::move(again.connection);
  }
  exec::VersionRows after = exec::read_version_rows(conn, env.version_table, env.version_table_schema.value_or(""));
  double total = std::chrono::duration<double>(Clock::now() - started).count();
  if (result.failure) {
    std::string text = render_execute_failure(plan, *result.failure, settings.secrets, isatty(STDERR_FILENO));
    std::fwrite(text.data(), 1, text.size(), stderr);
    if (after.error)
      fmt::print(stderr, "miglint: {} of {} step(s) committed; the version table cannot be read now: {}\n",
                 result.steps_committed, plan.steps.size(), scrub(after.error->message));
    else
      fmt::print(stderr, "miglint: {}{} of {} step(s) committed; the database is at {}\n",
                 result.failure->rolled_back ? "the failed step's transaction was rolled back; " : "",
                 result.steps_committed, plan.steps.size(), exec::heads_text(after.heads));
    return 3;
  }
  if (after.error || !exec::same_heads(after.heads, plan.end_heads)) {
    fmt::print(stderr, "miglint: every step ran, but {} holds {} where the plan expected {}\n", after.table,
               after.error ? "an unreadable value" : exec::heads_text(after.heads), exec::heads_text(plan.end_heads));
    return 3;
  }
  fmt::print("applied {} step{} in {:.2f}s; the database is at {}\n", plan.steps.size(),
             plan.steps.size() == 1 ? "" : "s", total, exec::heads_text(after.heads));
  return 0;
}

}  // namespace miglint::cli
