// A step that failed to run, as a rustc-style report: PostgreSQL's message (and SQLSTATE) at
// the op call that produced the statement, the statement, DETAIL and HINT. Shared by apply,
// verify and trace.
#pragma once

#include <string>
#include <vector>

#include "exec/execute.h"
#include "exec/plan.h"

namespace miglint::cli {

std::string render_execute_failure(const exec::Plan& plan, const exec::ExecuteFailure& failure,
                                   const std::vector<std::string>& secrets, bool color);

}  // namespace miglint::cli
