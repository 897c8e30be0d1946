// Reads miglint's own settings: [tool.miglint] in pyproject.toml and [miglint] in alembic.ini.
#pragma once

#include <vector>

#include "base/diagnostic.h"
#include "config/ini.h"
#include "config/settings.h"

namespace miglint::config {

// The keys both spellings accept; anything else is reported as a warning.
inline constexpr const char* kLintKeys[] = {"select", "ignore", "severity"};

// [miglint] in an .ini: `select`/`ignore` are lists split on commas, whitespace and newlines;
// `severity` holds `rule-id = level` (or `rule-id: level`) items, one per line or comma-separated.
// Keys present override what `out` already holds (pyproject is read first). Keys inherited from
// [DEFAULT] are not miglint keys and are not reported.
void read_lint_settings_ini(const IniFile& ini, const IniSection& section, LintSettings& out,
                            std::vector<Diagnostic>& diags);

// [tool.miglint] is read in pyproject.cc (select = [..], ignore = [..], severity = {rule-id = "level"}).

// Splits on commas and any whitespace, dropping empty items.
std::vector<std::string> split_list(std::string_view text);

}  // namespace miglint::config
