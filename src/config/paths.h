// Path helpers with Python's semantics (os.path.normpath/abspath) and the splitting rules Alembic
// applies to version_locations and prepend_sys_path.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace miglint::config {

std::string py_normpath(std::string_view path);                       // posixpath.normpath
std::string py_abspath(std::string_view path, std::string_view cwd);  // posixpath.abspath with a given cwd
std::string join_path(std::string_view dir, std::string_view name);   // posixpath.join
std::string current_dir();

bool is_dir(const std::string& path);
bool is_file(const std::string& path);
bool path_exists(const std::string& path);  // os.path.exists (follows symlinks)

// Alembic's legacy splits: re.split(r", *|(?: +)") and, for prepend_sys_path, r", *|(?: +)|\:".
// Empty items are kept, as re.split keeps them.
std::vector<std::string> split_legacy(std::string_view text, bool colon_too = false);

// version_path_separator / path_separator names: space, newline, os, ':' and ';'.
// Alembic 1.8 knows all but "newline" (added later); returns nullopt for an unknown name.
std::optional<char> path_separator_char(std::string_view name);

// `[x for x in text.split(sep) if x]`, with each item stripped when `strip` (Alembic 1.16).
std::vector<std::string> split_on(std::string_view text, char sep, bool strip);

// Where relative locations are looked up (see docs/configuration.md, "Relative paths").
struct ResolveContext {
  std::string config_dir;  // folder of the configuration file; "" for none
  std::string cwd;
  std::vector<std::string> sys_path;  // prepend_sys_path entries, already absolute
};

// Resolves a script_location / version_locations entry: absolute paths as they are; relative
// ones against the config folder when that exists there, else the cwd; `package:resource`
// (not absolute, contains ':') by finding the package folder under sys_path, the config folder
// and the cwd. Returns nullopt and sets `error` for a package that cannot be found.
std::optional<std::string> resolve_location(std::string_view value, const ResolveContext& ctx, std::string* error);

}  // namespace miglint::config
