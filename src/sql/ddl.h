// Typed views of schema-changing statements other than ALTER TABLE: CREATE TABLE, CREATE
// INDEX, DROP, RENAME, CREATE/ALTER TYPE … ENUM, CREATE TABLE/MATERIALIZED VIEW … AS,
// CREATE/ALTER DOMAIN, CREATE EXTENSION, CREATE VIEW, CREATE SCHEMA, CREATE SEQUENCE.
// Each as_*() returns nullopt when the statement is of another kind.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sql/definitions.h"
#include "sql/pg_enums.h"
#include "sql/statement.h"

namespace miglint::sql {

struct CreateTableInfo {
  QualifiedName relation;
  std::vector<ColumnDef> columns;
  std::vector<ConstraintDef> constraints;  // table constraints (PRIMARY KEY (a, b), …)
  bool if_not_exists = false;
  bool partitioned = false;  // PARTITION BY …
  bool temporary = false;    // CREATE TEMP TABLE
  bool unlogged = false;
};
std::optional<CreateTableInfo> as_create_table(const Statement& st);  // CreateStmt

struct IndexInfo {
  QualifiedName table;
  std::string name;  // empty when PostgreSQL chooses it
  bool concurrent = false;
  bool unique = false;
  bool if_not_exists = false;
  bool partial = false;        // WHERE …
  std::string access_method;   // "btree", "gin", …
  // Key columns in order; an expression key reads as "" (see has_expressions).
  std::vector<std::string> columns;
  std::vector<std::string> include_columns;  // INCLUDE (…)
  bool has_expressions = false;
};
std::optional<IndexInfo> as_index(const Statement& st);  // IndexStmt

struct DropInfo {
  ObjectType object_type = ObjectType::Unknown;
  // The dropped objects. Objects that belong to a table (trigger, rule, policy) have the
  // table's (qualified) name as their schema: DROP TRIGGER tr ON s.t → {"s.t", "tr"}.
  std::vector<QualifiedName> objects;
  bool if_exists = false;
  bool cascade = false;
  bool concurrent = false;  // DROP INDEX CONCURRENTLY
};
std::optional<DropInfo> as_drop(const Statement& st);  // DropStmt

struct RenameInfo {
  ObjectType object_type = ObjectType::Unknown;  // Table, Column, Index, TableConstraint, Type…
  // The relation for renames of and within relations (tables, indexes, views, columns,
  // constraints); for other objects (types, schemas, …) the renamed object.
  QualifiedName target;
  std::string old_name;  // the column or constraint renamed; empty for the object itself
  std::string new_name;
  bool if_exists = false;
};
std::optional<RenameInfo> as_rename(const Statement& st);  // RenameStmt

struct CreateEnumInfo {
  QualifiedName type;
  std::vector<std::string> values;
};
std::optional<CreateEnumInfo> as_create_enum(const Statement& st);  // CreateEnumStmt

struct AlterEnumInfo {
  QualifiedName type;
  // ADD VALUE: new_value set, old_value empty. RENAME VALUE: both set.
  std::string new_value;
  std::string old_value;
  std::string neighbor;  // BEFORE/AFTER '<neighbor>'; empty when appended at the end
  bool after = false;    // AFTER (true) or BEFORE (false) the neighbor
  bool if_not_exists = false;

  bool is_add() const { return old_value.empty(); }
};
std::optional<AlterEnumInfo> as_alter_enum(const Statement& st);  // AlterEnumStmt

struct CreateTableAsInfo {
  QualifiedName relation;
  bool materialized_view = false;  // CREATE MATERIALIZED VIEW (else CREATE TABLE … AS)
  bool with_no_data = false;
  bool if_not_exists = false;
};
std::optional<CreateTableAsInfo> as_create_table_as(const Statement& st);  // CreateTableAsStmt

struct CreateDomainInfo {
  QualifiedName domain;
  TypeRef base_type;
  std::vector<ConstraintDef> constraints;  // CHECK, NOT NULL, DEFAULT …
};
std::optional<CreateDomainInfo> as_create_domain(const Statement& st);  // CreateDomainStmt

struct AlterDomainInfo {
  enum class Action {
    SetDefault, DropNotNull, SetNotNull, AddConstraint, DropConstraint, ValidateConstraint,
    Unknown
  };
  QualifiedName domain;
  Action action = Action::Unknown;
  std::optional<ConstraintDef> constraint;  // AddConstraint
  std::string constraint_name;              // DropConstraint, ValidateConstraint
};
std::optional<AlterDomainInfo> as_alter_domain(const Statement& st);  // AlterDomainStmt

struct CreateExtensionInfo {
  std::string name;
  std::string schema;  // WITH SCHEMA s
  bool if_not_exists = false;
};
std::optional<CreateExtensionInfo> as_create_extension(const Statement& st);  // CreateExtensionStmt

struct CreateViewInfo {
  QualifiedName view;
  bool or_replace = false;  // CREATE OR REPLACE VIEW
};
std::optional<CreateViewInfo> as_create_view(const Statement& st);  // ViewStmt

struct CreateSequenceInfo {
  QualifiedName sequence;
  bool if_not_exists = false;
};
std::optional<CreateSequenceInfo> as_create_sequence(const Statement& st);  // CreateSeqStmt

// The column names that the statement's expressions refer to (ColumnRef nodes, the last part
// of `t.c`), in order of appearance, without repeats: for ALTER TABLE … ADD CONSTRAINT …
// CHECK (…), the columns the check reads.
std::vector<std::string> column_references(const Statement& st);

}  // namespace miglint::sql
