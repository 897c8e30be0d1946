// A loaded Alembic project: its settings, every revision file's facts, and the graph they form.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "alembic/revision.h"
#include "alembic/revision_graph.h"
#include "base/diagnostic.h"
#include "config/settings.h"

namespace miglint::alembic {

// One revision file as it was at the merge base of `check --since` (see SinceBase).
struct BaseRevision {
  std::string path;   // the file today, as its Revision::file->path() names it
  Revision revision;  // parsed from `git show <base>:<old path>` (the old path if it was renamed)
};

// `check --since REF`: where the branch started, and the revision files it changed as they
// were there, so modified-revision can compare what each phase runs. Filled by the CLI
// (src/cli/since.cc); absent in a normal run.
struct SinceBase {
  std::string ref;     // as the user wrote it ("main")
  std::string commit;  // the merge base of REF and HEAD
  std::vector<BaseRevision> revisions;  // changed files that existed at the base
};

struct Project {
  config::Settings settings;
  std::vector<Revision> revisions;  // in the order the files were found
  RevisionGraph graph;              // built from `revisions`
  std::vector<Diagnostic> load_diagnostics;  // unreadable files, syntax errors, config problems
  std::optional<SinceBase> since;   // `check --since` only
};

struct LoadOptions {
  std::string path;         // a file or folder inside the project, or a bare versions folder
  std::string config_file;  // -c/--config; empty: discover
  std::string ini_section = "alembic";  // -n/--name
  unsigned jobs = 0;        // parser threads; 0: hardware concurrency
};

// Loads and parses everything; returns false only for a fatal configuration or I/O problem
// (already described in `project.load_diagnostics`), which the CLI turns into exit code 2.
bool load_project(const LoadOptions& options, Project& project);

}  // namespace miglint::alembic
