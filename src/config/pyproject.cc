// pyproject.toml reading with toml++; see pyproject.h. [tool.alembic] follows Alembic 1.16's
// Config._get_toml_config_value / get_alembic_boolean_option.
#include "config/pyproject.h"

#include <fmt/format.h>

#include <filesystem>
#include <toml++/toml.h>

#include "config/lint_settings.h"
#include "config/py_text.h"

namespace miglint::config {

Diagnostic config_diagnostic(const SourceFilePtr& file, Span span, Severity severity, std::string message,
                             std::string help) {
  Diagnostic d;
  d.rule = "config-error";
  d.severity = severity;
  d.location.file = file;
  d.location.span = span;
  if (file) d.location.path = file->path();
  d.message = std::move(message);
  d.help = std::move(help);
  return d;
}

Diagnostic path_diagnostic(const std::string& path, Severity severity, std::string message, std::string help) {
  Diagnostic d;
  d.rule = "config-error";
  d.severity = severity;
  d.location.path = path;
  d.message = std::move(message);
  d.help = std::move(help);
  return d;
}

std::optional<std::string> percent_format(std::string_view value, std::string_view here, std::string* error) {
  std::string out;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '%') {
      out += value[i];
      continue;
    }
    if (i + 1 < value.size() && value[i + 1] == '%') {
      out += '%';
      ++i;
      continue;
    }
    if (i + 1 < value.size() && value[i + 1] == '(') {
      size_t close = value.find(')', i + 2);
      if (close != std::string_view::npos && close + 1 < value.size() && value[close + 1] == 's') {
        std::string_view key = value.substr(i + 2, close - i - 2);
        if (key != "here") {
          *error = fmt::format("%({})s: Alembic only provides %(here)s in pyproject.toml (KeyError)", key);
          return std::nullopt;
        }
        out += here;
        i = close + 1;
        continue;
      }
    }
    *error = fmt::format("Unsupported '%' format at {}; write a literal % as %%", py_repr(value.substr(i)));
    return std::nullopt;
  }
  return out;
}

namespace {

Span node_span(const SourceFilePtr& file, const toml::node& node) {
  const toml::source_region& r = node.source();
  auto offset = [&](const toml::source_position& p) {
    return static_cast<uint32_t>(file->line_start(p.line) + (p.column ? p.column - 1 : 0));
  };
  uint32_t begin = offset(r.begin);
  return {begin, std::max(begin, offset(r.end))};
}

struct Reader {
  const SourceFilePtr& file;
  std::string here;
  std::vector<Diagnostic>& diags;

  void bad(const toml::node& node, std::string message, std::string help = {}) {
    diags.push_back(config_diagnostic(file, node_span(file, node), Severity::Error, std::move(message), std::move(help)));
  }

  std::optional<std::string> string(const toml::node& node, std::string_view key) {
    const auto* s = node.as_string();
    if (!s) {
      bad(node, fmt::format("[tool.alembic] {} must be a string", key));
      return std::nullopt;
    }
    std::string error;
    auto v = percent_format(s->get(), here, &error);
    if (!v) bad(node, fmt::format("[tool.alembic] {}: {}", key, error));
    return v;
  }

  std::optional<std::vector<std::string>> strings(const toml::node& node, std::string_view key) {
    const auto* a = node.as_array();
    if (!a) {
      bad(node, fmt::format("[tool.alembic] {} must be a list of strings", key),
          "Alembic 1.16 iterates the value; a plain string would be read character by character");
      return std::nullopt;
    }
    std::vector<std::string> out;
    for (const toml::node& item : *a) {
      auto v = string(item, key);
      if (!v) return std::nullopt;
      out.push_back(*v);
    }
    return out;
  }

  std::optional<bool> boolean(const toml::node& node, std::string_view key) {
    if (const auto* b = node.as_boolean()) return b->get();
    bad(node, fmt::format("Boolean value expected for TOML parameter '{}'", key),
        "Write true or false without quotes");
    return std::nullopt;
  }

