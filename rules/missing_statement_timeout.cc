// missing-statement-timeout: a transaction's first statement that scans or rewrites an existing
// table under a lock blocking writes runs without statement_timeout.
#include <fmt/format.h>

#include "alembic/revision.h"
#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/statement_label.h"
#include "rules/timeout_findings.h"

namespace miglint::rules {
namespace {

// Long work (a scan or a rewrite) under a lock that blocks writes: the case where how long the
// statement runs is how long the table is unavailable. Catalogue-only changes end at once.
bool long_under_blocking_lock(const sql::LockInfo& lock) {
  return sql::conflicts(lock.mode, sql::LockMode::RowExclusive) && lock.work != sql::Work::CatalogOnly;
}

}  // namespace

void check_missing_statement_timeout(const lint::Migration& m, lint::RuleContext& ctx) {
  const std::string& value = ctx.option_string("value");
  bool first_finding = true;
  for (const auto& group :
       uncovered_locks(m, long_under_blocking_lock, &lint::Migration::statement_timeout_in_force)) {
    const UncoveredLock& head = group.front();
    const auto& s = *head.statement;
    auto& d = m.report(
        ctx, s,
        fmt::format("{} {}; no statement_timeout is set, so nothing bounds how long \"{}\" stays "
                    "blocked if the {} takes longer than expected",
                    statement_label(s.statement()), lint::describe_lock(head.lock, s.in_transaction()),
                    head.lock.relation, sql::work_name(head.lock.work)),
        fmt::format("Set a statement_timeout first, so a scan or rewrite that runs too long fails (and "
                    "rolls back) instead of blocking the table:\n"
                    "    op.execute(\"SET statement_timeout = '{0}'\")  # at the top of {1}()\n"
                    "or for every migration: on the connection in env.py, or `statement-timeout = \"{0}\"` "
                    "in [tool.miglint]",
                    value, m.phase() == alembic::Phase::Upgrade ? "upgrade" : "downgrade"));
    for (size_t i = 1; i < group.size(); ++i) {
      const auto& other = group[i];
      d.notes.push_back({fmt::format("{} also holds {} on \"{}\" for a {} here, in the same transaction",
                                     statement_label(other.statement->statement()),
                                     sql::lock_mode_name(other.lock.mode), other.lock.relation,
                                     sql::work_name(other.lock.work)),
                         m.location(*other.statement)});
    }
    // One fix for the phase, on its first finding: the SET it inserts covers the later ones.
    if (first_finding) d.fix = timeout_fix(m, "statement_timeout", value);
    first_finding = false;
  }
}

}  // namespace miglint::rules
