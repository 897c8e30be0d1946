#include "lint/rule.h"

#include <algorithm>

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

bool RuleContext::in_scope(const alembic::Revision& revision) const {
  if (!scope_ || !revision.file) return true;
  return std::find(scope_->begin(), scope_->end(), revision.file->path()) != scope_->end();
}

}  // namespace miglint::lint
