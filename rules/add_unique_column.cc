// add-unique-column: ADD COLUMN … UNIQUE / PRIMARY KEY on an existing table, which builds the
// index while holding ACCESS EXCLUSIVE.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/added_columns.h"

namespace miglint::rules {

void check_add_unique_column(const lint::Migration& m, lint::RuleContext& ctx) {
  for_each_added_column(m, [&](const AddedColumn& a) {
    // Only when the index build is the whole cost: a rewriting column (serial, identity,
    // generated, volatile default) is reported by its own rule, which mentions the index.
    if (a.effect.cause != sql::AddColumnCause::UniqueIndex) return;
    const sql::ColumnDef& c = a.column;
    // A NOT NULL column without a default fails on a table with rows (add-required-column),
    // so its index costs nothing worth reporting.
    if (c.not_null && (!c.default_value.present() || c.default_value.is_null)) return;
    const bool pk = c.primary_key;
    const std::string kind = pk ? "PRIMARY KEY" : "UNIQUE";
    const std::string index = a.relation.name + (pk ? "_pkey" : "_" + c.name + "_key");
    const std::string t = py_string(a.relation.name), col = py_string(c.name), kw = py_schema_kwarg(a.relation);
    m.report(ctx, a.statement,
             with_lock(fmt::format("ADD COLUMN \"{}\" … {} on existing table \"{}\" builds its index",
                                   c.name, kind, a.table),
                       a.lock),
             fmt::format(
                 "Add the column, build the index concurrently, then attach it as the constraint:\n"
                 "    op.add_column({0}, sa.Column({1}, ..., nullable=True){2})\n{3}"
                 "    with op.get_context().autocommit_block():\n"
                 "        op.create_index({4}, {0}, [{1}], unique=True, postgresql_concurrently=True{2})\n"
                 "    op.execute(\"ALTER TABLE {5} ADD CONSTRAINT {6} {7} USING INDEX {6}\")",
                 t, col, kw,
                 pk ? "    # fill it with distinct values (in batches), then make it NOT NULL\n" : "",
                 py_string(index), a.table, index, kind));
  });
}

}  // namespace miglint::rules
