// Running the git command line: a small process runner (posix_spawn with an argv array, never a
// shell string) and the few git queries `check --since` and `rebase` need. miglint reads the
// repository like it reads files; no git library is linked.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"

namespace miglint::config {

struct ProcessResult {
  bool started = false;    // false: the program could not be run (see `error`)
  int exit_code = -1;      // the exit status; 128 + signal number when killed by a signal
  std::string out, err;    // everything written to stdout and stderr
  std::string error;       // why it could not be started (strerror text)
};

// Runs `argv[0]` (looked up on PATH) with the given arguments and waits for it, capturing
// stdout and stderr (both read concurrently, so neither pipe can fill up and block the child).
ProcessResult run_process(const std::vector<std::string>& argv);

// Runs `git -C dir args...`. Problems are returned as one `config-error` diagnostic in `diags`
// (git missing, git failing with its own first stderr line as the reason); nullopt then.
std::optional<std::string> run_git(const std::string& dir, const std::vector<std::string>& args,
                                   std::vector<Diagnostic>& diags);

// The `config-error` diagnostic git problems are reported as (exit code 2 in `check`).
Diagnostic git_problem(std::string message, std::string help = {});

}  // namespace miglint::config
