// Reads the [miglint] section of an .ini into LintSettings; see lint_settings.h.
#include "config/lint_settings.h"

#include <fmt/format.h>

#include "config/pyproject.h"
#include "config/py_text.h"

namespace miglint::config {

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  for (size_t i = 0; i < text.size();) {
    char32_t cp = decode_utf8(text, i);
    if (cp == ',' || is_py_space(cp)) {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      append_utf8(current, cp);
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

static void read_severity(const IniFile& ini, const IniOption& opt, std::string_view value,
                          LintSettings& out, std::vector<Diagnostic>& diags) {
  // Items are separated by newlines or commas; each is `rule = level` or `rule: level`.
  std::string item;
  auto flush = [&] {
    std::string_view it = py_strip(item);
    if (!it.empty()) {
      size_t eq = it.find_first_of("=:");
      std::string rule = eq == std::string_view::npos ? std::string() : std::string(py_strip(it.substr(0, eq)));
      std::string level = eq == std::string_view::npos ? std::string() : std::string(py_strip(it.substr(eq + 1)));
      if (rule.empty() || level.empty()) {
        diags.push_back(config_diagnostic(ini.file(), opt.value_span, Severity::Warning,
                                          fmt::format("Ignoring severity item {}: expected `rule-id = level`", py_repr(it)),
                                          "Write one `rule-id = level` per line, indented under `severity =`"));
      } else if (!parse_severity(level)) {
        diags.push_back(config_diagnostic(ini.file(), opt.value_span, Severity::Warning,
                                          fmt::format("Unknown severity {} for rule {}", py_repr(level), rule),
                                          "Use one of: error, warning, info, off"));
      } else {
        out.severity[rule] = level;
      }
    }
    item.clear();
  };
  for (char c : value) {
    if (c == '\n' || c == ',') flush();
    else item += c;
  }
  flush();
}

void read_lint_settings_ini(const IniFile& ini, const IniSection& section, LintSettings& out,
                            std::vector<Diagnostic>& diags) {
  for (const IniOption& opt : section.options) {
    std::optional<IniError> error;
    std::optional<std::string> value = ini.get(section.name, opt.name, &error);
    if (error) {
      diags.push_back(ini.to_diagnostic(*error));
      continue;
    }
    if (opt.name == "select") {
      out.select = split_list(*value);
    } else if (opt.name == "ignore") {
      out.ignore = split_list(*value);
    } else if (opt.name == "severity") {
      read_severity(ini, opt, *value, out, diags);
    } else {
      diags.push_back(config_diagnostic(ini.file(), opt.name_span, Severity::Warning,
                                        fmt::format("Unknown key {} in [{}]", py_repr(opt.name), section.name),
                                        "Known keys: select, ignore, severity"));
    }
  }
}

}  // namespace miglint::config
