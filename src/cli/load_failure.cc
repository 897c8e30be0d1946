#include "cli/load_failure.h"

#include <fmt/core.h>

#include <cstdio>

namespace miglint::cli {

void print_load_problems(const std::vector<Diagnostic>& diags) {
  for (const Diagnostic& d : diags) {
    const std::string where = d.location.display_path();
    if (where.empty())
      fmt::print(stderr, "miglint: {}\n", d.message);
    else
      fmt::print(stderr, "miglint: {}: {}\n", where, d.message);
  }
}

}  // namespace miglint::cli
