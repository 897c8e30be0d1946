// `miglint check PATH...`: which project to load and which revision files to lint.
//
// The first PATH locates the project (a folder, a file inside it, alembic.ini). When every PATH
// names a Python file (pre-commit passes the changed files), only those files' revisions are
// linted, and the graph rules still see the whole history: a new file can create a second head
// with a revision that was never touched.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "alembic/project.h"

namespace miglint::cli {

// The revision files to lint, as display paths (what `SourceFile::path()` holds), or nullopt
// for the whole project: no PATH, one folder, or any PATH that is not a `.py` file.
std::optional<std::vector<std::string>> file_scope(const std::vector<std::string>& paths);

// A usage problem with the PATHs (one that does not exist), worded for stderr; empty when fine.
std::string check_paths_problem(const std::vector<std::string>& paths);

// Files of `scope` that are not revision files of `project` (another project's, or a helper
// module next to the revisions): nothing lints them, so `check` says so on stderr.
std::vector<std::string> unlinted_files(const std::vector<std::string>& scope, const alembic::Project& project);

}  // namespace miglint::cli
