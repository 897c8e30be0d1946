// [tool.miglint] and miglint.toml with toml++; see miglint_toml.h. Values are checked with the
// same functions as the ini spelling (lint_settings.h), so the three places accept the same text.
#include "config/miglint_toml.h"

#include <fmt/format.h>

#include "config/lint_settings.h"
#include "config/py_text.h"
#include "config/pyproject.h"

namespace miglint::config {

Span toml_span(const SourceFilePtr& file, const toml::source_region& region) {
  // toml++ columns count code points; walk them so a value after non-ASCII text is found.
  auto offset = [&](const toml::source_position& p) {
    std::string_view text = file->text();
    size_t at = file->line_start(p.line ? p.line : 1);
    for (uint32_t col = 1; col < p.column && at < text.size() && text[at] != '\n'; ++col) decode_utf8(text, at);
    return static_cast<uint32_t>(at);
  };
  uint32_t begin = offset(region.begin);
  return {begin, std::max(begin, offset(region.end))};
}

Diagnostic toml_syntax_diagnostic(const SourceFilePtr& file, const toml::parse_error& error) {
  Span at = toml_span(file, error.source());
  at.end = at.begin;
  return config_diagnostic(file, at, Severity::Error, fmt::format("Invalid TOML: {}", error.description()));
}

namespace {

// "a float", "a table": how messages name a TOML type.
std::string_view type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "a value";
  }
}

struct TableReader {
  const SourceFilePtr& file;
  LintTableName name;
  LintSettings& out;
  std::vector<Diagnostic>& diags;

  void warn(Span span, std::string message, std::string help = {}) {
    diags.push_back(config_diagnostic(file, span, Severity::Warning, std::move(message), std::move(help)));
  }
  void warn(const toml::node& node, std::string message, std::string help = {}) {
    warn(toml_span(file, node.source()), std::move(message), std::move(help));
  }

  std::optional<std::vector<std::string>> rule_list(const toml::node& node, std::string_view key) {
    std::vector<std::string> list;
    if (const auto* a = node.as_array()) {
      for (const toml::node& item : *a) {
        const auto* s = item.as_string();
        if (!s) {
          warn(item, fmt::format("{} in {}: items must be strings, not {}", key, name.display, type_name(item)));
          return std::nullopt;
        }
        list.push_back(s->get());
        out.written_at[fmt::format("{}:{}", key, s->get())] = Location{file, toml_span(file, item.source()), {}};
      }
      return list;
    }
    if (const auto* s = node.as_string()) {
      std::vector<std::string> items = split_list(s->get());
      for (const std::string& id : items)
        out.written_at[fmt::format("{}:{}", key, id)] = Location{file, toml_span(file, node.source()), {}};
      return items;
    }
    warn(node, fmt::format("{} in {} must be a list of rule ids, not {}", key, name.display, type_name(node)),
         fmt::format("Write {} = [\"rule-id\", ...]", key));
    return std::nullopt;
  }

  void severity(const toml::node& node) {
    const auto* table = node.as_table();
    if (!table) {
      warn(node, fmt::format("severity in {} must be a table of rule-id = \"level\"", name.display));
      return;
    }
    for (auto&& [rule, level] : *table) {
      const auto* s = level.as_string();
      if (!s) {
        warn(level, fmt::format("The severity of rule {} must be a string, not {}", rule.str(), type_name(level)),
             "Use one of: \"error\", \"warning\", \"info\", \"off\"");
      } else if (!parse_severity(s->get())) {
        warn(level, fmt::format("Unknown severity {} for rule {}", py_repr(s->get()), rule.str()),
             "Use one of: error, warning, info, off");
      } else {
        out.severity[std::string(rule.str())] = s->get();
        out.written_at["severity:" + std::string(rule.str())] = Location{file, toml_span(file, level.source()), {}};
      }
    }
  }

  void pg_version(const toml::node& node) {
    std::string reason;
    std::optional<int> major;
    if (const auto* i = node.as_integer()) {
      major = check_pg_major(i->get(), &reason);
      if (!major) warn(node, fmt::format("Invalid pg-version {}: {}", i->get(), reason), kPgVersionHelp);
    } else if (const auto* s = node.as_string()) {
      std::string_view text = py_strip(s->get());
      major = parse_pg_version(text, &reason);
      if (!major) warn(node, fmt::format("Invalid pg-version {}: {}", py_repr(text), reason), kPgVersionHelp);
    } else if (node.is_floating_point()) {
      // 9.6 parses as a float; quoting keeps "9.6" apart from 9.60.
      warn(node, fmt::format("pg-version in {} must be an integer or a string, not a float", name.display),
           "Write a version with a dot as a string: pg-version = \"9.6\"");
    } else {
      warn(node, fmt::format("pg-version in {} must be an integer or a string, not {}", name.display, type_name(node)),
           kPgVersionHelp);
    }
    if (major) out.pg_version = *major;
  }

  void timeout(const toml::node& node, std::string_view key, std::optional<std::string>& into) {
    std::string text;
    if (const auto* s = node.as_string()) {
      text = std::string(py_strip(s->get()));
    } else if (const auto* i = node.as_integer()) {
      text = std::to_string(i->get());  // a bare number is milliseconds, as in SET
    } else {
      warn(node, fmt::format("{} in {} must be a string such as \"5s\", not {}", key, name.display, type_name(node)),
           kDurationHelp);
      return;
    }
    std::string problem = duration_problem(text);
    if (!problem.empty()) {
      warn(node, fmt::format("Invalid {} {}: {}", key, py_repr(text), problem), kDurationHelp);
      return;
    }
    into = std::move(text);
  }

