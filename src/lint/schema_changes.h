// What one phase of a revision does to the schema, object by object: the tables, columns,
// indexes, constraints, types, sequences, views, extensions and schemas it creates, drops,
// renames or alters, each named as it was before the phase and as it is after it. The rules
// that compare an upgrade with its downgrade (incomplete-downgrade, enum-type-leak,
// irreversible-operation) read one of these per phase; lint/reversal.h matches the two.
//
// It is a small symbolic walk, not a catalog: it knows only the objects the statements name.
// Renames are followed (a column added to "t" before `ALTER TABLE t RENAME TO u` is "u.c"
// afterwards), and a DROP takes what PostgreSQL drops with it: the columns, indexes and
// constraints of a dropped table, the indexes and constraints over a dropped column, and with
// DROP SCHEMA … CASCADE everything named in that schema.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/definitions.h"
#include "sql/statement.h"

namespace miglint::lint {

class Migration;

enum class ObjectKind {
  Table, View, MaterializedView, Sequence, Index,  // relations: one namespace per schema
  Column, Constraint,                              // belong to a table
  EnumType, Domain,                                // types: one namespace per schema
  EnumValue,                                       // belongs to an enum type
  Extension, Schema,
};

// "table", "materialized view", "enum value", … for messages.
std::string_view object_kind_name(ObjectKind kind);
// A name as messages quote it: 'value' for enum values (SQL literals), "name" otherwise.
std::string quote_name(ObjectKind kind, std::string_view name);

// ALTER COLUMN … SET/DROP NOT NULL or SET/DROP DEFAULT over a phase: the first and last
// change. The state before the phase is unknown; the first change tells what it was not.
struct ColumnFlagChange {
  std::size_t first_at = 0, last_at = 0;
  bool first_value = false;  // NOT NULL set / a default set by the first change
  bool value = false;        // … by the last one
  std::string text;          // SET DEFAULT: the expression as written (for messages)

  // Whether the phase leaves the flag changed: SET NOT NULL then DROP NOT NULL is no change.
  bool net() const { return first_value == value; }
};

struct ColumnTypeChange {
  std::size_t at = 0;  // the last ALTER COLUMN … TYPE
  sql::TypeRef type;   // its new type
  bool with_using = false;  // … USING <expression>
};

struct SchemaObject {
  ObjectKind kind = ObjectKind::Table;
  // Index into SchemaChanges::objects(): the table of a column, constraint or index (-1 for
  // an index dropped by name alone), the type of an enum value.
  int parent = -1;
  // Names: relation_key() form for relations and types ("accounts", "audit.log"), the bare
  // name for columns, constraints, enum values, extensions and schemas.
  std::string start_name;  // before the phase; empty when the phase created the object
  std::string name;        // after the phase (or when it was dropped)

  std::optional<std::size_t> created;  // statement that created it
  bool if_not_exists = false;          // … with IF NOT EXISTS
  bool or_replace = false;             // … with CREATE OR REPLACE (views)
  std::optional<std::size_t> dropped;  // statement that dropped it
  bool dropped_with_container = false; // … by dropping its table, column or schema
  bool cascade = false;                // … with CASCADE (for DROP SCHEMA)
  std::optional<std::size_t> renamed;  // last statement that renamed it

  std::vector<std::string> columns;  // index, constraint: the key columns (expressions left out)
  std::string type;                  // column: its type's key ("mood", "s.mood"), arrays included

  // Changes to a column the phase did not create.
  std::optional<ColumnTypeChange> type_change;
  std::optional<ColumnFlagChange> not_null;
  std::optional<ColumnFlagChange> default_value;

  bool existed_before() const { return !start_name.empty(); }
  bool exists_after() const { return !dropped; }
};

// One statement that deletes rows of a table the phase did not create (TRUNCATE, DELETE).
struct RowRemoval {
  std::size_t statement = 0;
  std::string table;       // relation key
  bool truncate = false;   // TRUNCATE (else DELETE)
  bool all_rows = false;   // TRUNCATE, or DELETE without WHERE
};

class SchemaChanges {
 public:
  // `statements` in run order; statement indexes in the result are positions in it (the
  // same as MigrationStatement::index).
  explicit SchemaChanges(const std::vector<const sql::Statement*>& statements);
  explicit SchemaChanges(const Migration& migration);

  const std::vector<SchemaObject>& objects() const { return objects_; }
  const SchemaObject* parent(const SchemaObject& o) const;
  const std::vector<RowRemoval>& row_removals() const { return removals_; }

  // The object's identity as named before the phase ("" when the phase created it, or its
  // table did) and after it ("" when dropped): "relation:accounts", "column:accounts.email",
  // "constraint:accounts.ck_x", "type:mood", "value:mood.happy", "extension:x", "schema:x".
  std::string before_id(const SchemaObject& o) const;
  std::string after_id(const SchemaObject& o) const;
  // The identity of a name in a namespace, as before_id/after_id spell it.
  static std::string id(ObjectKind kind, std::string_view container, std::string_view name);

  // For messages: `table "accounts"`, `column "accounts.email"`, `constraint "ck" on
  // "accounts"`, `enum value 'x' of type "mood"`, named before or after the phase.
  std::string describe(const SchemaObject& o, bool after = true) const;

 private:
  void apply(const sql::Statement& st, std::size_t at);
  int find_live(ObjectKind kind, int parent, std::string_view name) const;
  int touch(ObjectKind kind, int parent, const std::string& name);
  int create(ObjectKind kind, int parent, const std::string& name, std::size_t at);
  void drop(int id, std::size_t at, bool with_container);
  std::string name_of(const SchemaObject& o, bool after) const;

  std::vector<SchemaObject> objects_;
  std::vector<RowRemoval> removals_;
};

// The key of a type as a column names it: {"pg_catalog","int4"} → "int4", {"s","mood"} → "s.mood".
std::string type_key(const sql::TypeRef& type);

}  // namespace miglint::lint
