// `miglint check`: load, lint, render, and map findings to the exit-code contract (docs/output.md).
#include "cli/check.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "cli/check_fixes.h"
#include "cli/check_paths.h"
#include "cli/since.h"
#include "lint/baseline.h"
#include "cli/check_output.h"
#include "lint/linter.h"
#include "report/render.h"
#include "rules/registry.h"

namespace miglint::cli {
namespace {

// Command-line select replaces the configured one (as ruff does); ignores add up;
// --pg-version wins over the configured one.
lint::LintOptions lint_options(const CheckOptions& options, const config::LintSettings& configured) {
  lint::LintOptions out = lint::configured_lint_options(configured);
  if (!options.select.empty()) {
    out.select = options.select;
    // An unknown id in --select was written on the command line, not where the config has it.
    std::erase_if(out.written_at, [](const auto& entry) { return entry.first.starts_with("select:"); });
  }
  out.ignore.insert(out.ignore.end(), options.ignore.begin(), options.ignore.end());
  if (options.pg_version) out.pg_major = options.pg_version;
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

// --baseline: drops the findings the file lists and says on stderr how many (stdout stays the
// machine-readable report). nullopt when the file cannot be read (reported, exit code 2).
std::optional<std::vector<Diagnostic>> without_baseline(const CheckOptions& options, const alembic::Project& project,
                                                        std::vector<Diagnostic> found) {
  if (options.baseline.empty()) return found;
  std::string error;
  SourceFilePtr file = read_source_file(options.baseline, &error);
  std::optional<std::vector<lint::BaselineEntry>> entries;
  if (file) entries = lint::parse_baseline(file->text(), &error);
  if (!entries) {
    std::fprintf(stderr, "miglint: %s: not a usable baseline: %s\n", options.baseline.c_str(), error.c_str());
    return std::nullopt;
  }
  lint::BaselineOutcome outcome = lint::apply_baseline(project, std::move(found), *entries);
  std::fprintf(stderr, "miglint: %zu finding%s suppressed by the baseline %s\n", outcome.suppressed,
               outcome.suppressed == 1 ? "" : "s", options.baseline.c_str());
  if (outcome.stale)
    std::fprintf(stderr, "miglint: %zu baseline entr%s no longer found (regenerate it with `miglint baseline`)\n",
                 outcome.stale, outcome.stale == 1 ? "y is" : "ies are");
  return std::move(outcome.kept);
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
  alembic::LoadOptions load = options.load;
  if (!options.paths.empty()) load.path = options.paths.front();
  if (!alembic::load_project(load, project)) return std::nullopt;
  lint::LintOptions lint = lint_options(options, project.settings.lint);
  lint.jobs = options.load.jobs;
  // The scope (files named on the command line, as pre-commit passes them, and/or the files
  // changed since --since) must outlive lint_project; a git problem is the whole report (exit 2).
  std::optional<std::vector<std::string>> scope = file_scope(options.paths);
  if (!options.since.empty()) {
    std::vector<std::string> changed;
    std::vector<Diagnostic> problems;
    if (!prepare_since(options.since, project, changed, problems)) return problems;
    if (scope) {
      // Both: the named files that also changed.
      std::erase_if(*scope, [&](const std::string& f) {
        return std::find(changed.begin(), changed.end(), f) == changed.end();
      });
    } else {
      scope = std::move(changed);
    }
  }
  if (scope) lint.scope = &*scope;
  lint::RuleSelection selection = lint::select_rules(rules::all_rules(), lint, rules::all_options());
  return lint::lint_project(project, selection, lint);
}

int run_check(const CheckOptions& options) {
  if (std::string problem = check_paths_problem(options.paths); !problem.empty()) {
    std::fprintf(stderr, "%s\n", problem.c_str());
    return 2;
  }
  alembic::Project project;
  std::optional<std::vector<Diagnostic>> found = lint_once(options, project);
  if (!found) return report_load_failure(project);
  if (auto files = file_scope(options.paths))
    for (const std::string& path : unlinted_files(*files, project))
      std::fprintf(stderr, "warning: `%s` is not a revision file of this project; not linted\n", path.c_str());

  // Fixes: --diff only shows them; --fix writes them and reports what the files then have.
  if (options.diff) return print_fix_diff(options, *found);
  if (options.fix) {
    FixOutcome outcome = fix_and_relint(options, project, std::move(*found));
    if (!outcome.remaining) return report_load_failure(project);
    auto remaining = without_baseline(options, project, std::move(*outcome.remaining));
    if (!remaining) return 2;
    int code = render_and_exit(options, project, *remaining);
    return outcome.write_failed ? 2 : code;
  }
  auto reported = without_baseline(options, project, std::move(*found));
  if (!reported) return 2;
  return render_and_exit(options, project, *reported);
}

}  // namespace miglint::cli
