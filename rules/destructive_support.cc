#include "rules/destructive_support.h"

#include "alembic/revision.h"
#include "sql/alter_table.h"
#include "sql/database_objects.h"
#include "sql/ddl.h"

namespace miglint::rules::destructive {

std::string quote_name(std::string_view name) { return "\"" + std::string(name) + "\""; }

std::string py(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string py_schema(const sql::QualifiedName& name) {
  return name.schema.empty() ? std::string() : ", schema=" + py(name.schema);
}

bool column_is_new(const lint::Migration& m, const sql::QualifiedName& table,
                   std::string_view column, std::size_t index) {
  if (m.created_before(table, index)) return true;
  const std::string key = lint::relation_key(table);
  for (const auto& s : m.statements()) {
    if (s.index >= index) break;
    const auto& alter = s.alter_table();
    if (!alter || lint::relation_key(alter->relation) != key) continue;
    for (const auto& cmd : alter->commands)
      if (cmd.type == sql::AlterTableType::AddColumn && cmd.column && cmd.column->name == column)
        return true;
  }
  return false;
}

bool schema_created_before(const lint::Migration& m, std::string_view name, std::size_t index) {
  for (const auto& s : m.statements()) {
    if (s.index >= index) break;
    if (auto created = sql::as_create_schema(s.statement()); created && created->name == name) return true;
  }
  return false;
}

namespace {

// The type a CREATE TYPE / CREATE DOMAIN statement defines.
std::optional<sql::QualifiedName> created_type(const sql::Statement& st) {
  if (auto e = sql::as_create_enum(st)) return e->type;
  if (auto d = sql::as_create_domain(st)) return d->domain;
  return sql::as_create_composite_or_range_type(st);
}

}  // namespace

bool type_created_before(const lint::Migration& m, const sql::QualifiedName& type, std::size_t index) {
  const std::string key = lint::relation_key(type);
  for (const auto& s : m.statements()) {
    if (s.index >= index) break;
    if (auto t = created_type(s.statement()); t && lint::relation_key(*t) == key) return true;
  }
  return false;
}


}  // namespace miglint::rules::destructive
