// Shared by the type-preference rules (prefer-bigint, bounded-varchar, char-column, …): the
// column types a statement declares (CREATE TABLE columns, ALTER TABLE … ADD COLUMN, ALTER
// COLUMN … TYPE), and reporting at the column's `sa.Column(...)` in the op call when there is one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "lint/migration.h"
#include "sql/definitions.h"

namespace miglint::python {
struct Node;
}

namespace miglint::rules {

struct DeclaredColumn {
  enum class Source { CreateTable, AddColumn, AlterType };
  std::string table;   // as written, schema-qualified when it is
  std::string column;
  sql::TypeRef type;
  Source source = Source::CreateTable;
};

std::vector<DeclaredColumn> declared_columns(const sql::Statement& st);

// Whether `type` is the built-in type `name` ("int4", "serial", "bpchar"): written without a
// schema or in pg_catalog, so a user type of the same name in another schema is not one.
bool is_builtin(const sql::TypeRef& type, std::string_view name);

// The first string constant equal to `value` among the arguments of `call` (and the calls,
// lists and tuples nested in them): where a name given to an op call is written.
const python::Node* find_string_argument(const python::Node* call, std::string_view value);

// Reports at the column: its `sa.Column("<name>", …)` inside the op call (for ALTER COLUMN
// TYPE, the `type_=` argument), else the statement. The op call stays the origin, so a
// suppression comment on the call works.
Diagnostic& report_column(const lint::Migration& m, lint::RuleContext& ctx, const lint::MigrationStatement& s,
                          const DeclaredColumn& column, std::string message, std::string help);

}  // namespace miglint::rules
