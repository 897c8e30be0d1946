// duplicate-column-assignment: a column assigned or named twice in one list (UPDATE … SET a = 1,
// a = 2; INSERT INTO t (a, a); CREATE TABLE t (a int, a text); CREATE VIEW v (a, a)), which
// PostgreSQL rejects when the migration runs.
#include <algorithm>

#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "sql/column_lists.h"

namespace miglint::rules {

void check_duplicate_column_assignment(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    for (const auto& dup : sql::duplicate_columns(s.statement())) {
      const bool assignment = dup.kind == sql::ColumnListKind::Assignment;
      std::string message =
          assignment ? fmt::format("Column \"{}\" is assigned twice in one SET list: PostgreSQL fails "
                                   "with \"multiple assignments to same column\"",
                                   dup.second.name)
                     : fmt::format("Column \"{}\" is named twice in one column list: PostgreSQL fails "
                                   "with \"column specified more than once\"",
                                   dup.second.name);
      auto at = [&](const sql::ColumnMention& c) {
        const Span st = s.statement().span;
        if (!c.location || *c.location < st.begin || *c.location >= st.end) return m.location(s);
        uint32_t rel = *c.location - st.begin;
        return m.location(s, Span{rel, static_cast<uint32_t>(std::min<size_t>(rel + c.name.size(), st.end - st.begin))});
      };
      Diagnostic& d = ctx.report(at(dup.second), std::move(message),
                                 assignment ? "Keep one assignment: the statement fails as written"
                                            : "Keep one of them, or rename one");
      if (s.lowered) d.origin = s.lowered->origin;
      if (dup.first.location) d.notes.push_back({"first given here", at(dup.first)});
    }
  }
}

}  // namespace miglint::rules
