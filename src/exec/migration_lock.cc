#include "exec/migration_lock.h"

#include <fmt/format.h>

#include <chrono>
#include <thread>

namespace miglint::exec {
namespace {

// pg_advisory_lock(int4, int4): the first key says "miglint" ('migl'), the second is the
// server's hashtext of the version table's name. pg_locks shows the pair as classid/objid
// (as unsigned 32-bit oids), objsubid 2.
constexpr const char* kClassKey = "1835622252";

}  // namespace

std::string migration_lock_holder(Connection& connection, const std::string& version_table) {
  ExecResult r = connection.exec_params(
      fmt::format("SELECT l.pid, coalesce(a.application_name, ''), coalesce(a.backend_start::text, ''), "
                  "coalesce(a.client_addr::text, 'local socket') "
                  "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
                  "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 "
                  "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                  "AND l.classid::bigint = {} AND l.objid::bigint = (hashtext($1)::bigint & 4294967295) "
                  "AND l.pid <> pg_backend_pid()",
                  kClassKey),
      {version_table});
  if (!r.ok() || r.rows.empty()) return "";
  const Row& row = r.rows.front();
  auto v = [&](std::size_t i) { return row[i].value_or(""); };
  return fmt::format("pid {}, application_name '{}', from {}, connected since {}", v(0), v(1), v(3), v(2));
}

std::optional<std::string> acquire_migration_lock(Connection& connection, const std::string& version_table,
                                                  const LockWaitOptions& options) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  bool told = false;
  auto pause = std::chrono::milliseconds(50);
  for (;;) {
    ExecResult r = connection.exec_params(
        fmt::format("SELECT pg_try_advisory_lock({}, hashtext($1))", kClassKey), {version_table});
    if (!r.ok()) return fmt::format("cannot take the migration lock: {}", r.error->message);
    if (!r.rows.empty() && r.rows[0][0] == std::optional<std::string>("t")) return std::nullopt;

    std::string holder = migration_lock_holder(connection, version_table);
    if (!told && options.on_wait) {
      options.on_wait(holder);
      told = true;
    }
    double waited = std::chrono::duration<double>(Clock::now() - start).count();
    if (options.wait_seconds && waited >= *options.wait_seconds)
      return fmt::format("another migration run holds the lock on {} ({}); gave up after {:.1f}s (--wait)",
                         version_table, holder.empty() ? "holder unknown" : holder, waited);
    // Poll rather than block in pg_advisory_lock: the wait stays interruptible and bounded by
    // --wait without touching the session's lock_timeout.
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(500));
  }
}

}  // namespace miglint::exec
