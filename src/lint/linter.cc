#include "lint/linter.h"

#include <algorithm>
#include <optional>

#include <fmt/core.h>

#include <mutex>

#include "alembic/env_config.h"
#include "base/paths.h"
#include "alembic/project.h"
#include "lint/analysis.h"
#include "lint/migration.h"
#include "lint/suppressions.h"

namespace miglint::lint {
namespace {

// A selector is a rule id, a group name ("graph"), or "all".
bool matches(const RuleInfo& rule, std::string_view selector) {
  return selector == "all" || selector == rule.id || selector == group_name(rule.group);
}

bool known_selector(std::span<const RuleInfo> registry, std::string_view selector) {
  return std::any_of(registry.begin(), registry.end(),
                     [&](const RuleInfo& r) { return matches(r, selector); });
}

Diagnostic config_problem(std::string message, const LintOptions& options, const std::string& key) {
  Diagnostic d;
  d.rule = "config-error";
  d.severity = Severity::Error;
  auto at = options.written_at.find(key);
  if (at != options.written_at.end()) d.location = at->second;
  else d.location.path = "<configuration>";  // e.g. --select on the command line
  d.message = std::move(message);
  d.help = "run `miglint rules` for the list of rule ids and groups";
  return d;
}

}  // namespace

Severity RuleSelection::severity_of(std::string_view id) const {
  for (const auto& [rule, severity] : rules)
    if (rule->id == id) return severity;
  return Severity::Off;
}

LintOptions configured_lint_options(const config::LintSettings& configured) {
  LintOptions out;
  out.select = configured.select;
  out.ignore = configured.ignore;
  // src/config keeps only levels that parse (and reports the others where they are written).
  for (const auto& [rule, level] : configured.severity)
    if (auto severity = parse_severity(level)) out.severity.emplace_back(rule, *severity);
  out.rule_options = configured.options;
  // PostgreSQL 15 is what the lock table follows when nothing says otherwise.
  out.pg_major = configured.pg_version.value_or(15);
  out.check_downgrades = configured.check_downgrades.value_or(false);
  out.lock_timeout = configured.lock_timeout.value_or("");
  out.statement_timeout = configured.statement_timeout.value_or("");
  out.written_at = configured.written_at;
  out.settings_source = configured.sources.empty() ? "miglint's configuration" : display_path(configured.sources.back());
  return out;
}

const ResolvedOptions* RuleSelection::options_of(std::string_view id) const {
  auto it = options.find(id);
  return it == options.end() ? nullptr : &it->second;
}

RuleSelection select_rules(std::span<const RuleInfo> registry, const LintOptions& options,
                           std::span<const RuleOption> option_specs) {
  RuleSelection out;
  out.registry = registry;
  out.options = resolve_options(registry, option_specs, options.rule_options, out.problems);
  for (const auto& s : options.select)
    if (!known_selector(registry, s)) out.problems.push_back(config_problem(fmt::format("Unknown rule or group `{}` in select", s), options, "select:" + s));
  for (const auto& s : options.ignore)
    if (!known_selector(registry, s)) out.problems.push_back(config_problem(fmt::format("Unknown rule or group `{}` in ignore", s), options, "ignore:" + s));
  for (const auto& [id, sev] : options.severity)
    if (!known_selector(registry, id)) out.problems.push_back(config_problem(fmt::format("Unknown rule or group `{}` in severity settings", id), options, "severity:" + id));

  for (const RuleInfo& rule : registry) {
    bool selected = options.select.empty() ||
                    std::any_of(options.select.begin(), options.select.end(),
                                [&](const std::string& s) { return matches(rule, s); });
    bool ignored = std::any_of(options.ignore.begin(), options.ignore.end(),
                               [&](const std::string& s) { return matches(rule, s); });
    if (!selected || ignored) continue;
    Severity severity = rule.default_severity;
    // Later entries win, so a rule-specific override after a group one takes precedence.
    for (const auto& [id, sev] : options.severity)
      if (matches(rule, id)) severity = sev;
    // Selecting a rule by name turns it on even when its default is off.
    if (severity == Severity::Off && !options.select.empty()) {
      bool named = std::find(options.select.begin(), options.select.end(), rule.id) != options.select.end();
      if (named) severity = Severity::Warning;
    }
    if (severity != Severity::Off) out.rules.emplace_back(&rule, severity);
  }
  return out;
}

bool needs_analysis(const RuleSelection& selection) {
  return std::any_of(selection.rules.begin(), selection.rules.end(), [](const auto& r) {
    return r.first->group == RuleGroup::Sql || r.first->migration_check;
  });
}

namespace {

// What decides, outside the revision, whether a timeout is in force: env.py and miglint's
// own configuration.
SessionFacts session_facts(const alembic::Project& project, const LintOptions& options,
                           std::vector<Diagnostic>& diags) {
  SessionFacts facts;
  facts.pg_major = options.pg_major;
  alembic::EnvConfig env = alembic::read_env_config(project.settings, diags, alembic::EnvMode::Online);
  facts.transaction_per_migration = env.transaction_per_migration;
  if (env.sets_lock_timeout) facts.lock_timeout = true, facts.lock_timeout_source = "env.py";
  if (env.sets_statement_timeout) facts.statement_timeout = true, facts.statement_timeout_source = "env.py";
  if (!options.lock_timeout.empty()) facts.lock_timeout = true, facts.lock_timeout_source = options.settings_source;
  if (!options.statement_timeout.empty())
    facts.statement_timeout = true, facts.statement_timeout_source = options.settings_source;
  return facts;
}

// Runs the SQL rules over one analysed revision; called on analysis worker threads. Both
// phases are built (so rules can compare them); rules see the upgrade, and the downgrade too
// when the user asks for it.
void check_revision(const alembic::Project& project, const alembic::Revision& revision,
                    const RevisionAnalysis& analysis, const RuleSelection& selection,
                    const LintOptions& options, const SessionFacts& facts, std::vector<Diagnostic>& out) {
  Migration upgrade(project, revision, alembic::Phase::Upgrade, analysis.upgrade, facts);
  Migration downgrade(project, revision, alembic::Phase::Downgrade, analysis.downgrade, facts);
  upgrade.set_counterpart(&downgrade);
  downgrade.set_counterpart(&upgrade);
  std::vector<const Migration*> phases = {&upgrade};
  if (options.check_downgrades) phases.push_back(&downgrade);
  for (const Migration* migration : phases) {
    for (const auto& [rule, severity] : selection.rules) {
      if (!rule->migration_check) continue;
      RuleContext ctx(*rule, out);
      ctx.set_options(selection.options_of(rule->id));
      rule->migration_check(*migration, ctx);
    }
  }
}

}  // namespace

std::vector<Diagnostic> lint_project(const alembic::Project& project, const RuleSelection& selection,
                                     const LintOptions& options) {
  std::vector<Diagnostic> found;
  for (const auto& [rule, severity] : selection.rules) {
    if (!rule->check) continue;
    RuleContext ctx(*rule, found);
    ctx.set_scope(options.scope);
    ctx.set_options(selection.options_of(rule->id));
    rule->check(project, ctx);
  }

  std::vector<Diagnostic> env_diagnostics;
  std::optional<ProjectAnalysis> analysis;
  if (needs_analysis(selection)) {
    SessionFacts facts = session_facts(project, options, env_diagnostics);
    std::vector<std::vector<Diagnostic>> per_revision(project.revisions.size());
    AnalysisOptions analysis_options;
    analysis_options.jobs = options.jobs;
    analysis_options.keep_statements = false;
    analysis_options.visit = [&](size_t i, const RevisionAnalysis& r) {
      const alembic::Revision& revision = project.revisions[i];
      if (!revision_in_scope(options.scope, revision)) return;
      check_revision(project, revision, r, selection, options, facts, per_revision[i]);
    };
    analysis = analyze_project(project, analysis_options);
    for (auto& v : per_revision)
      for (auto& d : v) found.push_back(std::move(d));
  }

  std::vector<Diagnostic> out;
  out.reserve(found.size());
  for (Diagnostic& d : found) {
    Severity severity = selection.severity_of(d.rule);
    if (severity == Severity::Off) continue;
    d.severity = severity;
    out.push_back(std::move(d));
  }
  // Front-end findings (syntax errors from loading; dynamic-sql and sql-syntax-error from the
  // analysis) are selected like any rule, and configuration problems are always shown (a typo
  // in a setting must never hide silently). Their severity is the lower of what the producer
  // chose (an unknown config key is only a warning) and the rule's selected severity, unless
  // the user configured one for that rule.
  std::vector<const Diagnostic*> front_end;
  for (const Diagnostic& d : project.load_diagnostics) front_end.push_back(&d);
  for (const Diagnostic& d : env_diagnostics) front_end.push_back(&d);
  if (analysis)
    for (const Diagnostic& d : analysis->diagnostics) front_end.push_back(&d);
  for (const Diagnostic* fd : front_end) {
    // Changed-only mode: a syntax or SQL problem in a file the branch did not touch is not its to fix.
    if (options.scope && fd->rule != "config-error" && fd->location.file &&
        std::find(options.scope->begin(), options.scope->end(), fd->location.file->path()) == options.scope->end())
      continue;
    Diagnostic copy = *fd;
    if (copy.rule != "config-error") {
      Severity selected = selection.severity_of(copy.rule);
      if (selected == Severity::Off) continue;
      copy.severity = std::min(copy.severity, selected);
    }
    for (const auto& [id, sev] : options.severity)
      if (id == copy.rule) copy.severity = sev;
    if (copy.severity != Severity::Off) out.push_back(std::move(copy));
  }
  // Suppression comments last, so they see every finding (front-end ones included); the
  // findings about the comments themselves get their configured severity, and in changed-only
  // mode only the files in scope can have unused suppressions (elsewhere no rule ran).
  size_t before = out.size();
  auto known = [&](std::string_view id) {
    return std::any_of(selection.registry.begin(), selection.registry.end(), [&](const RuleInfo& r) { return r.id == id; });
  };
  auto enabled = [&](std::string_view id) { return selection.severity_of(id) != Severity::Off; };
  SuppressionResult suppressed = apply_suppressions(project, out, known, enabled, selection.registry);
  size_t added_from = before - suppressed.suppressed;
  std::vector<Diagnostic> added(std::make_move_iterator(out.begin() + static_cast<std::ptrdiff_t>(added_from)),
                                std::make_move_iterator(out.end()));
  out.resize(added_from);
  for (Diagnostic& d : added) {
    if (options.scope && d.location.file &&
        std::find(options.scope->begin(), options.scope->end(), d.location.file->path()) == options.scope->end())
      continue;
    d.severity = selection.severity_of(d.rule);
    for (const auto& [id, sev] : options.severity)
      if (id == d.rule) d.severity = sev;
    if (d.severity != Severity::Off) out.push_back(std::move(d));
  }
  for (const Diagnostic& d : selection.problems) out.push_back(d);
  std::stable_sort(out.begin(), out.end(), diagnostic_less);
  return out;
}

}  // namespace miglint::lint
