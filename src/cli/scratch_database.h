// Where `verify` and `trace` run: a scratch database, never the one DB_* or PG* point at
// (those name real databases; these commands commit every step they run). `--database-url`
// names one explicitly; without it miglint starts a throwaway cluster (exec/scratch_cluster.h).
#pragma once

#include <optional>
#include <string>

#include "alembic/project.h"
#include "exec/connection_settings.h"
#include "exec/pg_connection.h"
#include "exec/scratch_cluster.h"

namespace miglint::cli {

struct ScratchDatabase {
  exec::ScratchCluster cluster;  // started when no URL was given
  exec::Connection connection;
  exec::ConnectionSettings settings;  // for scrubbing messages
  std::string description;            // where, without a password
};

// nullopt when connected; else the one-line reason (exit 2).
std::optional<std::string> open_scratch_database(const std::string& database_url, const std::string& pg_bin,
                                                 ScratchDatabase& out);

// What verify and trace start with: load the project, open the scratch database and name the
// session `application_name`. False after printing why (the command exits 2).
bool load_with_scratch_database(const alembic::LoadOptions& load, const std::string& database_url,
                                const std::string& pg_bin, const char* application_name,
                                alembic::Project& project, ScratchDatabase& db);

}  // namespace miglint::cli
