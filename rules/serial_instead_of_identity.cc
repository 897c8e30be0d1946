// serial-instead-of-identity: a column declared serial / bigserial / smallserial.
#include <string_view>

#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/column_types.h"

namespace miglint::rules {

void check_serial_instead_of_identity(const lint::Migration& m, lint::RuleContext& ctx) {
  static constexpr std::string_view kSerials[] = {"serial", "serial2", "serial4", "serial8", "smallserial",
                                                  "bigserial"};
  for (const auto& s : m.statements()) {
    for (const auto& col : declared_columns(s.statement())) {
      // ALTER COLUMN … TYPE serial is an error in PostgreSQL (serial is not a type).
      if (col.source == DeclaredColumn::Source::AlterType) continue;
      for (std::string_view serial : kSerials) {
        if (!is_builtin(col.type, serial)) continue;
        report_column(
            m, ctx, s, col,
            fmt::format("Column \"{}.{}\" is {}: a separately owned sequence with its own permissions, "
                        "which copying, dumping or changing the column must keep in step by hand",
                        col.table, col.column, serial),
            "Use an identity column (SQL standard, PostgreSQL 10+), whose sequence belongs to the column:\n"
            "    sa.Column(\"id\", sa.BigInteger(), sa.Identity(), primary_key=True)\n"
            "sa.Integer()/sa.BigInteger() primary keys without sa.Identity() render SERIAL/BIGSERIAL");
        break;
      }
    }
  }
}

}  // namespace miglint::rules
