// Shared by incomplete-downgrade, enum-type-leak and irreversible-operation, which compare a
// revision's upgrade with its downgrade: when to compare at all, where the downgrade is, and
// the Alembic calls that undo a change (for help texts).
#pragma once

#include <string>

#include "base/diagnostic.h"
#include "lint/migration.h"
#include "lint/schema_changes.h"

namespace miglint::rules {

// The downgrade to compare `m` with: only for an upgrade, when both phases were fully
// understood and downgrade() really does something (absent, empty or raising downgrades are
// missing-downgrade's). Null otherwise.
const lint::Migration* comparable_downgrade(const lint::Migration& m);

// The name in `def downgrade(`.
Location downgrade_function(const lint::Migration& down);

// Python for the downgrade step that removes `o` (named as after the upgrade), e.g.
// `op.drop_index("ix_a", table_name="accounts")`.
std::string drop_call(const lint::SchemaChanges& up, const lint::SchemaObject& o);
// Python that creates `o` again as it was before the upgrade, with `…` for what miglint
// cannot know (the columns of a dropped table).
std::string recreate_call(const lint::SchemaChanges& up, const lint::SchemaObject& o);
// Python that renames `o` back to its name before the upgrade.
std::string rename_back_call(const lint::SchemaChanges& up, const lint::SchemaObject& o);
// `"accounts"` or `"log", schema="audit"`: a relation key as Alembic's table arguments.
std::string table_args(const std::string& key);

}  // namespace miglint::rules
