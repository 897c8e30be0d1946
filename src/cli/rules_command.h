// `miglint rules` and `miglint explain RULE`: the registry, listed and explained.
#pragma once

#include <string>

namespace miglint::cli {

int run_rules(const std::string& format);
int run_explain(const std::string& rule_id);

}  // namespace miglint::cli
