// What `miglint verify` compares between revisions: the user-visible schema read from the
// system catalogs, one sorted line per fact (a table, a column with its type, nullability and
// default, an index's definition, a constraint's, an enum's labels, a view's query, a
// function's source, a trigger, a sequence, a comment, an extension, a schema). The version
// table is left out: it is supposed to differ.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "exec/pg_connection.h"

namespace miglint::exec {

struct CatalogSnapshot {
  std::vector<std::string> facts;  // sorted
  std::optional<PgError> error;
};

CatalogSnapshot take_catalog_snapshot(Connection& connection, const std::string& version_table,
                                      const std::string& version_table_schema);

// Facts in `expected` but not `actual`, and in `actual` but not `expected`.
struct SnapshotDiff {
  std::vector<std::string> missing, extra;
  bool empty() const { return missing.empty() && extra.empty(); }
};
SnapshotDiff diff_snapshots(const CatalogSnapshot& expected, const CatalogSnapshot& actual);

}  // namespace miglint::exec
