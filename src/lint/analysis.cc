#include "lint/analysis.h"


#include "alembic/project.h"
#include "base/parallel.h"

namespace miglint::lint {
namespace {

PhaseAnalysis analyze_phase(const alembic::Revision& revision, alembic::Phase phase) {
  PhaseAnalysis out;
  alembic::LowerState state;
  out.lowered = alembic::lower_ops(revision, alembic::evaluate_ops(revision, phase), state);
  out.sql = sql::parse_revision_sql(revision, out.lowered.statements);
  return out;
}

}  // namespace

ProjectAnalysis analyze_project(const alembic::Project& project, const AnalysisOptions& options) {
  ProjectAnalysis out;
  const auto& revisions = project.revisions;
  out.revisions.resize(revisions.size());

  parallel_for(revisions.size(), options.jobs, [&](size_t i) {
    const alembic::Revision& r = revisions[i];
    // A file that did not parse has no trustworthy body: its syntax error is the finding.
    if (!r.module || !r.parsed_cleanly()) return;
    for (auto [phase, slot] : {std::pair{alembic::Phase::Upgrade, &out.revisions[i].upgrade},
                               std::pair{alembic::Phase::Downgrade, &out.revisions[i].downgrade}}) {
      *slot = analyze_phase(r, phase);
    }
    if (options.visit) options.visit(i, out.revisions[i]);
    if (!options.keep_statements) {
      for (PhaseAnalysis* slot : {&out.revisions[i].upgrade, &out.revisions[i].downgrade}) {
        slot->lowered.statements = {};
        slot->sql.statements = {};
      }
    }
  });

  for (RevisionAnalysis& r : out.revisions) {
    for (PhaseAnalysis* phase : {&r.upgrade, &r.downgrade}) {
      for (const Diagnostic& d : phase->lowered.diagnostics) out.diagnostics.push_back(d);
      for (const Diagnostic& d : phase->sql.diagnostics) out.diagnostics.push_back(d);
    }
  }
  return out;
}

}  // namespace miglint::lint
