// The checks miglint's settings share wherever they are written, and the [miglint] sections of an
// .ini; see lint_settings.h.
#include "config/lint_settings.h"

#include <fmt/format.h>

#include <climits>
#include <cmath>
#include <cstdlib>

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

std::string unknown_key_help(std::string_view key, bool ini) {
  std::string normalized;
  for (char c : key) normalized += c == '_' ? '-' : static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  std::string known;
  std::string_view guess;
  for (std::string_view k : kLintKeys) {
    if (k == normalized && !(ini && k == "options")) guess = k;
    if (ini && k == "options") continue;
    if (!known.empty()) known += ", ";
    known += k;
  }
  std::string help = fmt::format("Known keys: {}", known);
  if (ini) help += "; per-rule options go in [miglint.options.<rule-id>] sections";
  if (!guess.empty()) help = fmt::format("Did you mean '{}'? {}", guess, help);
  return help;
}

std::optional<int> check_pg_major(long long major, std::string* reason) {
  if (major == 9 || (major >= 10 && major <= 18)) return static_cast<int>(major);
  *reason = major == 96 ? "PostgreSQL 96 does not exist; write 9.6 as a string, \"9.6\""
                        : fmt::format("PostgreSQL {} is not supported", major);
  return std::nullopt;
}

std::optional<int> parse_pg_version(std::string_view text, std::string* reason) {
  // Up to three dot-separated numbers: "15", "15.4", "9.6", "9.6.24".
  std::vector<long long> parts;
  size_t i = 0;
  while (true) {
    size_t start = i;
    long long n = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (n < 1000000) n = n * 10 + (text[i] - '0');
      ++i;
    }
    if (i == start) break;  // nothing, or nothing after a dot: the check below rejects it
    parts.push_back(n);
    if (i == text.size() || text[i] != '.') break;
    ++i;
  }
  if (parts.empty() || i != text.size() || text.back() == '.' || parts.size() > 3) {
    *reason = "expected a version such as 15, \"15.4\" or \"9.6\"";
    return std::nullopt;
  }
  long long major = parts[0];
  if (major < 10) {
    // Before 10 the major version had two parts; 9.6 is the only one miglint knows.
    if (major == 9 && (parts.size() == 1 || parts[1] == 6)) return 9;
    *reason = parts.size() == 1 ? fmt::format("PostgreSQL {} is not supported", major)
                                : fmt::format("PostgreSQL {}.{} is not supported", major, parts[1]);
    return std::nullopt;
  }
  if (parts.size() > 2) {
    *reason = "since PostgreSQL 10 a version has two parts, major.minor";
    return std::nullopt;
  }
  return check_pg_major(major, reason);
}

std::string duration_problem(std::string_view text) {
  if (text.empty()) return "it is empty (write 0 to disable the timeout)";
  if (text[0] == '-') return "a timeout cannot be negative";
  // PostgreSQL's parse_int/parse_real: a number, optional whitespace, an optional unit.
  size_t i = 0, digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return "it does not start with a number";
  double value = std::strtod(std::string(text.substr(0, i)).c_str(), nullptr);
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  std::string_view unit = text.substr(i);
  struct Unit {
    std::string_view name;
    double ms;
  };
  static constexpr Unit kUnits[] = {{"us", 0.001}, {"ms", 1}, {"s", 1000}, {"min", 60000}, {"h", 3600000}, {"d", 86400000}};
  double ms = value;
  if (!unit.empty()) {
    const Unit* found = nullptr;
    for (const Unit& u : kUnits)
      if (u.name == unit) found = &u;
    if (!found) {
      if (unit == "m") return "'m' is not a unit; PostgreSQL writes minutes as 'min'";
      for (const Unit& u : kUnits) {
        std::string lower;
        for (char c : unit) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        if (u.name == lower) return fmt::format("units are case-sensitive: write '{}', not '{}'", u.name, unit);
      }
      return fmt::format("unknown unit {}", py_repr(unit));
    }
    ms = value * found->ms;
  }
  // lock_timeout and statement_timeout are int milliseconds, 0..INT_MAX.
  if (std::rint(ms) > INT_MAX) return "it is out of range: PostgreSQL accepts at most 2147483647ms (about 24.8 days)";
  return {};
}

std::optional<bool> parse_ini_boolean(std::string_view text) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (std::string_view t : {"1", "yes", "true", "on"})
    if (lower == t) return true;
  for (std::string_view f : {"0", "no", "false", "off"})
    if (lower == f) return false;
  return std::nullopt;
}

namespace {

struct IniReader {
  const IniFile& ini;
  LintSettings& out;
  std::vector<Diagnostic>& diags;

  void warn(Span span, std::string message, std::string help = {}) {
    diags.push_back(config_diagnostic(ini.file(), span, Severity::Warning, std::move(message), std::move(help)));
  }

  // Where `item` is written in the option's value: its own text when the raw value holds it,
  // else (it came from a %(name)s reference) the whole value.
  Location item_location(const IniOption& opt, std::string_view item) const {
    std::string_view raw = ini.file()->slice(opt.value_span);
    size_t at = raw.find(item);
    Span span = at == std::string_view::npos
                    ? opt.value_span
                    : Span{opt.value_span.begin + static_cast<uint32_t>(at),
                           opt.value_span.begin + static_cast<uint32_t>(at + item.size())};
    return Location{ini.file(), span, {}};
  }

