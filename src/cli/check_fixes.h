// `miglint check --fix` and `--diff`: the part of `check` that runs once the findings are known.
#pragma once

#include <optional>
#include <vector>

#include "cli/check.h"

namespace miglint::cli {

// --diff: prints, as a unified diff, what --fix would change, and writes nothing. Returns the
// exit code: 1 when there is a change, 0 when not, 2 when the input is broken.
int print_fix_diff(const CheckOptions& options, const std::vector<Diagnostic>& found);

struct FixOutcome {
  std::optional<std::vector<Diagnostic>> remaining;  // nullopt: reloading the project failed
  bool write_failed = false;                          // a file could not be written (exit 2)
};

// --fix: applies the fixes to the files, then lints them again into `project` (reset first) and
// prints `Fixed N finding(s) (M remaining)` on stderr.
FixOutcome fix_and_relint(const CheckOptions& options, alembic::Project& project, std::vector<Diagnostic> found);

}  // namespace miglint::cli
