// Suppression comments: `# miglint: ignore[rule-id]` (this line or the next),
// `# miglint: ignore-file[rule-id]` (the whole file), and `-- miglint: ignore[rule-id]` inside a
// SQL string (the statement that follows). Syntax and semantics: docs/suppressions.md.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "lint/rule.h"

namespace miglint::alembic {
struct Project;
}

namespace miglint::lint {

// One rule id inside a directive's brackets.
struct SuppressedId {
  std::string id;
  Span span;  // the id's text
};

// One `miglint: ignore[...]` or `miglint: ignore-file[...]` directive that parsed.
struct SuppressionDirective {
  bool whole_file = false;  // ignore-file
  bool in_sql = false;      // `-- miglint:` inside a string literal
  Span span;                // from its `#` (or `--`) to the end of its reason
  Span removal;             // what deleting the whole directive removes (a whole line when alone)
  uint32_t first_line = 0;  // lines it covers (1-based, inclusive); unused for ignore-file
  uint32_t last_line = 0;
  std::vector<SuppressedId> ids;
};

struct FileSuppressions {
  std::vector<SuppressionDirective> directives;
  std::vector<Diagnostic> problems;  // malformed directives, as invalid-suppression
};

// Finds every directive in one revision file (Python comments, and SQL comments inside string
// literals). Rule ids are not checked here: that needs the registry (apply_suppressions does it).
FileSuppressions parse_suppressions(const SourceFilePtr& file);

// Rule ids a directive may not name: configuration and front-end failures (a file that cannot be
// read or parsed has no trustworthy comments) and the suppression rules themselves.
bool suppressible(std::string_view rule_id);

struct SuppressionResult {
  size_t suppressed = 0;  // findings removed from `diags`
};

// Removes suppressed findings from `diags` and appends unused-suppression / invalid-suppression
// findings (at their rules' default severities; each only when `enabled` says its rule is on).
// `enabled(id)` tells whether a rule id is selected (an unused suppression of a rule that did not
// run is not reported: it might not be unused); `known(id)` whether it exists at all.
// `registry`, when given, supplies the "did you mean" candidates for unknown ids.
SuppressionResult apply_suppressions(const alembic::Project& project, std::vector<Diagnostic>& diags,
                                     const std::function<bool(std::string_view)>& known,
                                     const std::function<bool(std::string_view)>& enabled,
                                     std::span<const RuleInfo> registry = {});

// Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`.
size_t edit_distance(std::string_view a, std::string_view b, size_t limit);

}  // namespace miglint::lint
