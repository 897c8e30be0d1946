// miglint's settings in TOML: the [tool.miglint] table of pyproject.toml and miglint.toml, a
// settings-only file with the same keys at its top level (as ruff.toml is to [tool.ruff]).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "config/settings.h"

namespace miglint::config {

// Where a toml++ source region lies in `file` (toml++ counts lines and code points from 1).
Span toml_span(const SourceFilePtr& file, const toml::source_region& region);

// A toml++ syntax error as a `config-error` (severity error) at its position.
Diagnostic toml_syntax_diagnostic(const SourceFilePtr& file, const toml::parse_error& error);

// How messages name a settings table: "[tool.miglint]" with per-rule tables under
// "tool.miglint.options.", or "miglint.toml" with them under "options.".
struct LintTableName {
  std::string_view display;
  std::string_view prefix;
};
inline constexpr LintTableName kToolMiglint{"[tool.miglint]", "tool.miglint."};
inline constexpr LintTableName kMiglintToml{"miglint.toml", ""};

// Reads the keys of `table` into `out`, each one present replacing (for severity and options:
// merging into) what `out` holds. Unknown keys and ill-typed values are `config-error`
// warnings and leave `out` as it was for that key.
void read_lint_table(const SourceFilePtr& file, const toml::table& table, LintTableName name, LintSettings& out,
                     std::vector<Diagnostic>& diags);

// Reads miglint.toml at `path` on top of `out`. Returns false, with a `config-error` error and
// `out` untouched, when the file cannot be read or is not valid TOML.
bool read_miglint_toml(const std::string& path, LintSettings& out, std::vector<Diagnostic>& diags);

}  // namespace miglint::config
