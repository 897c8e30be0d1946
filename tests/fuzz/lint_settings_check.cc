#include "lint_settings_check.h"

#include "fuzz_support.h"
#include "lint/linter.h"
#include "rules/registry.h"

namespace miglint::fuzz {

void check_lint_settings(const config::LintSettings& settings) {
  lint::LintOptions options = lint::configured_lint_options(settings);
  FUZZ_CHECK(options.pg_major >= 9 && options.pg_major <= 18,
             "pg-version accepted outside 9.6..18: " + std::to_string(options.pg_major));
  lint::RuleSelection selection = lint::select_rules(rules::all_rules(), options, rules::all_options());
  check_diagnostics(selection.problems);
  for (const Diagnostic& d : selection.problems)
    FUZZ_CHECK(d.rule == "config-error", "a settings problem reported as " + d.rule);
  for (const auto& [rule, severity] : selection.rules) {
    FUZZ_CHECK(rule != nullptr, "a null rule in the selection");
    FUZZ_CHECK(severity != Severity::Off, "rule " + std::string(rule->id) + " selected at severity off");
  }
  // Every option a rule declares resolves to a value of its declared kind, whatever the file
  // said (a value of the wrong type is reported and the default kept).
  for (const lint::RuleOption& spec : rules::all_options()) {
    std::string what = std::string(spec.rule) + "." + std::string(spec.name);
    const lint::ResolvedOptions* resolved = selection.options_of(spec.rule);
    FUZZ_CHECK(resolved != nullptr, "no resolved options for " + std::string(spec.rule));
    auto it = resolved->find(spec.name);
    FUZZ_CHECK(it != resolved->end(), "option " + what + " not resolved");
    FUZZ_CHECK(it->second.kind == spec.kind, "option " + what + " resolved to another kind");
  }
}

}  // namespace miglint::fuzz
