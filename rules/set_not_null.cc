// set-not-null: ALTER COLUMN … SET NOT NULL on an existing table, which checks every row under
// ACCESS EXCLUSIVE — unless (PostgreSQL 12+) a validated CHECK (col IS NOT NULL) proves it.
#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/constraint_support.h"
#include "sql/alter_table.h"

namespace miglint::rules {
namespace {

using sql::AlterTableType;

// What the revision did, before a given statement, that can prove a column NOT NULL.
struct Proofs {
  struct Check {
    std::string table, name;
    std::vector<std::string> columns;  // proved NOT NULL
    bool valid;
  };
  std::vector<Check> checks;  // added in this phase
  // Tables with a VALIDATE CONSTRAINT of a constraint this phase did not add: the usual
  // pattern adds the NOT VALID check in an earlier revision, so its expression is unseen here.
  std::vector<std::string> validated_elsewhere;
  // (table, name) of the constraints other than CHECKs the phase adds: their VALIDATE proves
  // nothing about NULLs.
  std::vector<std::pair<std::string, std::string>> other_constraints;

  bool added_here(const std::string& table, const std::string& name) const {
    return std::find(other_constraints.begin(), other_constraints.end(),
                     std::pair{table, name}) != other_constraints.end();
  }

  bool proves(const std::string& table, const std::string& column) const {
    for (const auto& c : checks)
      if (c.valid && c.table == table &&
          std::find(c.columns.begin(), c.columns.end(), column) != c.columns.end())
        return true;
    return std::find(validated_elsewhere.begin(), validated_elsewhere.end(), table) !=
           validated_elsewhere.end();
  }

  void record(const std::string& table, const sql::AlterTableCommand& cmd) {
    if ((cmd.type == AlterTableType::AddConstraint || cmd.type == AlterTableType::AddConstraintRecurse) &&
        cmd.constraint && cmd.constraint->type == sql::ConstraintType::Check) {
      checks.push_back({table, cmd.constraint->name, cmd.constraint->not_null_columns,
                        !cmd.constraint->not_valid});
    } else if (cmd.type == AlterTableType::ValidateConstraint ||
               cmd.type == AlterTableType::ValidateConstraintRecurse) {
      bool known = false;
      for (auto& c : checks)
        if (c.table == table && c.name == cmd.name) {
          c.valid = true;
          known = true;
        }
      // A constraint of another kind added here (a foreign key) proves nothing.
      if (!known && !added_here(table, cmd.name)) validated_elsewhere.push_back(table);
    } else if (cmd.type == AlterTableType::DropConstraint ||
               cmd.type == AlterTableType::DropConstraintRecurse) {
      std::erase_if(checks, [&](const Check& c) { return c.table == table && c.name == cmd.name; });
    }
  }
};

std::string help_for(const sql::QualifiedName& table, const std::string& column, int pg_major) {
  std::string check = fmt::format("ck_{}_{}_not_null", table.name, column);
  if (pg_major < 12)
    return fmt::format(
        "Before PostgreSQL 12, SET NOT NULL always scans. Keep the column nullable and enforce it "
        "with a validated CHECK instead:\n"
        "    op.create_check_constraint({0}, {1}, \"{2} IS NOT NULL\"{6}, postgresql_not_valid=True)\n"
        "and in a later transaction (a later revision, or an autocommit block):\n"
        "    op.execute(\"ALTER TABLE {3} VALIDATE CONSTRAINT {4}\")",
        py_str(check), py_str(table.name), column, table.str(), check, "", py_schema(table));
  return fmt::format(
      "Prove it with a validated CHECK first; PostgreSQL 12+ then skips the scan:\n"
      "    op.create_check_constraint({0}, {1}, \"{2} IS NOT NULL\"{6}, postgresql_not_valid=True)\n"
      "    with op.get_context().autocommit_block():  # commits the ADD first\n"
      "        op.execute(\"ALTER TABLE {3} VALIDATE CONSTRAINT {4}\")  # SHARE UPDATE EXCLUSIVE: "
      "reads and writes continue\n"
      "    op.alter_column({1}, {5}, nullable=False{6})  # the check proves it: no scan\n"
      "    op.drop_constraint({0}, {1}, type_=\"check\"{6})\n"
      "(or validate, set and drop in a later revision deployed on its own). Rows that are still NULL "
      "must be backfilled before VALIDATE, which fails otherwise",
      py_str(check), py_str(table.name), column, table.str(), check, py_str(column),
      py_schema(table));
}

}  // namespace

void check_set_not_null(const lint::Migration& m, lint::RuleContext& ctx) {
  const bool prover = m.pg_major() >= 12;
  // Unseen SQL could have added and validated the check that makes SET NOT NULL instant.
  if (prover && !m.fully_static()) return;
  Proofs proofs;
  for (const auto& s : m.statements())
    if (const auto& alter = s.alter_table())
      for (const auto& cmd : alter->commands)
        if (cmd.constraint && cmd.constraint->type != sql::ConstraintType::Check &&
            !cmd.constraint->name.empty())
          proofs.other_constraints.push_back({lint::relation_key(alter->relation), cmd.constraint->name});

  for (const auto& s : m.statements()) {
    const auto& alter = s.alter_table();
    if (!alter || alter->object_type != sql::ObjectType::Table) continue;
    const std::string key = lint::relation_key(alter->relation);
    // A table created earlier in this revision has no rows to check.
    bool fresh = m.created_before(alter->relation, s.index);
    for (const auto& cmd : alter->commands) {
      if (cmd.type != AlterTableType::SetNotNull || fresh) continue;
      if (prover && proofs.proves(key, cmd.name)) continue;
      auto lock = lock_on(s, alter->relation, sql::LockMode::AccessExclusive, sql::Work::Scan);
      m.report(ctx, s,
               fmt::format("SET NOT NULL on column \"{}\" of existing table \"{}\" {}",
                           cmd.name, alter->relation.str(), lint::describe_lock(lock, s.in_transaction())),
               help_for(alter->relation, cmd.name, m.pg_major()));
    }
    // Recorded after the statement: a CHECK added by the same ALTER TABLE is not yet validated
    // when its SET NOT NULL subcommand looks for one.
    for (const auto& cmd : alter->commands) proofs.record(key, cmd);
  }
}

}  // namespace miglint::rules
