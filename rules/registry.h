// The rule registry, expanded from rules.def.
#pragma once

#include <span>
#include <string_view>

#include "lint/rule.h"

namespace miglint::rules {

// Every rule, sorted by id.
std::span<const lint::RuleInfo> all_rules();
// The rule with this id, or nullptr.
const lint::RuleInfo* find_rule(std::string_view id);

}  // namespace miglint::rules
