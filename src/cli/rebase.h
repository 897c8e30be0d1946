// `miglint rebase REV --onto TARGET`: moves a revision on top of another one by rewriting its
// `down_revision` value and its docstring's `Revises:` line in place (the splice done by hand
// after two branches each added a revision on the same head). See docs/pull-requests.md.
#pragma once

#include <string>

#include "alembic/project.h"

namespace miglint::cli {

struct RebaseOptions {
  alembic::LoadOptions load;
  std::string revision;  // REV: an id or a unique prefix
  std::string onto;      // TARGET: an id, a unique prefix, or `head` (the one other head)
  bool dry_run = false;  // print the change as a unified diff; write nothing
};

// 0: rebased (or already there); 2: refused (unknown or ambiguous REV/TARGET, a merge or base
// revision, a cycle, a revision left without children, a file with syntax errors) or I/O error.
int run_rebase(const RebaseOptions& options);

}  // namespace miglint::cli
