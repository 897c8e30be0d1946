// Shared by the configuration targets: what the lint layer makes of settings read from a file.
#pragma once

#include "config/settings.h"

namespace miglint::fuzz {

// Turns `settings` into lint options and resolves them against the rule registry, as `check`
// does; every problem must be a well-formed diagnostic (a bad value is a configuration
// warning, never a crash), and the selection must hold only known rules.
void check_lint_settings(const config::LintSettings& settings);

}  // namespace miglint::fuzz
