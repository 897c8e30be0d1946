// Which files a branch changed: what `check --since REF` narrows the revision rules to, and
// where their earlier versions come from (`git show <base>:<path>`).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"

namespace miglint::config {

struct ChangedFile {
  std::string path;       // absolute, below the repository root
  std::string base_path;  // relative to the root, at the merge base; "" when the file is new
};

struct ChangedFiles {
  std::string root;         // `git rev-parse --show-toplevel`
  std::string base;         // the merge base commit (full hash)
  std::vector<ChangedFile> files;  // added, modified, renamed (with their old path), untracked
};

// The files changed since the merge base of `ref` and HEAD, in the repository holding `dir`:
// `git diff --name-status -M <base>` against the working tree (so uncommitted edits count),
// plus untracked files that are not ignored (`git ls-files --others --exclude-standard`, which
// pre-commit use needs). Deleted files are not listed. A missing git, a folder outside any
// repository, or an unknown `ref` is one `config-error` in `diags`, and nullopt.
std::optional<ChangedFiles> changed_since(const std::string& dir, const std::string& ref,
                                          std::vector<Diagnostic>& diags);

// The text of `path` (relative to the root) at `commit`; nullopt (and a diagnostic) when git fails.
std::optional<std::string> file_at(const std::string& root, const std::string& commit, const std::string& path,
                                   std::vector<Diagnostic>& diags);

}  // namespace miglint::config
