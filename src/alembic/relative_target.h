// Relative revision targets (`+2`, `-1`, `ae10+1`, `mybranch@-1`) as Alembic 1.8's RevisionMap
// resolves them: _walk, _parse_upgrade_target and _parse_downgrade_target, given the revisions
// the database (or an offline `start`) is at. Used by migration_path.cc.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "alembic/revision_walk.h"

namespace miglint::alembic {

// Alembic's _relative_destination, `(?:(.+?)@)?(\w+)?((?:\+|-)\d+)` matched at the start.
struct RelativeTarget {
  std::string branch;      // before '@', or ""
  std::string symbol;      // a revision (or "head") the walk starts from; "" = the current heads
  std::string steps_text;  // "+2", "-1" as written (Alembic's messages quote it)
  int steps = 0;
};
std::optional<RelativeTarget> parse_relative(std::string_view target);

// A place RevisionMap._walk starts from or stops at.
struct WalkPoint {
  enum class Kind {
    Ends,      // Python's None: as a start, the bases (walking up) or heads (walking down);
               // as a result, the walk went past the end of the history
    Base,      // "base", below every base
    Revision,  // `node`
  };
  Kind kind = Kind::Ends;
  std::size_t node = 0;
};

// _walk(start, steps, branch_label, no_overwalk=True): nullopt with walk.error_ set when a step
// is ambiguous ("Ambiguous walk").
std::optional<WalkPoint> walk_steps(RevisionWalk& walk, const RevisionGraph& graph,
                                    WalkPoint start, int steps, const std::string& branch);

// `upgrade <target>` from `current`: the revisions to reach (_parse_upgrade_target; absolute
// targets go through RevisionWalk::revisions). nullopt with walk.error_ set on failure.
std::optional<NodeIndices> upgrade_targets(RevisionWalk& walk, const RevisionGraph& graph,
                                           const NodeIndices& current, const std::string& target);

// `downgrade <target>` from `current` (_parse_downgrade_target): the branch that narrows the
// revisions to drop and the revision to stop at (nullopt: base).
struct DowngradeTarget {
  std::string branch;
  std::optional<std::size_t> node;
};
std::optional<DowngradeTarget> downgrade_target(RevisionWalk& walk, const RevisionGraph& graph,
                                                const NodeIndices& current,
                                                const std::string& target);

}  // namespace miglint::alembic
