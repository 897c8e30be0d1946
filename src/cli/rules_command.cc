// `miglint rules` lists the registry; `miglint explain` prints a rule's documentation.
#include "cli/rules_command.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "report/render.h"
#include "lint/rule_options.h"
#include "rules/registry.h"

namespace miglint::cli {
namespace {

// An installed miglint reads the docs installed with it: <prefix>/bin/miglint next to
// <prefix>/share/doc/miglint. Found from the binary's own location, so a .deb (prefix /usr), a
// DESTDIR staging copy or a moved prefix all work whatever prefix the build was configured with.
std::string installed_doc_dir() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return (exe.parent_path().parent_path() / "share" / "doc" / "miglint").string();
}

// The rule docs next to this binary's installed copy first (so an installed binary never shows
// a source tree's newer or older text), then the source tree it was built from, then the
// configured install prefix.
std::string read_rule_doc(std::string_view id) {
  const std::string candidates[] = {
      fmt::format("{}/rules/{}.md", installed_doc_dir(), id),
      fmt::format("{}/docs/rules/{}.md", MIGLINT_SOURCE_ROOT, id),
      fmt::format("{}/share/doc/miglint/rules/{}.md", MIGLINT_INSTALL_PREFIX, id),
  };
  for (const auto& path : candidates) {
    std::ifstream in(path);
    if (!in) continue;
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
  }
  return {};
}

nlohmann::json options_json(std::string_view id) {
  nlohmann::json out = nlohmann::json::object();
  for (const lint::RuleOption* o : rules::options_of(id))
    out[std::string(o->name)] = {{"default", lint::toml_text(*o)}, {"description", o->description}};
  return out;
}

}  // namespace

int run_rules(const std::string& format) {
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& r : rules::all_rules())
      list.push_back({{"id", r.id}, {"group", lint::group_name(r.group)},
                      {"default_severity", severity_name(r.default_severity)}, {"summary", r.summary},
                      {"url", report::rule_doc_path(std::string(r.id))}, {"options", options_json(r.id)}});
    std::puts(list.dump(2).c_str());
    return 0;
  }
  size_t width = 0;
  for (const auto& r : rules::all_rules()) width = std::max(width, r.id.size());
  for (const auto& r : rules::all_rules())
    fmt::print("{:<{}}  {:<8}  {:<7}  {}\n", r.id, width, lint::group_name(r.group),
               severity_name(r.default_severity), r.summary);
  return 0;
}

int run_explain(const std::string& rule_id) {
  const lint::RuleInfo* rule = rules::find_rule(rule_id);
  if (!rule) {
    fmt::print(stderr, "error: unknown rule `{}` (see `miglint rules`)\n", rule_id);
    return 2;
  }
  std::string doc = read_rule_doc(rule->id);
  if (doc.empty()) {
    fmt::print("{} ({}, default {})\n\n{}\n", rule->id, lint::group_name(rule->group),
               severity_name(rule->default_severity), rule->summary);
  } else {
    fmt::print("{}", doc);
  }
  // The options come from the registry, so they are listed even where the page is not found.
  auto options = rules::options_of(rule->id);
  if (!options.empty()) {
    fmt::print("\nOptions ([tool.miglint.options.{}] in pyproject.toml):\n", rule->id);
    for (const lint::RuleOption* o : options)
      fmt::print("  {} = {}    {}\n", o->name, lint::toml_text(*o), o->description);
  }
  return 0;
}

}  // namespace miglint::cli
