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

// Runs every selected check, adds the project's load diagnostics (syntax errors...) that belong
// to selected rules, applies severities, drops Off, and sorts.
std::vector<Diagnostic> run_lint(const alembic::Project& project, const RuleSelection& selection,
                                 const LintOptions& options);

}  // namespace miglint::lint
