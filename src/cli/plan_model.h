// What `miglint plan` computed: the steps with their statements, locks and findings, and the
// gate's verdict. Built by plan_build.cc, printed by plan_render.cc; `miglint apply` will run
// exactly these steps.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "alembic/migration_path.h"
#include "alembic/project.h"
#include "base/diagnostic.h"
#include "sql/locks.h"

namespace miglint::cli {

struct PlanStatement {
  std::string sql;                 // without the trailing ';'
  bool bookkeeping = false;        // BEGIN/COMMIT/alembic_version statements
  bool in_transaction = true;
  std::optional<Location> origin;  // the op call in the revision file
  std::vector<sql::LockInfo> locks;
};

struct PlanStep {
  std::string revision;
  bool upgrade = true;
  std::string log;   // "upgrade a -> b", Alembic's short_log
  std::string path;  // the revision file as shown
  std::vector<PlanStatement> statements;
  std::vector<Diagnostic> diagnostics;  // findings in this revision's file
  bool is_static = true;                // every op was evaluated and lowered
};

struct Plan {
  std::string database;          // the target, password redacted
  int server_version_num = 0;
  std::string version_table;     // schema.table as env.py configures it
  bool version_table_exists = false;
  std::vector<std::string> current_heads;
  std::string target;
  bool downgrade = false;
  std::vector<PlanStep> steps;
  std::vector<std::string> end_heads;
  std::vector<Diagnostic> graph_diagnostics;  // graph rules over the whole history
  std::vector<Diagnostic> other_diagnostics;  // configuration, env.py, not in a step's file
  bool verified = false;
  std::vector<std::string> reasons;  // why not verified
};

// Fills steps, findings and the verdict for `path` (already resolved from the database's
// rows). `pg_major` is the server's major version (the lock model and rules follow it).
void build_plan(const alembic::Project& project, const alembic::MigrationPath& path,
                bool version_table_exists, int pg_major, unsigned jobs, Plan& plan);

std::string render_plan_text(const Plan& plan);
std::string render_plan_json(const Plan& plan);

}  // namespace miglint::cli
