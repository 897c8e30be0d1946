// `miglint check [PATH...]`: load, run the selected rules, report, and turn findings into an exit code.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "alembic/project.h"

namespace miglint::cli {

struct CheckOptions {
  alembic::LoadOptions load;
  // PATH...: the first locates the project (else load.path); when all are .py files, only
  // those are linted (cli/check_paths.h).
  std::vector<std::string> paths;
  std::string format = "text";  // text | concise | json | sarif | github | gitlab | junit
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  bool color = false;
  bool exit_zero = false;
  std::string fail_on = "error";  // warning | error | never: lowest severity that exits 1
  std::string summary_file;       // --summary: append a Markdown job summary here
  std::string docs_url;           // --docs-url: base of the rule pages in CI formats ("": installed docs)
  int pg_version = 0;  // --pg-version major; 0: from the configuration, else 15
  bool fix = false;           // apply fixes to the files, then report what remains
  bool diff = false;          // print the fixes as a unified diff; write nothing
  bool unsafe_fixes = false;  // also apply (or show) fixes marked unsafe
  std::string since;          // --since REF: revision rules only on files changed since merge-base(REF, HEAD)
  std::string baseline;       // --baseline FILE: report only findings the baseline does not list
};

// Loads the project `options` names into `project` and runs the selected rules: the findings
// `check` reports, sorted. nullopt when loading failed fatally (the reasons are then in
// `project.load_diagnostics`). --fix calls it a second time, on the fixed files.
std::optional<std::vector<Diagnostic>> lint_once(const CheckOptions& options, alembic::Project& project);

// Whether the findings include a configuration or I/O error (exit code 2).
bool broken_input(const std::vector<Diagnostic>& found);

// 0: no finding at or above --fail-on (error by default); 1: such findings; 2: usage, config or I/O error.
int run_check(const CheckOptions& options);

}  // namespace miglint::cli
