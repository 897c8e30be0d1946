// `miglint apply [PATH] [--to TARGET] [--dry-run]`: take the migration lock, plan from the
// database's rows, refuse an unverified plan, and run it over libpq with one progress line per
// step; on failure, PostgreSQL's message at the op's line and where the database was left
// (docs/executor.md).
#pragma once

#include <optional>
#include <string>

#include "alembic/project.h"

namespace miglint::cli {

struct ApplyOptions {
  alembic::LoadOptions load;
  std::string to;            // "" = heads
  std::string database_url;  // "" = DB_* variables, else libpq's environment
  bool dry_run = false;
  std::optional<double> wait_seconds;  // give up waiting for another apply after this long
  bool alembic_fallback = false;       // run steps that are not fully static through Alembic
  std::string alembic = "python3 -m alembic";
};

// Exit codes: 0 applied (or nothing to do; a dry run of a verified plan), 1 refused (the plan
// is not verified), 2 cannot load, connect, lock, read the version table or resolve the target,
// 3 a step failed (its transaction rolled back; the database is at the last committed step).
int run_apply(const ApplyOptions& options);

}  // namespace miglint::cli
