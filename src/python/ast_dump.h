// The canonical AST dump (`miglint dump --ast`), the format tests/oracle/python_ast_oracle.py
// produces from CPython's ast module: one node per line, scalar fields on the node's line.
#pragma once

#include <string>

#include "python/ast.h"

namespace miglint::python {

// Kind @line:col-end_line:end_col field=value ...
//   field: <child node>        field[n]:  followed by n "- <node>" lines
// Positions as CPython (1-based lines, 0-based UTF-8 byte columns, BOM excluded); omitted for
// nodes without positions and for everything inside a JoinedStr. Numbers print as
// num(<source text>); the oracle evaluates them.
std::string dump_ast(const Module& module);

// JSON string escaping as Python's json.dumps(ensure_ascii=True).
void append_json_string(std::string& out, std::string_view utf8);

}  // namespace miglint::python
