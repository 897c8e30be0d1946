// add-required-column: ADD COLUMN … NOT NULL without a default on an existing table, which
// fails as soon as the table has a row.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/added_columns.h"

namespace miglint::rules {

void check_add_required_column(const lint::Migration& m, lint::RuleContext& ctx) {
  for_each_added_column(m, [&](const AddedColumn& a) {
    const sql::ColumnDef& c = a.column;
    // PRIMARY KEY implies NOT NULL; DEFAULT NULL is no default. Serial, identity and generated
    // columns fill themselves (their own rules report the rewrite).
    if (!c.not_null || (c.default_value.present() && !c.default_value.is_null)) return;
    if (sql::is_serial_type(c.type) || c.identity || c.generated) return;
    const std::string t = py_string(a.relation.name), col = py_string(c.name), kw = py_schema_kwarg(a.relation);
    std::string help = fmt::format(
        "Add it nullable, fill it, then make it NOT NULL:\n"
        "    op.add_column({0}, sa.Column({1}, ..., nullable=True){2})\n"
        "    op.execute(\"UPDATE {3} SET {4} = ... WHERE {4} IS NULL\")  # in batches on a large table\n"
        "    op.alter_column({0}, {1}, nullable=False{2})\n"
        "SET NOT NULL scans the table under ACCESS EXCLUSIVE; on PostgreSQL 12+ a validated "
        "CHECK ({4} IS NOT NULL) constraint lets it skip the scan",
        t, col, kw, a.table, c.name);
    if (m.pg_major() >= 11)
      help += fmt::format(
          "\nOr give it a constant default, which PostgreSQL 11+ adds without touching the rows:\n"
          "    op.add_column({0}, sa.Column({1}, ..., nullable=False, server_default=\"...\"){2})",
          t, col, kw);
    m.report(ctx, a.statement,
             fmt::format("ADD COLUMN \"{}\" NOT NULL without a default on existing table \"{}\" fails "
                         "as soon as the table has a row (column contains null values)",
                         c.name, a.table),
             std::move(help));
  });
}

}  // namespace miglint::rules
