// Fuzz target: the TOML configuration readers (toml++): pyproject.toml ([tool.alembic] with
// Alembic 1.16's semantics, [tool.miglint]) and miglint.toml, then discovery from that
// pyproject.toml (how `-c pyproject.toml` resolves script_location and version_locations), and
// the settings resolved against the rule registry.
//
// Invariants beyond "no crash, no exception escaping toml++, no hang":
// - every diagnostic is a config-error inside the file it names;
// - every [tool.alembic] value keeps a span inside the file;
// - a syntax error is reported by both readers alike (one reader cannot accept what the other
//   rejects: they share toml++);
// - discovery that succeeds gives an absolute script_location, and at least one version
//   location unless an error explains why not;
// - the settings become lint options whose problems are config-error diagnostics.
#include <algorithm>
#include <string>
#include <vector>

#include "config/miglint_toml.h"
#include "config/pyproject.h"
#include "config/settings.h"
#include "fuzz_support.h"
#include "lint_settings_check.h"

namespace {

using namespace miglint;
using namespace miglint::config;
using namespace miglint::fuzz;

void check_config_diags(const std::vector<Diagnostic>& diags) {
  check_diagnostics(diags);
  for (const Diagnostic& d : diags) FUZZ_CHECK(d.rule == "config-error", "a TOML problem reported as " + d.rule);
}

template <typename T>
void check_value(const Pyproject& p, const std::optional<TomlValue<T>>& v, const char* key) {
  if (v) check_span(*p.file, v->span, std::string("[tool.alembic] ") + key);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string project = scratch_dir() + "/project";
  const std::string path = project + "/pyproject.toml";
  write_file(path, std::string_view(reinterpret_cast<const char*>(data), size));

  Pyproject pyproject;
  std::vector<Diagnostic> diags;
  bool pyproject_ok = read_pyproject(path, pyproject, diags);
  check_config_diags(diags);
  if (pyproject_ok) {
    FUZZ_CHECK(pyproject.file != nullptr, "read_pyproject succeeded without a file");
    const AlembicToml& a = pyproject.alembic;
    check_value(pyproject, a.script_location, "script_location");
    check_value(pyproject, a.version_locations, "version_locations");
    check_value(pyproject, a.prepend_sys_path, "prepend_sys_path");
    check_value(pyproject, a.file_template, "file_template");
    check_value(pyproject, a.sourceless, "sourceless");
    check_value(pyproject, a.recursive_version_locations, "recursive_version_locations");
    if (pyproject.has_tool_miglint) check_lint_settings(pyproject.lint);
  }

  // The same text as miglint.toml (its keys at the top level).
  LintSettings lint;
  std::vector<Diagnostic> toml_diags;
  bool toml_ok = read_miglint_toml(path, lint, toml_diags);
  check_config_diags(toml_diags);
  FUZZ_CHECK(toml_ok == pyproject_ok, "one TOML reader accepted what the other rejected");
  if (toml_ok) check_lint_settings(lint);

  // Discovery with `-c pyproject.toml`: [tool.alembic] resolved to folders (looked up, never listed).
  if (pyproject_ok && pyproject.has_tool_alembic) {
    DiscoverOptions options;
    options.config_file = path;
    Settings settings;
    std::vector<Diagnostic> found;
    bool ok = discover_settings(options, settings, found);
    check_config_diags(found);
    if (ok) {
      FUZZ_CHECK(!settings.script_location.empty() && settings.script_location.front() == '/',
                 "script_location not absolute: " + settings.script_location);
      // No folder to list is only acceptable when an error says why (an entry that does not
      // resolve): never a silent run over zero revision files.
      bool error = std::any_of(found.begin(), found.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
      FUZZ_CHECK(!settings.version_locations.empty() || error, "discovery succeeded without a version location or an error");
      check_lint_settings(settings.lint);
    } else {
      FUZZ_CHECK(!found.empty(), "discovery failed without saying why");
    }
  }
  return 0;
}
