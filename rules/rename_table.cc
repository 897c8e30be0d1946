// rename-table: ALTER TABLE … RENAME TO (also of a view) that the revision did not create.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/destructive_support.h"
#include "sql/ddl.h"

namespace miglint::rules {

using destructive::py;
using destructive::py_schema;
using destructive::quote_name;

namespace {

const char* relation_kind(sql::ObjectType type) {
  switch (type) {
    case sql::ObjectType::Table: return "table";
    case sql::ObjectType::View: return "view";
    case sql::ObjectType::MatView: return "materialized view";
    case sql::ObjectType::ForeignTable: return "foreign table";
    default: return nullptr;
  }
}

}  // namespace

void check_rename_table(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    auto rename = sql::as_rename(s.statement());
    if (!rename || !rename->old_name.empty()) continue;  // RENAME COLUMN / CONSTRAINT: not the relation
    const char* kind = relation_kind(rename->object_type);
    if (!kind) continue;
    const sql::QualifiedName& old_name = rename->target;
    if (m.created_before(old_name, s.index)) continue;
    // The new name lives in the old one's schema.
    sql::QualifiedName new_name{old_name.schema, rename->new_name};
    m.report(ctx, s,
             fmt::format("renaming {} {} to {} breaks the application version still running during the deploy: "
                         "its queries name {}, which no longer exists",
                         kind, quote_name(old_name.str()), quote_name(rename->new_name), quote_name(old_name.name)),
             fmt::format("Keep the name in the database and rename only the model class (its __tablename__ "
                         "stays {0}).\n"
                         "Or leave a view under the old name while the old code runs (a view over one table "
                         "is updatable, so it keeps reading and writing through it):\n"
                         "  1. revision:\n"
                         "         op.rename_table({1}, {2}{3})\n"
                         "         op.execute(\"CREATE VIEW {4} AS SELECT * FROM {5}\")\n"
                         "  2. deploy code that uses {6}\n"
                         "  3. revision: op.execute(\"DROP VIEW {4}\")",
                         py(old_name.name), py(old_name.name), py(rename->new_name), py_schema(old_name),
                         old_name.str(), new_name.str(), quote_name(rename->new_name)));
  }
}

}  // namespace miglint::rules
