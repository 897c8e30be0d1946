// `miglint sql [PATH] [RANGE]`: the SQL an upgrade (or downgrade) would run, as `alembic upgrade
// --sql` prints it, rendered from the static analysis instead of by running the migrations.
#pragma once

#include <string>

#include "alembic/project.h"

namespace miglint::cli {

struct SqlOptions {
  alembic::LoadOptions load;
  std::string range;           // "base:head", "rev1:rev2", "head", "branch@head"; "" = "heads" (upgrade) / required for downgrade
  bool downgrade = false;
  std::string format = "text"; // text (as alembic prints it) | normalized (one libpg_query-normalized statement per line) | json
};

int run_sql(const SqlOptions& options);

}  // namespace miglint::cli
