// drop-not-null: ALTER COLUMN … DROP NOT NULL on a column the revision did not add itself.
#include <fmt/format.h>

#include "alembic/op_call.h"
#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/destructive_support.h"
#include "sql/alter_table.h"

namespace miglint::rules {

using destructive::py;
using destructive::py_schema;
using destructive::quote_name;

namespace {

// op.alter_column(..., nullable=True, existing_nullable=True): the column already allowed NULL,
// and Alembic prints DROP NOT NULL anyway, which changes nothing.
bool already_nullable(const alembic::OpCall* call) {
  if (!call || call->name != "alter_column") return false;
  const alembic::Value* existing = call->kwarg("existing_nullable");
  return existing && existing->is(alembic::ValueKind::Bool) && existing->boolean;
}

}  // namespace

void check_drop_not_null(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    const auto& alter = s.alter_table();
    if (!alter || alter->object_type != sql::ObjectType::Table) continue;
    const sql::QualifiedName& table = alter->relation;
    for (const auto& cmd : alter->commands) {
      if (cmd.type != sql::AlterTableType::DropNotNull) continue;
      if (destructive::column_is_new(m, table, cmd.name, s.index) || already_nullable(m.evaluated_call(s))) continue;
      auto& d = m.report(
          ctx, s,
          fmt::format("DROP NOT NULL lets column {} of {} hold NULL; code that was promised it never does "
                      "(the application version still running, PL/pgSQL functions and triggers, reports) "
                      "may fail on the first NULL written",
                      quote_name(cmd.name), quote_name(table.str())),
          fmt::format("Make every reader handle NULL before allowing it:\n"
                      "  1. deploy code (and update the functions, triggers and views) that handles NULL in {0}\n"
                      "  2. in a later revision:\n"
                      "         op.alter_column({1}, {2}, nullable=True{3})  # miglint: ignore[drop-not-null] readers handle NULL\n"
                      "  3. only then deploy code that writes NULL\n"
                      "Or keep NOT NULL and store a marker value that means \"no value\"",
                      quote_name(cmd.name), py(table.name), py(cmd.name), py_schema(table)));
      d.notes.push_back({"a downgrade that restores NOT NULL fails once a NULL has been written", std::nullopt});
    }
  }
}

}  // namespace miglint::rules
