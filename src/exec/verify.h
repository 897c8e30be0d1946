// `miglint verify`: on a scratch database at base, upgrade base -> heads, downgrade heads ->
// base, upgrade again, taking a catalog snapshot after every step. Every state is named by the
// version rows it leaves (the heads after the step), so a downgrade step is compared with the
// upgrade's snapshot of the same state, and the second upgrade with the first; the first
// revision whose downgrade does not restore the schema is the report's headline (the
// up/down consistency pytest-alembic checks, at every revision instead of only at the ends).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "alembic/project.h"
#include "exec/catalog_snapshot.h"
#include "exec/execute.h"
#include "exec/pg_connection.h"
#include "exec/plan.h"

namespace miglint::exec {

enum class VerifyPhase { Upgrade, Downgrade, Reupgrade };
std::string_view phase_name(VerifyPhase phase);  // "upgrade", "downgrade", "upgrade again"

struct VerifyStep {
  VerifyPhase phase = VerifyPhase::Upgrade;
  std::string revision, log, path;
  double seconds = 0;
  bool compared = false;  // a snapshot of the same state existed to compare with
  SnapshotDiff diff;      // against it (expected: that snapshot)
  std::string compared_with;  // "before its upgrade", "after the first upgrade"
};

struct VerifyReport {
  std::vector<VerifyStep> steps;
  std::optional<std::size_t> first_mismatch;  // index into steps
  std::size_t mismatches = 0;
  // A step that failed to run (PostgreSQL's error): the run stops there.
  std::optional<ExecuteFailure> failure;
  std::optional<VerifyPhase> failure_phase;
  std::optional<Plan> failure_plan;  // the plan the failure indexes into
  std::optional<std::string> error;  // could not plan or snapshot
};

// Runs the three phases on `connection`, which must be at base. `plan_for` builds the plan to
// a target from the database's rows ("heads" upgrading, "base" downgrading). `on_step` is told
// about each step as it completes.
VerifyReport run_verify(Connection& connection, const std::string& version_table, const std::string& version_table_schema,
                        const std::function<std::optional<std::string>(bool downgrade, Plan&)>& plan_for,
                        const std::function<void(const VerifyStep&)>& on_step);

}  // namespace miglint::exec