  void alembic(const toml::table& t, AlembicToml& out) {
    for (auto&& [k, node] : t) {
      std::string_view key = k.str();
      Span span = node_span(file, node);
      if (key == "script_location") {
        if (auto v = string(node, key)) out.script_location = TomlValue<std::string>{*v, span};
      } else if (key == "file_template") {
        if (auto v = string(node, key)) out.file_template = TomlValue<std::string>{*v, span};
      } else if (key == "version_locations") {
        if (auto v = strings(node, key)) out.version_locations = TomlValue<std::vector<std::string>>{*v, span};
      } else if (key == "prepend_sys_path") {
        if (auto v = strings(node, key)) out.prepend_sys_path = TomlValue<std::vector<std::string>>{*v, span};
      } else if (key == "sourceless") {
        if (auto v = boolean(node, key)) out.sourceless = TomlValue<bool>{*v, span};
      } else if (key == "recursive_version_locations") {
        if (auto v = boolean(node, key)) out.recursive_version_locations = TomlValue<bool>{*v, span};
      }
      // Other [tool.alembic] keys (timezone, post_write_hooks, ...) are Alembic's business.
    }
  }

  std::optional<std::vector<std::string>> rule_list(const toml::node& node, std::string_view key) {
    std::vector<std::string> out;
    if (const auto* a = node.as_array()) {
      for (const toml::node& item : *a) {
        if (const auto* s = item.as_string()) {
          out.push_back(s->get());
        } else {
          warn(item, fmt::format("[tool.miglint] {} items must be strings", key));
          return std::nullopt;
        }
      }
      return out;
    }
    if (const auto* s = node.as_string()) return split_list(s->get());
    warn(node, fmt::format("[tool.miglint] {} must be a list of rule ids", key));
    return std::nullopt;
  }

  void warn(const toml::node& node, std::string message, std::string help = {}) {
    diags.push_back(config_diagnostic(file, node_span(file, node), Severity::Warning, std::move(message), std::move(help)));
  }

  void miglint(const toml::table& t, LintSettings& out) {
    for (auto&& [k, node] : t) {
      std::string_view key = k.str();
      if (key == "select") {
        if (auto v = rule_list(node, key)) out.select = *v;
      } else if (key == "ignore") {
        if (auto v = rule_list(node, key)) out.ignore = *v;
      } else if (key == "severity") {
        const auto* sev = node.as_table();
        if (!sev) {
          warn(node, "[tool.miglint] severity must be a table of rule-id = \"level\"");
          continue;
        }
        for (auto&& [rule, level] : *sev) {
          const auto* s = level.as_string();
          if (!s || !parse_severity(s->get())) {
            warn(level, fmt::format("Unknown severity for rule {}", rule.str()), "Use one of: error, warning, info, off");
            continue;
          }
          out.severity[std::string(rule.str())] = s->get();
        }
      } else {
        warn(node, fmt::format("Unknown key '{}' in [tool.miglint]", key), "Known keys: select, ignore, severity");
      }
    }
  }
};

}  // namespace

bool read_pyproject(const std::string& path, Pyproject& out, std::vector<Diagnostic>& diags) {
  std::string error;
  out.file = read_source_file(path, &error);
  if (!out.file) {
    diags.push_back(path_diagnostic(path, Severity::Error, fmt::format("Cannot read {}: {}", path, error)));
    return false;
  }
  toml::table root;
  try {
    root = toml::parse(out.file->text(), path);
  } catch (const toml::parse_error& e) {
    // toml++ reports syntax errors by exception; turn it into a diagnostic at its position.
    Span at{static_cast<uint32_t>(out.file->line_start(e.source().begin.line) +
                                  (e.source().begin.column ? e.source().begin.column - 1 : 0)),
            0};
    at.end = at.begin;
    diags.push_back(config_diagnostic(out.file, at, Severity::Error,
                                      fmt::format("Invalid TOML: {}", e.description())));
    return false;
  }
  std::string here = std::filesystem::path(path).parent_path().generic_string();
  Reader reader{out.file, here, diags};
  const toml::table* tool = root["tool"].as_table();
  if (!tool) return true;
  if (const toml::node* a = tool->get("alembic")) {
    out.has_tool_alembic = true;
    if (const auto* t = a->as_table()) reader.alembic(*t, out.alembic);
    else reader.bad(*a, "[tool.alembic] must be a table");
  }
  if (const toml::node* m = tool->get("miglint")) {
    out.has_tool_miglint = true;
    if (const auto* t = m->as_table()) reader.miglint(*t, out.lint);
    else reader.warn(*m, "[tool.miglint] must be a table");
  }
  return true;
}

}  // namespace miglint::config
