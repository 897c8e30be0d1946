// alter-domain-add-constraint: ALTER DOMAIN … ADD CONSTRAINT or SET NOT NULL, which checks every
// column of the domain in every table while holding SHARE on each (writes wait); unlike a table
// constraint, NOT VALID then VALIDATE does not help on PostgreSQL 15, whose ALTER DOMAIN …
// VALIDATE CONSTRAINT takes the same SHARE locks.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "sql/ddl.h"

namespace miglint::rules {

void check_alter_domain_add_constraint(const lint::Migration& m, lint::RuleContext& ctx) {
  std::vector<std::string> created;  // domains created earlier in this phase
  for (const auto& s : m.statements()) {
    if (auto c = sql::as_create_domain(s.statement())) {
      created.push_back(lint::relation_key(c->domain));
      continue;
    }
    auto alter = sql::as_alter_domain(s.statement());
    if (!alter) continue;
    using A = sql::AlterDomainInfo::Action;
    if (alter->action != A::AddConstraint && alter->action != A::SetNotNull) continue;
    // A domain created in this revision is used by no existing column: a table altered to use
    // it was rewritten under ACCESS EXCLUSIVE anyway.
    if (std::find(created.begin(), created.end(), lint::relation_key(alter->domain)) != created.end())
      continue;
    const std::string domain = alter->domain.str();
    const std::string until = s.in_transaction() ? "COMMIT" : "the statement finishes";
    std::string message;
    if (alter->action == A::SetNotNull) {
      message = fmt::format("ALTER DOMAIN {} SET NOT NULL checks every column of type {} in every "
                            "table, holding SHARE on each: blocks writes to them until {}",
                            domain, domain, until);
    } else if (alter->constraint && alter->constraint->not_valid) {
      message = fmt::format("ALTER DOMAIN {} ADD CONSTRAINT{} … NOT VALID leaves existing values "
                            "unchecked, and validating them (ALTER DOMAIN … VALIDATE CONSTRAINT) "
                            "holds SHARE on every table with a column of type {}: blocks writes "
                            "to them while it scans",
                            domain, alter->constraint->name.empty() ? "" : " " + alter->constraint->name,
                            domain);
    } else {
      message = fmt::format("ALTER DOMAIN {} ADD CONSTRAINT{} checks every column of type {} in every "
                            "table, holding SHARE on each: blocks writes to them until {}",
                            domain,
                            alter->constraint && !alter->constraint->name.empty()
                                ? " " + alter->constraint->name : "",
                            domain, until);
    }
    m.report(ctx, s, message,
             "Put the constraint on the columns instead, one table at a time, where NOT VALID works:\n"
             "    op.create_check_constraint(\"ck_name\", \"table\", \"column > 0\", postgresql_not_valid=True)\n"
             "then, in a later transaction:\n"
             "    op.execute(\"ALTER TABLE table VALIDATE CONSTRAINT ck_name\")  # SHARE UPDATE EXCLUSIVE: writes continue\n"
             "Which tables use a domain is not visible in the migration, so the cost of a domain "
             "constraint change grows silently with every column that adopts the type");
  }
}

}  // namespace miglint::rules
