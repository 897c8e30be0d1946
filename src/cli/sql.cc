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
#include <memory>
#include <set>

#include "alembic/lowered.h"
#include "alembic/migration_path.h"
#include "alembic/op_call.h"
#include "alembic/version_table.h"
#include "cli/load_failure.h"
#include "alembic/env_config.h"
#include "lint/rule.h"
#include "report/render.h"
#include "report/sql_render.h"
#include "rules/registry.h"

namespace miglint::cli {
namespace {

// The env.py `context.configure(...)` settings that shape the script.
alembic::SqlEnvSettings env_settings(const alembic::Project& project,
                                     std::vector<Diagnostic>& diags) {
  // `--sql` runs run_migrations_offline(): its configure() call decides.
  alembic::EnvConfig c = alembic::read_env_config(project.settings, diags, alembic::EnvMode::Offline);
  alembic::SqlEnvSettings s;
  s.transaction_per_migration = c.transaction_per_migration;
  s.version_table = c.version_table;
  s.version_table_schema = c.version_table_schema.value_or("");
  s.version_table_pk = c.version_table_pk;
  return s;
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

// Evaluates and lowers each revision as build_sql_script asks, in run order, with one
// LowerState across the range: an Alembic run remembers between revisions what it has done
// (an enum type created by one create_table is not created again by the next).
report::StatementSource make_source() {
  auto state = std::make_shared<alembic::LowerState>();
  // The offline env.py template configures literal_binds=True; EnvConfig does not say yet.
  state->literal_binds = true;
  return [state](const alembic::Revision& revision, alembic::Phase phase) {
    return alembic::lower_ops(revision, alembic::evaluate_ops(revision, phase), *state);
  };
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

  report::StatementSource source = make_source();
  std::vector<Diagnostic> env_problems;  // env.py values that could not be read (warnings)
  alembic::SqlEnvSettings env = env_settings(project, env_problems);
  report::SqlScript script = report::build_sql_script(project, path, env, source);

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
  problems.insert(problems.end(), env_problems.begin(), env_problems.end());
  std::set<const SourceFile*> in_range;
  for (const auto& step : path.steps)
    in_range.insert(project.revisions[project.graph.nodes()[step.node].revision].file.get());
  for (const auto& d : project.load_diagnostics)
    if (d.severity == Severity::Error && in_range.count(d.location.file.get())) problems.push_back(d);
  if (problems.empty()) return 0;
  std::sort(problems.begin(), problems.end(), diagnostic_less);
  fmt::print(stderr, "{}", report::render_concise(problems));
  // Warnings alone (an env.py value read with its default) leave the script complete.
  bool incomplete = !script.not_static.empty() ||
                    std::any_of(problems.begin(), problems.end(), [](const Diagnostic& d) {
                      return d.severity == Severity::Error;
                    });
  return incomplete ? 1 : 0;
}

}  // namespace miglint::cli
