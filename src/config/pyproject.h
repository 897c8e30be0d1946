// pyproject.toml: [tool.alembic] with Alembic 1.16's semantics (Alembic 1.8 ignores the file)
// and [tool.miglint].
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "config/settings.h"

namespace miglint::config {

// A value from [tool.alembic], after Alembic 1.16's `value % {"here": <toml folder>}`.
template <typename T>
struct TomlValue {
  T value{};
  Span span;  // where it was written, for diagnostics
};

struct AlembicToml {
  std::optional<TomlValue<std::string>> script_location;
  std::optional<TomlValue<std::vector<std::string>>> version_locations;
  std::optional<TomlValue<std::vector<std::string>>> prepend_sys_path;
  std::optional<TomlValue<std::string>> file_template;
  std::optional<TomlValue<bool>> sourceless;
  std::optional<TomlValue<bool>> recursive_version_locations;
};

struct Pyproject {
  SourceFilePtr file;
  bool has_tool_alembic = false;
  bool has_tool_miglint = false;
  AlembicToml alembic;
  LintSettings lint;  // from [tool.miglint], when has_tool_miglint
};

// Reads and parses `path`. Returns false (with a diagnostic) when the file cannot be read or is
// not valid TOML. Problems inside the tables are diagnostics; the readable rest is kept.
bool read_pyproject(const std::string& path, Pyproject& out, std::vector<Diagnostic>& diags);

// Python's `value % {"here": here}` for the forms Alembic configurations use: %(name)s and %%.
// Returns nullopt and sets `error` for anything else.
std::optional<std::string> percent_format(std::string_view value, std::string_view here, std::string* error);

// A `config-error` diagnostic at `span` of `file`.
Diagnostic config_diagnostic(const SourceFilePtr& file, Span span, Severity severity, std::string message,
                             std::string help = {});
// A `config-error` diagnostic about a path, with no span (missing files and folders).
Diagnostic path_diagnostic(const std::string& path, Severity severity, std::string message, std::string help = {});

}  // namespace miglint::config
