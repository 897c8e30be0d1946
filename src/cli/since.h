// `check --since REF`: which revision files the branch changed (the rules' scope), and those
// files as they were at the merge base (for modified-revision).
#pragma once

#include <string>
#include <vector>

#include "alembic/project.h"
#include "base/diagnostic.h"

namespace miglint::cli {

// Fills `scope` with the paths (as Revision::file->path() names them) of the project's revision
// files added, modified, renamed or untracked since the merge base of `ref` and HEAD, and
// `project.since` with the base versions of those that existed there. Returns false when git
// cannot answer (no git, not a repository, unknown REF): the reason is one `config-error` in
// `problems`.
bool prepare_since(const std::string& ref, alembic::Project& project, std::vector<std::string>& scope,
                   std::vector<Diagnostic>& problems);

}  // namespace miglint::cli
