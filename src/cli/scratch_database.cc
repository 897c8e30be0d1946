#include "cli/scratch_database.h"

#include <fmt/format.h>

#include "cli/load_failure.h"
#include "exec/connect.h"

namespace miglint::cli {

std::optional<std::string> open_scratch_database(const std::string& database_url, const std::string& pg_bin,
                                                 ScratchDatabase& out) {
  if (!database_url.empty()) {
    // Only the URL: an empty lookup keeps DB_* and PG* out of it.
    out.settings = exec::resolve_connection(database_url, [](const char*) { return std::optional<std::string>(); });
    exec::OpenResult db = exec::open_connection(out.settings);
    if (db.error) return *db.error;
    out.connection = std::move(db.connection);
    out.description = db.target;
    return std::nullopt;
  }
  if (auto error = out.cluster.start(pg_bin)) return "cannot start a scratch PostgreSQL: " + *error;
  exec::Connection admin;
  if (auto error = admin.connect(out.cluster.conninfo("postgres")))
    return "cannot connect to the scratch cluster: " + *error;
  if (auto r = admin.exec("CREATE DATABASE miglint_scratch"); !r.ok())
    return "cannot create the scratch database: " + r.error->message;
  if (auto error = out.connection.connect(out.cluster.conninfo("miglint_scratch")))
    return "cannot connect to the scratch database: " + *error;
  out.description = out.cluster.description();
  return std::nullopt;
}

bool load_with_scratch_database(const alembic::LoadOptions& load, const std::string& database_url,
                                const std::string& pg_bin, const char* application_name,
                                alembic::Project& project, ScratchDatabase& db) {
  if (!alembic::load_project(load, project)) {
    print_load_problems(project.load_diagnostics);
    return false;
  }
  if (auto error = open_scratch_database(database_url, pg_bin, db)) {
    fmt::print(stderr, "miglint: {}\n", exec::scrub(*error, db.settings.secrets));
    return false;
  }
  db.connection.exec(fmt::format("SET application_name = '{}'", application_name));
  return true;
}

}  // namespace miglint::cli
