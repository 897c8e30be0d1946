// rename-column: ALTER TABLE … RENAME COLUMN of a column the revision did not add itself.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/destructive_support.h"
#include "sql/ddl.h"

namespace miglint::rules {

using destructive::py;
using destructive::py_schema;
using destructive::quote_name;

void check_rename_column(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    auto rename = sql::as_rename(s.statement());
    if (!rename || rename->object_type != sql::ObjectType::Column) continue;
    const sql::QualifiedName& table = rename->target;
    if (destructive::column_is_new(m, table, rename->old_name, s.index)) continue;
    std::string t = py(table.name), schema = py_schema(table);
    m.report(ctx, s,
             fmt::format("renaming column {} of {} to {} breaks the application version still running during "
                         "the deploy: its queries name {}, which no longer exists",
                         quote_name(rename->old_name), quote_name(table.str()), quote_name(rename->new_name),
                         quote_name(rename->old_name)),
             fmt::format("Keep the column's name and rename only the attribute in the model:\n"
                         "    {3} = sa.Column({2}, ...)  # the Python name need not be the column's\n"
                         "Or rename it over several deploys (expand/contract):\n"
                         "  1. revision: op.add_column({0}, sa.Column({1}, <type>, nullable=True){4}),\n"
                         "     then deploy code that writes both columns\n"
                         "  2. revision: copy the existing values (in batches on a large table):\n"
                         "         op.execute(\"UPDATE {5} SET {3} = {6} WHERE {3} IS NULL\")\n"
                         "  3. deploy code that reads and writes only {7}\n"
                         "  4. revision: op.drop_column({0}, {2}{4})",
                         t, py(rename->new_name), py(rename->old_name), rename->new_name, schema,
                         table.str(), rename->old_name, quote_name(rename->new_name)));
  }
}

}  // namespace miglint::rules
