// ALTER TABLE (and ALTER INDEX / VIEW / MATERIALIZED VIEW …, which PostgreSQL parses into the
// same AlterTableStmt): the target and each subcommand with its AlterTableType.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sql/definitions.h"
#include "sql/pg_enums.h"
#include "sql/statement.h"

namespace miglint::sql {

struct AlterTableCommand {
  AlterTableType type = AlterTableType::Unknown;
  std::string type_name;  // PostgreSQL's spelling, e.g. "AT_AddColumn", even when Unknown
  // The column for column subcommands (SET/DROP NOT NULL, DROP COLUMN, ALTER COLUMN TYPE,
  // SET/DROP DEFAULT, SET STATISTICS), the constraint for DROP/VALIDATE CONSTRAINT, the
  // tablespace for SET TABLESPACE. Empty for ADD COLUMN: see column->name.
  std::string name;
  // ADD COLUMN: the new column. ALTER COLUMN … TYPE: the new type, collation and USING.
  std::optional<ColumnDef> column;
  // ADD CONSTRAINT / ALTER CONSTRAINT: the constraint.
  std::optional<ConstraintDef> constraint;
  // ALTER COLUMN … SET DEFAULT: the new default (kind None for DROP DEFAULT).
  Expr default_value;
  // ATTACH / DETACH PARTITION: the partition; DETACH … CONCURRENTLY.
  QualifiedName partition;
  bool concurrent = false;
  bool missing_ok = false;  // ADD COLUMN IF NOT EXISTS, DROP … IF EXISTS
  bool cascade = false;     // DROP … CASCADE

  // The column this subcommand touches: `name`, or for ADD COLUMN the new column's name.
  std::string column_name() const;
};

struct AlterTableInfo {
  QualifiedName relation;
  ObjectType object_type = ObjectType::Table;  // Index for ALTER INDEX, View, MatView, …
  bool missing_ok = false;                     // ALTER TABLE IF EXISTS
  bool only = false;                           // ALTER TABLE ONLY (no inheritance children)
  std::vector<AlterTableCommand> commands;
};

// nullopt unless `st` is an AlterTableStmt.
std::optional<AlterTableInfo> as_alter_table(const Statement& st);

}  // namespace miglint::sql
