// Runs the selected rules over a loaded project and applies configured severities.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "lint/rule.h"

namespace miglint::alembic {
struct Project;
}

namespace miglint::lint {

struct LintOptions {
  std::vector<std::string> select;  // empty: every rule on by default
  std::vector<std::string> ignore;
  std::vector<std::pair<std::string, Severity>> severity;  // per-rule overrides
  const std::vector<std::string>* scope = nullptr;  // only these revision files (null: all)
};

// Which rules run and at which severity. Unknown ids in `options` become diagnostics.
struct RuleSelection {
  std::vector<std::pair<const RuleInfo*, Severity>> rules;
  std::vector<Diagnostic> problems;  // unknown rule ids and similar, as `config-error`
  Severity severity_of(std::string_view id) const;  // Off when not selected
};

RuleSelection select_rules(std::span<const RuleInfo> registry, const LintOptions& options);

struct ProjectAnalysis;

// Whether any selected rule reads the SQL analysis (so `--select multiple-heads` does not pay
// for lowering and parsing every revision's SQL).
bool needs_analysis(const RuleSelection& selection);

// Runs every selected check, adds the front-end diagnostics (syntax errors from loading,
// dynamic-sql and sql-syntax-error from `analysis`, which may be null) that belong to selected
// rules, applies severities, drops Off, and sorts.
std::vector<Diagnostic> run_lint(const alembic::Project& project, const ProjectAnalysis* analysis,
                                 const RuleSelection& selection, const LintOptions& options);

}  // namespace miglint::lint
