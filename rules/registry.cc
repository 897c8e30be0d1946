#include "rules/registry.h"

#include <algorithm>
#include <array>

#include "lint/migration.h"

namespace miglint::rules {

#define MIGLINT_RULE(id, fn, group, severity, summary) \
  void fn(const alembic::Project& project, lint::RuleContext& ctx);
#define MIGLINT_SQL_RULE(id, fn, group, severity, summary) \
  void fn(const lint::Migration& migration, lint::RuleContext& ctx);
#define MIGLINT_FRONTEND_RULE(id, group, severity, summary)
#include "rules/rules.def"
#undef MIGLINT_RULE
#undef MIGLINT_SQL_RULE
#undef MIGLINT_FRONTEND_RULE

namespace {

constexpr lint::RuleInfo kRules[] = {
#define MIGLINT_RULE(id, fn, group, severity, summary) \
  {id, lint::RuleGroup::group, Severity::severity, summary, &fn, nullptr},
#define MIGLINT_SQL_RULE(id, fn, group, severity, summary) \
  {id, lint::RuleGroup::group, Severity::severity, summary, nullptr, &fn},
#define MIGLINT_FRONTEND_RULE(id, group, severity, summary) \
  {id, lint::RuleGroup::group, Severity::severity, summary, nullptr, nullptr},
#include "rules/rules.def"
#undef MIGLINT_RULE
#undef MIGLINT_SQL_RULE
#undef MIGLINT_FRONTEND_RULE
};

using Kind = config::OptionValue::Kind;
// A vector, not an array: the table may be empty while rules gain their first options.
const std::vector<lint::RuleOption> kOptions = {
#define MIGLINT_OPTION(rule, name, kind, fallback, description) \
  {rule, name, Kind::kind, fallback, description},
#include "rules/options.def"
#undef MIGLINT_OPTION
};

}  // namespace

std::span<const lint::RuleInfo> all_rules() { return kRules; }

std::span<const lint::RuleOption> all_options() { return kOptions; }

std::vector<const lint::RuleOption*> options_of(std::string_view id) {
  std::vector<const lint::RuleOption*> out;
  for (const auto& o : kOptions)
    if (o.rule == id) out.push_back(&o);
  return out;
}

const lint::RuleInfo* find_rule(std::string_view id) {
  auto it = std::lower_bound(std::begin(kRules), std::end(kRules), id,
                             [](const lint::RuleInfo& r, std::string_view v) { return r.id < v; });
  return it != std::end(kRules) && it->id == id ? &*it : nullptr;
}

}  // namespace miglint::rules
