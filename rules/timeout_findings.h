// Shared by missing-lock-timeout and missing-statement-timeout: which statements take a risky
// lock on an existing relation while a timeout is not in force (grouped per transaction, since
// one SET at the top covers a whole transaction), and the fix that sets the timeout.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "lint/migration.h"

namespace miglint::rules {

struct UncoveredLock {
  const lint::MigrationStatement* statement = nullptr;
  sql::LockInfo lock;
};

// One transaction's statements that take a lock `risky` accepts on a relation the revision
// did not create, while `covered` (lock_timeout_in_force / statement_timeout_in_force) is
// false, in run order. Each statement of an autocommit block is a transaction of its own.
// Empty when the phase is not fully static: a SET may be hiding in SQL miglint cannot see.
using LockPredicate = bool (*)(const sql::LockInfo&);
using CoveredPredicate = bool (lint::Migration::*)(std::size_t) const;
std::vector<std::vector<UncoveredLock>> uncovered_locks(const lint::Migration& m, LockPredicate risky,
                                                        CoveredPredicate covered);

// `'5s'`-style values only (digits, letters, dots, spaces): anything else is not put into code.
bool plain_setting_value(std::string_view value);

// Inserts `op.execute("SET LOCAL <setting> = '<value>'")` before the first op call of the
// phase: SET LOCAL when the whole phase runs in one transaction (the setting then ends with
// it), a session-level SET when it also has autocommit blocks or several transactions (SET
// LOCAL would end at the first COMMIT). Nothing when the first statement does not come from an
// op call that stands on its own lines, or the value is not plain.
std::optional<Fix> timeout_fix(const lint::Migration& m, std::string_view setting, std::string_view value);

}  // namespace miglint::rules
