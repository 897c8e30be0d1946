// stored-generated-column: ADD COLUMN … GENERATED ALWAYS AS (…) STORED on an existing table,
// which computes the expression for every row and so rewrites the table.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/added_columns.h"

namespace miglint::rules {

void check_stored_generated_column(const lint::Migration& m, lint::RuleContext& ctx) {
  for_each_added_column(m, [&](const AddedColumn& a) {
    if (a.effect.cause != sql::AddColumnCause::StoredGenerated) return;
    const sql::ColumnDef& c = a.column;
    const std::string t = py_string(a.relation.name), col = py_string(c.name), kw = py_schema_kwarg(a.relation);
    m.report(ctx, a.statement,
             with_lock(fmt::format("ADD COLUMN \"{}\" GENERATED ALWAYS AS (…) STORED on existing table "
                                   "\"{}\" computes every row{}",
                                   c.name, a.table, index_clause(c)),
                       a.lock),
             fmt::format(
                 "PostgreSQL cannot make an existing column generated, so on a large table use a plain "
                 "column kept up to date by a trigger, filled in batches:\n"
                 "    op.add_column({0}, sa.Column({1}, ..., nullable=True){2})\n"
                 "    op.execute(\"CREATE FUNCTION {3}_{4}_fill() RETURNS trigger LANGUAGE plpgsql AS "
                 "$$ BEGIN NEW.{4} := ...; RETURN NEW; END $$\")\n"
                 "    op.execute(\"CREATE TRIGGER {3}_{4}_fill BEFORE INSERT OR UPDATE ON {5} "
                 "FOR EACH ROW EXECUTE FUNCTION {3}_{4}_fill()\")\n"
                 "    op.execute(\"UPDATE {5} SET {4} = ... WHERE {4} IS NULL\")  # in batches",
                 t, col, kw, a.relation.name, c.name, a.table));
  });
}

}  // namespace miglint::rules
