// The rows of the database's version table (alembic_version, or env.py's version_table in
// version_table_schema), read as MigrationContext.get_current_heads does online: no table
// means no rows (base).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "exec/pg_connection.h"

namespace miglint::exec {

struct VersionRows {
  bool table_exists = false;
  std::string table;               // as shown: schema.table or table
  std::vector<std::string> heads;  // version_num of each row, in the order PostgreSQL returns
  std::optional<PgError> error;    // the table could not be read
};

VersionRows read_version_rows(Connection& connection, const std::string& table,
                              const std::string& schema /* "" = search_path */);

}  // namespace miglint::exec
