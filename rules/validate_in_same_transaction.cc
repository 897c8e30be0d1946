// validate-in-same-transaction: ALTER TABLE … VALIDATE CONSTRAINT in the transaction that added
// the constraint NOT VALID. The ADD's lock (ACCESS EXCLUSIVE for a CHECK, SHARE ROW EXCLUSIVE
// for a foreign key) is held until COMMIT, so the VALIDATE scan runs under it and NOT VALID
// gains nothing.
#include <string>
#include <vector>

#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/constraint_support.h"
#include "sql/alter_table.h"

namespace miglint::rules {
namespace {

struct NotValidAdd {
  std::string table_key;
  std::string name;
  const lint::MigrationStatement* statement;
  sql::LockInfo lock;  // what the ADD took on the table
};

bool is_add_constraint(sql::AlterTableType t) {
  return t == sql::AlterTableType::AddConstraint || t == sql::AlterTableType::AddConstraintRecurse;
}

bool is_validate(sql::AlterTableType t) {
  return t == sql::AlterTableType::ValidateConstraint ||
         t == sql::AlterTableType::ValidateConstraintRecurse;
}

}  // namespace

void check_validate_in_same_transaction(const lint::Migration& m, lint::RuleContext& ctx) {
  std::vector<NotValidAdd> adds;
  for (const auto& s : m.statements()) {
    const auto& alter = s.alter_table();
    if (!alter || alter->object_type != sql::ObjectType::Table) continue;
    const std::string key = lint::relation_key(alter->relation);
    // A table created in this revision is invisible to other sessions until COMMIT.
    if (m.created_before(alter->relation, s.index)) continue;
    for (const auto& cmd : alter->commands) {
      if (is_add_constraint(cmd.type) && cmd.constraint && cmd.constraint->not_valid &&
          !cmd.constraint->name.empty()) {
        // PostgreSQL's generated name for an unnamed constraint is not known here, and a
        // VALIDATE must name it, so only named constraints can be matched.
        adds.push_back({key, cmd.constraint->name, &s,
                        lock_on(s, alter->relation, sql::LockMode::AccessExclusive)});
        continue;
      }
      if (!is_validate(cmd.type)) continue;
      const NotValidAdd* add = nullptr;
      for (const auto& a : adds)
        if (a.table_key == key && a.name == cmd.name) add = &a;
      if (!add) continue;
      // Same transaction: both inside one (numbered ≥ 0), or one statement doing both.
      bool same = add->statement == &s ||
                  (s.in_transaction() && add->statement->transaction == s.transaction);
      if (!same) continue;
      auto& d = m.report(
          ctx, s,
          fmt::format("VALIDATE CONSTRAINT {} runs in the transaction that added it NOT VALID: the {} "
                      "lock the ADD took on \"{}\" is still held while VALIDATE scans it, so it {} "
                      "until COMMIT, as if NOT VALID had not been used",
                      cmd.name, sql::lock_mode_name(add->lock.mode), alter->relation.str(),
                      sql::blocks_description(add->lock.mode)),
          fmt::format(
              "Commit between the two. Validate in a later revision deployed on its own (with "
              "env.py's default, the revisions of one `alembic upgrade` share a transaction), or "
              "here in an autocommit block, which commits the ADD first:\n"
              "    with op.get_context().autocommit_block():\n"
              "        op.execute(\"ALTER TABLE {} VALIDATE CONSTRAINT {}\")\n"
              "VALIDATE alone takes SHARE UPDATE EXCLUSIVE: reads and writes continue while it scans",
              alter->relation.str(), cmd.name));
      d.notes.push_back({fmt::format("{} is added NOT VALID here", cmd.name), m.location(*add->statement)});
    }
  }
}

}  // namespace miglint::rules
