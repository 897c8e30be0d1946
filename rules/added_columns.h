// Shared by the ADD COLUMN rules (add-required-column, add-unique-column, serial-column,
// stored-generated-column, volatile-default): every ADD COLUMN of a phase on a table the
// revision did not create itself, with what it costs (sql/add_column.h) and the lock sentence.
#pragma once

#include <functional>
#include <string>

#include "lint/migration.h"
#include "sql/add_column.h"
#include "sql/alter_table.h"

namespace miglint::rules {

struct AddedColumn {
  const lint::MigrationStatement& statement;
  const sql::QualifiedName& relation;
  const sql::ColumnDef& column;
  sql::AddColumnEffect effect;
  std::string table;  // relation.str(), as written
  std::string lock;   // "takes ACCESS EXCLUSIVE on "t" and rewrites it: …" ("" if unknown)
};

void for_each_added_column(const lint::Migration& m, const std::function<void(const AddedColumn&)>& fn);

// describe_lock() of the lock `s` takes on `table`, or "" when the lock model has none.
std::string table_lock(const lint::MigrationStatement& s, const std::string& table);

// " and builds its primary key index" / " and builds its unique index" / "": what an ADD
// COLUMN that rewrites the table also does, for the rewriting rules' messages.
std::string index_clause(const sql::ColumnDef& column);

// `what` followed by ", so it " and the lock sentence (just `what` when the lock is unknown).
std::string with_lock(const std::string& what, const std::string& lock);

// For the Python in help texts: `"t"` and, at the end of a call, `, schema="s"` when the
// relation is schema-qualified.
std::string py_string(const std::string& text);
std::string py_schema_kwarg(const sql::QualifiedName& relation);

}  // namespace miglint::rules
