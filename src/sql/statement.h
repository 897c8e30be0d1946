// One parsed PostgreSQL statement: its text, where it sits in the parsed string, and its
// libpg_query parse tree. Rules read it through the typed helpers here and in alter_table.h,
// ddl.h and utility.h, never through raw JSON keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/span.h"

namespace miglint::sql {

// A possibly schema-qualified name ("public.users" or "users").
struct QualifiedName {
  std::string schema;  // empty when unqualified
  std::string name;

  std::string str() const { return schema.empty() ? name : schema + "." + name; }
  bool empty() const { return name.empty(); }
  friend bool operator==(const QualifiedName&, const QualifiedName&) = default;
};

struct Statement {
  // The statement as written, without the surrounding whitespace and comments and without
  // its terminating ';', so that carets land on code.
  std::string text;
  // Byte span of `text` within the string given to parse_sql().
  Span span;
  // libpg_query's own extent (stmt_location, stmt_len): from just after the previous ';',
  // so it includes leading whitespace and comments.
  Span raw_span;
  // The parse-tree node, {"IndexStmt": {…}}.
  nlohmann::json node;

  // The node type: "CreateStmt", "AlterTableStmt", "IndexStmt", "VariableSetStmt", …
  std::string_view kind() const;
  bool is(std::string_view node_type) const { return kind() == node_type; }

  // The relations the statement acts on, schema-qualified when written so: the table of
  // CREATE/ALTER TABLE, CREATE INDEX, UPDATE, DELETE, INSERT, TRUNCATE, LOCK, VACUUM, CLUSTER,
  // REINDEX INDEX/TABLE, REFRESH MATERIALIZED VIEW, CREATE TABLE AS, CREATE/ALTER SEQUENCE,
  // CREATE VIEW, RENAME and SET SCHEMA of relations. Empty for other statements (see DropInfo for DROP).
  std::vector<QualifiedName> relations() const;
  // The first of relations(), if any.
  std::optional<QualifiedName> relation() const;
  // relation()->str(), or "" when there is none.
  std::string relation_name() const;

  // UPDATE/DELETE: whether a WHERE clause is present (false for other kinds).
  bool has_where_clause() const;

  // A canonical form for comparing statements irrespective of whitespace, comments, keyword
  // case and unneeded identifier quotes (see normalize_node in pg_query.h).
  std::string normalized() const;
};

// Schema-qualified name of a RangeVar body ({"schemaname":…, "relname":…}).
QualifiedName range_var_name(const nlohmann::json& range_var);
// A dotted name given as a list of String nodes: the last part is the name, the others form
// the schema ("a.b.c" → {"a.b", "c"}).
QualifiedName dotted_name(const std::vector<std::string>& parts);

// Shrinks `span` of `text` to exclude leading and trailing whitespace and SQL comments,
// skipping over string literals, quoted identifiers and dollar-quoted bodies.
Span trim_to_code(std::string_view text, Span span);

}  // namespace miglint::sql
