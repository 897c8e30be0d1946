// `miglint trace [PATH] [--to TARGET] [--database-url URL]`: run the plan on a scratch database
// and print, per statement, the locks pg_locks shows before COMMIT beside the lock model's
// prediction (exec/lock_trace.h, docs/executor.md).
#pragma once

#include <string>

#include "alembic/project.h"

namespace miglint::cli {

struct TraceOptions {
  alembic::LoadOptions load;
  std::string to;            // "" = heads
  std::string database_url;  // a scratch database; "" = start a throwaway cluster
  std::string pg_bin;
  std::string format = "text";
};

// Exit codes: 0 the model agrees on every observed statement; 1 a difference; 2 cannot load,
// connect, start PostgreSQL or resolve the target; 3 a statement failed.
int run_trace(const TraceOptions& options);

}  // namespace miglint::cli
