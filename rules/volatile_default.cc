// volatile-default: ADD COLUMN with a DEFAULT PostgreSQL must compute for every existing row
// (a volatile function, or any non-null default before PostgreSQL 11), which rewrites the table.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/added_columns.h"

namespace miglint::rules {

void check_volatile_default(const lint::Migration& m, lint::RuleContext& ctx) {
  for_each_added_column(m, [&](const AddedColumn& a) {
    const auto cause = a.effect.cause;
    if (cause != sql::AddColumnCause::VolatileDefault && cause != sql::AddColumnCause::DefaultBeforePg11) return;
    const sql::ColumnDef& c = a.column;
    const std::string t = py_string(a.relation.name), col = py_string(c.name), kw = py_schema_kwarg(a.relation);
    const bool volatile_fn = cause == sql::AddColumnCause::VolatileDefault;
    std::string message =
        volatile_fn
            ? fmt::format("ADD COLUMN \"{}\" with volatile default {}() on existing table \"{}\" "
                          "computes it for every row{}",
                          c.name, a.effect.function, a.table, index_clause(c))
            : fmt::format("ADD COLUMN \"{}\" with a DEFAULT on existing table \"{}\" fills every row "
                          "before PostgreSQL 11 (pg-version {}){}",
                          c.name, a.table, m.pg_major(), index_clause(c));
    std::string value = volatile_fn ? a.effect.function + "()" : "...";
    std::string help = fmt::format(
        "Add it without a default, set the default for new rows, then fill the existing rows:\n"
        "    op.add_column({0}, sa.Column({1}, ..., nullable=True){2})\n"
        "    op.alter_column({0}, {1}, server_default=sa.text(\"{3}\"){2})\n"
        "    op.execute(\"UPDATE {4} SET {5} = {3} WHERE {5} IS NULL\")  # in batches on a large table\n"
        "SET DEFAULT only applies to rows inserted later, so neither step rewrites the table",
        t, col, kw, value, a.table, c.name);
    if (!volatile_fn) help += "; from PostgreSQL 11 a constant default is added without a rewrite";
    m.report(ctx, a.statement, with_lock(message, a.lock), std::move(help));
  });
}

}  // namespace miglint::rules
