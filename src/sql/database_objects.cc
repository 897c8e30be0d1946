// Readers for the statements declared in database_objects.h.
#include "sql/database_objects.h"

#include "sql/json_read.h"

namespace miglint::sql {

using namespace json_read;

std::optional<CreateSchemaInfo> as_create_schema(const Statement& st) {
  if (!st.is("CreateSchemaStmt")) return std::nullopt;
  const auto& b = body(st.node);
  CreateSchemaInfo info;
  info.name = get_string(b, "schemaname");
  if (info.name.empty()) info.name = get_string(field(b, "authrole"), "rolename");
  info.if_not_exists = get_bool(b, "if_not_exists");
  return info;
}

std::optional<QualifiedName> as_create_composite_or_range_type(const Statement& st) {
  if (st.is("CompositeTypeStmt")) return range_var_name(field(body(st.node), "typevar"));
  if (st.is("CreateRangeStmt")) return dotted_name(string_list(list(body(st.node), "typeName")));
  return std::nullopt;
}

std::optional<DropDatabaseInfo> as_drop_database(const Statement& st) {
  if (!st.is("DropdbStmt")) return std::nullopt;
  const auto& b = body(st.node);
  DropDatabaseInfo info;
  info.name = get_string(b, "dbname");
  info.if_exists = get_bool(b, "missing_ok");
  for (const auto& option : list(b, "options"))
    if (get_string(body_if(option, "DefElem"), "defname") == "force") info.force = true;
  return info;
}

}  // namespace miglint::sql
