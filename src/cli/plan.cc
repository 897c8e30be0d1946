// `miglint plan`: load the project, connect, read the version rows, resolve the target as
// Alembic would from those rows, and print the plan with the gate's verdict (src/exec/plan.h).
#include "cli/plan.h"

#include <fmt/core.h>

#include <cstdio>

#include "cli/load_failure.h"
#include "cli/plan_render.h"
#include "exec/connect.h"
#include "exec/plan_target.h"
#include "rules/registry.h"

namespace miglint::cli {

exec::RuleCatalog rule_catalog() { return {rules::all_rules(), rules::all_options()}; }

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

  exec::Plan plan;
  exec::PlanRequest request{options.to, exec::Direction::Choose, options.load.jobs, db.target};
  if (auto error = exec::plan_from_database(project, db.connection, request, rule_catalog(), plan)) {
    fmt::print(stderr, "miglint: {}\n", exec::scrub(*error, settings.secrets));
    return 2;
  }
  std::string out = options.format == "json" ? render_plan_json(plan) : render_plan_text(plan);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return plan.verified ? 0 : 1;
}

}  // namespace miglint::cli
