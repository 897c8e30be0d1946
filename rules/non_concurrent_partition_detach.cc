// non-concurrent-partition-detach: ALTER TABLE … DETACH PARTITION without CONCURRENTLY on
// PostgreSQL 14+, where CONCURRENTLY exists.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/op_calls.h"
#include "sql/alter_table.h"

namespace miglint::rules {

void check_non_concurrent_partition_detach(const lint::Migration& m, lint::RuleContext& ctx) {
  if (m.pg_major() < 14) return;
  for (const auto& s : m.statements()) {
    const auto& alter = s.alter_table();
    if (!alter) continue;
    for (const auto& c : alter->commands) {
      if (c.type != sql::AlterTableType::DetachPartition || c.concurrent) continue;
      // A parent or partition created earlier in this revision is not in use by anyone yet.
      if (m.created_before(alter->relation, s.index) || m.created_before(c.partition, s.index)) continue;
      std::string parent = alter->relation.str();
      std::string lock;
      for (const auto& l : s.locks)
        if (l.relation == parent) lock = lint::describe_lock(l, s.in_transaction());
      if (lock.empty())  // the lock model always names the parent; keep the sentence whole regardless
        lock = lint::describe_lock({parent, sql::LockMode::AccessExclusive, sql::Work::CatalogOnly, "DETACH PARTITION"},
                                   s.in_transaction());
      std::string concurrent = fmt::format("ALTER TABLE {} DETACH PARTITION {} CONCURRENTLY", parent, c.partition.str());
      m.report(ctx, s,
               fmt::format("DETACH PARTITION \"{}\" without CONCURRENTLY {}", c.partition.str(), lock),
               fmt::format("Detach it with CONCURRENTLY, outside the migration's transaction:\n"
                           "    with op.get_context().autocommit_block():\n"
                           "        op.execute({})\n"
                           "DETACH PARTITION CONCURRENTLY takes SHARE UPDATE EXCLUSIVE, which lets reads and "
                           "writes go on; it cannot run inside a transaction, must be the only action of its "
                           "ALTER TABLE, and is refused when the table has a DEFAULT partition; if it is "
                           "interrupted, finish it with ALTER TABLE … DETACH PARTITION … FINALIZE",
                           python_string(concurrent)));
    }
  }
}

}  // namespace miglint::rules
