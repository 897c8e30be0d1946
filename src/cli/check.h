// `miglint check [PATH]`: load, run the selected rules, report, and turn findings into an exit code.
#pragma once

#include <string>
#include <vector>

#include "alembic/project.h"

namespace miglint::cli {

struct CheckOptions {
  alembic::LoadOptions load;
  std::string format = "text";  // text | concise | json
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  bool color = false;
  bool exit_zero = false;
  int pg_version = 0;  // --pg-version major; 0: from the configuration, else 15
};

// 0: no finding at error severity; 1: findings at error severity; 2: usage, config or I/O error.
int run_check(const CheckOptions& options);

}  // namespace miglint::cli
