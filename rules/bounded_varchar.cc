// bounded-varchar: a column declared varchar(n) / character varying(n).
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/column_types.h"

namespace miglint::rules {

void check_bounded_varchar(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    for (const auto& col : declared_columns(s.statement())) {
      // varchar without a length is text under another name.
      if (!is_builtin(col.type, "varchar") || col.type.typmods.empty()) continue;
      report_column(
          m, ctx, s, col,
          fmt::format("Column \"{}.{}\" is {}: changing the limit later is an ALTER COLUMN TYPE that "
                      "takes ACCESS EXCLUSIVE on \"{}\" (and rewrites it when the limit shrinks)",
                      col.table, col.column, col.type.str(), col.table),
          fmt::format("Use sa.Text() (text), with a CHECK constraint if the limit matters:\n"
                      "    sa.Column(\"{0}\", sa.Text()),\n"
                      "    sa.CheckConstraint(\"char_length({0}) <= {1}\", name=\"ck_{2}_{0}_length\"),\n"
                      "A CHECK can later be replaced with ADD CONSTRAINT … NOT VALID and VALIDATE "
                      "CONSTRAINT, which do not block reads and writes; sa.String() without a length is "
                      "also unbounded",
                      col.column, col.type.typmods.front(), col.table.substr(col.table.rfind('.') + 1)));
    }
  }
}

}  // namespace miglint::rules
