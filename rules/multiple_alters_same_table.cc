// multiple-alters-same-table: two or more ALTER TABLE statements on one existing table in one
// transaction that each make a pass over its rows (a rewrite, or a check of every row), where
// one ALTER TABLE with several subcommands would make a single pass.
#include <map>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "sql/add_column.h"
#include "sql/alter_table.h"

namespace miglint::rules {

namespace {

// Whether a subcommand makes PostgreSQL read or rewrite every row in ALTER TABLE's final phase
// (ATRewriteTables), the pass that several subcommands of one statement share. Index builds
// (UNIQUE, PRIMARY KEY) and foreign key checks run separately per constraint, so combining
// statements does not save them and they are not counted.
bool passes_over_rows(const sql::Statement& st, const sql::AlterTableCommand& cmd, int pg_major) {
  switch (cmd.type) {
    case sql::AlterTableType::AddColumn:
    case sql::AlterTableType::AddColumnRecurse: {
      if (!cmd.column) return false;
      auto e = sql::add_column_effect(st, *cmd.column, pg_major);
      return e.work == sql::Work::Rewrite || e.cause == sql::AddColumnCause::NotNullWithoutDefault ||
             e.cause == sql::AddColumnCause::Check;
    }
    case sql::AlterTableType::AddConstraint:
    case sql::AlterTableType::AddConstraintRecurse:
      return cmd.constraint && cmd.constraint->type == sql::ConstraintType::Check && !cmd.constraint->not_valid;
    case sql::AlterTableType::AlterColumnType:  // the lock model's verdict: a rewrite
    case sql::AlterTableType::SetNotNull:
    case sql::AlterTableType::SetLogged:
    case sql::AlterTableType::SetUnLogged:
    case sql::AlterTableType::SetAccessMethod:
      return true;
    default:
      return false;
  }
}

}  // namespace

void check_multiple_alters_same_table(const lint::Migration& m, lint::RuleContext& ctx) {
  // (transaction, table) → the statements that pass over the table's rows, in order.
  std::map<std::pair<int, std::string>, std::vector<const lint::MigrationStatement*>> passes;
  std::vector<std::pair<int, std::string>> order;
  for (const auto& s : m.statements()) {
    if (!s.in_transaction()) continue;  // each statement of an autocommit block commits alone
    const auto& alter = s.alter_table();
    if (!alter || alter->object_type != sql::ObjectType::Table) continue;
    if (m.created_before(alter->relation, s.index)) continue;
    bool pass = false;
    for (const auto& cmd : alter->commands) pass = pass || passes_over_rows(s.statement(), cmd, m.pg_major());
    if (!pass) continue;
    auto key = std::make_pair(s.transaction, lint::relation_key(alter->relation));
    auto& list = passes[key];
    if (list.empty()) order.push_back(key);
    list.push_back(&s);
  }
  for (const auto& key : order) {
    const auto& list = passes[key];
    if (list.size() < 2) continue;
    const lint::MigrationStatement& second = *list[1];
    std::string table = sql::as_alter_table(second.statement())->relation.str();
    auto& d = m.report(
        ctx, second,
        fmt::format("{} ALTER TABLE statements on \"{}\" in one transaction each read or rewrite all "
                    "its rows under ACCESS EXCLUSIVE, where one statement would do it in a single pass",
                    list.size(), table),
        fmt::format("Combine them into one ALTER TABLE with several subcommands:\n"
                    "    op.execute(\"ALTER TABLE {} ADD COLUMN ..., ALTER COLUMN ... SET NOT NULL\")\n"
                    "Alembic emits one ALTER TABLE per operation on PostgreSQL, also inside "
                    "op.batch_alter_table(), so only a hand-written statement combines them",
                    table));
    // One op.alter_column(type_=…, nullable=…) call emits both statements.
    bool same_call = list[0]->lowered && second.lowered && list[0]->lowered->origin == second.lowered->origin;
    d.notes.push_back({same_call ? std::string("this call emits one ALTER TABLE per change it makes, and the "
                                               "first of them reads every row too")
                                 : fmt::format("the first ALTER TABLE on \"{}\" that reads every row", table),
                       m.location(*list[0])});
  }
}

}  // namespace miglint::rules
