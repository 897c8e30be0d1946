// Settings for one run: where the revision files are (as Alembic finds them) and lint settings.
// Owned by src/config; filled by discover_settings().
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"

namespace miglint::config {

// [tool.miglint] in pyproject.toml / [miglint] in alembic.ini.
// One per-rule option as written. TOML values keep their type; an .ini value is always
// Kind::String (its raw text) and is converted when the rule's option spec is known (src/lint).
struct OptionValue {
  enum class Kind { Bool, Int, String, List };
  Kind kind = Kind::String;
  bool boolean = false;
  long long integer = 0;
  std::string text;
  std::vector<std::string> list;
  Location where;  // the value in its file, for diagnostics
};

struct LintSettings {
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::map<std::string, std::string> severity;  // rule id -> "error" | "warning" | "info" | "off"
  // Per-rule options: rule id -> option name -> value. Rule ids and option names are checked
  // against the rule registry by src/lint (config cannot know the rules).
  std::map<std::string, std::map<std::string, OptionValue>> options;
  std::optional<int> pg_version;                // PostgreSQL major version the database runs
  std::optional<std::string> lock_timeout;      // e.g. "5s"; `miglint apply` sets it, rules count it as set
  std::optional<std::string> statement_timeout; // same for statement_timeout
  std::optional<bool> check_downgrades;         // also lint downgrade() with SQL/lock rules
  // Where env.py keeps the version rows, for an env.py that computes version_table or
  // version_table_schema at run time (plan and apply must not guess); overrides env.py.
  std::optional<std::string> version_table;
  std::optional<std::string> version_table_schema;
  std::vector<std::string> sources;             // every settings file that contributed, in reading order
  // Where each `select` / `ignore` item and `severity` rule id was written, keyed "select:<id>",
  // "ignore:<id>", "severity:<id>": the linter, which alone knows the rule ids, reports an
  // unknown one there instead of at no place at all.
  std::map<std::string, Location> written_at;
};

struct Settings {
  std::string config_file;      // absolute path of the alembic.ini / pyproject.toml used; "" for a bare folder
  std::string script_location;  // absolute
  std::vector<std::string> version_locations;  // absolute folders, in order
  bool recursive_version_locations = false;
  bool sourceless = false;
  std::string file_template = "%(rev)s_%(slug)s";  // after configparser interpolation
  LintSettings lint;
};

struct DiscoverOptions {
  std::string path;            // where the user pointed miglint (file or folder); "" = cwd
  std::string config_file;     // -c/--config, else ALEMBIC_CONFIG, else discovery
  std::string ini_section = "alembic";
};

// Finds and reads the configuration. Returns false on a fatal problem (described in `diags`).
bool discover_settings(const DiscoverOptions& options, Settings& out, std::vector<Diagnostic>& diags);

// The revision files Alembic would load, in a deterministic order.
std::vector<std::string> list_revision_files(const Settings& settings, std::vector<Diagnostic>& diags);

}  // namespace miglint::config
