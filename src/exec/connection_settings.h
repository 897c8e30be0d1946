// Where `miglint plan` (and later apply/verify/trace) connects: `--database-url`, else the
// DB_USER/DB_PASSWORD/DB_HOST/DB_PORT/DB_NAME convention env.py files use, else libpq's own
// environment (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD, PGSERVICE). And the redaction
// that keeps a password out of every message: docs/executor.md.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace miglint::exec {

// Reads one environment variable (nullopt: unset); std::getenv in the binary, a map in tests.
using EnvLookup = std::function<std::optional<std::string>(const char*)>;
EnvLookup process_environment();

struct ConnectionSettings {
  enum class Source { DatabaseUrl, DbVariables, LibpqEnvironment };
  Source source = Source::LibpqEnvironment;
  std::string conninfo;  // for libpq; may hold the password: never print it
  std::string display;   // the target without its password ("" for libpq's environment: ask
                         // the connection, which knows what libpq resolved)
  std::vector<std::string> secrets;  // strings to scrub from any message (the password, as
                                     // written and percent-decoded)
  std::optional<std::string> error;  // incomplete DB_* variables (a usage problem, exit 2)
};

std::string_view source_name(ConnectionSettings::Source source);

// `database_url` ("" when not given) first, then the DB_* variables when any of them is set
// (DB_USER, DB_HOST, DB_PORT and DB_NAME are then required; DB_PASSWORD may be unset or empty),
// then libpq's environment (an empty conninfo). A SQLAlchemy URL (`postgresql+psycopg2://`)
// is accepted: libpq gets `postgresql://`. A URL may also be a libpq key=value string.
ConnectionSettings resolve_connection(const std::string& database_url, const EnvLookup& env);

// `postgresql://user:***@host/db`: the password in the user part and any `password=` query
// parameter replaced by ***; a key=value string gets `password=***`.
std::string redact_url(std::string_view url);

// `text` with every secret replaced by ***.
std::string scrub(std::string text, const std::vector<std::string>& secrets);

// A libpq key=value conninfo value, quoted when needed ('…' with \ and ' escaped).
std::string conninfo_value(std::string_view value);

}  // namespace miglint::exec
