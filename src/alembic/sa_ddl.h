// sa.Column / constraints / sa.Index as Alembic builds them into a throwaway Table, and the
// DDL SQLAlchemy's PostgreSQL DDLCompiler prints for them.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "alembic/sa_types.h"

namespace miglint::alembic::lower {

struct ColumnSpec {
  const Value* node = nullptr;
  std::string name;
  const Value* type = nullptr;
  bool primary_key = false;
  std::optional<bool> nullable;       // as written
  std::optional<bool> autoincrement;  // nullopt: "auto"
  bool autoinc_ignore_fk = false;
  bool has_python_default = false;
  const Value* server_default = nullptr;
  const Value* identity = nullptr;
  const Value* computed = nullptr;
  std::vector<const Value*> foreign_keys;  // sa.ForeignKey(...)
  std::vector<const Value*> checks;        // sa.CheckConstraint(...) given to the column
  bool has_table_fk = false;               // named by a table-level ForeignKeyConstraint
  bool unique = false;
  bool index = false;
  std::optional<std::string> comment;
};

ColumnSpec parse_column(Ctx& ctx, const Value& v);

// One table-level item in creation order (what Table._sorted_constraints iterates).
struct TableItem {
  const Value* node = nullptr;          // the constraint object, or the column for flags
  enum Kind { Unique, Check, ForeignKey, Exclude, Index, EnumCheck } kind = Unique;
  const ColumnSpec* column = nullptr;   // set for items made from column flags
};

struct TableSpec {
  std::string name;
  std::string schema;
  std::vector<ColumnSpec> columns;
  const Value* primary_key = nullptr;   // explicit PrimaryKeyConstraint
  std::vector<std::string> pk_columns;
  std::vector<TableItem> constraints;   // without the primary key
  std::vector<TableItem> indexes;
  std::optional<std::string> comment;
  int autoincrement_column = -1;
};

// Builds the Table Alembic's SchemaObjects.table() would: columns, constraints and indexes
// from the call's items, plus those the column flags imply.
TableSpec build_table(Ctx& ctx, std::string name, std::string schema,
                      const std::vector<const Value*>& items);

std::string column_spec(Ctx& ctx, const TableSpec& t, size_t column);
std::string render_constraint(Ctx& ctx, const TableSpec& t, const TableItem& item);
std::string render_primary_key(Ctx& ctx, const TableSpec& t);
std::string render_create_index(Ctx& ctx, const TableSpec& t, const TableItem& item);
std::string render_create_table(Ctx& ctx, const TableSpec& t);

// Shared by Index, UniqueConstraint and friends: the deferrability suffix.
std::string deferrability(Ctx& ctx, const Value* deferrable, const Value* initially);
// sa.ForeignKey("s.t.c") / op.create_foreign_key pieces.
std::string render_foreign_key(Ctx& ctx, const std::vector<std::string>& local,
                               const std::string& ref_table, const std::vector<std::string>& ref_cols,
                               const std::optional<std::string>& name, const Kwargs& kw);
std::string column_list(const std::vector<std::string>& cols);
// A keyword argument that must be a name, when present; fails `ctx` otherwise.
std::optional<std::string> str_kw(Ctx& ctx, const Kwargs& kw, std::string_view name);
// A list (or single) of column names.
std::vector<std::string> names_of(Ctx& ctx, const Value* v);

}  // namespace miglint::alembic::lower

namespace miglint::alembic::lower {
// One index element: a column name (quoted as needed) or an expression (`sa.text(...)`);
// `key` is the column name postgresql_ops are keyed by ("" for expressions).
struct IndexElement {
  std::string sql;
  std::string key;
};
IndexElement index_element(Ctx& ctx, const Value& v);
// PGDDLCompiler.visit_create_index with the postgresql_* options of `kw`.
std::string render_index_sql(Ctx& ctx, const std::string& name, const std::string& table_sql,
                             const std::vector<IndexElement>& elements, bool unique,
                             const Kwargs& kw);
}  // namespace miglint::alembic::lower
