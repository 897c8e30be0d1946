// non-concurrent-refresh: REFRESH MATERIALIZED VIEW without CONCURRENTLY on a view that
// already exists.
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/op_calls.h"
#include "sql/utility.h"

namespace miglint::rules {

void check_non_concurrent_refresh(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    auto refresh = sql::as_refresh_matview(s.statement());
    // WITH NO DATA only empties the view (a short lock), and cannot be done concurrently.
    if (!refresh || refresh->concurrent || refresh->with_no_data) continue;
    // A view created earlier in this revision has no readers yet.
    if (m.created_before(refresh->view, s.index)) continue;
    std::string view = refresh->view.str();
    std::string lock;
    for (const auto& l : s.locks)
      if (l.relation == view) lock = lint::describe_lock(l, s.in_transaction());
    if (lock.empty())
      lock = lint::describe_lock({view, sql::LockMode::AccessExclusive, sql::Work::Rewrite, "REFRESH MATERIALIZED VIEW"},
                                 s.in_transaction());
    m.report(ctx, s,
             fmt::format("REFRESH MATERIALIZED VIEW \"{}\" without CONCURRENTLY {}", view, lock),
             fmt::format("Refresh it with CONCURRENTLY:\n"
                         "    op.execute({})\n"
                         "CONCURRENTLY takes EXCLUSIVE, which lets reads of the view go on while the new "
                         "contents are computed; it needs a unique index on the view (plain columns, no "
                         "WHERE) and a view that is already populated (not just created WITH NO DATA)",
                         python_string("REFRESH MATERIALIZED VIEW CONCURRENTLY " + view)));
  }
}

}  // namespace miglint::rules
