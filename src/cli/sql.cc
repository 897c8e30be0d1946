// `miglint sql [PATH] [RANGE]`: load the project, resolve the range as Alembic would, render
// each revision's statements from static analysis, and print the script like
// `alembic upgrade|downgrade <range> --sql` (or normalised, or as JSON).
//
// Exit codes: 0 the whole script is known; 1 it was printed but some revision is not fully
// static or has a SQL syntax error (diagnostics on stderr); 2 the project cannot be loaded, the
// graph is broken, or the range cannot be resolved.
#include "cli/sql.h"

#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "alembic/lowered.h"
#include "alembic/migration_path.h"
#include "alembic/op_call.h"
#include "alembic/version_table.h"
#include "lint/rule.h"
#include "report/render.h"
#include "report/sql_render.h"
#include "rules/registry.h"

namespace miglint::cli {
namespace {

void print_load_problems(const std::vector<Diagnostic>& diags) {
  for (const Diagnostic& d : diags) {
    const std::string where = d.location.display_path();
    if (where.empty())
      fmt::print(stderr, "miglint: {}\n", d.message);
    else
      fmt::print(stderr, "miglint: {}: {}\n", where, d.message);
  }
}

// ADAPTER (swap when src/alembic/env_config.h lands): the env.py `context.configure(...)`
// settings. Until `read_env_config` exists this returns Alembic's defaults
// (transaction_per_migration=False, version_table="alembic_version", no schema, pk=True).
alembic::SqlEnvSettings env_settings(const alembic::Project& project) {
  (void)project;
  return {};
}

// The graph findings that make a range meaningless (cycles, broken links), as `miglint check`
// words them.
std::vector<Diagnostic> graph_problems(const alembic::Project& project) {
  std::vector<Diagnostic> out;
  for (const char* id : {"dynamic-revision-variable", "orphan-revision", "revision-cycle",
                         "self-referencing-revision"}) {
    const auto* info = rules::find_rule(id);
    if (!info || !info->check) continue;
    lint::RuleContext ctx(*info, out);
    info->check(project, ctx);
  }
  return out;
}

}  // namespace

int run_sql(const SqlOptions& options) {
  alembic::Project project;
  if (!alembic::load_project(options.load, project)) {
    print_load_problems(project.load_diagnostics);
    return 2;
  }
  alembic::MigrationPath path =
      alembic::resolve_migration_path(project.graph, options.range, options.downgrade);
  if (path.error) {
    std::vector<Diagnostic> problems;
    if (!project.graph.links_complete()) problems = graph_problems(project);
    if (!problems.empty()) {
      std::sort(problems.begin(), problems.end(), diagnostic_less);
      fmt::print(stderr, "{}", report::render_concise(problems));
    }
    fmt::print(stderr, "miglint: {}\n", *path.error);
    return 2;
  }

  report::StatementSource source = [](const alembic::Revision& revision, alembic::Phase phase) {
    return alembic::lower_ops(revision, alembic::evaluate_ops(revision, phase));
  };
  report::SqlScript script =
      report::build_sql_script(project, path, env_settings(project), source);

  std::string out;
  if (options.format == "normalized")
    out = report::render_sql_normalized(script);
  else if (options.format == "json")
    out = report::render_sql_json(script, path, options.downgrade);
  else
    out = report::render_sql_text(script);
  std::fwrite(out.data(), 1, out.size(), stdout);

  // A revision in the range whose file does not parse has nothing to render: say so too.
  std::vector<Diagnostic> problems = script.diagnostics;
  std::set<const SourceFile*> in_range;
  for (const auto& step : path.steps)
    in_range.insert(project.revisions[project.graph.nodes()[step.node].revision].file.get());
  for (const auto& d : project.load_diagnostics)
    if (d.severity == Severity::Error && in_range.count(d.location.file.get())) problems.push_back(d);
  if (problems.empty()) return 0;
  std::sort(problems.begin(), problems.end(), diagnostic_less);
  fmt::print(stderr, "{}", report::render_concise(problems));
  return 1;
}

}  // namespace miglint::cli
