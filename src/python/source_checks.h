// Whole-file checks around the parser (see source_checks.cc).
#pragma once

#include <optional>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"

namespace miglint::python {

// One `python-syntax-error` when the file is binary or UTF-16 (a NUL byte, a UTF-16 byte-order
// mark), as CPython refuses such a file before tokenizing it.
std::optional<Diagnostic> check_binary(const SourceFilePtr& file);

// One `python-syntax-error` at the first byte that is not UTF-8, outside `comments` (the
// lexer's comment spans, sorted): CPython decodes everything but comments.
std::optional<Diagnostic> check_utf8(const SourceFilePtr& file, const std::vector<Span>& comments);

// Keeps one error per line and message and at most 10 per file among diags[before..], with a
// note counting the rest.
void limit_errors(std::vector<Diagnostic>& diags, size_t before);

}  // namespace miglint::python
