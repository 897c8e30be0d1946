// exclusion-constraint: ADD CONSTRAINT … EXCLUDE on an existing table, which builds its index
// under ACCESS EXCLUSIVE with no concurrent alternative.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/constraint_support.h"
#include "sql/alter_table.h"

namespace miglint::rules {

void check_exclusion_constraint(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    const auto& alter = s.alter_table();
    if (!alter || alter->object_type != sql::ObjectType::Table) continue;
    const sql::QualifiedName& table = alter->relation;
    // On a table created earlier in this revision the index is built over no rows.
    if (m.created_before(table, s.index)) continue;
    for (const auto& cmd : alter->commands) {
      if (cmd.type != sql::AlterTableType::AddConstraint &&
          cmd.type != sql::AlterTableType::AddConstraintRecurse)
        continue;
      if (!cmd.constraint || cmd.constraint->type != sql::ConstraintType::Exclusion) continue;
      auto lock = lock_on(s, table, sql::LockMode::AccessExclusive, sql::Work::Scan);
      m.report(ctx, s,
               fmt::format("ADD CONSTRAINT{} EXCLUDE on existing table \"{}\" builds its index while it {}",
                           label(cmd.constraint->name), table.str(),
                           lint::describe_lock(lock, s.in_transaction())),
               fmt::format(
                   "PostgreSQL has no online way to add an exclusion constraint: it cannot be "
                   "built CONCURRENTLY, NOT VALID or USING INDEX. Choose one of:\n"
                   "- if every operator is `=`, a unique index enforces the same rule and can be "
                   "built concurrently (see unique-constraint-without-index);\n"
                   "- run it while \"{}\" is small or traffic is stopped, with a lock_timeout so it "
                   "gives up instead of queueing everyone behind it:\n"
                   "    op.execute(\"SET LOCAL lock_timeout = '5s'\")\n"
                   "- create a new table with the constraint, copy the rows over and switch the "
                   "application to it",
                   table.str()));
    }
  }
}

}  // namespace miglint::rules
