// unique-constraint-without-index: ADD UNIQUE / PRIMARY KEY on an existing table that builds
// its index inside the ALTER TABLE (not `USING INDEX`), under ACCESS EXCLUSIVE.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/constraint_support.h"
#include "sql/alter_table.h"

namespace miglint::rules {
namespace {

using sql::ConstraintType;

std::string help_for(const sql::QualifiedName& table, bool primary, const std::string& name,
                     const std::vector<std::string>& columns) {
  std::string constraint = name.empty() ? (primary ? "pk_name" : "uq_name") : name;
  std::string help = fmt::format(
      "Build the unique index concurrently (reads and writes continue), then attach it as the "
      "constraint, which is only a catalogue change:\n"
      "    with op.get_context().autocommit_block():\n"
      "        op.create_index({}, {}, {}, unique=True{}, postgresql_concurrently=True)\n"
      "    op.execute(\"ALTER TABLE {} ADD CONSTRAINT {} {} USING INDEX {}\")\n"
      "CONCURRENTLY cannot run in a transaction, hence the autocommit block; a failed build leaves "
      "an INVALID index to drop before retrying",
      py_str(constraint), py_str(table.name), py_list(columns, "[\"column\"]"), py_schema(table),
      table.str(),
      constraint, primary ? "PRIMARY KEY" : "UNIQUE", constraint);
  if (primary)
    help += ".\nFor a PRIMARY KEY the columns must already be NOT NULL: otherwise ADD … USING INDEX "
            "sets them NOT NULL and scans the table under ACCESS EXCLUSIVE (see set-not-null)";
  return help;
}

}  // namespace

void check_unique_constraint_without_index(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    const auto& alter = s.alter_table();
    if (!alter || alter->object_type != sql::ObjectType::Table) continue;
    const sql::QualifiedName& table = alter->relation;
    // The index of a table created earlier in this revision is built over no rows.
    if (m.created_before(table, s.index)) continue;
    for (const auto& cmd : alter->commands) {
      auto lock = [&] {
        return lint::describe_lock(lock_on(s, table, sql::LockMode::AccessExclusive, sql::Work::Scan),
                                   s.in_transaction());
      };
      if ((cmd.type == sql::AlterTableType::AddConstraint ||
           cmd.type == sql::AlterTableType::AddConstraintRecurse) && cmd.constraint) {
        const sql::ConstraintDef& c = *cmd.constraint;
        if (c.type != ConstraintType::Unique && c.type != ConstraintType::PrimaryKey) continue;
        if (!c.using_index.empty()) continue;
        bool primary = c.type == ConstraintType::PrimaryKey;
        m.report(ctx, s,
                 fmt::format("ADD CONSTRAINT{} {} on existing table \"{}\" without USING INDEX builds "
                             "its index while it {}",
                             label(c.name), primary ? "PRIMARY KEY" : "UNIQUE", table.str(), lock()),
                 help_for(table, primary, c.name, c.columns));
      } else if ((cmd.type == sql::AlterTableType::AddColumn ||
                  cmd.type == sql::AlterTableType::AddColumnRecurse) && cmd.column) {
        const sql::ColumnDef& col = *cmd.column;
        for (const auto& c : col.constraints) {
          if (c.type != ConstraintType::Unique && c.type != ConstraintType::PrimaryKey) continue;
          bool primary = c.type == ConstraintType::PrimaryKey;
          m.report(ctx, s,
                   fmt::format("ADD COLUMN {} … {} on existing table \"{}\" builds its index while it {}",
                               col.name, primary ? "PRIMARY KEY" : "UNIQUE", table.str(), lock()),
                   "Add the column without the constraint first. " +
                       help_for(table, primary, c.name, {col.name}));
        }
      }
    }
  }
}

}  // namespace miglint::rules
