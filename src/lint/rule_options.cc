#include "lint/rule_options.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace miglint::lint {
namespace {

using Kind = config::OptionValue::Kind;

std::string_view kind_name(Kind k) {
  switch (k) {
    case Kind::Bool: return "a boolean";
    case Kind::Int: return "an integer";
    case Kind::String: return "a string";
    case Kind::List: return "a list of strings";
  }
  return "";
}

std::vector<std::string> split_commas(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    size_t b = current.find_first_not_of(" \t\r\n");
    size_t e = current.find_last_not_of(" \t\r\n");
    if (b != std::string::npos) out.push_back(current.substr(b, e - b + 1));
    current.clear();
  };
  for (char c : text) {
    if (c == ',' || c == '\n') flush();
    else current += c;
  }
  flush();
  return out;
}

// configparser's getboolean() spellings.
std::optional<bool> parse_bool(std::string_view text) {
  std::string t(text);
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t == "1" || t == "yes" || t == "true" || t == "on") return true;
  if (t == "0" || t == "no" || t == "false" || t == "off") return false;
  return std::nullopt;
}

std::optional<long long> parse_int(std::string_view text) {
  long long v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

// Converts `value` to `kind`: TOML values must already have it; .ini text (Kind::String) is
// parsed. nullopt when it does not fit.
std::optional<config::OptionValue> convert(const config::OptionValue& value, Kind kind) {
  if (value.kind == kind) return value;
  if (value.kind != Kind::String) return std::nullopt;
  config::OptionValue out = value;
  out.kind = kind;
  switch (kind) {
    case Kind::Bool:
      if (auto b = parse_bool(value.text)) { out.boolean = *b; return out; }
      return std::nullopt;
    case Kind::Int:
      if (auto i = parse_int(value.text)) { out.integer = *i; return out; }
      return std::nullopt;
    case Kind::List:
      out.list = split_commas(value.text);
      return out;
    case Kind::String:
      return out;
  }
  return std::nullopt;
}

Diagnostic problem(const config::OptionValue& at, std::string message, std::string help) {
  Diagnostic d;
  d.rule = "config-error";
  d.severity = Severity::Warning;
  d.location = at.where;
  if (d.location.path.empty() && !d.location.file) d.location.path = "<configuration>";
  d.message = std::move(message);
  d.help = std::move(help);
  return d;
}

}  // namespace

config::OptionValue default_value(const RuleOption& spec) {
  config::OptionValue v;
  v.kind = Kind::String;
  v.text = std::string(spec.fallback);
  if (auto c = convert(v, spec.kind)) return *c;
  return v;
}

std::string toml_text(const RuleOption& spec) {
  switch (spec.kind) {
    case Kind::Bool:
    case Kind::Int: return std::string(spec.fallback);
    case Kind::String: return fmt::format("\"{}\"", spec.fallback);
    case Kind::List: {
      std::string out = "[";
      for (const auto& item : split_commas(spec.fallback)) out += fmt::format("{}\"{}\"", out.size() > 1 ? ", " : "", item);
      return out + "]";
    }
  }
  return {};
}

std::map<std::string, ResolvedOptions, std::less<>> resolve_options(
    std::span<const RuleInfo> rules, std::span<const RuleOption> specs,
    const ConfiguredOptions& configured, std::vector<Diagnostic>& problems) {
  std::map<std::string, ResolvedOptions, std::less<>> out;
  for (const RuleOption& spec : specs) out[std::string(spec.rule)].emplace(spec.name, default_value(spec));

  for (const auto& [rule, values] : configured) {
    // The lambdas capture plain references, not the structured bindings: clang before 16
    // cannot capture bindings (a C++20 feature), and the fuzz build (tests/fuzz) uses clang 14.
    const std::string& rule_id = rule;
    bool known = std::any_of(rules.begin(), rules.end(), [&](const RuleInfo& r) { return r.id == rule_id; });
    for (const auto& [name, value] : values) {
      const std::string& option_name = name;
      if (!known) {
        problems.push_back(problem(value, fmt::format("Options for unknown rule `{}`", rule),
                                   "run `miglint rules` for the list of rule ids"));
        break;
      }
      auto spec = std::find_if(specs.begin(), specs.end(),
                               [&](const RuleOption& s) { return s.rule == rule_id && s.name == option_name; });
      if (spec == specs.end()) {
        std::string names;
        for (const RuleOption& s : specs)
          if (s.rule == rule) names += fmt::format("{}`{}`", names.empty() ? "" : ", ", s.name);
        problems.push_back(problem(value, fmt::format("Rule `{}` has no option `{}`", rule, name),
                                   names.empty() ? fmt::format("`{}` takes no options", rule)
                                                 : fmt::format("Its options are {} (see `miglint explain {}`)", names, rule)));
        continue;
      }
      auto converted = convert(value, spec->kind);
      if (!converted) {
        problems.push_back(problem(value, fmt::format("Option `{}` of `{}` must be {}", name, rule, kind_name(spec->kind)),
                                   fmt::format("for example: {} = {}", name, toml_text(*spec))));
        continue;
      }
      out[rule][name] = std::move(*converted);
    }
  }
  return out;
}

}  // namespace miglint::lint
