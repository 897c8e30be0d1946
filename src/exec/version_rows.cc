#include "exec/version_rows.h"

namespace miglint::exec {

VersionRows read_version_rows(Connection& connection, const std::string& table,
                              const std::string& schema) {
  VersionRows out;
  out.table = schema.empty() ? table : schema + "." + table;
  std::string qualified = (schema.empty() ? "" : connection.quote_identifier(schema) + ".") +
                          connection.quote_identifier(table);
  // SQLAlchemy's has_table without a schema looks for a visible table, which is what
  // to_regclass resolves through the search_path.
  ExecResult exists = connection.exec_params("SELECT to_regclass($1) IS NOT NULL", {qualified});
  if (!exists.ok()) {
    out.error = exists.error;
    return out;
  }
  out.table_exists = !exists.rows.empty() && exists.rows[0][0] == std::optional<std::string>("t");
  if (!out.table_exists) return out;
  ExecResult rows = connection.exec("SELECT version_num FROM " + qualified);
  if (!rows.ok()) {
    out.error = rows.error;
    return out;
  }
  for (const auto& r : rows.rows)
    if (r[0]) out.heads.push_back(*r[0]);
  return out;
}

}  // namespace miglint::exec
