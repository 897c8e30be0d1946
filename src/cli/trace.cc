#include "cli/trace.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdio>

#include "cli/exec_failure.h"
#include "cli/plan_render.h"
#include "cli/scratch_database.h"
#include "exec/lock_trace.h"
#include "exec/plan_target.h"
#include "sql/locks.h"

namespace miglint::cli {
namespace {

std::string one_line(const std::string& sql, std::size_t max = 100) {
  std::string out;
  bool space = false;
  for (char c : sql) {
    if (c == '\n' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out.size() > max ? out.substr(0, max) + " …" : out;
}

std::string predicted_text(const exec::TracedStatement& t) {
  std::string out;
  for (const auto& l : t.predicted)
    out += fmt::format("{}{} on {} ({})", out.empty() ? "" : "; ", sql::lock_mode_name(l.mode),
                       l.relation.empty() ? "?" : l.relation, sql::work_name(l.work));
  return out.empty() ? "no lock on an existing relation" : out;
}

std::string observed_text(const exec::TracedStatement& t) {
  std::string out;
  for (const auto& l : t.locks) {
    auto parsed = sql::lock_mode_from_pg_locks_name(l.mode);
    std::string mode = parsed ? std::string(sql::lock_mode_name(*parsed)) : l.mode;
    out += fmt::format("{}{} on {}{}", out.empty() ? "" : "; ", mode, l.relation, l.rewritten ? " (rewritten)" : "");
  }
  for (const auto& r : t.already_held) out += fmt::format("{}{} already held", out.empty() ? "" : "; ", r);
  return out.empty() ? "no new lock on a relation that existed before the transaction" : out;
}

}  // namespace

int run_trace(const TraceOptions& options) {
  alembic::Project project;
  ScratchDatabase db;
  if (!load_with_scratch_database(options.load, options.database_url, options.pg_bin, "miglint trace", project, db))
    return 2;
  exec::Plan plan;
  exec::PlanRequest request{options.to, exec::Direction::Choose, options.load.jobs, db.description};
  if (auto error = exec::plan_from_database(project, db.connection, request, rule_catalog(), plan)) {
    fmt::print(stderr, "miglint: {}\n", exec::scrub(*error, db.settings.secrets));
    return 2;
  }
  if (!plan.not_static_reasons.empty()) {
    fmt::print(stderr, "miglint: cannot trace what miglint cannot run:\n");
    for (const auto& r : plan.not_static_reasons) fmt::print(stderr, "  - {}\n", r);
    return 2;
  }
  const bool text = options.format == "text";
  if (text) fmt::print("trace on {}\n", db.description);
  std::optional<std::size_t> shown_step;
  auto on_statement = [&](const exec::TracedStatement& t) {
    if (!text) return;
    if (t.step != shown_step) {
      fmt::print("\n{}. {}  {}\n", t.step + 1, plan.steps[t.step].log, plan.steps[t.step].path);
      shown_step = t.step;
    }
    fmt::print("   {}\n", one_line(t.sql));
    fmt::print("     model:      {}\n", predicted_text(t));
    if (!t.observed) {
      fmt::print("     PostgreSQL: not observed (runs outside a transaction; its locks end with it)\n");
      return;
    }
    fmt::print("     PostgreSQL: {}\n", observed_text(t));
    for (const auto& d : t.differences) fmt::print("     DIFFERS:    {}\n", d);
    std::fflush(stdout);
  };
  exec::TraceResult result = exec::trace_plan(db.connection, plan, on_statement);

  std::size_t observed = 0, differ = 0, unobserved = 0;
  for (const auto& t : result.statements) {
    if (!t.observed) ++unobserved;
    else {
      ++observed;
      differ += !t.differences.empty();
    }
  }
  if (!text) {
    nlohmann::ordered_json doc;
    doc["database"] = db.description;
    auto statements = nlohmann::ordered_json::array();
    for (const auto& t : result.statements) {
      nlohmann::ordered_json j;
      j["revision"] = plan.steps[t.step].revision;
      j["sql"] = t.sql;
      j["observed"] = t.observed;
      auto predicted = nlohmann::ordered_json::array();
      for (const auto& l : t.predicted)
        predicted.push_back({{"relation", l.relation}, {"mode", sql::lock_mode_pg_locks_name(l.mode)},
                             {"work", sql::work_name(l.work)}});
      j["predicted"] = std::move(predicted);
      auto locks = nlohmann::ordered_json::array();
      for (const auto& l : t.locks)
        locks.push_back({{"relation", l.relation}, {"mode", l.mode}, {"relkind", std::string(1, l.relkind)},
                         {"rewritten", l.rewritten}});
      j["locks"] = std::move(locks);
      j["already_held"] = t.already_held;
      j["differences"] = t.differences;
      statements.push_back(std::move(j));
    }
    doc["statements"] = std::move(statements);
    doc["observed"] = observed;
    doc["differ"] = differ;
    doc["not_observed"] = unobserved;
    if (result.execution.failure) doc["failed"] = true;
    fmt::print("{}\n", doc.dump(2));
  }
  if (result.execution.failure) {
    std::string out = render_execute_failure(plan, *result.execution.failure, db.settings.secrets, isatty(STDERR_FILENO));
    std::fwrite(out.data(), 1, out.size(), stderr);
    return 3;
  }
  if (text)
    fmt::print("\ntrace: {} statement(s) observed: {} agree with the lock model, {} differ; {} not observable\n",
               observed, observed - differ, differ, unobserved);
  return differ ? 1 : 0;
}

}  // namespace miglint::cli
