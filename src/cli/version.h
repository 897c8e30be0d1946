// `miglint --version`: miglint's version and the versions of the libraries that decide its
// behaviour (the PostgreSQL grammar above all: it decides which SQL parses).
#pragma once

#include <string>

namespace miglint::cli {

// Several lines, no trailing newline (CLI11 adds it).
std::string version_text();

}  // namespace miglint::cli
