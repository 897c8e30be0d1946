// `miglint plan`'s text and JSON renderings of an exec::Plan (docs/executor.md), also printed
// by `apply --dry-run`; and the rule catalogue the commands hand to the executor's gate.
#pragma once

#include <string>

#include "exec/plan.h"

namespace miglint::cli {

std::string render_plan_text(const exec::Plan& plan);
std::string render_plan_json(const exec::Plan& plan);

exec::RuleCatalog rule_catalog();  // every rule and option of src/rules

}  // namespace miglint::cli
