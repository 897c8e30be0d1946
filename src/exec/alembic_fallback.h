// `apply --alembic-fallback`: a step miglint could not analyse completely is run by Alembic
// itself (`alembic -c CONFIG -n SECTION upgrade REV`), in the configuration's folder, with
// miglint's environment (so env.py finds DB_* and whatever else it reads). Afterwards the
// version rows must be exactly the step's planned ones, or the run stops: Alembic may have
// connected elsewhere, or done more than the step.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "exec/pg_connection.h"
#include "exec/plan.h"

namespace miglint::exec {

struct AlembicCommand {
  std::vector<std::string> program = {"python3", "-m", "alembic"};  // --alembic, split on spaces
  std::string config_file;    // absolute alembic.ini
  std::string ini_section = "alembic";
  std::string version_table;  // as read_version_rows takes it
  std::string version_table_schema;
};

// The arguments for one step: `upgrade <rev>`, or `downgrade <rev>-1` (Alembic's relative
// target one below the revision; for a merge revision Alembic reports an ambiguous walk, and
// the run stops there).
std::optional<std::vector<std::string>> alembic_step_arguments(const AlembicCommand& command,
                                                               const PlanStep& step, std::string& why_not);

// Runs the step and checks the rows; returns why it failed. `log` gets Alembic's output.
std::optional<std::string> run_alembic_step(const AlembicCommand& command, const PlanStep& step,
                                            Connection& connection, std::string& log);

}  // namespace miglint::exec
