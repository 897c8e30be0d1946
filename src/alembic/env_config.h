// What env.py's `context.configure(...)` calls tell miglint about how Alembic runs migrations:
// transaction grouping and the version table. Read statically, never by running env.py.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/span.h"
#include "config/settings.h"

namespace miglint::alembic {

// One option on which run_migrations_offline() and run_migrations_online() disagree.
struct EnvConfigDifference {
  std::string option;        // "transaction_per_migration"
  std::string offline_value; // as Python would print it ("True", "'x'", "None")
  std::string online_value;
};

struct EnvConfig {
  bool env_exists = false;       // <script_location>/env.py exists
  std::string env_path;          // absolute path of env.py ("" when script_location is unknown)
  int configure_calls = 0;       // how many context.configure(...) calls were found

  bool transaction_per_migration = false;
  std::string version_table = "alembic_version";
  std::optional<std::string> version_table_schema;  // nullopt = default schema
  bool version_table_pk = true;
  bool include_schemas = false;

  // env.py sets a timeout on the migration connection: a string constant that sets it, as in
  // `connection.execute(text("SET lock_timeout = '5s'"))` or
  // `connect_args={"options": "-c lock_timeout=5000"}`. Where it was found, for messages.
  std::optional<Span> sets_lock_timeout, sets_statement_timeout;

  // Where each option was read from (the keyword's value), for diagnostics; empty when default.
  Span transaction_per_migration_span, version_table_span, version_table_schema_span;

  // env.py computes version_table or version_table_schema at run time, and the configuration
  // (`version-table`, `version-table-schema`) does not say: the expression and its place.
  // `plan` and `apply` refuse rather than read (and write) the wrong table.
  std::optional<std::string> version_table_unknown;

  // Offline and online configure() calls that disagree (which value is used: see EnvMode).
  std::vector<EnvConfigDifference> differences;
};

// Which configure() call wins where run_migrations_offline() and run_migrations_online()
// disagree: the online one for running migrations, the offline one for `--sql` scripts.
enum class EnvMode { Online, Offline };

// Finds `<script_location>/env.py`, parses it and evaluates every `context.configure(...)`
// keyword it knows statically. A value that cannot be evaluated is a `config-error` warning in
// `diags` and the default is kept; a missing env.py is not an error (env_exists is false).
// The configuration's `version-table` / `version-table-schema` override env.py's.
EnvConfig read_env_config(const config::Settings& settings, std::vector<Diagnostic>& diags,
                          EnvMode mode = EnvMode::Online);

// The same, from env.py's text (for tests and for callers that already read the file).
EnvConfig read_env_config_text(SourceFilePtr env_file, std::vector<Diagnostic>& diags,
                               EnvMode mode = EnvMode::Online);

}  // namespace miglint::alembic
