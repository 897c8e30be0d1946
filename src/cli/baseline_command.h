// `miglint baseline [PATH] [--output FILE]`: writes the findings `check` would report as a
// baseline file (src/lint/baseline.h), for `check --baseline FILE`.
#pragma once

#include <string>

#include "cli/check.h"

namespace miglint::cli {

struct BaselineOptions {
  CheckOptions check;  // which project, and the configured rule selection
  std::string output = "miglint-baseline.json";
};

// 0: written; 2: the project could not be loaded, the configuration is broken, or the file
// could not be written.
int run_baseline(const BaselineOptions& options);

}  // namespace miglint::cli
