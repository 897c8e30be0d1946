// enum-value-appended: ALTER TYPE … ADD VALUE without BEFORE or AFTER, which puts the value
// last in the type's sort order.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/op_calls.h"
#include "sql/ddl.h"

namespace miglint::rules {

void check_enum_value_appended(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    auto e = sql::as_alter_enum(s.statement());
    if (!e || !e->is_add() || !e->neighbor.empty()) continue;
    std::string type = e->type.str();
    m.report(ctx, s,
             fmt::format("ALTER TYPE \"{}\" ADD VALUE '{}' without BEFORE or AFTER puts '{}' after every "
                         "existing value: comparisons (<, >, BETWEEN) and ORDER BY on \"{}\" sort it last",
                         type, e->new_value, e->new_value, type),
             fmt::format("Say where the value belongs in the order:\n"
                         "    op.execute({})\n"
                         "Appending is right when the new value does belong after all the others",
                         python_string(fmt::format("ALTER TYPE {} ADD VALUE '{}' BEFORE 'existing_value'", type,
                                                   e->new_value))));
  }
}

}  // namespace miglint::rules
