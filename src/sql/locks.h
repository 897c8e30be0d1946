// The lock model: which table-level lock each statement takes on which relation, and how
// long it is held (catalogue change only, a full scan, or a full rewrite). Rules ask this
// instead of each keeping its own idea of PostgreSQL's lock levels. See docs/locks.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/statement.h"

namespace miglint::sql {

// PostgreSQL's table-level lock modes, weakest first (same order as LOCKMODE 1…8).
enum class LockMode {
  AccessShare, RowShare, RowExclusive, ShareUpdateExclusive, Share,
  ShareRowExclusive, Exclusive, AccessExclusive
};

// "ACCESS EXCLUSIVE", as LOCK TABLE and the documentation spell it.
std::string_view lock_mode_name(LockMode mode);
// "AccessExclusiveLock", as pg_locks.mode spells it.
std::string_view lock_mode_pg_locks_name(LockMode mode);
// The mode pg_locks.mode names; nullopt for a name that is not a table lock mode.
std::optional<LockMode> lock_mode_from_pg_locks_name(std::string_view name);
// PostgreSQL's conflict matrix (explicit-locking.html, Table 13.2). Symmetric.
bool conflicts(LockMode a, LockMode b);
// What holding the lock stops other sessions from doing, for messages.
std::string_view blocks_description(LockMode mode);

// How long the lock is held, which is what makes a lock dangerous.
enum class Work {
  CatalogOnly,  // an instant catalogue change (plus waiting to get the lock)
  Scan,         // reads the whole table (validate, SET NOT NULL, build an index) or its rows
  Rewrite,      // writes a new copy of the table (and rebuilds its indexes)
};
std::string_view work_name(Work work);  // "catalog only", "scan", "rewrite"

struct LockInfo {
  std::string relation;  // schema-qualified as written; "" when the statement does not say
  LockMode mode = LockMode::AccessExclusive;
  Work work = Work::CatalogOnly;
  std::string why;  // the clause responsible, e.g. "ALTER TABLE … ADD COLUMN with a volatile default"

  friend bool operator==(const LockInfo&, const LockInfo&) = default;
};

// The relation locks `statement` takes on PostgreSQL `pg_major` (default 15), one entry per
// relation and the strongest mode across its clauses. Empty for statements known to take no
// lock on a table (SET, BEGIN, CREATE TYPE …). A statement miglint does not know gives one
// conservative ACCESS EXCLUSIVE entry whose why says "not in miglint's lock table".
std::vector<LockInfo> locks_of(const Statement& statement, int pg_major = 15);

}  // namespace miglint::sql
