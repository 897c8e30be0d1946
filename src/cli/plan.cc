// `miglint plan`: load the project, connect, read the version rows, resolve the target as
// Alembic would from those rows, and print the plan with the gate's verdict (plan_model.h).
#include "cli/plan.h"

#include <fmt/core.h>

#include <algorithm>
#include <cstdio>

#include "alembic/env_config.h"
#include "alembic/migration_path.h"
#include "cli/load_failure.h"
#include "cli/plan_model.h"
#include "exec/connect.h"
#include "exec/version_rows.h"

namespace miglint::cli {
namespace {

// `plan --to X` does not say upgrade or downgrade: it is an upgrade unless the upgrade has
// nothing to do and a downgrade does (`base`, `-1`, a revision below the current one).
alembic::MigrationPath choose_path(const alembic::RevisionGraph& graph,
                                   const std::vector<std::string>& heads, const std::string& to,
                                   bool& downgrade) {
  alembic::MigrationPath up = alembic::resolve_migration_path_from(graph, heads, to, false);
  downgrade = false;
  if (!up.error && !up.steps.empty()) return up;
  alembic::MigrationPath down = alembic::resolve_migration_path_from(graph, heads, to, true);
  if (!down.error && (!down.steps.empty() || up.error)) {
    downgrade = true;
    return down;
  }
  return up;
}

}  // namespace

int run_plan(const PlanOptions& options) {
  alembic::Project project;
  if (!alembic::load_project(options.load, project)) {
    print_load_problems(project.load_diagnostics);
    return 2;
  }

  exec::ConnectionSettings settings =
      exec::resolve_connection(options.database_url, exec::process_environment());
  exec::OpenResult db = exec::open_connection(settings);
  if (db.error) {
    fmt::print(stderr, "miglint: {}\n", *db.error);
    return 2;
  }

  std::vector<Diagnostic> ignored;  // build_plan reads env.py again and reports its problems
  alembic::EnvConfig env = alembic::read_env_config(project.settings, ignored, alembic::EnvMode::Online);
  exec::VersionRows rows =
      exec::read_version_rows(db.connection, env.version_table, env.version_table_schema.value_or(""));
  if (rows.error) {
    fmt::print(stderr, "miglint: cannot read the version table {} on {}: {}\n", rows.table, db.target,
               exec::scrub(rows.error->message, settings.secrets));
    return 2;
  }
  for (const auto& h : rows.heads) {
    if (project.graph.index_of(h) == alembic::RevisionGraph::npos) {
      fmt::print(stderr,
                 "miglint: the database is at revision '{}' ({} on {}), which is not in this "
                 "repository; refusing to plan (is this the right repository, or branch?)\n",
                 h, rows.table, db.target);
      return 2;
    }
  }

  bool downgrade = false;
  alembic::MigrationPath path = choose_path(project.graph, rows.heads, options.to, downgrade);
  if (path.error) {
    fmt::print(stderr, "miglint: {}\n", *path.error);
    return 2;
  }

  Plan plan;
  plan.database = db.target;
  plan.server_version_num = db.connection.server_version_num();
  plan.version_table = rows.table;
  plan.version_table_exists = rows.table_exists;
  plan.current_heads = rows.heads;
  plan.target = options.to;
  plan.downgrade = downgrade;
  int pg_major = std::clamp(plan.server_version_num / 10000, 9, 18);
  build_plan(project, path, rows.table_exists, pg_major, options.load.jobs, plan);

  std::string out = options.format == "json" ? render_plan_json(plan) : render_plan_text(plan);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return plan.verified ? 0 : 1;
}

}  // namespace miglint::cli
