#include "cli/baseline_command.h"

#include <fmt/core.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "cli/load_failure.h"
#include "lint/baseline.h"
#include "report/render.h"

namespace miglint::cli {

int run_baseline(const BaselineOptions& options) {
  alembic::Project project;
  auto found = lint_once(options.check, project);
  if (!found) {
    print_load_problems(project.load_diagnostics);
    return 2;
  }
  // A broken configuration would record a baseline of the wrong rules: report it instead.
  if (broken_input(*found)) {
    std::vector<Diagnostic> problems;
    for (const Diagnostic& d : *found)
      if (d.rule == "config-error" || d.rule == "unreadable-file") problems.push_back(d);
    std::fputs(report::render_text(problems, {0, false}, false).c_str(), stderr);
    return 2;
  }
  std::vector<lint::BaselineEntry> entries;
  for (const Diagnostic& d : *found)
    if (auto e = lint::baseline_entry(project, d)) entries.push_back(std::move(*e));
  // A new file is the usual case (write_file_atomically only replaces existing ones).
  std::string text = lint::render_baseline(entries);
  std::ofstream out(options.output, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    fmt::print(stderr, "miglint: could not write {}: {}\n", options.output, std::strerror(errno));
    return 2;
  }
  fmt::print("Wrote {} finding{} to {}\n", entries.size(), entries.size() == 1 ? "" : "s", options.output);
  return 0;
}

}  // namespace miglint::cli
