// Typed views of statements about objects that are not relations: CREATE SCHEMA, the CREATE
// TYPE forms other than ENUM (composite, range), and DROP DATABASE. (ENUM and DOMAIN are in
// ddl.h; DROP SCHEMA / DROP TYPE / ALTER SCHEMA … RENAME are DropStmt / RenameStmt, also there.)
// Each as_*() returns nullopt when the statement is of another kind.
#pragma once

#include <optional>
#include <string>

#include "sql/statement.h"

namespace miglint::sql {

struct CreateSchemaInfo {
  // The schema created: its name, or for CREATE SCHEMA AUTHORIZATION role the role's name,
  // which is what PostgreSQL names the schema then.
  std::string name;
  bool if_not_exists = false;
};
std::optional<CreateSchemaInfo> as_create_schema(const Statement& st);  // CreateSchemaStmt

// CREATE TYPE t AS (…) and CREATE TYPE t AS RANGE (…): the type defined.
std::optional<QualifiedName> as_create_composite_or_range_type(const Statement& st);

struct DropDatabaseInfo {
  std::string name;
  bool if_exists = false;
  bool force = false;  // WITH (FORCE): terminates the sessions connected to it
};
std::optional<DropDatabaseInfo> as_drop_database(const Statement& st);  // DropdbStmt

}  // namespace miglint::sql
