// Reads AlterTableStmt and its AlterTableCmd list.
#include "sql/alter_table.h"

#include "sql/json_read.h"

namespace miglint::sql {

using namespace json_read;

std::string AlterTableCommand::column_name() const {
  if (!name.empty()) return name;
  return column ? column->name : std::string();
}

namespace {

AlterTableCommand read_command(const nlohmann::json& b) {
  AlterTableCommand cmd;
  cmd.type_name = get_string(b, "subtype");
  cmd.type = parse_alter_table_type(cmd.type_name);
  cmd.name = get_string(b, "name");
  cmd.missing_ok = get_bool(b, "missing_ok");
  cmd.cascade = get_string(b, "behavior") == "DROP_CASCADE";

  const auto& def = field(b, "def");
  std::string_view def_kind = kind(def);
  if (def_kind == "ColumnDef") {
    cmd.column = read_column_def(body(def));
  } else if (def_kind == "Constraint") {
    cmd.constraint = read_constraint(body(def));
  } else if (def_kind == "PartitionCmd") {
    cmd.partition = range_var_name(field(body(def), "name"));
    cmd.concurrent = get_bool(body(def), "concurrent");
  } else if (cmd.type == AlterTableType::ColumnDefault) {
    cmd.default_value = read_expr(def);  // absent for DROP DEFAULT → kind None
  }
  return cmd;
}

}  // namespace

std::optional<AlterTableInfo> as_alter_table(const Statement& st) {
  if (!st.is("AlterTableStmt")) return std::nullopt;
  const auto& b = body(st.node);
  AlterTableInfo info;
  const auto& rel = field(b, "relation");
  info.relation = range_var_name(rel);
  // "inh" is true unless ONLY was written; being a default-false field, absent means ONLY.
  info.only = rel.is_object() && !get_bool(rel, "inh");
  info.object_type = parse_object_type(get_string(b, "objtype"));
  info.missing_ok = get_bool(b, "missing_ok");
  for (const auto& cmd : list(b, "cmds"))
    if (const auto& cb = body_if(cmd, "AlterTableCmd"); cb.is_object())
      info.commands.push_back(read_command(cb));
  return info;
}

}  // namespace miglint::sql
