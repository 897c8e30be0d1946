// missing-lock-timeout: a transaction's first statement that takes a lock blocking writes on an
// existing relation runs without lock_timeout.
#include <fmt/format.h>

#include "alembic/revision.h"
#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/statement_label.h"
#include "rules/timeout_findings.h"

namespace miglint::rules {
namespace {

// SHARE and stronger: the modes that make writers (ROW EXCLUSIVE) queue behind the waiting
// statement. Weaker locks (SHARE UPDATE EXCLUSIVE, ROW EXCLUSIVE) only queue other DDL.
bool blocks_writes(const sql::LockInfo& lock) {
  return sql::conflicts(lock.mode, sql::LockMode::RowExclusive);
}

}  // namespace

void check_missing_lock_timeout(const lint::Migration& m, lint::RuleContext& ctx) {
  const std::string& value = ctx.option_string("value");
  bool first_finding = true;
  for (const auto& group : uncovered_locks(m, blocks_writes, &lint::Migration::lock_timeout_in_force)) {
    const UncoveredLock& head = group.front();
    const auto& s = *head.statement;
    auto& d = m.report(
        ctx, s,
        fmt::format("{} {}; no lock_timeout is set, so while it waits for that lock (behind a running "
                    "query or an open transaction) every later query on \"{}\" queues behind it",
                    statement_label(s.statement()), lint::describe_lock(head.lock, s.in_transaction()),
                    head.lock.relation),
        fmt::format("Set a lock_timeout first, so the migration fails fast (and can be retried) instead "
                    "of stalling the table:\n"
                    "    op.execute(\"SET lock_timeout = '{0}'\")  # at the top of {1}()\n"
                    "or for every migration: on the connection in env.py, or `lock-timeout = \"{0}\"` "
                    "in [tool.miglint] (which `miglint apply` uses)",
                    value, m.phase() == alembic::Phase::Upgrade ? "upgrade" : "downgrade"));
    for (size_t i = 1; i < group.size(); ++i) {
      const auto& other = group[i];
      d.notes.push_back({fmt::format("{} also waits for {} on \"{}\" here, in the same transaction",
                                     statement_label(other.statement->statement()),
                                     sql::lock_mode_name(other.lock.mode), other.lock.relation),
                         m.location(*other.statement)});
    }
    // One fix for the phase, on its first finding: the SET it inserts covers the later ones.
    if (first_finding) d.fix = timeout_fix(m, "lock_timeout", value);
    first_finding = false;
  }
}

}  // namespace miglint::rules
