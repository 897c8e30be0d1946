// `miglint check`: load, lint, render, and map findings to the exit-code contract (docs/output.md).
#include "cli/check.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "base/paths.h"
#include "cli/check_fixes.h"
#include "cli/check_output.h"
#include "lint/linter.h"
#include "report/render.h"
#include "rules/registry.h"

namespace miglint::cli {
namespace {

// Command-line select replaces the configured one (as ruff does); ignores add up.
lint::LintOptions lint_options(const CheckOptions& options, const config::LintSettings& configured) {
  lint::LintOptions out;
  out.select = options.select.empty() ? configured.select : options.select;
  out.ignore = configured.ignore;
  out.ignore.insert(out.ignore.end(), options.ignore.begin(), options.ignore.end());
  // src/config keeps only levels that parse (and reports the others where they are written).
  for (const auto& [rule, level] : configured.severity)
    if (auto severity = parse_severity(level)) out.severity.emplace_back(rule, *severity);
  out.rule_options = configured.options;
  // --pg-version wins over the configured one; PostgreSQL 15 is what the lock table follows.
  out.pg_major = options.pg_version ? options.pg_version : configured.pg_version.value_or(15);
  out.check_downgrades = configured.check_downgrades.value_or(false);
  out.lock_timeout = configured.lock_timeout.value_or("");
  out.statement_timeout = configured.statement_timeout.value_or("");
  out.settings_source = configured.sources.empty() ? "miglint's configuration" : display_path(configured.sources.back());
  return out;
}

void print(const std::string& text, std::FILE* stream) { std::fwrite(text.data(), 1, text.size(), stream); }

int render_and_exit(const CheckOptions& options, const alembic::Project& project, const std::vector<Diagnostic>& found) {
  report::Summary summary{project.revisions.size()};
  print(render_findings(options, summary, found), stdout);
  if (!write_summary(options, summary, found)) return 2;
  if (broken_input(found)) return 2;
  return fails(options, found) ? 1 : 0;
}

int report_load_failure(const alembic::Project& project) {
  print(report::render_text(project.load_diagnostics, {0, false}, false), stderr);
  return 2;
}

}  // namespace

bool broken_input(const std::vector<Diagnostic>& found) {
  for (const Diagnostic& d : found)
    if (d.severity == Severity::Error && (d.rule == "config-error" || d.rule == "unreadable-file")) return true;
  return false;
}

std::optional<std::vector<Diagnostic>> lint_once(const CheckOptions& options, alembic::Project& project) {
  if (!alembic::load_project(options.load, project)) return std::nullopt;
  lint::LintOptions lint = lint_options(options, project.settings.lint);
  lint.jobs = options.load.jobs;
  lint::RuleSelection selection = lint::select_rules(rules::all_rules(), lint, rules::all_options());
  return lint::lint_project(project, selection, lint);
}

int run_check(const CheckOptions& options) {
  alembic::Project project;
  std::optional<std::vector<Diagnostic>> found = lint_once(options, project);
  if (!found) return report_load_failure(project);

  // Fixes: --diff only shows them; --fix writes them and reports what the files then have.
  if (options.diff) return print_fix_diff(options, *found);
  if (options.fix) {
    FixOutcome outcome = fix_and_relint(options, project, std::move(*found));
    if (!outcome.remaining) return report_load_failure(project);
    int code = render_and_exit(options, project, *outcome.remaining);
    return outcome.write_failed ? 2 : code;
  }
  return render_and_exit(options, project, *found);
}

}  // namespace miglint::cli
