// Runs the selected rules over a loaded project and applies configured severities.
#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "lint/rule.h"
#include "lint/rule_options.h"

namespace miglint::alembic {
struct Project;
}

namespace miglint::lint {

struct LintOptions {
  std::vector<std::string> select;  // empty: every rule on by default
  std::vector<std::string> ignore;
  std::vector<std::pair<std::string, Severity>> severity;  // per-rule overrides
  ConfiguredOptions rule_options;   // rule id -> option -> value, from the configuration
  const std::vector<std::string>* scope = nullptr;  // only these revision files (null: all)
  int pg_major = 15;                // PostgreSQL major version the rules reason about
  bool check_downgrades = false;    // SQL rules also read downgrade()
  // Timeouts miglint's configuration sets (`lock-timeout`, `statement-timeout`): `miglint
  // apply` sets them, so the timeout rules count them as in force. Empty: not configured.
  std::string lock_timeout, statement_timeout;
  std::string settings_source;      // the file that configured them, for messages
  // Where configured rule ids were written (config::LintSettings::written_at), so an unknown
  // one is reported at its file:line:col; ids from command-line flags have no entry.
  std::map<std::string, Location> written_at;
  unsigned jobs = 0;                // threads for analysis; 0: one per core
};

// The options the configuration alone gives (select, ignore, severities, rule options,
// pg-version (else 15), check-downgrades, timeouts); commands then apply their flags.
LintOptions configured_lint_options(const config::LintSettings& configured);

// Which rules run and at which severity, with their options. Unknown ids in `options` become
// diagnostics.
struct RuleSelection {
  std::span<const RuleInfo> registry;  // every rule, selected or not
  std::vector<std::pair<const RuleInfo*, Severity>> rules;
  std::map<std::string, ResolvedOptions, std::less<>> options;  // every rule's options
  std::vector<Diagnostic> problems;  // unknown rule ids, options and similar, as `config-error`
  Severity severity_of(std::string_view id) const;  // Off when not selected
  const ResolvedOptions* options_of(std::string_view id) const;
};

RuleSelection select_rules(std::span<const RuleInfo> registry, const LintOptions& options,
                           std::span<const RuleOption> option_specs = {});

// Whether any selected rule reads the SQL analysis (so `--select multiple-heads` does not pay
// for lowering and parsing every revision's SQL).
bool needs_analysis(const RuleSelection& selection);

// Runs every selected check (project rules once; SQL rules on each revision's upgrade, and
// downgrade when asked, in parallel while its parse trees exist), adds the front-end
// diagnostics (syntax errors from loading; dynamic-sql and sql-syntax-error from the analysis)
// that belong to selected rules, applies severities, drops Off, and sorts.
std::vector<Diagnostic> lint_project(const alembic::Project& project, const RuleSelection& selection,
                                     const LintOptions& options);

}  // namespace miglint::lint
