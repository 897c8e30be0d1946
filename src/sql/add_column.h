// What ADD COLUMN costs on an existing table, decided once for the lock model (locks.cc) and
// the column rules (volatile-default, serial-column, stored-generated-column, add-unique-column):
// PostgreSQL rewrites the table for a serial or identity column, a stored generated column, a
// volatile DEFAULT (PostgreSQL 11+) or any non-null DEFAULT (before 11); it scans it for a
// unique index, a NOT NULL without a default, or a CHECK. See docs/locks.md.
#pragma once

#include <string>
#include <string_view>

#include "sql/definitions.h"
#include "sql/locks.h"
#include "sql/statement.h"

namespace miglint::sql {

// The clause that decides the work, strongest first (the order add_column_effect checks).
enum class AddColumnCause {
  None,                   // catalog only
  Serial,                 // serial / bigserial / smallserial: filled from a new sequence
  Identity,               // GENERATED … AS IDENTITY: filled from its sequence
  StoredGenerated,        // GENERATED ALWAYS AS (…) STORED: computed for every row
  DefaultBeforePg11,      // any non-null DEFAULT before PostgreSQL 11
  VolatileDefault,        // a DEFAULT calling a volatile function (`function`)
  UniqueIndex,            // PRIMARY KEY / UNIQUE: builds an index
  NotNullWithoutDefault,  // NOT NULL and no default: every row is checked (fails if any)
  Check,                  // a CHECK constraint (not NOT VALID): every row is checked
};

struct AddColumnEffect {
  Work work = Work::CatalogOnly;
  AddColumnCause cause = AddColumnCause::None;
  std::string function;  // VolatileDefault: the volatile function, e.g. "gen_random_uuid"
  std::string why;       // "ADD COLUMN c with a volatile default gen_random_uuid() (rewrite)"
};

// `col` is an ADD COLUMN of `st` (an AlterTableStmt); the statement is needed for the parts of
// the DEFAULT expression that ColumnDef does not keep (calls nested in an expression).
AddColumnEffect add_column_effect(const Statement& st, const ColumnDef& col, int pg_major);

// serial, bigserial, smallserial and their serial2/4/8 spellings.
bool is_serial_type(const TypeRef& type);

// Whether a function (lowercase name, no schema) is known not to be volatile: a SQL value
// function (CURRENT_TIMESTAMP, CURRENT_USER, …) or a built-in whose every overload PostgreSQL 15
// marks stable or immutable (src/sql/non_volatile_functions.inc, checked against pg_proc by
// tests/oracle/column_rewrites_online.py). Anything else, user functions included, counts as
// volatile: that errs towards reporting a rewrite.
bool is_non_volatile_function(std::string_view name);

}  // namespace miglint::sql
