// Does a downgrade undo its upgrade? The inverse check behind incomplete-downgrade, and the
// lookups enum-type-leak and irreversible-operation share: both phases are read as
// SchemaChanges, and the upgrade's names after it runs are the downgrade's names before.
//
// What counts as undoing each change:
//   created X        → the downgrade drops X, or its container: the table of a column, index
//                      or constraint; a column an index or constraint is built on; a schema
//                      dropped with CASCADE. A view made with CREATE OR REPLACE may instead be
//                      redefined. Objects created with IF NOT EXISTS are exempt (they may have
//                      existed before, so dropping them could remove what the revision found).
//   dropped X        → the downgrade creates X again under its old name (a table it re-creates
//                      brings its columns and named constraints back).
//   renamed a → b    → the downgrade renames b back to a (or creates a again).
//   column altered   → the downgrade alters it back: TYPE to another type, NOT NULL the other
//                      way, a default dropped or set (to something else).
//   enum value added → PostgreSQL cannot remove one; the gap is reported unless the value was
//                      added with IF NOT EXISTS or the downgrade drops or renames the type.
// Objects created and dropped within the upgrade itself are not expected in the downgrade.
// Enum types that a column created by the upgrade uses are enum-type-leak's (see
// enum_columns), so they are left out here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lint/schema_changes.h"

namespace miglint::lint {

// How a downgrade removes an object the upgrade leaves in place.
struct Removal {
  std::size_t at = 0;              // the downgrade statement
  const SchemaObject* by = nullptr;  // the downgrade's object whose DROP removes it
  bool itself = false;             // `by` is the object itself (not its table, column or schema)
};
std::optional<Removal> removal_in(const SchemaChanges& up, const SchemaObject& object, const SchemaChanges& down);

// The downgrade's object that `id` (an upgrade's after_id) names before the downgrade runs.
const SchemaObject* find_before(const SchemaChanges& down, std::string_view id);
// The downgrade's object created under `id` (an upgrade's before_id), if it creates one.
const SchemaObject* creation_in(const SchemaChanges& down, std::string_view id);

// The columns the upgrade creates (with a table, or added) whose type is `type`, an enum type
// the upgrade creates.
std::vector<const SchemaObject*> enum_columns(const SchemaChanges& up, const SchemaObject& type);

enum class GapKind {
  NotDropped,          // created by the upgrade, left by the downgrade
  NotRecreated,        // dropped by the upgrade, not created again
  NotRenamedBack,      // renamed by the upgrade, not renamed back
  TypeNotRestored,     // ALTER COLUMN … TYPE not changed back (or changed to the same type)
  NotNullNotRestored,  // SET/DROP NOT NULL not reversed
  DefaultNotRestored,  // SET/DROP DEFAULT not reversed
  EnumValueStays,      // ALTER TYPE … ADD VALUE, which PostgreSQL cannot undo
};

struct ReversalGap {
  GapKind kind = GapKind::NotDropped;
  const SchemaObject* object = nullptr;  // the upgrade's object
  std::size_t upgrade_statement = 0;     // where the upgrade makes the change
  // A downgrade statement that does something related but wrong (drops another index of the
  // same table, renames the column to another name, sets the same type again), and what it
  // does, for a note.
  std::optional<std::size_t> downgrade_statement;
  std::string downgrade_action;
};

std::vector<ReversalGap> find_reversal_gaps(const SchemaChanges& up, const SchemaChanges& down);

}  // namespace miglint::lint
