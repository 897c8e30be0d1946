// A plan from where a database stands: read its version rows (the table env.py configures),
// refuse a revision the repository does not have, resolve the target from those rows as
// `alembic upgrade|downgrade TARGET` would, and build the plan. Shared by plan, apply, verify
// and trace, so each runs from the same reading of the database.
#pragma once

#include <optional>
#include <string>

#include "alembic/project.h"
#include "exec/pg_connection.h"
#include "exec/plan.h"

namespace miglint::exec {

enum class Direction { Choose, Upgrade, Downgrade };

struct PlanRequest {
  std::string target;                 // "" = heads
  Direction direction = Direction::Choose;
  unsigned jobs = 0;
  std::string database;               // the target as shown (password redacted)
};

// nullopt on success; otherwise the one-line reason (the CLI exits 2): the version table
// cannot be read, the database is at an unknown revision, the target does not resolve.
std::optional<std::string> plan_from_database(const alembic::Project& project, Connection& connection,
                                              const PlanRequest& request, const RuleCatalog& catalog,
                                              Plan& plan);

}  // namespace miglint::exec
