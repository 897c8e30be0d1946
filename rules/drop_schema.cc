// drop-schema: DROP SCHEMA of a schema the revision did not create itself.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/destructive_support.h"
#include "sql/ddl.h"

namespace miglint::rules {

using destructive::quote_name;

void check_drop_schema(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    auto drop = sql::as_drop(s.statement());
    if (!drop || drop->object_type != sql::ObjectType::Schema) continue;
    for (const auto& schema : drop->objects) {
      if (destructive::schema_created_before(m, schema.name, s.index)) continue;
      std::string message =
          drop->cascade
              ? fmt::format("DROP SCHEMA {} CASCADE deletes everything in the schema, every table with its rows, "
                            "view, sequence, type and function, without listing them; the application version "
                            "still running during the deploy uses them and fails",
                            quote_name(schema.name))
              : fmt::format("DROP SCHEMA {} removes the schema: code still running that names it (qualified "
                            "names, search_path) fails, and the drop itself fails while anything is left in it",
                            quote_name(schema.name));
      m.report(ctx, s, std::move(message),
               fmt::format("Empty the schema first, one object at a time and each only once the code no longer "
                           "uses it (drop-table applies to each table), then drop it without CASCADE so that "
                           "PostgreSQL refuses if something was forgotten:\n"
                           "    op.drop_table(\"table\", schema=\"{0}\")  # in the revisions that retire each table\n"
                           "    op.execute(\"DROP SCHEMA {0}\")  # miglint: ignore[drop-schema] empty since <release>",
                           schema.name));
    }
  }
}

}  // namespace miglint::rules
