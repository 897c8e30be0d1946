// How commands that print something other than findings (graph, sql) report a project that
// could not be loaded: one `miglint: path: message` line per problem on stderr.
#pragma once

#include <vector>

#include "base/diagnostic.h"

namespace miglint::cli {

void print_load_problems(const std::vector<Diagnostic>& diags);

}  // namespace miglint::cli
