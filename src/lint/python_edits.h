// Edits to revision files that fixes are made of: adding a keyword argument to an op call,
// wrapping a call in `with op.get_context().autocommit_block():`, inserting a statement. Each
// returns nothing when the source does not have the simple shape the edit needs (a fix is
// then not offered, rather than risking a wrong edit).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"

namespace miglint::python {
struct Node;
}

namespace miglint::lint {

// `op.create_index("ix", "t", ["c"])` → `op.create_index("ix", "t", ["c"], postgresql_concurrently=True)`.
// Nothing when the call already has a keyword of that name.
std::optional<Edit> add_keyword_argument(const SourceFile& file, const python::Node& call,
                                         std::string_view name, std::string_view value);

// Wraps the statement holding `call` (which must be alone on its lines, as a statement) in an
// autocommit block, indenting it one level (four spaces, or a tab when the file indents so).
// Empty when the call spans a multi-line string or shares a line with other code.
std::vector<Edit> wrap_in_autocommit_block(const SourceFile& file, const python::Node& call);

// Inserts `code` (one logical line) as a new statement right after the statement holding
// `call`, at the same indentation. Nothing when the call shares its last line with other code.
std::optional<Edit> insert_statement_after(const SourceFile& file, const python::Node& call,
                                           std::string_view code);

// Inserts `code` as a statement right before the statement holding `call`.
std::optional<Edit> insert_statement_before(const SourceFile& file, const python::Node& call,
                                            std::string_view code);

}  // namespace miglint::lint
