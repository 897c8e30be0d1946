// char-column: a column declared char(n) / character(n) (bpchar), not the internal "char" type.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/column_types.h"

namespace miglint::rules {

void check_char_column(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    for (const auto& col : declared_columns(s.statement())) {
      // char(n), character(n) and bare char all parse as pg_catalog.bpchar; the quoted "char"
      // (a one-byte internal type) stays "char" and is not reported.
      if (!is_builtin(col.type, "bpchar")) continue;
      std::string type = col.type.typmods.empty() ? "bpchar" : fmt::format("char({})", col.type.typmods.front());
      report_column(
          m, ctx, s, col,
          fmt::format("Column \"{}.{}\" is {}{}: values are padded with spaces to the full length, the "
                      "padding is ignored in comparisons but not by every client, and it is no faster "
                      "than text",
                      col.table, col.column, type, col.type.array ? "[]" : ""),
          "Use sa.Text() (text), or sa.String(n) (varchar(n)) when the length must be checked; a fixed "
          "length is better checked with a CHECK (char_length(col) = n)");
    }
  }
}

}  // namespace miglint::rules