  void record(const IniOption& opt, std::string_view key, const std::vector<std::string>& items) {
    for (const std::string& item : items) out.written_at[fmt::format("{}:{}", key, item)] = item_location(opt, item);
  }

  void severity(const IniOption& opt, std::string_view value) {
    // Items are separated by newlines or commas; each is `rule = level` or `rule: level`.
    std::string item;
    auto flush = [&] {
      std::string_view it = py_strip(item);
      if (!it.empty()) {
        size_t eq = it.find_first_of("=:");
        std::string rule = eq == std::string_view::npos ? std::string() : std::string(py_strip(it.substr(0, eq)));
        std::string level = eq == std::string_view::npos ? std::string() : std::string(py_strip(it.substr(eq + 1)));
        if (rule.empty() || level.empty()) {
          warn(opt.value_span, fmt::format("Ignoring severity item {}: expected `rule-id = level`", py_repr(it)),
               "Write one `rule-id = level` per line, indented under `severity =`");
        } else if (!parse_severity(level)) {
          warn(opt.value_span, fmt::format("Unknown severity {} for rule {}", py_repr(level), rule),
               "Use one of: error, warning, info, off");
        } else {
          out.severity[rule] = level;
          out.written_at["severity:" + rule] = item_location(opt, rule);
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

  void timeout(const IniOption& opt, std::string_view value, std::optional<std::string>& into) {
    std::string_view text = py_strip(value);
    std::string problem = duration_problem(text);
    if (!problem.empty()) {
      warn(opt.value_span, fmt::format("Invalid {} {}: {}", opt.name, py_repr(text), problem), kDurationHelp);
      return;
    }
    into = std::string(text);
  }

  void main_section(const IniSection& section) {
    for (const IniOption& opt : section.options) {
      std::optional<IniError> error;
      std::optional<std::string> value = ini.get(section.name, opt.name, &error);
      if (error) {
        diags.push_back(ini.to_diagnostic(*error));
        continue;
      }
      if (opt.name == "select") {
        out.select = split_list(*value);
        record(opt, "select", out.select);
      } else if (opt.name == "ignore") {
        out.ignore = split_list(*value);
        record(opt, "ignore", out.ignore);
      } else if (opt.name == "severity") {
        severity(opt, *value);
      } else if (opt.name == "pg-version") {
        std::string reason;
        std::string_view text = py_strip(*value);
        if (auto v = parse_pg_version(text, &reason)) out.pg_version = *v;
        else warn(opt.value_span, fmt::format("Invalid pg-version {}: {}", py_repr(text), reason), kPgVersionHelp);
      } else if (opt.name == "lock-timeout") {
        timeout(opt, *value, out.lock_timeout);
      } else if (opt.name == "statement-timeout") {
        timeout(opt, *value, out.statement_timeout);
      } else if (opt.name == "check-downgrades") {
        // configparser's getboolean() message, since that is what the value is read as.
        if (auto b = parse_ini_boolean(*value)) out.check_downgrades = *b;
        else warn(opt.value_span, fmt::format("check-downgrades: Not a boolean: {}", py_repr(*value)),
                  "Use true/false, yes/no, on/off or 1/0");
      } else if (opt.name == "version-table") {
        out.version_table = std::string(py_strip(*value));
      } else if (opt.name == "version-table-schema") {
        out.version_table_schema = std::string(py_strip(*value));
      } else if (opt.name == "options") {
        warn(opt.name_span, fmt::format("Per-rule options are not a key of [{}]", section.name),
             "Write them in a section per rule: [miglint.options.<rule-id>] with one `option = value` per line");
      } else {
        warn(opt.name_span, fmt::format("Unknown key {} in [{}]", py_repr(opt.name), section.name),
             unknown_key_help(opt.name, true));
      }
    }
  }

  // [miglint.options.<rule-id>]: values stay text until src/lint knows each option's type.
  void options_section(const IniSection& section, const std::string& rule) {
    for (const IniOption& opt : section.options) {
      std::optional<IniError> error;
      std::optional<std::string> value = ini.get(section.name, opt.name, &error);
      if (error) {
        diags.push_back(ini.to_diagnostic(*error));
        continue;
      }
      OptionValue v;
      v.kind = OptionValue::Kind::String;
      v.text = *value;
      v.where.file = ini.file();
      v.where.path = ini.file()->path();
      v.where.span = opt.value_span;
      out.options[rule][opt.name] = std::move(v);
    }
  }
};

}  // namespace

bool read_lint_settings_ini(const IniFile& ini, LintSettings& out, std::vector<Diagnostic>& diags) {
  static constexpr std::string_view kOptionsPrefix = "miglint.options.";
  IniReader reader{ini, out, diags};
  bool found = false;
  for (const IniSection& section : ini.sections()) {
    std::string_view name = section.name;
    if (name == "miglint") {
      found = true;
      reader.main_section(section);
    } else if (name.starts_with(kOptionsPrefix) && name.size() > kOptionsPrefix.size()) {
      found = true;
      reader.options_section(section, std::string(name.substr(kOptionsPrefix.size())));
    } else if (name.starts_with("miglint.") || name.starts_with("tool.miglint")) {
      // A misspelt section would silently drop its settings.
      reader.warn(section.header_span, fmt::format("Unknown section [{}]", name),
                  "miglint reads [miglint] and one [miglint.options.<rule-id>] section per rule");
    }
  }
  return found;
}

}  // namespace miglint::config
