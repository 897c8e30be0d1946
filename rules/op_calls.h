// Shapes of op calls that lock rules look at before offering a fix: whether a call is a plain
// `op.<name>(...)`, its string arguments, and whether it is the only source of a statement.
#pragma once

#include <string>
#include <string_view>

#include "lint/migration.h"

namespace miglint::python {
struct Node;
}

namespace miglint::rules {

// `op.<name>(...)` called on the name `op` itself (not batch_op, not a helper); any name when
// `name` is empty.
bool is_op_call(const python::Node* call, std::string_view name = {});

// The argument given as keyword `keyword`, else the positional one at `position`, when it is a
// string literal; "" otherwise.
std::string string_argument(const python::Node* call, std::size_t position, std::string_view keyword);

// `text` as a Python string literal for help examples: double quotes unless the text holds
// some, line breaks folded to spaces.
std::string python_string(std::string_view text);

// Whether `s` is the only statement its op call runs (op.execute("A; B") runs two, and
// op.create_table(...) may run several): moving the call then moves only this statement.
bool only_statement_of_call(const lint::Migration& m, const lint::MigrationStatement& s);

}  // namespace miglint::rules
