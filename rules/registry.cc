#include "rules/registry.h"

#include <algorithm>
#include <array>

namespace miglint::rules {

#define MIGLINT_RULE(id, fn, group, severity, summary) \
  void fn(const alembic::Project& project, lint::RuleContext& ctx);
#define MIGLINT_FRONTEND_RULE(id, group, severity, summary)
#include "rules/rules.def"
#undef MIGLINT_RULE
#undef MIGLINT_FRONTEND_RULE

namespace {

constexpr lint::RuleInfo kRules[] = {
#define MIGLINT_RULE(id, fn, group, severity, summary) \
  {id, lint::RuleGroup::group, Severity::severity, summary, &fn},
#define MIGLINT_FRONTEND_RULE(id, group, severity, summary) \
  {id, lint::RuleGroup::group, Severity::severity, summary, nullptr},
#include "rules/rules.def"
#undef MIGLINT_RULE
#undef MIGLINT_FRONTEND_RULE
};

}  // namespace

std::span<const lint::RuleInfo> all_rules() { return kRules; }

const lint::RuleInfo* find_rule(std::string_view id) {
  auto it = std::lower_bound(std::begin(kRules), std::end(kRules), id,
                             [](const lint::RuleInfo& r, std::string_view v) { return r.id < v; });
  return it != std::end(kRules) && it->id == id ? &*it : nullptr;
}

}  // namespace miglint::rules
