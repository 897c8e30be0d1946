// delete-without-where: DELETE without WHERE on a table the revision did not create itself.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/destructive_support.h"

namespace miglint::rules {

using destructive::quote_name;

void check_delete_without_where(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    const sql::Statement& st = s.statement();
    if (!st.is("DeleteStmt") || st.has_where_clause()) continue;
    auto table = st.relation();
    if (!table || m.created_before(*table, s.index)) continue;
    m.report(ctx, s,
             fmt::format("DELETE FROM {} without WHERE deletes every row of the table and holds a lock on each "
                         "until {}: the application's writes to any of them wait",
                         quote_name(table->str()), s.in_transaction() ? "COMMIT" : "the statement finishes"),
             fmt::format("Name the rows to delete:\n"
                         "    op.execute(\"DELETE FROM {0} WHERE ...\")\n"
                         "    op.execute(t.delete().where(t.c.created_at < ...))  # with t = sa.table({1}, ...)\n"
                         "and on a large table delete in batches. If emptying the table is really intended, "
                         "say so: # miglint: ignore[delete-without-where] <why>",
                         table->str(), destructive::py(table->name)));
  }
}

}  // namespace miglint::rules
