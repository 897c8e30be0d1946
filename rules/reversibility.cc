#include "rules/reversibility.h"

#include <fmt/format.h>

#include "alembic/revision.h"

namespace miglint::rules {
namespace {

struct Split {
  std::string name, schema;
};

Split split(const std::string& key) {
  size_t dot = key.rfind('.');
  if (dot == std::string::npos) return {key, {}};
  return {key.substr(dot + 1), key.substr(0, dot)};
}

std::string schema_kw(const Split& s) { return s.schema.empty() ? "" : fmt::format(", schema=\"{}\"", s.schema); }

// The table a column, constraint or index belongs to, as named before or after the upgrade.
std::string table_of(const lint::SchemaChanges& up, const lint::SchemaObject& o, bool after) {
  const lint::SchemaObject* p = up.parent(o);
  if (!p) return {};
  return after || p->start_name.empty() ? p->name : p->start_name;
}

std::string sql_keyword(lint::ObjectKind k) {
  switch (k) {
    case lint::ObjectKind::Table: return "TABLE";
    case lint::ObjectKind::View: return "VIEW";
    case lint::ObjectKind::MaterializedView: return "MATERIALIZED VIEW";
    case lint::ObjectKind::Sequence: return "SEQUENCE";
    case lint::ObjectKind::Index: return "INDEX";
    case lint::ObjectKind::EnumType: return "TYPE";
    case lint::ObjectKind::Domain: return "DOMAIN";
    case lint::ObjectKind::Extension: return "EXTENSION";
    case lint::ObjectKind::Schema: return "SCHEMA";
    default: return {};
  }
}

}  // namespace

const lint::Migration* comparable_downgrade(const lint::Migration& m) {
  if (m.phase() != alembic::Phase::Upgrade) return nullptr;
  const lint::Migration* down = m.counterpart();
  if (!down || !m.fully_static() || !down->fully_static()) return nullptr;
  if (m.revision().downgrade.kind != alembic::BodyKind::Implemented) return nullptr;
  return down;
}

Location downgrade_function(const lint::Migration& down) {
  return {down.revision().file, down.revision().downgrade.name_span, {}};
}

std::string table_args(const std::string& key) {
  Split s = split(key);
  return fmt::format("\"{}\"{}", s.name, schema_kw(s));
}

std::string drop_call(const lint::SchemaChanges& up, const lint::SchemaObject& o) {
  using K = lint::ObjectKind;
  Split t = split(table_of(up, o, true));
  switch (o.kind) {
    case K::Table: return fmt::format("op.drop_table({})", table_args(o.name));
    case K::Column: return fmt::format("op.drop_column(\"{}\", \"{}\"{})", t.name, o.name, schema_kw(t));
    case K::Constraint: return fmt::format("op.drop_constraint(\"{}\", \"{}\"{})", o.name, t.name, schema_kw(t));
    case K::Index:
      if (!t.name.empty())
        return fmt::format("op.drop_index(\"{}\", table_name=\"{}\"{})", split(o.name).name, t.name, schema_kw(t));
      return fmt::format("op.drop_index(\"{}\"{})", split(o.name).name, schema_kw(split(o.name)));
    case K::EnumType: return fmt::format("sa.Enum(name=\"{}\").drop(op.get_bind())", o.name);
    case K::EnumValue: return {};
    default: return fmt::format("op.execute(\"DROP {} {}\")", sql_keyword(o.kind), o.name);
  }
}

std::string recreate_call(const lint::SchemaChanges& up, const lint::SchemaObject& o) {
  using K = lint::ObjectKind;
  Split t = split(table_of(up, o, false));
  const std::string& name = o.start_name;
  switch (o.kind) {
    case K::Table: return fmt::format("op.create_table({}, sa.Column(...), ...)", table_args(name));
    case K::Column:
      return fmt::format("op.add_column(\"{}\", sa.Column(\"{}\", ...){})", t.name, name, schema_kw(t));
    case K::Constraint:
      return fmt::format("op.create_unique_constraint(\"{}\", \"{}\", [...]{})  # or create_foreign_key, "
                         "create_check_constraint, create_primary_key",
                         name, t.name, schema_kw(t));
    case K::Index:
      return fmt::format("op.create_index(\"{}\", \"{}\", [...]{})", split(name).name,
                         t.name.empty() ? "<table>" : t.name, schema_kw(t));
    case K::EnumType: return fmt::format("op.execute(\"CREATE TYPE {} AS ENUM (...)\")", name);
    case K::Domain: return fmt::format("op.execute(\"CREATE DOMAIN {} AS ...\")", name);
    case K::View:
    case K::MaterializedView: return fmt::format("op.execute(\"CREATE {} {} AS ...\")", sql_keyword(o.kind), name);
    default: return fmt::format("op.execute(\"CREATE {} {}\")", sql_keyword(o.kind), name);
  }
}

std::string rename_back_call(const lint::SchemaChanges& up, const lint::SchemaObject& o) {
  using K = lint::ObjectKind;
  Split now = split(o.name), old = split(o.start_name);
  Split t = split(table_of(up, o, true));
  switch (o.kind) {
    case K::Table: return fmt::format("op.rename_table(\"{}\", \"{}\"{})", now.name, old.name, schema_kw(now));
    case K::Column:
      return fmt::format("op.alter_column(\"{}\", \"{}\", new_column_name=\"{}\"{})", t.name, o.name, o.start_name,
                         schema_kw(t));
    case K::Constraint:
      return fmt::format("op.execute(\"ALTER TABLE {} RENAME CONSTRAINT {} TO {}\")", table_of(up, o, true), o.name,
                         o.start_name);
    case K::EnumValue:
      return fmt::format("op.execute(\"ALTER TYPE {} RENAME VALUE '{}' TO '{}'\")", table_of(up, o, true), o.name,
                         o.start_name);
    case K::Schema: return fmt::format("op.execute(\"ALTER SCHEMA {} RENAME TO {}\")", o.name, o.start_name);
    default: return fmt::format("op.execute(\"ALTER {} {} RENAME TO {}\")", sql_keyword(o.kind), o.name, old.name);
  }
}

}  // namespace miglint::rules
