// pyproject.toml reading with toml++; see pyproject.h. [tool.alembic] follows Alembic 1.16's
// Config._get_toml_config_value / get_alembic_boolean_option.
#include "config/pyproject.h"

#include <fmt/format.h>

#include <filesystem>
#include <toml++/toml.h>

#include "config/miglint_toml.h"
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

struct Reader {
  const SourceFilePtr& file;
  std::string here;
  std::vector<Diagnostic>& diags;

  void bad(const toml::node& node, std::string message, std::string help = {}) {
    diags.push_back(config_diagnostic(file, toml_span(file, node.source()), Severity::Error, std::move(message),
                                      std::move(help)));
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
      Span span = toml_span(file, node.source());
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
    diags.push_back(toml_syntax_diagnostic(out.file, e));
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
    if (const auto* t = m->as_table()) {
      read_lint_table(out.file, *t, kToolMiglint, out.lint, diags);
    } else {
      diags.push_back(config_diagnostic(out.file, toml_span(out.file, m->source()), Severity::Warning,
                                        "[tool.miglint] must be a table"));
    }
  }
  return true;
}

}  // namespace miglint::config
