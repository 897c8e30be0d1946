// What the destructive rules (drop-*, rename-*, truncate, *-without-where, narrowing) share:
// whether an object is brand new in the revision (nothing to lose, nobody using it yet), the
// evaluated op call behind a statement (for what the SQL does not carry, such as
// `existing_type=`), and quoting for messages and for the Python shown in help.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "alembic/op_call.h"
#include "lint/migration.h"
#include "sql/statement.h"

namespace miglint::rules::destructive {

// `"name"` for messages.
std::string quote_name(std::string_view name);
// A Python string literal: `"name"` with `"` and `\` escaped.
std::string py(std::string_view text);
// `, schema="s"` when the name is schema-qualified, for the op calls shown in help.
std::string py_schema(const sql::QualifiedName& name);

// Whether `column` of `table` was brought into existence by a statement before `index` in
// this phase: the table itself is new (created_before), or an ALTER TABLE … ADD COLUMN added
// the column. Its values are then the revision's own, and no running code reads it yet.
bool column_is_new(const lint::Migration& m, const sql::QualifiedName& table,
                   std::string_view column, std::size_t index);

// Whether CREATE SCHEMA `name` ran before statement `index` in this phase.
bool schema_created_before(const lint::Migration& m, std::string_view name, std::size_t index);

// Whether a type of that name (CREATE TYPE … AS ENUM / AS (…) / AS RANGE, CREATE DOMAIN) was
// created before statement `index` in this phase.
bool type_created_before(const lint::Migration& m, const sql::QualifiedName& type, std::size_t index);

}  // namespace miglint::rules::destructive
