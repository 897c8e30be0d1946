// Fuzz target: the alembic.ini reader (configparser semantics, BasicInterpolation with
// %(here)s) and the [miglint] settings read from it, resolved against the rule registry.
//
// Invariants beyond "no crash, no exception, no hang":
// - every error, section header, option name and value span lies inside the file, on a line
//   the file has, and becomes a well-formed config-error diagnostic;
// - option names are stored lower-cased (configparser's optionxform) and found again by find();
// - get() of every option either gives a value or an interpolation error, never both;
// - [miglint] settings become lint options whose problems are config-error diagnostics.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/ini.h"
#include "config/lint_settings.h"
#include "config/py_text.h"
#include "fuzz_support.h"
#include "lint_settings_check.h"

namespace {

using namespace miglint;
using namespace miglint::config;
using namespace miglint::fuzz;

void check_line(const SourceFile& file, uint32_t line, const std::string& what) {
  FUZZ_CHECK(line <= file.line_count(), what + ": line " + std::to_string(line) + " past the end of the file");
}

void check_get(const IniFile& ini, std::string_view section, const IniOption& option) {
  std::optional<IniError> error;
  std::optional<std::string> value = ini.get(section, option.name, &error);
  FUZZ_CHECK(!(value && error), "get() gave a value and an error for " + option.name);
  FUZZ_CHECK(value || error, "get() gave nothing for the listed option " + option.name);
  if (error) {
    check_span(*ini.file(), error->span, "interpolation error of " + option.name);
    check_diagnostic(ini.to_diagnostic(*error), ini.file().get());
  }
}

void check_section(const IniFile& ini, const IniSection& section, bool is_default) {
  const SourceFile& file = *ini.file();
  std::string what = "section [" + section.name + "]";
  check_span(file, section.header_span, what);
  check_line(file, section.line, what);
  for (const IniOption& o : section.options) {
    std::string name = what + " option " + o.name;
    check_span(file, o.name_span, name + " name");
    check_span(file, o.value_span, name + " value");
    check_line(file, o.line, name);
    FUZZ_CHECK(o.name == py_lower(o.name), name + ": not lower-cased");
    std::string_view shown = is_default ? std::string_view("DEFAULT") : std::string_view(section.name);
    FUZZ_CHECK(ini.find(shown, o.name) != nullptr, name + ": not found by find()");
    check_get(ini, shown, o);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto file = std::make_shared<const SourceFile>("/fuzz/alembic.ini",
                                                 std::string(reinterpret_cast<const char*>(data), size));
  // As Alembic constructs its ConfigParser: {"here": <the ini's folder>}.
  IniFile ini = IniFile::parse(file, {{"here", "/fuzz"}});
  FUZZ_CHECK(ini.file() == file, "IniFile lost its file");
  for (const IniError& e : ini.errors()) {
    check_span(*file, e.span, std::string(ini_error_kind_name(e.kind)));
    check_line(*file, e.line, std::string(ini_error_kind_name(e.kind)));
    FUZZ_CHECK(!e.message.empty(), std::string(ini_error_kind_name(e.kind)) + " without a message");
    check_diagnostic(ini.to_diagnostic(e), file.get());
  }
  check_section(ini, ini.defaults(), true);
  for (const IniSection& s : ini.sections()) {
    FUZZ_CHECK(s.name != "DEFAULT", "DEFAULT listed as a section");
    FUZZ_CHECK(ini.has_section(s.name), "has_section() misses [" + s.name + "]");
    check_section(ini, s, false);
  }
  // What alembic.ini's [alembic] keys and miglint's own sections turn into.
  for (const char* key : {"script_location", "version_locations", "file_template", "sourceless"}) {
    std::optional<IniError> error;
    ini.get("alembic", key, &error);
  }
  LintSettings settings;
  std::vector<Diagnostic> diags;
  read_lint_settings_ini(ini, settings, diags);
  fuzz::check_diagnostics(diags, file.get());
  for (const Diagnostic& d : diags) FUZZ_CHECK(d.rule == "config-error", "an ini settings problem reported as " + d.rule);
  fuzz::check_lint_settings(settings);
  return 0;
}
