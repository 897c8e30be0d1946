// truncate: TRUNCATE of a table the revision did not create itself.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/destructive_support.h"
#include "sql/utility.h"

namespace miglint::rules {

using destructive::quote_name;

void check_truncate(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    auto truncate = sql::as_truncate(s.statement());
    if (!truncate) continue;
    for (const auto& table : truncate->relations) {
      // Rows the revision itself inserted into a table it created are its own to discard.
      if (m.created_before(table, s.index)) continue;
      std::string lock;
      for (const auto& l : s.locks)
        if (l.relation == table.str()) lock = "; it " + lint::describe_lock(l, s.in_transaction());
      auto& d = m.report(
          ctx, s,
          fmt::format("TRUNCATE {} deletes every row of the table{}", quote_name(table.str()), lock),
          fmt::format("Delete only the rows the change needs to remove, in batches on a large table:\n"
                      "    op.execute(\"DELETE FROM {0} WHERE ...\")\n"
                      "If the whole table is being retired, stop using it in the code and drop it in a later "
                      "revision instead; if emptying it is really intended (a cache, a staging table), say so:\n"
                      "    op.execute(\"TRUNCATE {0}\")  # miglint: ignore[truncate] rebuilt by the nightly job",
                      table.str()));
      d.notes.push_back({"TRUNCATE is not MVCC-safe: a transaction that started before it sees the table empty "
                         "once it commits",
                         std::nullopt});
    }
  }
}

}  // namespace miglint::rules
