// truncate-cascade: TRUNCATE … CASCADE, which also empties every table that references the
// truncated ones through a foreign key, recursively.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/destructive_support.h"
#include "sql/utility.h"

namespace miglint::rules {

void check_truncate_cascade(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    auto truncate = sql::as_truncate(s.statement());
    if (!truncate || !truncate->cascade) continue;
    // Even on tables created in this revision: a table that existed before may have been given
    // a foreign key to them, and CASCADE would empty it too.
    std::string tables, listed;
    for (const auto& t : truncate->relations) {
      tables += (tables.empty() ? "" : ", ") + destructive::quote_name(t.str());
      listed += (listed.empty() ? "" : ", ") + t.str();
    }
    m.report(ctx, s,
             fmt::format("TRUNCATE … CASCADE on {} also empties every table with a foreign key to it, and "
                         "the tables referencing those, recursively, without naming them",
                         tables),
             fmt::format("Name every table to empty and leave out CASCADE, so PostgreSQL refuses if another "
                         "table still references them:\n"
                         "    op.execute(\"TRUNCATE {}, <referencing tables>\")",
                         listed));
  }
}

}  // namespace miglint::rules
