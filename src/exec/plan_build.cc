// Building a Plan (plan.h): the steps' SQL as `miglint sql` renders it (online env.py
// settings), each statement's locks, the linter restricted to the steps' files, and the gate.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "alembic/env_config.h"
#include "alembic/lowered.h"
#include "alembic/op_call.h"
#include "alembic/version_table.h"
#include "exec/plan.h"
#include "lint/linter.h"
#include "report/sql_render.h"
#include "sql/sql_text.h"

namespace miglint::exec {
namespace {

// The configured rule selection, as `miglint check` reads it without command-line overrides,
// for the server's PostgreSQL version.
lint::LintOptions configured_lint(const config::LintSettings& configured, int pg_major, unsigned jobs) {
  lint::LintOptions out = lint::configured_lint_options(configured);
  out.pg_major = pg_major;
  out.jobs = jobs;
  return out;
}

bool in_group(const RuleCatalog& catalog, const Diagnostic& d, lint::RuleGroup group) {
  for (const auto& r : catalog.rules)
    if (r.id == d.rule) return r.group == group;
  return false;
}

std::string where(const Diagnostic& d) {
  if (!d.location.file) return d.location.display_path();
  LineCol lc = d.location.file->line_col(d.location.span.begin);
  return fmt::format("{}:{}", d.location.display_path(), lc.line);
}

// Alembic's statements for the path, grouped by step: a statement of revision R belongs to
// R's step; BEGIN/COMMIT/CREATE TABLE between steps go to the step they open or close.
void attach_statements(const report::SqlScript& script, int pg_major, Plan& plan) {
  if (plan.steps.empty()) return;
  std::map<std::string, std::size_t> step_of;
  for (std::size_t i = 0; i < plan.steps.size(); ++i) step_of.emplace(plan.steps[i].revision, i);
  std::optional<std::size_t> current;
  std::vector<PlanStatement> pending;
  auto flush = [&](std::size_t into, bool leading_commits_to_previous) {
    std::size_t k = 0;
    if (leading_commits_to_previous && current)
      for (; k < pending.size() && pending[k].sql == "COMMIT"; ++k)
        plan.steps[*current].statements.push_back(std::move(pending[k]));
    for (; k < pending.size(); ++k) plan.steps[into].statements.push_back(std::move(pending[k]));
    pending.clear();
  };
  for (const auto& it : script.items) {
    std::optional<std::size_t> owner;
    if (auto f = step_of.find(it.revision); !it.revision.empty() && f != step_of.end()) owner = f->second;
    if (it.kind == report::SqlItem::Kind::Comment) {
      if (owner && owner != current) {
        flush(*owner, true);
        current = owner;
      }
      continue;
    }
    PlanStatement s;
    s.sql = it.text;
    s.bookkeeping = it.bookkeeping;
    s.in_transaction = it.in_transaction;
    s.origin = it.origin;
    sql::ParseResult parsed = sql::parse_sql(it.text);
    for (const auto& st : parsed.statements)
      for (auto& l : sql::locks_of(st, pg_major)) s.locks.push_back(std::move(l));
    if (!owner) {
      pending.push_back(std::move(s));
      continue;
    }
    if (owner != current) {
      flush(*owner, true);
      current = owner;
    }
    flush(*owner, false);
    plan.steps[*owner].statements.push_back(std::move(s));
  }
  flush(current.value_or(0), false);
}

// HeadMaintainer's row changes, applied to the rows as they stand.
void apply_version_changes(const std::vector<alembic::VersionChange>& changes,
                           std::vector<std::string>& heads) {
  using Kind = alembic::VersionChange::Kind;
  for (const auto& c : changes) {
    auto at = std::find(heads.begin(), heads.end(), c.from);
    switch (c.kind) {
      case Kind::Insert: heads.push_back(c.to); break;
      case Kind::Update:
        if (at != heads.end()) *at = c.to;
        else heads.push_back(c.to);
        break;
      case Kind::Delete:
        if (at != heads.end()) heads.erase(at);
        break;
    }
  }
}

// `SET lock_timeout` / `statement_timeout` as the configuration asks: the rules counted them
// as in force, so the session that runs the plan must have them.
std::vector<std::string> session_settings(const config::LintSettings& lint) {
  std::vector<std::string> out;
  auto quoted = [](const std::string& v) {
    std::string q = "'";
    for (char c : v) q += c == '\'' ? std::string("''") : std::string(1, c);
    return q + "'";
  };
  if (lint.lock_timeout) out.push_back("SET lock_timeout = " + quoted(*lint.lock_timeout));
  if (lint.statement_timeout) out.push_back("SET statement_timeout = " + quoted(*lint.statement_timeout));
  return out;
}

}  // namespace

std::string heads_text(const std::vector<std::string>& heads) {
  if (heads.empty()) return "base";
  std::string out;
  for (const auto& h : heads) out += (out.empty() ? "" : ", ") + h;
  return out;
}

bool same_heads(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

void build_plan(const alembic::Project& project, const alembic::MigrationPath& path_in,
                bool version_table_exists, int pg_major, unsigned jobs, const RuleCatalog& catalog,
                Plan& plan) {
  // Online, Alembic creates the version table before the first step when it is missing.
  alembic::MigrationPath path = path_in;
  for (auto& s : path.steps) s.create_version_table = s.create_version_table && !version_table_exists;
  plan.end_heads = path.end_heads;
  plan.session_statements = session_settings(project.settings.lint);

  std::vector<Diagnostic> env_problems;
  alembic::EnvConfig c = alembic::read_env_config(project.settings, env_problems, alembic::EnvMode::Online);
  alembic::SqlEnvSettings env;
  env.transaction_per_migration = c.transaction_per_migration;
  env.version_table = c.version_table;
  env.version_table_schema = c.version_table_schema.value_or("");
  env.version_table_pk = c.version_table_pk;

  // One LowerState for the whole run, as one Alembic run remembers the enum types it created;
  // values are shown as literals (`miglint apply` will send the same statements).
  auto state = std::make_shared<alembic::LowerState>();
  state->literal_binds = true;
  report::StatementSource source = [state](const alembic::Revision& revision, alembic::Phase phase) {
    return alembic::lower_ops(revision, alembic::evaluate_ops(revision, phase), *state);
  };
  report::SqlScript script = report::build_sql_script(project, path, env, source);

  std::vector<std::string> scope;
  std::vector<std::string> heads = path.start_heads;
  for (const auto& s : path.steps) {
    const auto& node = project.graph.nodes()[s.node];
    const alembic::Revision& rev = project.revisions[node.revision];
    PlanStep step;
    step.revision = node.id;
    step.upgrade = s.upgrade;
    step.log = s.short_log();
    // As Alembic logs it ("Running upgrade a -> b, <message>"): the docstring's first line.
    if (rev.doc.message && !rev.doc.message->value.empty()) step.log += ", " + rev.doc.message->value;
    if (rev.file) {
      step.path = Location{rev.file, {}, {}}.display_path();
      scope.push_back(rev.file->path());
    }
    step.is_static = std::find(script.not_static.begin(), script.not_static.end(), node.id) ==
                     script.not_static.end();
    apply_version_changes(s.changes, heads);
    step.heads_after = heads;
    plan.steps.push_back(std::move(step));
  }
  attach_statements(script, pg_major, plan);

  // The rules on the steps' files (downgrade() too when the plan downgrades), and the graph
  // rules on the whole history.
  const config::LintSettings& configured = project.settings.lint;
  lint::LintOptions step_lint = configured_lint(configured, pg_major, jobs);
  step_lint.scope = &scope;
  step_lint.check_downgrades = step_lint.check_downgrades || plan.downgrade;
  step_lint.ignore.push_back("graph");
  auto step_rules = lint::select_rules(catalog.rules, step_lint, catalog.options);
  std::vector<Diagnostic> found = lint::lint_project(project, step_rules, step_lint);

  lint::LintOptions graph_lint = configured_lint(configured, pg_major, jobs);
  graph_lint.select = {"graph"};
  auto graph_rules = lint::select_rules(catalog.rules, graph_lint, catalog.options);
  for (auto& d : lint::lint_project(project, graph_rules, graph_lint))
    if (in_group(catalog, d, lint::RuleGroup::Graph)) plan.graph_diagnostics.push_back(std::move(d));

  for (auto& d : env_problems) plan.other_diagnostics.push_back(std::move(d));
  for (auto& d : found) {
    auto step = std::find_if(plan.steps.begin(), plan.steps.end(), [&](const PlanStep& s) {
      return d.location.file && !s.path.empty() && d.location.display_path() == s.path;
    });
    if (step != plan.steps.end()) step->diagnostics.push_back(std::move(d));
    else plan.other_diagnostics.push_back(std::move(d));
  }

  // The gate.
  auto errors = [](const std::vector<Diagnostic>& ds) {
    std::set<std::string> rules;
    std::size_t n = 0;
    for (const auto& d : ds)
      if (d.severity == Severity::Error) {
        ++n;
        rules.insert(d.rule);
      }
    std::string ids;
    for (const auto& r : rules) ids += (ids.empty() ? "" : ", ") + r;
    return std::make_pair(n, ids);
  };
  if (auto [n, ids] = errors(plan.graph_diagnostics); n)
    plan.reasons.push_back(fmt::format("the revision graph has {} error(s) ({})", n, ids));
  if (auto [n, ids] = errors(plan.other_diagnostics); n)
    plan.reasons.push_back(fmt::format("{} error(s) outside the steps ({})", n, ids));
  for (auto& step : plan.steps) {
    if (!step.is_static) {
      // Name the expression that could not be evaluated, from the lowering's findings.
      for (const auto& d : script.diagnostics)
        if ((d.rule == "dynamic-sql" || d.rule == "unanalyzable-operation") && d.location.file &&
            d.location.display_path() == step.path) {
          step.not_static_reason = fmt::format("{} at {}", d.message, where(d));
          break;
        }
      plan.not_static_reasons.push_back(fmt::format("{} {} is not fully static{}{}",
                                                    step.upgrade ? "upgrade" : "downgrade", step.revision,
                                                    step.not_static_reason.empty() ? "" : ": ",
                                                    step.not_static_reason));
      plan.reasons.push_back(plan.not_static_reasons.back());
    }
    // A downgrade drops what its upgrade created: that loss is what was asked for, so the
    // destructive rules' findings in downgrade() are shown but do not stop the plan. Lock and
    // every other rule still do (a downgrade can block a busy table like an upgrade).
    std::vector<Diagnostic> blocking;
    for (const auto& d : step.diagnostics)
      if (step.upgrade || !in_group(catalog, d, lint::RuleGroup::Destructive)) blocking.push_back(d);
    if (auto [n, ids] = errors(blocking); n)
      plan.reasons.push_back(fmt::format("{} has {} error(s) ({})", step.revision, n, ids));
  }
  plan.verified = plan.reasons.empty();
}

}  // namespace miglint::exec
