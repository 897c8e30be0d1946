// `miglint lock-model [--pg-version N] FILE|-`: the lock model's prediction for each statement
// of a SQL text, as JSON. A tool for tests (tests/oracle/locks_oracle.py compares it with
// pg_locks on a real server) and for people asking "what would this lock?"; not in --help.
#pragma once

#include <string>

namespace miglint::cli {

int run_lock_model(const std::string& file, int pg_major);

}  // namespace miglint::cli
