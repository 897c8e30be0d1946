// drop-type: DROP TYPE (and DROP DOMAIN) of a type the revision did not create itself.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/destructive_support.h"
#include "sql/ddl.h"

namespace miglint::rules {

using destructive::quote_name;

void check_drop_type(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    auto drop = sql::as_drop(s.statement());
    if (!drop) continue;
    const char* what = drop->object_type == sql::ObjectType::Type     ? "TYPE"
                       : drop->object_type == sql::ObjectType::Domain ? "DOMAIN"
                                                                       : nullptr;
    if (!what) continue;
    for (const auto& type : drop->objects) {
      if (destructive::type_created_before(m, type, s.index)) continue;
      std::string message =
          drop->cascade
              ? fmt::format("DROP {} {} CASCADE also drops every column of that type, with its data in every "
                            "row, and the functions and views that use it, without listing them",
                            what, quote_name(type.str()))
              : fmt::format("DROP {} {} fails while a column still uses it (the migration stops there), and "
                            "code still running that names the type (casts such as '...'::{}, functions) "
                            "breaks once it is gone",
                            what, quote_name(type.str()), type.name);
      m.report(ctx, s, std::move(message),
               fmt::format("Drop a type after the columns that use it are gone, each dropped in an earlier "
                           "revision once the code stopped using it (see drop-column), and without CASCADE so "
                           "that PostgreSQL refuses if something still uses it:\n"
                           "    op.execute(\"DROP {} {}\")  # miglint: ignore[drop-type] unused since <release>",
                           what, type.str()));
    }
  }
}

}  // namespace miglint::rules
