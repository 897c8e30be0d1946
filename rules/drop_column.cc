// drop-column: ALTER TABLE … DROP COLUMN of a column the revision did not add itself.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/destructive_support.h"
#include "sql/alter_table.h"

namespace miglint::rules {

using destructive::py;
using destructive::py_schema;
using destructive::quote_name;

void check_drop_column(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    const auto& alter = s.alter_table();
    if (!alter || alter->object_type != sql::ObjectType::Table) continue;
    const sql::QualifiedName& table = alter->relation;
    for (const auto& cmd : alter->commands) {
      if (cmd.type != sql::AlterTableType::DropColumn) continue;
      // A column added earlier in this revision (or on a table it created) has no readers yet.
      if (destructive::column_is_new(m, table, cmd.name, s.index)) continue;
      auto& d = m.report(
          ctx, s,
          fmt::format("DROP COLUMN {} of {} deletes the column and its data in every row; the application "
                      "version still running during the deploy selects or writes {} and fails (SQLAlchemy "
                      "names every mapped column in its queries)",
                      quote_name(cmd.name), quote_name(table.str()), quote_name(cmd.name)),
          fmt::format("Remove a column in two deploys (expand/contract):\n"
                      "  1. deploy application code that no longer uses it: delete the attribute from the\n"
                      "     model (or map it with deferred() and stop writing it first)\n"
                      "  2. in a later revision, once no running version reads it:\n"
                      "         op.drop_column({0}, {1}{2})  # miglint: ignore[drop-column] unused since <release>\n"
                      "If this drop is half of a rename that autogenerate wrote as add_column + drop_column, "
                      "use op.alter_column({0}, {1}, new_column_name=\"...\") instead, which keeps the data "
                      "(see rename-column for doing that without downtime)",
                      py(table.name), py(cmd.name), py_schema(table)));
      if (cmd.cascade)
        d.notes.push_back({"CASCADE also drops what outside the table depends on the column, without "
                           "listing it: views that select it, foreign keys of other tables that reference it",
                           std::nullopt});
    }
  }
}

}  // namespace miglint::rules
