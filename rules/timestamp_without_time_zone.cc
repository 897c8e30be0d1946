// timestamp-without-time-zone: a column declared timestamp (and, with include-time, time)
// without time zone.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/column_types.h"

namespace miglint::rules {

void check_timestamp_without_time_zone(const lint::Migration& m, lint::RuleContext& ctx) {
  bool include_time = ctx.option_bool("include-time");
  for (const auto& s : m.statements()) {
    for (const auto& col : declared_columns(s.statement())) {
      std::string shown = col.type.typmods.empty() ? "" : fmt::format("({})", col.type.typmods.front());
      std::string array = col.type.array ? "[]" : "";
      if (is_builtin(col.type, "timestamp")) {
        report_column(
            m, ctx, s, col,
            fmt::format("Column \"{}.{}\" is timestamp{} without time zone{}: it stores the wall-clock "
                        "time without its UTC offset, so values written from sessions in different time "
                        "zones cannot be compared",
                        col.table, col.column, shown, array),
            "Use timestamptz (timestamp with time zone), which stores an instant:\n"
            "    sa.DateTime(timezone=True)\n"
            "sa.DateTime() renders TIMESTAMP WITHOUT TIME ZONE");
      } else if (include_time && is_builtin(col.type, "time")) {
        report_column(
            m, ctx, s, col,
            fmt::format("Column \"{}.{}\" is time{} without time zone{}: a time of day with no zone",
                        col.table, col.column, shown, array),
            "If the value is an instant, store a timestamptz (sa.DateTime(timezone=True)); PostgreSQL "
            "itself discourages time with time zone");
      }
    }
  }
}

}  // namespace miglint::rules
