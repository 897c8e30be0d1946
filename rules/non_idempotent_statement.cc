// non-idempotent-statement: a statement that commits on its own (in an autocommit block) and
// fails when run a second time, so a migration that fails after it cannot simply be retried.
// Mirrors squawk's prefer-robust-stmts.
#include <map>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/statement_label.h"
#include "sql/alter_table.h"
#include "sql/ddl.h"

namespace miglint::rules {
namespace {

enum class Missing { IfExists, IfNotExists, Transaction };

constexpr const char* kHelp =
    "In an autocommit block each statement commits on its own, so a failed run leaves the earlier ones "
    "applied. Write the guarded form, which a retry can run again:\n"
    "    op.execute(\"CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_accounts_email ON accounts (email)\")\n"
    "    op.execute(\"ALTER TABLE accounts ADD COLUMN IF NOT EXISTS email text\")\n"
    "(SQLAlchemy 1.4 ignores if_not_exists=/if_exists= on op calls), or keep the statement in the "
    "revision's transaction";

void report(const lint::Migration& m, lint::RuleContext& ctx, const lint::MigrationStatement& s,
            const std::string& what, Missing missing) {
  std::string message;
  switch (missing) {
    case Missing::IfExists:
      message = fmt::format("{} without IF EXISTS outside a transaction: if the migration fails after it, "
                            "a retry fails here because it is already gone", what);
      break;
    case Missing::IfNotExists:
      message = fmt::format("{} without IF NOT EXISTS outside a transaction: if the migration fails after "
                            "it, a retry fails here because it already exists", what);
      break;
    case Missing::Transaction:
      message = fmt::format("{} outside a transaction: if the migration fails after it, it is not rolled "
                            "back, and a retry runs it a second time", what);
      break;
  }
  m.report(ctx, s, std::move(message), kHelp);
}

}  // namespace

void check_non_idempotent_statement(const lint::Migration& m, lint::RuleContext& ctx) {
  // Constraints dropped earlier in the phase (true once re-added): DROP CONSTRAINT IF EXISTS x
  // then ADD CONSTRAINT x is squawk's robust way to (re)create a constraint.
  std::map<std::string, bool> dropped;
  for (const auto& s : m.statements()) {
    const sql::Statement& st = s.statement();
    bool autocommit = !s.in_transaction();
    if (auto a = sql::as_alter_table(st)) {
      std::string table = a->relation.str();
      for (const auto& cmd : a->commands) {
        using T = sql::AlterTableType;
        std::string constraint = cmd.constraint ? cmd.constraint->name : cmd.name;
        std::optional<Missing> missing;
        std::string what;
        switch (cmd.type) {
          case T::DropConstraint: case T::DropConstraintRecurse:
            dropped[constraint] = false;
            if (cmd.missing_ok) continue;
            missing = Missing::IfExists;
            what = fmt::format("ALTER TABLE \"{}\" DROP CONSTRAINT \"{}\"", table, constraint);
            break;
          case T::AddColumn: case T::AddColumnRecurse:
            if (cmd.missing_ok) continue;
            missing = Missing::IfNotExists;
            what = fmt::format("ALTER TABLE \"{}\" ADD COLUMN \"{}\"", table, cmd.column_name());
            break;
          case T::DropColumn: case T::DropColumnRecurse:
            if (cmd.missing_ok) continue;
            missing = Missing::IfExists;
            what = fmt::format("ALTER TABLE \"{}\" DROP COLUMN \"{}\"", table, cmd.name);
            break;
          case T::ValidateConstraint: case T::ValidateConstraintRecurse:
            // Validating a constraint this phase dropped and re-created is repeatable.
            if (dropped.count(constraint)) continue;
            missing = Missing::Transaction;
            what = fmt::format("ALTER TABLE \"{}\" VALIDATE CONSTRAINT \"{}\"", table, constraint);
            break;
          case T::AddConstraint: case T::AddConstraintRecurse:
            if (auto it = dropped.find(constraint); it != dropped.end() && !it->second) {
              it->second = true;
              continue;
            }
            missing = Missing::Transaction;
            what = fmt::format("ALTER TABLE \"{}\" ADD CONSTRAINT{}", table,
                               constraint.empty() ? "" : " \"" + constraint + "\"");
            break;
          default:
            missing = Missing::Transaction;
            what = fmt::format("ALTER TABLE \"{}\" {}", table,
                               cmd.type_name.rfind("AT_", 0) == 0 ? cmd.type_name.substr(3) : cmd.type_name);
            break;
        }
        if (autocommit && missing) report(m, ctx, s, what, *missing);
      }
    } else if (auto ix = sql::as_index(st)) {
      // CONCURRENTLY never runs in a transaction, and a failed build leaves an INVALID index
      // under the name; without a name no IF NOT EXISTS is possible (squawk skips those too).
      if (!ix->if_not_exists && !ix->name.empty() && (ix->concurrent || autocommit))
        report(m, ctx, s, fmt::format("{} \"{}\"", statement_label(st), ix->name), Missing::IfNotExists);
    } else if (auto t = sql::as_create_table(st)) {
      // A temporary table ends with the session, so a retry starts without it.
      if (!t->if_not_exists && !t->temporary && autocommit)
        report(m, ctx, s, fmt::format("CREATE TABLE \"{}\"", t->relation.str()), Missing::IfNotExists);
    } else if (auto d = sql::as_drop(st)) {
      using O = sql::ObjectType;
      bool covered = d->object_type == O::Table || d->object_type == O::Index || d->object_type == O::Type;
      if (covered && !d->if_exists && autocommit && !d->objects.empty())
        report(m, ctx, s, fmt::format("{} \"{}\"", statement_label(st), d->objects.front().str()),
               Missing::IfExists);
    }
  }
}

}  // namespace miglint::rules
