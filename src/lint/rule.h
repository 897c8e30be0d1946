// The rule interface. A rule is a function that looks at a loaded project and reports
// (graph and revision rules), or one that looks at one revision's statements (SQL, lock and
// destructive rules, which run per revision in parallel; see lint/migration.h).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "config/settings.h"

namespace miglint::alembic {
struct Project;
struct Revision;
}

namespace miglint::lint {

enum class RuleGroup { Config, Graph, Revision, Syntax, Sql, Lock, Destructive, Alembic, Style };

std::string_view group_name(RuleGroup g);

class RuleContext;
class Migration;
using CheckFn = void (*)(const alembic::Project& project, RuleContext& ctx);
using MigrationCheckFn = void (*)(const Migration& migration, RuleContext& ctx);

// An option a rule accepts (rules/options.def), with its default as it would be written in
// TOML ("true", "63", "\"text\"", "[\"a\", \"b\"]" are shown to people; `fallback` holds the
// value itself).
struct RuleOption {
  std::string_view rule;
  std::string_view name;         // kebab-case
  config::OptionValue::Kind kind;
  std::string_view fallback;     // the default: "true"/"false", digits, text, or comma-separated list
  std::string_view description;
};

struct RuleInfo {
  std::string_view id;        // kebab-case, names the pattern, never the remedy
  RuleGroup group;
  Severity default_severity;
  std::string_view summary;   // one line for `miglint rules`
  CheckFn check = nullptr;    // project-wide rules
  MigrationCheckFn migration_check = nullptr;  // per-revision SQL rules
  // Neither: diagnostics produced by a front end (python-syntax-error, dynamic-sql).
  bool front_end() const { return !check && !migration_check; }
};

// A rule's options after configuration: every option of the rule, configured or default.
using ResolvedOptions = std::map<std::string, config::OptionValue, std::less<>>;

// Whether a revision file is in `scope` (null: every revision is).
bool revision_in_scope(const std::vector<std::string>* scope, const alembic::Revision& revision);

// What a rule sees while it runs: where to report, which revisions are in scope, its options
// and the PostgreSQL version it should reason about.
class RuleContext {
 public:
  RuleContext(const RuleInfo& rule, std::vector<Diagnostic>& sink) : rule_(rule), sink_(sink) {}

  const RuleInfo& rule() const { return rule_; }

  // Records a finding under this rule's id; severity is applied later by the linter.
  Diagnostic& report(Location location, std::string message, std::string help = {});

  // Whether a revision file is in scope (all, or only the changed ones in `--since` mode).
  bool in_scope(const alembic::Revision& revision) const;
  void set_scope(const std::vector<std::string>* paths) { scope_ = paths; }

  // The rule's options (each declared in rules/options.def; asking for an undeclared one is a
  // programming error and aborts in debug builds, returns false/0/empty otherwise).
  bool option_bool(std::string_view name) const;
  long long option_int(std::string_view name) const;
  const std::string& option_string(std::string_view name) const;
  const std::vector<std::string>& option_list(std::string_view name) const;
  void set_options(const ResolvedOptions* options) { options_ = options; }

 private:
  const config::OptionValue* option(std::string_view name) const;

  const RuleInfo& rule_;
  std::vector<Diagnostic>& sink_;
  const std::vector<std::string>* scope_ = nullptr;  // null: every revision
  const ResolvedOptions* options_ = nullptr;
};

}  // namespace miglint::lint
