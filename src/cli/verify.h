// `miglint verify [PATH] [--database-url URL]`: upgrade base -> heads, downgrade to base and
// upgrade again on a scratch database, comparing catalog snapshots at every revision
// (exec/verify.h, docs/executor.md).
#pragma once

#include <string>

#include "alembic/project.h"

namespace miglint::cli {

struct VerifyOptions {
  alembic::LoadOptions load;
  std::string database_url;  // a scratch database at base; "" = start a throwaway cluster
  std::string pg_bin;        // PostgreSQL's bin folder for the throwaway cluster
  std::string format = "text";
};

// Exit codes: 0 every downgrade restored the schema and the second upgrade reproduced the
// first; 1 a mismatch; 2 cannot load, connect, start PostgreSQL, or the database is not at base;
// 3 a step failed to run (PostgreSQL's error at the op's line).
int run_verify(const VerifyOptions& options);

}  // namespace miglint::cli
