// The session advisory lock that keeps two `miglint apply` runs on one database from
// interleaving: keyed by the version table, so projects with their own version tables in one
// database do not wait for each other. Held until the session ends, so a crashed or killed
// apply releases it with its connection.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "exec/pg_connection.h"

namespace miglint::exec {

struct LockWaitOptions {
  std::optional<double> wait_seconds;  // give up after this long; nullopt: wait as long as it takes
  // Told once, when the lock is taken by someone else, who holds it.
  std::function<void(const std::string& holder)> on_wait;
};

// nullopt once the lock is held; otherwise why not (timed out, naming the holder; or the
// server's error).
std::optional<std::string> acquire_migration_lock(Connection& connection, const std::string& version_table,
                                                  const LockWaitOptions& options);

// Who holds the lock now ("pid 4242, application_name 'miglint apply', since …"), "" if nobody.
std::string migration_lock_holder(Connection& connection, const std::string& version_table);

}  // namespace miglint::exec
