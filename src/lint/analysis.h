// The SQL view of a project that SQL, lock and destructive-operation rules read: for each
// revision and phase, the operations it performs, the SQL they lower to, and that SQL parsed
// by libpg_query, with front-end findings (dynamic-sql, unanalyzable-operation,
// sql-syntax-error) collected as diagnostics.
#pragma once

#include <functional>
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

struct AnalysisOptions {
  unsigned jobs = 0;  // threads; 0: one per core
  // Keep the lowered and parsed statements for rules that read them. Without it only the
  // diagnostics survive: parse trees are large (a 10,000-revision repository holds ~60 MB of
  // them), and a run whose rules read no statement should not pay for keeping them.
  bool keep_statements = true;
  // Called on the worker thread for each analysed revision (by its index in
  // Project::revisions) while its statements are still there, whatever keep_statements says:
  // SQL rules run here, so parse trees never have to be held for the whole project.
  std::function<void(std::size_t, const RevisionAnalysis&)> visit;
};

// Analyses every revision. Each revision is lowered on its own (a fresh LowerState), which is
// what linting one file needs; `miglint sql` lowers a range in run order instead.
ProjectAnalysis analyze_project(const alembic::Project& project, const AnalysisOptions& options = {});

}  // namespace miglint::lint
