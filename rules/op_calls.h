// Shapes of op calls that lock rules look at before offering a fix: whether a call is a plain
// `op.<name>(...)`, its string arguments, and whether it is the only source of a statement.
#pragma once

#include <optional>
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

// The fix that makes an op.create_index / op.drop_index call CONCURRENTLY: inside an
// autocommit block the keyword alone (safe); elsewhere also the block around the call, titled
// `wrap_title` and unsafe (the index work then happens outside the revision's transaction, so a
// later failure in the revision no longer undoes it). Nothing when the source has no simple
// shape for it.
std::optional<Fix> concurrently_fix(const lint::Migration& m, const lint::MigrationStatement& s,
                                    const python::Node& call, std::string wrap_title);

}  // namespace miglint::rules
