// A small process runner: posix_spawn with an argv array, never a shell string. Used for git
// (`check --since`, `rebase`) and Alembic (`apply --alembic-fallback`).
#pragma once

#include <string>
#include <vector>

namespace miglint {

struct ProcessResult {
  bool started = false;    // false: the program could not be run (see `error`)
  int exit_code = -1;      // the exit status; 128 + signal number when killed by a signal
  std::string out, err;    // everything written to stdout and stderr
  std::string error;       // why it could not be started (strerror text)
};

// Runs `argv[0]` (looked up on PATH) with the given arguments, in `cwd` ("" = ours), with our
// environment and stdin from /dev/null, and waits for it, capturing stdout and stderr (both
// read concurrently, so neither pipe can fill up and block the child).
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& cwd = {});

}  // namespace miglint
