#include "lint/rule.h"

#include <algorithm>
#include <cassert>

#include "alembic/revision.h"

namespace miglint::lint {

std::string_view group_name(RuleGroup g) {
  switch (g) {
    case RuleGroup::Config: return "config";
    case RuleGroup::Graph: return "graph";
    case RuleGroup::Revision: return "revision";
    case RuleGroup::Syntax: return "syntax";
    case RuleGroup::Sql: return "sql";
    case RuleGroup::Lock: return "lock";
    case RuleGroup::Destructive: return "destructive";
    case RuleGroup::Alembic: return "alembic";
    case RuleGroup::Style: return "style";
  }
  return "other";
}

Diagnostic& RuleContext::report(Location location, std::string message, std::string help) {
  Diagnostic d;
  d.rule = std::string(rule_.id);
  d.severity = rule_.default_severity;
  d.location = std::move(location);
  d.message = std::move(message);
  d.help = std::move(help);
  sink_.push_back(std::move(d));
  return sink_.back();
}

bool revision_in_scope(const std::vector<std::string>* scope, const alembic::Revision& revision) {
  if (!scope || !revision.file) return true;
  return std::find(scope->begin(), scope->end(), revision.file->path()) != scope->end();
}

bool RuleContext::in_scope(const alembic::Revision& revision) const {
  return revision_in_scope(scope_, revision);
}

const config::OptionValue* RuleContext::option(std::string_view name) const {
  if (options_) {
    auto it = options_->find(name);
    if (it != options_->end()) return &it->second;
  }
  assert(!"option not declared in rules/options.def");
  return nullptr;
}

bool RuleContext::option_bool(std::string_view name) const {
  const auto* v = option(name);
  return v && v->boolean;
}

long long RuleContext::option_int(std::string_view name) const {
  const auto* v = option(name);
  return v ? v->integer : 0;
}

const std::string& RuleContext::option_string(std::string_view name) const {
  static const std::string empty;
  const auto* v = option(name);
  return v ? v->text : empty;
}

const std::vector<std::string>& RuleContext::option_list(std::string_view name) const {
  static const std::vector<std::string> empty;
  const auto* v = option(name);
  return v ? v->list : empty;
}

}  // namespace miglint::lint
