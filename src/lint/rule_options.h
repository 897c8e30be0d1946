// Per-rule options: checks what the configuration sets against what each rule declares
// (rules/options.def), converts .ini text to the declared type, and fills in defaults.
#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "config/settings.h"
#include "lint/rule.h"

namespace miglint::lint {

using ConfiguredOptions = std::map<std::string, std::map<std::string, config::OptionValue>>;

// The default of `spec` as an OptionValue.
config::OptionValue default_value(const RuleOption& spec);
// The default as TOML would spell it, for docs and `miglint explain`: true, 63, "x", ["a", "b"].
std::string toml_text(const RuleOption& spec);

// Every rule's options with configured values applied. Unknown rule ids, unknown option names
// and values of the wrong type become `config-error` diagnostics in `problems` (at the value
// in its file), and the default is kept.
std::map<std::string, ResolvedOptions, std::less<>> resolve_options(
    std::span<const RuleInfo> rules, std::span<const RuleOption> specs,
    const ConfiguredOptions& configured, std::vector<Diagnostic>& problems);

}  // namespace miglint::lint
