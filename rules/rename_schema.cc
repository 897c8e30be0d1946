// rename-schema: ALTER SCHEMA … RENAME TO of a schema the revision did not create.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/destructive_support.h"
#include "sql/ddl.h"

namespace miglint::rules {

using destructive::quote_name;

void check_rename_schema(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    auto rename = sql::as_rename(s.statement());
    if (!rename || rename->object_type != sql::ObjectType::Schema) continue;
    // For a schema PostgreSQL keeps the old name where a relation's column would be.
    const std::string& old_name = rename->old_name.empty() ? rename->target.name : rename->old_name;
    if (destructive::schema_created_before(m, old_name, s.index)) continue;
    m.report(ctx, s,
             fmt::format("renaming schema {} to {} breaks the application version still running during the "
                         "deploy: every qualified name and search_path entry that says {} stops resolving, "
                         "for every table, view, type and function in it at once",
                         quote_name(old_name), quote_name(rename->new_name), quote_name(old_name)),
             fmt::format("Keep the schema's name. If it must change, move what the code uses over several "
                         "deploys:\n"
                         "  1. revision: op.execute(\"CREATE SCHEMA {1}\"), and for each table a view in the new "
                         "schema:\n"
                         "         op.execute(\"CREATE VIEW {1}.<table> AS SELECT * FROM {0}.<table>\")\n"
                         "  2. deploy code that uses {2} (qualified names, search_path, the models' schema=)\n"
                         "  3. revision: drop the views and move the tables, each in one transaction:\n"
                         "         op.execute(\"DROP VIEW {1}.<table>\")\n"
                         "         op.execute(\"ALTER TABLE {0}.<table> SET SCHEMA {1}\")\n"
                         "  4. revision: op.execute(\"DROP SCHEMA {0}\") once it is empty",
                         old_name, rename->new_name, quote_name(rename->new_name)));
  }
}

}  // namespace miglint::rules
