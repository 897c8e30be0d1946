// non-concurrent-index-drop: DROP INDEX without CONCURRENTLY on an index of an existing table.
#include <fmt/format.h>

#include "alembic/revision.h"
#include "lint/migration.h"
#include "lint/rule.h"
#include "python/ast.h"
#include "rules/op_calls.h"
#include "sql/ddl.h"

namespace miglint::rules {
namespace {

// A DROP TABLE of `table` later in the same transaction: the table's ACCESS EXCLUSIVE lock is
// taken then anyway, and held to the same COMMIT, so dropping its index first adds no blocking
// (the shape of a downgrade that undoes create_table + create_index).
bool table_dropped_later(const lint::Migration& m, const lint::MigrationStatement& s, const sql::QualifiedName& table) {
  if (!s.in_transaction()) return false;
  for (const auto& later : m.statements()) {
    if (later.index <= s.index || later.transaction != s.transaction) continue;
    auto drop = sql::as_drop(later.statement());
    if (!drop || drop->object_type != sql::ObjectType::Table) continue;
    for (const auto& t : drop->objects)
      if (t.name == table.name && (t.schema == table.schema || t.schema.empty() || table.schema.empty())) return true;
  }
  return false;
}

}  // namespace

void check_non_concurrent_index_drop(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    auto drop = sql::as_drop(s.statement());
    if (!drop || drop->object_type != sql::ObjectType::Index || drop->concurrent) continue;
    // An index created earlier in this revision is not in use by anyone yet.
    std::vector<std::string> names;
    for (const auto& ix : drop->objects)
      if (!m.created_before(ix, s.index)) names.push_back(ix.str());
    if (names.empty()) continue;
    const python::Node* call = m.op_call(s);
    // DROP INDEX never says which table the index is on; op.drop_index() usually does.
    std::string table = is_op_call(call, "drop_index") ? string_argument(call, 1, "table_name") : std::string();
    // Nor is a table created earlier in this revision (an index lives in its table's schema).
    if (!table.empty() && m.created_before(sql::QualifiedName{drop->objects.front().schema, table}, s.index))
      continue;
    if (!table.empty() && table_dropped_later(m, s, sql::QualifiedName{drop->objects.front().schema, table}))
      continue;

    std::string lock;
    if (!table.empty()) {
      std::string qualified = drop->objects.front().schema.empty() ? table : drop->objects.front().schema + "." + table;
      lock = lint::describe_lock({qualified, sql::LockMode::AccessExclusive, sql::Work::CatalogOnly, "DROP INDEX"},
                                 s.in_transaction());
    } else {
      lock = fmt::format("takes ACCESS EXCLUSIVE on the index's table: {} until {}",
                         sql::blocks_description(sql::LockMode::AccessExclusive),
                         s.in_transaction() ? "COMMIT" : "the statement finishes");
    }
    std::string quoted;
    for (const auto& n : names) quoted += (quoted.empty() ? "\"" : ", \"") + n + "\"";
    std::string help =
        "Drop it with CONCURRENTLY, outside the migration's transaction:\n"
        "    with op.get_context().autocommit_block():\n"
        "        op.drop_index(\"ix_name\", table_name=\"table\", postgresql_concurrently=True)\n"
        "DROP INDEX CONCURRENTLY waits for the transactions using the table instead of blocking "
        "them; it cannot run inside a transaction, hence the autocommit block";
    if (drop->objects.size() > 1 || drop->cascade)
      help += "; it drops one index per statement and does not allow CASCADE";
    auto& d = m.report(ctx, s, fmt::format("DROP INDEX {} without CONCURRENTLY {}", quoted, lock), help);

    // The fix edits op.drop_index(); SQL written by hand in op.execute() is left to the author.
    if (!is_op_call(call, "drop_index")) continue;
    if (auto fix = concurrently_fix(m, s, *call, "Drop the index concurrently in an autocommit block"))
      d.fix = std::move(fix);
  }
}

}  // namespace miglint::rules
