#include "exec/plan_target.h"

#include <fmt/format.h>

#include <algorithm>

#include "alembic/env_config.h"
#include "alembic/migration_path.h"
#include "exec/version_rows.h"

namespace miglint::exec {
namespace {

// `plan --to X` does not say upgrade or downgrade: it is an upgrade unless the upgrade has
// nothing to do and a downgrade does (`base`, `-1`, a revision below the current one).
alembic::MigrationPath choose_path(const alembic::RevisionGraph& graph,
                                   const std::vector<std::string>& heads, const std::string& to,
                                   Direction direction, bool& downgrade) {
  downgrade = direction == Direction::Downgrade;
  if (direction != Direction::Choose)
    return alembic::resolve_migration_path_from(graph, heads, to, downgrade);
  alembic::MigrationPath up = alembic::resolve_migration_path_from(graph, heads, to, false);
  if (!up.error && !up.steps.empty()) return up;
  alembic::MigrationPath down = alembic::resolve_migration_path_from(graph, heads, to, true);
  if (!down.error && (!down.steps.empty() || up.error)) {
    downgrade = true;
    return down;
  }
  return up;
}

}  // namespace

std::optional<std::string> plan_from_database(const alembic::Project& project, Connection& connection,
                                              const PlanRequest& request, const RuleCatalog& catalog,
                                              Plan& plan) {
  std::vector<Diagnostic> ignored;  // build_plan reads env.py again and reports its problems
  alembic::EnvConfig env = alembic::read_env_config(project.settings, ignored, alembic::EnvMode::Online);
  if (env.version_table_unknown)
    return fmt::format(
        "env.py computes where the version rows are at run time ({}); miglint will not guess which table "
        "to read and write: set version-table (and version-table-schema) in miglint's configuration "
        "([tool.miglint] in pyproject.toml, [miglint] in alembic.ini, or miglint.toml)",
        *env.version_table_unknown);
  VersionRows rows = read_version_rows(connection, env.version_table, env.version_table_schema.value_or(""));
  if (rows.error)
    return fmt::format("cannot read the version table {} on {}: {}", rows.table, request.database,
                       rows.error->message);
  for (const auto& h : rows.heads)
    if (project.graph.index_of(h) == alembic::RevisionGraph::npos)
      return fmt::format(
          "the database is at revision '{}' ({} on {}), which is not in this repository; refusing to "
          "plan (is this the right repository, or branch?)",
          h, rows.table, request.database);

  bool downgrade = false;
  alembic::MigrationPath path = choose_path(project.graph, rows.heads, request.target, request.direction, downgrade);
  if (path.error) return *path.error;

  plan.database = request.database;
  plan.server_version_num = connection.server_version_num();
  plan.version_table = rows.table;
  plan.version_table_exists = rows.table_exists;
  plan.current_heads = rows.heads;
  plan.target = request.target;
  plan.downgrade = downgrade;
  int pg_major = std::clamp(plan.server_version_num / 10000, 9, 18);
  build_plan(project, path, rows.table_exists, pg_major, request.jobs, catalog, plan);
  return std::nullopt;
}

}  // namespace miglint::exec
