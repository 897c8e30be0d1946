// `miglint dump FILE`: the facts miglint extracts from one revision file, for tests and debugging.
#pragma once

#include <string>
#include <vector>

namespace miglint::cli {

struct DumpOptions {
  std::vector<std::string> files;  // one JSON document per file, one per line when several
  std::string format = "json";  // json | text
  bool ast = false;             // print the canonical AST dump instead of the revision facts
};

// Prints to stdout; returns the process exit code (0, or 2 when the file cannot be read).
int run_dump(const DumpOptions& options);

}  // namespace miglint::cli
