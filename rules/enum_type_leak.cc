// enum-type-leak: upgrade() creates an enum type for a column it creates (op.create_table
// with sa.Enum does so implicitly) and downgrade() drops the table or column but not the type.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/reversal.h"
#include "lint/rule.h"
#include "lint/schema_changes.h"
#include "rules/reversibility.h"

namespace miglint::rules {

void check_enum_type_leak(const lint::Migration& m, lint::RuleContext& ctx) {
  const lint::Migration* down = comparable_downgrade(m);
  if (!down) return;
  lint::SchemaChanges up(m), back(*down);
  for (const auto& type : up.objects()) {
    auto columns = lint::enum_columns(up, type);
    if (columns.empty()) continue;
    // Where the downgrade removes the first of the type's columns (with its table or itself).
    std::optional<lint::Removal> column_gone;
    const lint::SchemaObject* column = columns.front();
    for (const auto* c : columns) {
      if ((column_gone = lint::removal_in(up, *c, back))) {
        column = c;
        break;
      }
    }
    const auto& created_at = m.statements()[*type.created];
    const std::string where = column_gone && !column_gone->itself && column_gone->by->kind == lint::ObjectKind::Table
                                  ? back.describe(*column_gone->by, false)
                                  : up.describe(*column);
    const std::string drop_column = column_gone && column_gone->itself ? drop_call(up, *column)
                                    : up.parent(*column) ? drop_call(up, *up.parent(*column))
                                                         : std::string();

    if (auto gone = lint::removal_in(up, type, back)) {
      // DROP TYPE before the table that uses it fails: "other objects depend on it".
      if (column_gone && gone->itself && !gone->by->cascade && gone->at < column_gone->at) {
        auto& d = down->report(ctx, down->statements()[gone->at],
                               fmt::format("downgrade() drops type \"{}\" before {} that uses it: DROP TYPE fails "
                                           "because other objects depend on it",
                                           type.name, where),
                               fmt::format("Drop the type after the table or column:\n    {}\n    {}", drop_column,
                                           drop_call(up, type)));
        d.notes.push_back({fmt::format("{} is dropped only here", where), down->location(down->statements()[column_gone->at])});
      }
      continue;
    }

    std::string message = column_gone
                              ? fmt::format("downgrade() drops {} but not its enum type \"{}\": after a downgrade, "
                                            "upgrading again fails because type \"{}\" already exists",
                                            where, type.name, type.name)
                              : fmt::format("downgrade() leaves enum type \"{}\" that upgrade() creates for {}: after "
                                            "a downgrade, upgrading again fails because it already exists",
                                            type.name, up.describe(*column));
    std::string help = fmt::format(
        "op.drop_table() and op.drop_column() never drop enum types, even those op.create_table() created. Drop "
        "the type after the {} in downgrade():\n    {}\n    {}\nor op.execute(\"DROP TYPE {}\")",
        column_gone && column_gone->itself ? "column" : "table", drop_column.empty() ? "..." : drop_column,
        fmt::format("sa.Enum(name=\"{}\").drop(op.get_bind(), checkfirst=True)", type.name), type.name);
    Diagnostic& d = column_gone ? down->report(ctx, down->statements()[column_gone->at], std::move(message), std::move(help))
                                : ctx.report(downgrade_function(*down), std::move(message), std::move(help));
    d.notes.push_back({fmt::format("upgrade() creates type \"{}\" here", type.name), m.location(created_at)});
  }
}

}  // namespace miglint::rules
