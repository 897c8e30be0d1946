// create-domain-with-constraint: CREATE DOMAIN with a CHECK or NOT NULL constraint. Changing
// such a constraint later rechecks every column of the type in every table, and converting a
// column to a constrained domain rewrites its table; column constraints have neither problem.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "sql/ddl.h"

namespace miglint::rules {

void check_create_domain_with_constraint(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    auto domain = sql::as_create_domain(s.statement());
    if (!domain) continue;
    // DEFAULT, NULL and COLLATE restrict no value: only CHECK and NOT NULL are constraints
    // PostgreSQL must verify (squawk also flags DEFAULT and NULL, which it parses as constraints).
    bool check = false, not_null = false;
    for (const auto& c : domain->constraints) {
      check |= c.type == sql::ConstraintType::Check;
      not_null |= c.type == sql::ConstraintType::NotNull;
    }
    if (!check && !not_null) continue;
    std::string what = check && not_null ? "CHECK and NOT NULL constraints"
                       : check           ? "a CHECK constraint"
                                         : "a NOT NULL constraint";
    m.report(ctx, s,
             fmt::format("Domain \"{}\" is created with {}: changing a domain constraint later checks "
                         "every column of the type in every table under SHARE locks, and converting a "
                         "column to the domain rewrites its table",
                         domain->domain.str(), what),
             fmt::format(
                 "Create the domain without constraints (or use {} itself) and put the CHECK or NOT "
                 "NULL on the columns that use it: a column CHECK can be added NOT VALID and validated "
                 "without blocking writes, one table at a time. PostgreSQL's documentation also "
                 "advises against NOT NULL on a domain: a column of the type can still read as NULL "
                 "(outer joins, INSERT … SELECT of a missing row)",
                 domain->base_type.str()));
  }
}

}  // namespace miglint::rules