  void boolean(const toml::node& node, std::string_view key, std::optional<bool>& into) {
    if (const auto* b = node.as_boolean()) {
      into = b->get();
      return;
    }
    warn(node, fmt::format("{} in {} must be true or false, not {}", key, name.display, type_name(node)),
         node.is_string() ? "Write true or false without quotes" : "");
  }

  // options.<rule-id>.<option> = bool | integer | string | array of strings. Which rules and
  // options exist is checked by src/lint; here only the TOML types.
  void options(const toml::node& node) {
    const auto* rules = node.as_table();
    if (!rules) {
      warn(node, fmt::format("options in {} must be a table of [{}options.<rule-id>] tables, not {}", name.display,
                             name.prefix, type_name(node)));
      return;
    }
    for (auto&& [rule, rule_node] : *rules) {
      const auto* table = rule_node.as_table();
      if (!table) {
        warn(rule_node,
             fmt::format("{}options.{} must be a table of option = value, not {}", name.prefix, rule.str(),
                         type_name(rule_node)),
             fmt::format("Write [{}options.{}] followed by one `option = value` per line", name.prefix, rule.str()));
        continue;
      }
      for (auto&& [option, value] : *table) {
        if (auto v = option_value(value, rule.str(), option.str())) {
          out.options[std::string(rule.str())][std::string(option.str())] = std::move(*v);
        }
      }
    }
  }

  std::optional<OptionValue> option_value(const toml::node& node, std::string_view rule, std::string_view option) {
    OptionValue v;
    v.where.file = file;
    v.where.path = file->path();
    v.where.span = toml_span(file, node.source());
    std::string help = fmt::format("The options of {} are listed in docs/rules/{}.md and by `miglint explain {}`",
                                   rule, rule, rule);
    if (const auto* b = node.as_boolean()) {
      v.kind = OptionValue::Kind::Bool;
      v.boolean = b->get();
    } else if (const auto* i = node.as_integer()) {
      v.kind = OptionValue::Kind::Int;
      v.integer = i->get();
    } else if (const auto* s = node.as_string()) {
      v.kind = OptionValue::Kind::String;
      v.text = s->get();
    } else if (const auto* a = node.as_array()) {
      v.kind = OptionValue::Kind::List;
      for (const toml::node& item : *a) {
        const auto* s = item.as_string();
        if (!s) {
          warn(item, fmt::format("Option {} of rule {}: array items must be strings, not {}", option, rule,
                                 type_name(item)),
               help);
          return std::nullopt;
        }
        v.list.push_back(s->get());
      }
    } else {
      warn(node, fmt::format("Option {} of rule {} is {}; options take a boolean, an integer, a string or an "
                             "array of strings",
                             option, rule, type_name(node)),
           help);
      return std::nullopt;
    }
    return v;
  }

  void read(const toml::table& table) {
    for (auto&& [k, node] : table) {
      std::string_view key = k.str();
      if (key == "select") {
        if (auto v = rule_list(node, key)) out.select = *v;
      } else if (key == "ignore") {
        if (auto v = rule_list(node, key)) out.ignore = *v;
      } else if (key == "severity") {
        severity(node);
      } else if (key == "pg-version") {
        pg_version(node);
      } else if (key == "lock-timeout") {
        timeout(node, key, out.lock_timeout);
      } else if (key == "statement-timeout") {
        timeout(node, key, out.statement_timeout);
      } else if (key == "check-downgrades") {
        boolean(node, key, out.check_downgrades);
      } else if (key == "version-table" || key == "version-table-schema") {
        if (const auto* s = node.as_string())
          (key == "version-table" ? out.version_table : out.version_table_schema) = std::string(s->get());
        else
          warn(node, fmt::format("{} in {} must be a string, not {}", key, name.display, type_name(node)));
      } else if (key == "options") {
        options(node);
      } else {
        std::string help = name.prefix.empty() && (key == "tool" || key == "miglint")
                               ? "miglint.toml holds miglint's keys at its top level, without a [tool.miglint] "
                                 "or [miglint] header"
                               : unknown_key_help(key, false);
        warn(toml_span(file, k.source()), fmt::format("Unknown key '{}' in {}", key, name.display), std::move(help));
      }
    }
  }
};

}  // namespace

void read_lint_table(const SourceFilePtr& file, const toml::table& table, LintTableName name, LintSettings& out,
                     std::vector<Diagnostic>& diags) {
  TableReader{file, name, out, diags}.read(table);
}

bool read_miglint_toml(const std::string& path, LintSettings& out, std::vector<Diagnostic>& diags) {
  std::string error;
  SourceFilePtr file = read_source_file(path, &error);
  if (!file) {
    diags.push_back(path_diagnostic(path, Severity::Error, fmt::format("Cannot read {}: {}", path, error),
                                    "miglint goes on with the settings from the other files"));
    return false;
  }
  toml::table root;
  try {
    root = toml::parse(file->text(), path);
  } catch (const toml::parse_error& e) {
    // toml++ reports syntax errors by exception; the other settings files still apply.
    diags.push_back(toml_syntax_diagnostic(file, e));
    diags.back().help = "miglint ignores this file and goes on with the settings from the other files";
    return false;
  }
  read_lint_table(file, root, kMiglintToml, out, diags);
  return true;
}

}  // namespace miglint::config
