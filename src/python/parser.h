// The Python 3.12 parser entry point: a file to a Module, never fatal.
#pragma once

#include <memory>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "python/ast.h"

namespace miglint::python {

// Parses a whole file. Syntax errors become `python-syntax-error` diagnostics (CPython-like
// messages, positions at the offending token); the parser skips to the next statement and
// the returned Module holds every statement it could parse. Never returns null.
std::shared_ptr<Module> parse_module(SourceFilePtr file, std::vector<Diagnostic>& diags);

}  // namespace miglint::python
