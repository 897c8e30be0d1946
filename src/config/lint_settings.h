// miglint's own settings: the keys, the checks their values share wherever they are written, and
// the ini spelling ([miglint] and [miglint.options.<rule-id>] in alembic.ini). The TOML spellings
// ([tool.miglint] in pyproject.toml, miglint.toml) are read in miglint_toml.cc.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "config/ini.h"
#include "config/settings.h"

namespace miglint::config {

// The keys every spelling accepts; anything else is reported as a warning. In an ini, `options`
// is not a key but the [miglint.options.<rule-id>] sections.
inline constexpr std::string_view kLintKeys[] = {"select",       "ignore",           "severity",
                                                 "pg-version",   "lock-timeout",     "statement-timeout",
                                                 "check-downgrades", "version-table", "version-table-schema",
                                                 "options"};

// The help of an unknown-key diagnostic: the known keys, and the likely intended one when `key`
// differs from it only by `_` for `-` or by case (`pg_version`, `Select`).
std::string unknown_key_help(std::string_view key, bool ini);

// pg-version: the major version of "15", "15.4", "9.6" or "9.6.24" (9 stands for 9.6). Returns
// nullopt and sets `reason` when the text is no such version or the version is not 9.6..18.
std::optional<int> parse_pg_version(std::string_view text, std::string* reason);
// The same check for a version written as an integer (9 stands for 9.6).
std::optional<int> check_pg_major(long long major, std::string* reason);
inline constexpr const char* kPgVersionHelp =
    "Write the major version of the target database, 10 to 18, or \"9.6\" (minor versions such as "
    "\"15.4\" are accepted and ignored)";

// lock-timeout / statement-timeout: "" when `text` (already trimmed) is a duration PostgreSQL's
// SET accepts for a millisecond setting, else why it is not.
std::string duration_problem(std::string_view text);
inline constexpr const char* kDurationHelp =
    "Write a number with an optional unit (us, ms, s, min, h, d), as SET accepts it: \"5s\", \"500ms\", "
    "\"2min\"; a bare number is milliseconds and 0 disables the timeout";

// configparser's getboolean(): 1/yes/true/on and 0/no/false/off, in any case.
std::optional<bool> parse_ini_boolean(std::string_view text);

// [miglint] and every [miglint.options.<rule-id>] section of an .ini, read into `out` on top of
// what it holds (pyproject.toml is read first). `select`/`ignore` are lists split on commas,
// whitespace and newlines; `severity` holds `rule-id = level` (or `rule-id: level`) items, one
// per line or comma-separated; an options section's keys become Kind::String values with their
// interpolated text. Keys inherited from [DEFAULT] are not miglint keys and are not read.
// Returns true when the ini has any of these sections (it then counts as a settings source).
bool read_lint_settings_ini(const IniFile& ini, LintSettings& out, std::vector<Diagnostic>& diags);

// Splits on commas and any whitespace, dropping empty items.
std::vector<std::string> split_list(std::string_view text);

}  // namespace miglint::config
