// drop-table: DROP TABLE of a table the revision did not create itself.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/destructive_support.h"
#include "sql/ddl.h"

namespace miglint::rules {

using destructive::py;
using destructive::py_schema;
using destructive::quote_name;

void check_drop_table(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    auto drop = sql::as_drop(s.statement());
    if (!drop || drop->object_type != sql::ObjectType::Table) continue;
    for (const auto& table : drop->objects) {
      // A table created earlier in this revision holds only what the revision put there.
      if (m.created_before(table, s.index)) continue;
      auto& d = m.report(
          ctx, s,
          fmt::format("DROP TABLE {} deletes the table and every row in it; the application version "
                      "still running during the deploy still reads and writes it, and fails once it is gone",
                      quote_name(table.str())),
          fmt::format("Drop a table in the deploy after the code stops using it (expand/contract):\n"
                      "  1. deploy application code that no longer reads or writes {0} (and remove its model from\n"
                      "     the metadata, or autogenerate will want to create it again)\n"
                      "  2. in a later revision, once no running version uses it:\n"
                      "         op.drop_table({1}{2})  # miglint: ignore[drop-table] unused since <release>\n"
                      "Back the data up first (pg_dump --table={3}) if it may be needed again: a downgrade "
                      "recreates the table, not its rows",
                      quote_name(table.str()), py(table.name), py_schema(table), table.str()));
      if (drop->cascade)
        d.notes.push_back({"CASCADE also drops every view that selects from the table and every foreign key "
                           "constraint that references it from other tables, without listing them",
                           std::nullopt});
    }
  }
}

}  // namespace miglint::rules
