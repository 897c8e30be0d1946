// The pieces that CREATE TABLE and ALTER TABLE share: type names, column definitions,
// constraints and DEFAULT expressions, read from their parse-tree nodes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sql/pg_enums.h"
#include "sql/statement.h"

namespace miglint::sql {

// A type as written, after PostgreSQL's grammar canonicalises built-in names:
// "int" → pg_catalog.int4, "varchar(20)" → pg_catalog.varchar with typmods {20},
// "timestamp with time zone" → pg_catalog.timestamptz, "double precision" → float8.
struct TypeRef {
  std::vector<std::string> names;  // {"pg_catalog", "int4"}; {"text"}; {"myschema", "mood"}
  std::vector<int64_t> typmods;    // {10, 2} for numeric(10,2); a non-integer typmod reads -1
  bool array = false;              // int[], int[3]

  // The type's own name, the last of `names` ("int4", "varchar", "text").
  std::string name() const { return names.empty() ? std::string() : names.back(); }
  // For messages: names without "pg_catalog.", then typmods and "[]": "varchar(20)".
  std::string str() const;
  bool empty() const { return names.empty(); }
};

// What a DEFAULT (or a USING / generated) expression is, which is what decides whether
// PostgreSQL must rewrite the table to add a column.
enum class ExprKind {
  None,          // no expression
  Constant,      // a literal, NULL, or a literal cast to a type: 0, 'x', 'x'::text, -1, true
  FunctionCall,  // now(), gen_random_uuid(), nextval('s'), CURRENT_TIMESTAMP, now()::date
  Other,         // any other expression: 'a' || 'b', a * 2, CASE …
};

struct Expr {
  ExprKind kind = ExprKind::None;
  // Constant: its text as PostgreSQL would print it ("0", "x", "true"); empty for NULL.
  std::string constant;
  bool is_null = false;  // Constant: the literal NULL
  // FunctionCall: the function's name, lowercase, without schema ("now", "nextval",
  // "current_timestamp").
  std::string function;

  bool present() const { return kind != ExprKind::None; }
};

struct ConstraintDef {
  ConstraintType type = ConstraintType::Unknown;
  std::string name;                  // CONSTRAINT <name>; empty when unnamed
  bool not_valid = false;            // NOT VALID (libpg_query: skip_validation)
  bool deferrable = false;
  std::vector<std::string> columns;  // PRIMARY KEY/UNIQUE keys, FOREIGN KEY local columns
  std::string using_index;           // PRIMARY KEY / UNIQUE USING INDEX <name>
  QualifiedName references;          // FOREIGN KEY: the referenced table
  std::vector<std::string> referenced_columns;
  Expr expression;                   // CHECK, DEFAULT and GENERATED: the expression
  // CHECK: the columns it proves NOT NULL, which is what lets PostgreSQL 12+ skip the scan of
  // ALTER COLUMN … SET NOT NULL: `col IS NOT NULL` as the whole expression or as an operand
  // of a top-level AND.
  std::vector<std::string> not_null_columns;
};

struct ColumnDef {
  std::string name;  // empty in ALTER COLUMN … TYPE, whose command carries the name
  TypeRef type;
  std::vector<ConstraintDef> constraints;  // column constraints in order, DEFAULT included
  Expr default_value;                      // DEFAULT …; kind None when absent
  bool not_null = false;                   // NOT NULL (or PRIMARY KEY, which implies it)
  bool primary_key = false;
  bool unique = false;
  bool identity = false;   // GENERATED … AS IDENTITY
  bool generated = false;  // GENERATED ALWAYS AS (…) STORED
  std::string collation;   // COLLATE "C" → "C"
  // ALTER COLUMN … TYPE … USING <expr>: the USING expression (kind None when absent).
  Expr using_expression;
};

// Readers for the statement helpers: the argument is the node *body* (the object inside
// {"ColumnDef": …}), or for expressions the node itself.
TypeRef read_type_name(const nlohmann::json& type_name_body);
Expr read_expr(const nlohmann::json& node);
ConstraintDef read_constraint(const nlohmann::json& constraint_body);
ColumnDef read_column_def(const nlohmann::json& column_def_body);

}  // namespace miglint::sql
