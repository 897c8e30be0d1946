// A throwaway PostgreSQL cluster for `verify` and `trace` when no --database-url is given:
// initdb into a temporary folder, a postmaster on a Unix socket in that folder only (no TCP),
// fsync off, stopped (`pg_ctl -m immediate stop`) and removed when the object goes away.
// PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user
// (through runuser), which Debian's postgresql packages create.
#pragma once

#include <optional>
#include <string>

namespace miglint::exec {

class ScratchCluster {
 public:
  ScratchCluster() = default;
  ~ScratchCluster();
  ScratchCluster(const ScratchCluster&) = delete;
  ScratchCluster& operator=(const ScratchCluster&) = delete;

  // Finds the binaries (`bin_dir`, else pg_config --bindir, else the newest
  // /usr/lib/postgresql/<major>/bin) and starts the cluster; returns why it could not.
  std::optional<std::string> start(const std::string& bin_dir = {});
  // libpq conninfo for database `dbname` on it (trust authentication over the socket).
  std::string conninfo(const std::string& dbname) const;
  // "PostgreSQL 15 scratch cluster in /tmp/miglint-scratch-…", for output.
  std::string description() const;
  void stop();

 private:
  std::string bin_, dir_, user_ = "miglint";
  std::string run_as_;  // "postgres" when we are root
  bool running_ = false;
  std::string version_;
};

}  // namespace miglint::exec
