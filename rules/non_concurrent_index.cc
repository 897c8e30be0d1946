// non-concurrent-index: CREATE INDEX on a table that already exists, without CONCURRENTLY.
#include <fmt/format.h>

#include "alembic/revision.h"
#include "lint/migration.h"
#include "lint/rule.h"
#include "python/ast.h"
#include "rules/op_calls.h"
#include "sql/ddl.h"

namespace miglint::rules {

void check_non_concurrent_index(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    auto index = sql::as_index(s.statement());
    if (!index || index->concurrent) continue;
    // A table created earlier in this revision has no readers or writers to block yet.
    if (m.created_before(index->table, s.index)) continue;
    std::string table = index->table.str();
    std::string lock;
    for (const auto& l : s.locks)
      if (l.relation == table) lock = lint::describe_lock(l, s.in_transaction());
    auto& d = m.report(ctx, s,
                       fmt::format("CREATE INDEX{} on existing table \"{}\" without CONCURRENTLY {}",
                                   index->name.empty() ? "" : " " + index->name, table, lock),
                       "Build it with CONCURRENTLY, outside the migration's transaction:\n"
                       "    with op.get_context().autocommit_block():\n"
                       "        op.create_index(\"ix_name\", \"table\", [\"column\"], postgresql_concurrently=True)\n"
                       "CONCURRENTLY builds the index without blocking writes; it cannot run inside a "
                       "transaction, hence the autocommit block");
    // The fix needs the op call: SQL written by hand in op.execute() is left to the author.
    const python::Node* call = m.op_call(s);
    if (!is_op_call(call, "create_index")) continue;
    if (auto fix = concurrently_fix(m, s, *call, "Build the index concurrently in an autocommit block"))
      d.fix = std::move(fix);
  }
}

}  // namespace miglint::rules
