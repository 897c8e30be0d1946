// Whole-file checks around the parser (see source_checks.cc).
#pragma once

#include <optional>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"

namespace miglint::python {

// One `python-syntax-error` when the file is not UTF-8 text (a NUL byte, invalid UTF-8, a UTF-16
// byte-order mark), as CPython refuses such a file before tokenizing it.
std::optional<Diagnostic> check_encoding(const SourceFilePtr& file);

// Keeps one error per line and message and at most 10 per file among diags[before..], with a
// note counting the rest.
void limit_errors(std::vector<Diagnostic>& diags, size_t before);

}  // namespace miglint::python
