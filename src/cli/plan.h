// `miglint plan [PATH] [--to TARGET]`: connect, read the database's version rows, compute the
// steps to TARGET as Alembic would run them, and print each step's SQL, locks and findings with
// the verdict of the gate `miglint apply` will enforce (docs/executor.md).
#pragma once

#include <string>

#include "alembic/project.h"

namespace miglint::cli {

struct PlanOptions {
  alembic::LoadOptions load;
  std::string to;            // "" = heads
  std::string database_url;  // "" = DB_* variables, else libpq's environment
  std::string format = "text";  // text | json
};

// Exit codes: 0 verified, 1 not verified, 2 cannot load, connect, read the version table,
// or resolve the target; the database at a revision the repository does not have.
int run_plan(const PlanOptions& options);

}  // namespace miglint::cli
