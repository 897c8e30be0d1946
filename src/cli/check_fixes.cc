// `check --fix` and `check --diff` over the fix engine (src/lint/fixes.h).
#include "cli/check_fixes.h"

#include <fmt/core.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "lint/fixes.h"
#include "report/render.h"

namespace miglint::cli {
namespace {

std::string findings(size_t n) { return fmt::format("{} finding{}", n, n == 1 ? "" : "s"); }

// Diff labels as git writes them, for paths relative to the working directory.
std::string label(const std::string& prefix, const std::string& path) {
  return !path.empty() && path.front() == '/' ? path : prefix + path;
}

// The file still holds what was linted (an editor may have saved it since): fixes computed on
// other text must not be written over it.
bool unchanged_on_disk(const SourceFile& file) {
  std::ifstream in(file.path(), std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str() == file.text();
}

}  // namespace

int print_fix_diff(const CheckOptions& options, const std::vector<Diagnostic>& found) {
  lint::FixPlan plan = lint::plan_fixes(found, options.unsafe_fixes);
  for (const lint::FileChange& change : plan.files) {
    const std::string& path = change.file->path();
    std::string diff = lint::unified_diff(change.file->text(), change.text, label("a/", path), label("b/", path));
    std::fwrite(diff.data(), 1, diff.size(), stdout);
  }
  std::fputs(fmt::format("Would fix {}\n", findings(plan.applied)).c_str(), stderr);
  if (broken_input(found)) {
    // Nothing else is shown with --diff, so say why the exit code is 2.
    std::vector<Diagnostic> broken;
    for (const Diagnostic& d : found)
      if (d.severity == Severity::Error && (d.rule == "config-error" || d.rule == "unreadable-file")) broken.push_back(d);
    std::string text = report::render_concise(broken);
    std::fwrite(text.data(), 1, text.size(), stderr);
    return 2;
  }
  return plan.files.empty() ? 0 : 1;
}

FixOutcome fix_and_relint(const CheckOptions& options, alembic::Project& project, std::vector<Diagnostic> found) {
  FixOutcome outcome;
  lint::FixPlan plan = lint::plan_fixes(found, options.unsafe_fixes);
  size_t fixed = 0;
  for (const lint::FileChange& change : plan.files) {
    const std::string& path = change.file->path();
    std::string error;
    if (!unchanged_on_disk(*change.file)) {
      std::fputs(fmt::format("miglint: {}: changed since it was read; not fixed\n", path).c_str(), stderr);
    } else if (!lint::write_file_atomically(path, change.text, &error)) {
      std::fputs(fmt::format("miglint: {}\n", error).c_str(), stderr);
      outcome.write_failed = true;
    } else {
      fixed += change.fixes;
    }
  }
  if (fixed == 0) {
    outcome.remaining = std::move(found);
  } else {
    // Lint the written files again: the honest list of what remains (line numbers have moved,
    // and a fix may resolve or reveal other findings).
    project = alembic::Project{};
    outcome.remaining = lint_once(options, project);
    if (!outcome.remaining) return outcome;
  }
  std::fputs(fmt::format("Fixed {} ({} remaining)\n", findings(fixed), outcome.remaining->size()).c_str(), stderr);
  return outcome;
}

}  // namespace miglint::cli
