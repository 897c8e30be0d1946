// The rule interface: a rule is a function that looks at a loaded project and reports.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace miglint::alembic {
struct Project;
struct Revision;
}

namespace miglint::lint {

enum class RuleGroup { Config, Graph, Revision, Syntax, Sql, Lock, Destructive, Alembic };

std::string_view group_name(RuleGroup g);

class RuleContext;
using CheckFn = void (*)(const alembic::Project& project, RuleContext& ctx);

struct RuleInfo {
  std::string_view id;        // kebab-case, names the pattern, never the remedy
  RuleGroup group;
  Severity default_severity;
  std::string_view summary;   // one line for `miglint rules`
  CheckFn check;              // null for diagnostics produced by a front end (python-syntax-error)
};

// What a rule sees while it runs: where to report, and which revisions are in scope.
class RuleContext {
 public:
  RuleContext(const RuleInfo& rule, std::vector<Diagnostic>& sink) : rule_(rule), sink_(sink) {}

  const RuleInfo& rule() const { return rule_; }

  // Records a finding under this rule's id; severity is applied later by the linter.
  Diagnostic& report(Location location, std::string message, std::string help = {});

  // Whether a revision file is in scope (all, or only the changed ones in `--since` mode).
  bool in_scope(const alembic::Revision& revision) const;
  void set_scope(const std::vector<std::string>* paths) { scope_ = paths; }

 private:
  const RuleInfo& rule_;
  std::vector<Diagnostic>& sink_;
  const std::vector<std::string>* scope_ = nullptr;  // null: every revision
};

}  // namespace miglint::lint
