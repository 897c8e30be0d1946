// Running the git command line (through base/process.h: posix_spawn with an argv array, never a
// shell string) for the few git queries `check --since` and `rebase` need. miglint reads the
// repository like it reads files; no git library is linked.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/process.h"

namespace miglint::config {

// Runs `git -C dir args...`. Problems are returned as one `config-error` diagnostic in `diags`
// (git missing, git failing with its own first stderr line as the reason); nullopt then.
std::optional<std::string> run_git(const std::string& dir, const std::vector<std::string>& args,
                                   std::vector<Diagnostic>& diags);

// The `config-error` diagnostic git problems are reported as (exit code 2 in `check`).
Diagnostic git_problem(std::string message, std::string help = {});

}  // namespace miglint::config
