// Renders diagnostics for people (text, concise) and machines (json).
#pragma once

#include <string>
#include <vector>

#include "base/diagnostic.h"

namespace miglint::report {

struct Summary {
  size_t files = 0;   // revision files checked
  bool show = true;   // false: no closing summary line (a fatal load has nothing to sum up)
};

// rustc/ruff style: header, location arrow, snippet with carets, notes, help, docs link.
std::string render_text(const std::vector<Diagnostic>& diagnostics, const Summary& summary, bool color);
// One line per finding: `path:line:col: severity[rule] message`.
std::string render_concise(const std::vector<Diagnostic>& diagnostics);
// The JSON document described in docs/output.md (1-based lines and columns).
std::string render_json(const std::vector<Diagnostic>& diagnostics, const Summary& summary);

// Counts per severity, used by summaries and the exit code.
struct Counts {
  size_t errors = 0, warnings = 0, infos = 0;
};
Counts count(const std::vector<Diagnostic>& diagnostics);

// Where the rule's documentation lives (relative to the repository; `miglint explain` prints it).
std::string rule_doc_path(const std::string& rule);

}  // namespace miglint::report
