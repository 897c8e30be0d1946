// statements-after-access-exclusive: a transaction keeps working after it took ACCESS EXCLUSIVE
// on an existing relation, so the relation stays unreadable for as long as the rest runs.
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/statement_label.h"

namespace miglint::rules {
namespace {

// Whether `s` makes the held lock last noticeably longer: it reads or rewrites a table, or it
// needs a lock on an existing relation this transaction does not hold yet (and may queue for
// it, with the ACCESS EXCLUSIVE lock still held). Another catalog-only change of a table
// already locked (a second ADD COLUMN) is instant and is not reported.
bool prolongs(const lint::Migration& m, const lint::MigrationStatement& s, const std::set<std::string>& touched) {
  if (s.statement().is("DoStmt")) return true;  // arbitrary code
  for (const auto& lock : s.locks) {
    if (lock.work != sql::Work::CatalogOnly) return true;
    if (lock.relation.empty() || m.created_before(lock.relation, s.index)) continue;
    if (!touched.count(lint::relation_key(lock.relation))) return true;
  }
  return false;
}

}  // namespace

void check_statements_after_access_exclusive(const lint::Migration& m, lint::RuleContext& ctx) {
  struct Held {
    const lint::MigrationStatement* taken_by;
    std::vector<std::string> relations;  // as written
  };
  int transaction = -1;
  // Relations locked in the current transaction (by key, so a second ALTER of the same table
  // is not a new lock), and those whose first later statement has not been reported yet.
  std::set<std::string> locked;
  std::set<std::string> touched;  // every relation this transaction holds some lock on
  std::vector<Held> pending;
  for (const auto& s : m.statements()) {
    // Outside a transaction each statement commits, and releases its locks, on its own.
    if (!s.in_transaction()) {
      transaction = -1;
      locked.clear();
      touched.clear();
      pending.clear();
      continue;
    }
    if (s.transaction != transaction) {
      transaction = s.transaction;
      locked.clear();
      touched.clear();
      pending.clear();
    }
    if (!pending.empty() && !is_session_statement(s.statement()) && prolongs(m, s, touched)) {
      for (const Held& held : pending) {
        std::string names;
        for (const auto& r : held.relations) names += (names.empty() ? "\"" : ", \"") + r + "\"";
        auto& d = m.report(
            ctx, s,
            fmt::format("{} runs while this transaction holds ACCESS EXCLUSIVE on {}: every read and "
                        "write of {} waits until COMMIT, for as long as this and the rest of the "
                        "transaction take (including any wait for their own locks)",
                        statement_label(s.statement()), names,
                        held.relations.size() == 1 ? "it" : "them"),
            fmt::format(
                "Take the ACCESS EXCLUSIVE lock last: move the {} to the end of the transaction, or "
                "into a revision of its own{}",
                statement_label(held.taken_by->statement()),
                m.session().transaction_per_migration
                    ? ""
                    : " (and set transaction_per_migration=True in env.py's context.configure(), or "
                      "Alembic runs every revision of an upgrade in one transaction)"));
        d.notes.push_back({fmt::format("ACCESS EXCLUSIVE on {} taken here", names),
                           m.location(*held.taken_by)});
      }
      pending.clear();
    }
    for (const auto& lock : s.locks)
      if (!lock.relation.empty()) touched.insert(lint::relation_key(lock.relation));
    for (const auto& lock : s.locks) {
      if (lock.mode != sql::LockMode::AccessExclusive || lock.relation.empty()) continue;
      // Nobody else can be waiting for a relation this revision created.
      if (m.created_before(lock.relation, s.index)) continue;
      std::string key = lint::relation_key(lock.relation);
      if (!locked.insert(key).second) continue;
      if (pending.empty() || pending.back().taken_by != &s) pending.push_back({&s, {}});
      pending.back().relations.push_back(lock.relation);
    }
  }
}

}  // namespace miglint::rules
