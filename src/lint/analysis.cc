#include "lint/analysis.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "alembic/project.h"

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

  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next.fetch_add(1)) < revisions.size();) {
      const alembic::Revision& r = revisions[i];
      // A file that did not parse has no trustworthy body: its syntax error is the finding.
      if (!r.module || !r.parsed_cleanly()) continue;
      for (auto [phase, slot] : {std::pair{alembic::Phase::Upgrade, &out.revisions[i].upgrade},
                                 std::pair{alembic::Phase::Downgrade, &out.revisions[i].downgrade}}) {
        *slot = analyze_phase(r, phase);
        if (!options.keep_statements) {
          slot->lowered.statements = {};
          slot->sql.statements = {};
        }
      }
    }
  };
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min<unsigned>(jobs, std::max<size_t>(1, revisions.size() / 16));
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();

  for (RevisionAnalysis& r : out.revisions) {
    for (PhaseAnalysis* phase : {&r.upgrade, &r.downgrade}) {
      for (const Diagnostic& d : phase->lowered.diagnostics) out.diagnostics.push_back(d);
      for (const Diagnostic& d : phase->sql.diagnostics) out.diagnostics.push_back(d);
    }
  }
  return out;
}

}  // namespace miglint::lint
