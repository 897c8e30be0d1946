// The alembic_version bookkeeping SQL exactly as Alembic 1.8 prints it in offline mode
// (MigrationContext._version: a Table("alembic_version", Column("version_num", String(32),
// nullable=False)) with an optional primary key, rendered by SQLAlchemy 1.4's PostgreSQL
// dialect), and the env.py settings that shape it.
#pragma once

#include <string>

#include "alembic/migration_path.h"

namespace miglint::alembic {

// The `context.configure(...)` settings `miglint sql` needs from env.py.
struct SqlEnvSettings {
  bool transaction_per_migration = false;
  std::string version_table = "alembic_version";
  std::string version_table_schema;  // "" = none
  bool version_table_pk = true;
};

// Each statement without its trailing ';'.
std::string create_version_table_sql(const SqlEnvSettings& env);
std::string drop_version_table_sql(const SqlEnvSettings& env);
std::string version_change_sql(const SqlEnvSettings& env, const VersionChange& change);

}  // namespace miglint::alembic
