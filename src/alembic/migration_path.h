// Which revisions `alembic upgrade/downgrade <range> --sql` runs, in which order, and how each
// step changes the alembic_version rows. A port of Alembic 1.8's RevisionMap.iterate_revisions
// (_collect_upgrade_revisions / _collect_downgrade_revisions / _topological_sort) and of
// runtime/migration.py's HeadMaintainer; docs/sql-command.md lists where it differs.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alembic/revision_graph.h"

namespace miglint::alembic {

// One alembic_version row change (HeadMaintainer._insert/_update/_delete_version).
struct VersionChange {
  enum class Kind { Insert, Update, Delete };
  Kind kind = Kind::Update;
  std::string from;  // Update, Delete: the row's current value
  std::string to;    // Insert, Update: the new value
  friend bool operator==(const VersionChange&, const VersionChange&) = default;
};

struct MigrationStep {
  std::size_t node = 0;  // index into RevisionGraph::nodes()
  bool upgrade = true;
  // For the `-- Running upgrade a, b -> c` comment (Alembic's *_no_deps tuples).
  std::vector<std::string> from;
  std::vector<std::string> to;
  // CREATE TABLE alembic_version before this step (offline mode, no version row yet).
  bool create_version_table = false;
  std::vector<VersionChange> changes;

  // "upgrade a -> b" as Alembic's MigrationStep.short_log prints it.
  std::string short_log() const;
};

struct MigrationPath {
  std::vector<std::string> start_heads;  // version rows assumed before the first step
  std::vector<MigrationStep> steps;
  std::vector<std::string> end_heads;    // version rows after the last step
  bool drop_version_table = false;       // no rows left at the end: DROP TABLE alembic_version
  std::optional<std::string> error;      // the range cannot be resolved (Alembic's message)
};

// `range` as given to `alembic upgrade|downgrade --sql`: "start:end" or, for an upgrade, just
// "end" (starting from base). Symbols: base, head, heads, <label>@head, <label>@<rev>, full
// ids and unique prefixes; `end` may be relative to `start` (+1, -2, <label>@+1, <rev>-1),
// `start` may not.
MigrationPath resolve_migration_path(const RevisionGraph& graph, std::string_view range,
                                     bool downgrade);

// What `alembic upgrade|downgrade <target>` runs online against a database whose version table
// holds `current_heads` (full ids, in row order; empty: none or no table). `target` as Alembic's
// command line takes it, relative targets included ("" = heads). A current head that is not in
// the graph is an error ("Can't locate revision identified by '<id>'"). The first step's
// create_version_table says there is no row yet; drop_version_table is always false (only
// offline scripts drop the table).
MigrationPath resolve_migration_path_from(const RevisionGraph& graph,
                                          const std::vector<std::string>& current_heads,
                                          std::string_view target, bool downgrade);

}  // namespace miglint::alembic
