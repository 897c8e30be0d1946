// `miglint check`: load, lint, render, and map findings to the exit-code contract (docs/output.md).
#include "cli/check.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "cli/check_fixes.h"
#include "lint/analysis.h"
#include "lint/linter.h"
#include "lint/suppressions.h"
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
  return out;
}

void print(const std::string& text, std::FILE* stream) { std::fwrite(text.data(), 1, text.size(), stream); }

// Suppression comments. Interim wiring until lint::run_lint calls apply_suppressions itself:
// the new findings get their selected severity, and the list is sorted again.
void apply_suppression_comments(const alembic::Project& project, const lint::RuleSelection& selection,
                                std::vector<Diagnostic>& found) {
  size_t before = found.size();
  lint::SuppressionResult result = lint::apply_suppressions(
      project, found, [](std::string_view id) { return rules::find_rule(id) != nullptr; },
      [&](std::string_view id) { return selection.severity_of(id) != Severity::Off; }, rules::all_rules());
  for (size_t i = before - result.suppressed; i < found.size(); ++i)
    found[i].severity = selection.severity_of(found[i].rule);
  std::stable_sort(found.begin(), found.end(), diagnostic_less);
}

int render_and_exit(const CheckOptions& options, const alembic::Project& project, const std::vector<Diagnostic>& found) {
  report::Summary summary{project.revisions.size()};
  if (options.format == "json") print(report::render_json(found, summary), stdout);
  else if (options.format == "concise") print(report::render_concise(found), stdout);
  else print(report::render_text(found, summary, options.color), stdout);
  if (broken_input(found)) return 2;
  bool errors = false;
  for (const Diagnostic& d : found) errors |= d.severity == Severity::Error;
  if (errors && !options.exit_zero) return 1;
  return 0;
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
  lint::RuleSelection selection = lint::select_rules(rules::all_rules(), lint);
  std::optional<lint::ProjectAnalysis> analysis;
  // No rule reads the statements themselves yet (only the front-end findings), so they are not
  // kept; rules that read them will ask for them through needs_analysis.
  if (lint::needs_analysis(selection))
    analysis = lint::analyze_project(project, {options.load.jobs, /*keep_statements=*/false});
  std::vector<Diagnostic> found = lint::run_lint(project, analysis ? &*analysis : nullptr, selection, lint);
  apply_suppression_comments(project, selection, found);
  return found;
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
