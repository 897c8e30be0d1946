// The SQL view of a project that SQL, lock and destructive-operation rules read: for each
// revision and phase, the operations it performs, the SQL they lower to, and that SQL parsed
// by libpg_query, with front-end findings (dynamic-sql, unanalyzable-operation,
// sql-syntax-error) collected as diagnostics.
#pragma once

#include <vector>

#include "alembic/lowered.h"
#include "alembic/op_call.h"
#include "base/diagnostic.h"
#include "sql/revision_sql.h"

namespace miglint::alembic {
struct Project;
}

namespace miglint::lint {

struct PhaseAnalysis {
  alembic::LoweredProgram lowered;  // statements and eval/lowering diagnostics
  sql::RevisionSql sql;             // parsed statements and sql-syntax-error diagnostics
  bool fully_static() const { return lowered.fully_static && sql.diagnostics.empty(); }
};

struct RevisionAnalysis {
  PhaseAnalysis upgrade;
  PhaseAnalysis downgrade;
};

struct ProjectAnalysis {
  std::vector<RevisionAnalysis> revisions;  // parallel to Project::revisions
  std::vector<Diagnostic> diagnostics;      // every phase's front-end findings, in file order
};

// Analyses every revision on `jobs` threads (0: one per core). Each revision is lowered on its
// own (a fresh LowerState), which is what linting one file needs; `miglint sql` lowers a range
// in run order instead.
ProjectAnalysis analyze_project(const alembic::Project& project, unsigned jobs = 0);

}  // namespace miglint::lint
