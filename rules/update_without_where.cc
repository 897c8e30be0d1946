// update-without-where: UPDATE without WHERE on a table the revision did not create itself.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/destructive_support.h"

namespace miglint::rules {

using destructive::quote_name;

void check_update_without_where(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    const sql::Statement& st = s.statement();
    if (!st.is("UpdateStmt") || st.has_where_clause()) continue;
    auto table = st.relation();
    if (!table || m.created_before(*table, s.index)) continue;
    m.report(ctx, s,
             fmt::format("UPDATE {} without WHERE overwrites the columns it sets in every row (their previous "
                         "values are lost) and holds a lock on every row until {}: the application's writes "
                         "to any row of the table wait",
                         quote_name(table->str()), s.in_transaction() ? "COMMIT" : "the statement finishes"),
             fmt::format("Name the rows to change; for a backfill, the rows that still need it, so that a rerun "
                         "is harmless:\n"
                         "    op.execute(\"UPDATE {0} SET <column> = ... WHERE <column> IS NULL\")\n"
                         "    op.execute(t.update().where(t.c.<column> == None).values(...))  # with t = sa.table({1}, ...)\n"
                         "and on a large table update in batches (by ranges of the primary key), each committed "
                         "on its own. If every row must change, say so: # miglint: ignore[update-without-where] <why>",
                         table->str(), destructive::py(table->name)));
  }
}

}  // namespace miglint::rules
