#include "lint/linter.h"

#include <algorithm>

#include <fmt/core.h>

#include "alembic/project.h"
#include "lint/analysis.h"

namespace miglint::lint {
namespace {

// A selector is a rule id, a group name ("graph"), or "all".
bool matches(const RuleInfo& rule, std::string_view selector) {
  return selector == "all" || selector == rule.id || selector == group_name(rule.group);
}

bool known_selector(std::span<const RuleInfo> registry, std::string_view selector) {
  return std::any_of(registry.begin(), registry.end(),
                     [&](const RuleInfo& r) { return matches(r, selector); });
}

Diagnostic config_problem(std::string message) {
  Diagnostic d;
  d.rule = "config-error";
  d.severity = Severity::Error;
  d.location.path = "<configuration>";
  d.message = std::move(message);
  d.help = "run `miglint rules` for the list of rule ids and groups";
  return d;
}

}  // namespace

Severity RuleSelection::severity_of(std::string_view id) const {
  for (const auto& [rule, severity] : rules)
    if (rule->id == id) return severity;
  return Severity::Off;
}

RuleSelection select_rules(std::span<const RuleInfo> registry, const LintOptions& options) {
  RuleSelection out;
  for (const auto& s : options.select)
    if (!known_selector(registry, s)) out.problems.push_back(config_problem(fmt::format("Unknown rule or group `{}` in select", s)));
  for (const auto& s : options.ignore)
    if (!known_selector(registry, s)) out.problems.push_back(config_problem(fmt::format("Unknown rule or group `{}` in ignore", s)));
  for (const auto& [id, sev] : options.severity)
    if (!known_selector(registry, id)) out.problems.push_back(config_problem(fmt::format("Unknown rule or group `{}` in severity settings", id)));

  for (const RuleInfo& rule : registry) {
    bool selected = options.select.empty() ||
                    std::any_of(options.select.begin(), options.select.end(),
                                [&](const std::string& s) { return matches(rule, s); });
    bool ignored = std::any_of(options.ignore.begin(), options.ignore.end(),
                               [&](const std::string& s) { return matches(rule, s); });
    if (!selected || ignored) continue;
    Severity severity = rule.default_severity;
    // Later entries win, so a rule-specific override after a group one takes precedence.
    for (const auto& [id, sev] : options.severity)
      if (matches(rule, id)) severity = sev;
    // Selecting a rule by name turns it on even when its default is off.
    if (severity == Severity::Off && !options.select.empty()) {
      bool named = std::find(options.select.begin(), options.select.end(), rule.id) != options.select.end();
      if (named) severity = Severity::Warning;
    }
    if (severity != Severity::Off) out.rules.emplace_back(&rule, severity);
  }
  return out;
}

bool needs_analysis(const RuleSelection& selection) {
  return std::any_of(selection.rules.begin(), selection.rules.end(),
                     [](const auto& r) { return r.first->group == RuleGroup::Sql; });
}

std::vector<Diagnostic> run_lint(const alembic::Project& project, const ProjectAnalysis* analysis,
                                 const RuleSelection& selection, const LintOptions& options) {
  std::vector<Diagnostic> found;
  for (const auto& [rule, severity] : selection.rules) {
    if (!rule->check) continue;
    RuleContext ctx(*rule, found);
    ctx.set_scope(options.scope);
    rule->check(project, ctx);
  }

  std::vector<Diagnostic> out;
  out.reserve(found.size());
  for (Diagnostic& d : found) {
    Severity severity = selection.severity_of(d.rule);
    if (severity == Severity::Off) continue;
    d.severity = severity;
    out.push_back(std::move(d));
  }
  // Front-end findings (syntax errors from loading; dynamic-sql and sql-syntax-error from the
  // analysis) are selected like any rule, and configuration problems are always shown (a typo
  // in a setting must never hide silently). Their severity is the lower of what the producer
  // chose (an unknown config key is only a warning) and the rule's selected severity, unless
  // the user configured one for that rule.
  std::vector<const Diagnostic*> front_end;
  for (const Diagnostic& d : project.load_diagnostics) front_end.push_back(&d);
  if (analysis)
    for (const Diagnostic& d : analysis->diagnostics) front_end.push_back(&d);
  for (const Diagnostic* fd : front_end) {
    Diagnostic copy = *fd;
    if (copy.rule != "config-error") {
      Severity selected = selection.severity_of(copy.rule);
      if (selected == Severity::Off) continue;
      copy.severity = std::min(copy.severity, selected);
    }
    for (const auto& [id, sev] : options.severity)
      if (id == copy.rule) copy.severity = sev;
    if (copy.severity != Severity::Off) out.push_back(std::move(copy));
  }
  for (const Diagnostic& d : selection.problems) out.push_back(d);
  std::stable_sort(out.begin(), out.end(), diagnostic_less);
  return out;
}

}  // namespace miglint::lint
