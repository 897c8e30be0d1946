// backfill-in-schema-transaction: an UPDATE, DELETE or INSERT … SELECT runs in the same
// transaction after a schema change that locked an existing table, so the table stays locked
// for the whole backfill.
#include <string>
#include <vector>

#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/statement_label.h"

namespace miglint::rules {

void check_backfill_in_schema_transaction(const lint::Migration& m, lint::RuleContext& ctx) {
  struct Held {
    const lint::MigrationStatement* taken_by;
    sql::LockInfo lock;
  };
  int transaction = -1;
  std::vector<Held> held;  // schema-change locks on existing tables, in this transaction
  for (const auto& s : m.statements()) {
    if (!s.in_transaction() || s.transaction != transaction) {
      held.clear();
      transaction = s.in_transaction() ? s.transaction : -1;
    }
    if (!s.in_transaction()) continue;
    const sql::Statement& st = s.statement();
    if (is_backfill(st)) {
      if (held.empty()) continue;
      // The strongest lock held names the problem; the others are notes.
      const Held* worst = &held.front();
      for (const Held& h : held)
        if (h.lock.mode > worst->lock.mode) worst = &h;
      auto& d = m.report(
          ctx, s,
          fmt::format("{} on \"{}\" runs in the same transaction as a schema change that took {} on "
                      "\"{}\": {} for the whole {}, until COMMIT",
                      statement_label(st), st.relation_name(), sql::lock_mode_name(worst->lock.mode),
                      worst->lock.relation, sql::blocks_description(worst->lock.mode),
                      st.is("DeleteStmt") ? "delete" : "backfill"),
          fmt::format("Commit the schema change first, then backfill outside its transaction, in batches, "
                      "so each batch holds its locks only briefly:\n"
                      "    with op.get_context().autocommit_block():\n"
                      "        op.execute(\"{} … WHERE id BETWEEN 1 AND 10000\")\n"
                      "        ...\n"
                      "or move the backfill to a revision of its own, or to a script run after the deploy",
                      statement_label(st)));
      for (const Held& h : held)
        d.notes.push_back({fmt::format("{} took {} on \"{}\" here", statement_label(h.taken_by->statement()),
                                       sql::lock_mode_name(h.lock.mode), h.lock.relation),
                           m.location(*h.taken_by)});
      continue;
    }
    for (const auto& lock : s.locks) {
      // Locks that stop the application's writes (SHARE and stronger) on tables other sessions
      // use; a table created in this revision has no users yet.
      if (lock.relation.empty() || !sql::conflicts(lock.mode, sql::LockMode::RowExclusive)) continue;
      if (m.created_before(lock.relation, s.index)) continue;
      bool known = false;
      for (Held& h : held)
        if (lint::relation_key(h.lock.relation) == lint::relation_key(lock.relation)) {
          known = true;
          if (lock.mode > h.lock.mode) h = {&s, lock};
        }
      if (!known) held.push_back({&s, lock});
    }
  }
}

}  // namespace miglint::rules
