// drop-database: DROP DATABASE in a migration.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/destructive_support.h"
#include "sql/database_objects.h"

namespace miglint::rules {

void check_drop_database(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    auto drop = sql::as_drop_database(s.statement());
    if (!drop) continue;
    auto& d = m.report(
        ctx, s,
        fmt::format("DROP DATABASE {} deletes the whole database, every schema, table and row in it; every "
                    "application that connects to it fails from then on",
                    destructive::quote_name(drop->name)),
        "Do not drop databases from a migration: a revision runs wherever the history is applied (each "
        "developer's machine, CI, staging, production). Retire a database by hand, after a backup "
        "(pg_dump), once nothing connects to it");
    if (drop->force)
      d.notes.push_back({"WITH (FORCE) terminates the sessions connected to it first", std::nullopt});
    if (s.in_transaction())
      d.notes.push_back({"DROP DATABASE cannot run inside a transaction block, so it also fails inside "
                         "Alembic's transaction",
                         std::nullopt});
  }
}

}  // namespace miglint::rules
