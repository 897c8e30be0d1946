// What `miglint plan` computed and `miglint apply` runs: the steps with their statements, locks
// and findings, and the gate's verdict. Built by plan_build.cc (and plan_target.cc, which reads
// the database's rows first), printed by src/cli/plan_render.cc, run by execute.cc.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "alembic/migration_path.h"
#include "alembic/project.h"
#include "base/diagnostic.h"
#include "lint/rule.h"
#include "sql/locks.h"

namespace miglint::exec {

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
  std::string log;   // "upgrade a -> b, add refunds", as Alembic logs "Running …"
  std::string path;  // the revision file as shown
  std::vector<PlanStatement> statements;
  std::vector<Diagnostic> diagnostics;  // findings in this revision's file
  bool is_static = true;                // every op was evaluated and lowered
  std::string not_static_reason;        // the expression that was not, "" when static
  std::vector<std::string> heads_after; // the version rows once this step has run
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
  // Session settings `apply` sends before the first step (SET lock_timeout … from the
  // configuration); shown with the plan because they are part of what runs.
  std::vector<std::string> session_statements;
  std::vector<Diagnostic> graph_diagnostics;  // graph rules over the whole history
  std::vector<Diagnostic> other_diagnostics;  // configuration, env.py, not in a step's file
  bool verified = false;
  std::vector<std::string> reasons;  // why not verified
  // The reasons that are steps not being fully static (also in `reasons`): the ones
  // `apply --alembic-fallback` may accept.
  std::vector<std::string> not_static_reasons;
};

// "a, b" / "base" for messages; rows compared as sets (Alembic's row order is not meaningful).
std::string heads_text(const std::vector<std::string>& heads);
bool same_heads(std::vector<std::string> a, std::vector<std::string> b);

// The rules the gate runs (src/rules' registry; exec sits below the rules library, so the
// command passes them in).
struct RuleCatalog {
  std::span<const lint::RuleInfo> rules;
  std::span<const lint::RuleOption> options;
};

// Fills steps, findings and the verdict for `path` (already resolved from the database's
// rows). `pg_major` is the server's major version (the lock model and rules follow it).
void build_plan(const alembic::Project& project, const alembic::MigrationPath& path,
                bool version_table_exists, int pg_major, unsigned jobs, const RuleCatalog& catalog,
                Plan& plan);

}  // namespace miglint::exec
