// serial-column: ADD COLUMN of a serial type or with an identity on an existing table, which
// fills every existing row from the sequence and so rewrites the table.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/added_columns.h"

namespace miglint::rules {

void check_serial_column(const lint::Migration& m, lint::RuleContext& ctx) {
  for_each_added_column(m, [&](const AddedColumn& a) {
    const auto cause = a.effect.cause;
    if (cause != sql::AddColumnCause::Serial && cause != sql::AddColumnCause::Identity) return;
    const sql::ColumnDef& c = a.column;
    std::string what = cause == sql::AddColumnCause::Serial ? fmt::format("of type {}", c.type.str())
                                                            : std::string("GENERATED AS IDENTITY");
    const std::string t = py_string(a.relation.name), col = py_string(c.name), kw = py_schema_kwarg(a.relation);
    std::string seq = a.relation.name + "_" + c.name + "_seq";
    if (!a.relation.schema.empty()) seq = a.relation.schema + "." + seq;
    m.report(ctx, a.statement,
             with_lock(fmt::format("ADD COLUMN \"{}\" {} on existing table \"{}\" fills every row from a "
                                   "sequence{}",
                                   c.name, what, a.table, index_clause(c)),
                       a.lock),
             fmt::format(
                 "A filled serial or identity column cannot be added without a rewrite. To number the "
                 "rows without blocking, default new rows from a sequence and fill the others in batches:\n"
                 "    op.execute(\"CREATE SEQUENCE {5}\")\n"
                 "    op.add_column({0}, sa.Column({1}, sa.BigInteger(), nullable=True){2})\n"
                 "    op.alter_column({0}, {1}, server_default=sa.text(\"nextval('{5}')\"){2})\n"
                 "    op.execute(\"UPDATE {3} SET {4} = nextval('{5}') WHERE {4} IS NULL\")  # in batches\n"
                 "then make it NOT NULL and build its unique index CONCURRENTLY "
                 "(`miglint explain serial-column`)",
                 t, col, kw, a.table, c.name, seq));
  });
}

}  // namespace miglint::rules
