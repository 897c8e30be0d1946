// The rule registry, expanded from rules.def.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "lint/rule.h"

namespace miglint::rules {

// Every rule, sorted by id.
std::span<const lint::RuleInfo> all_rules();
// Every rule option (rules/options.def), sorted by rule id then option name.
std::span<const lint::RuleOption> all_options();
// The options of one rule.
std::vector<const lint::RuleOption*> options_of(std::string_view id);
// The rule with this id, or nullptr.
const lint::RuleInfo* find_rule(std::string_view id);

}  // namespace miglint::rules
