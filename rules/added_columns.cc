#include "rules/added_columns.h"

#include <fmt/format.h>

namespace miglint::rules {

void for_each_added_column(const lint::Migration& m, const std::function<void(const AddedColumn&)>& fn) {
  for (const auto& s : m.statements()) {
    const auto& alter = s.alter_table();
    if (!alter || alter->object_type != sql::ObjectType::Table) continue;
    // A table created earlier in this revision has no rows, readers or writers yet.
    if (m.created_before(alter->relation, s.index)) continue;
    const std::string table = alter->relation.str();
    const std::string lock = table_lock(s, table);
    for (const auto& cmd : alter->commands) {
      if ((cmd.type != sql::AlterTableType::AddColumn && cmd.type != sql::AlterTableType::AddColumnRecurse) ||
          !cmd.column)
        continue;
      fn(AddedColumn{s, alter->relation, *cmd.column,
                     sql::add_column_effect(s.statement(), *cmd.column, m.pg_major()), table, lock});
    }
  }
}

std::string table_lock(const lint::MigrationStatement& s, const std::string& table) {
  for (const auto& l : s.locks)
    if (l.relation == table) return lint::describe_lock(l, s.in_transaction());
  return "";
}

std::string with_lock(const std::string& what, const std::string& lock) {
  return lock.empty() ? what : what + ", so it " + lock;
}

std::string index_clause(const sql::ColumnDef& column) {
  return column.primary_key ? " and builds its primary key index"
         : column.unique    ? " and builds its unique index"
                            : "";
}

std::string py_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string py_schema_kwarg(const sql::QualifiedName& relation) {
  return relation.schema.empty() ? "" : fmt::format(", schema={}", py_string(relation.schema));
}

}  // namespace miglint::rules
