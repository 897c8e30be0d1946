// irreversible-operation: upgrade() destroys data (drops a table or column, deletes every row,
// narrows a column type so values are rounded or cut) while downgrade() restores the schema
// as if the data came back with it.
#include <string>

#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/reversal.h"
#include "lint/rule.h"
#include "lint/schema_changes.h"
#include "lint/type_narrowing.h"
#include "rules/reversibility.h"

namespace miglint::rules {
namespace {

// What to do instead, given how the upgrade could keep the data.
std::string help(const std::string& keep) {
  return "`alembic downgrade` brings the schema back but not the data. Keep the data in upgrade(): " + keep +
         ". Or say that the loss is accepted: make downgrade() raise (`raise NotImplementedError(\"data dropped by "
         "this revision cannot be restored\")`), or suppress this finding with a comment saying why";
}

bool table_dropped(const lint::SchemaChanges& up, const std::string& key) {
  for (const auto& o : up.objects())
    if (o.kind == lint::ObjectKind::Table && o.existed_before() && o.start_name == key && o.dropped) return true;
  return false;
}

}  // namespace

void check_irreversible_operation(const lint::Migration& m, lint::RuleContext& ctx) {
  const lint::Migration* down = comparable_downgrade(m);
  if (!down) return;
  lint::SchemaChanges up(m), back(*down);
  for (const auto& x : up.objects()) {
    if (!x.existed_before()) continue;
    const lint::SchemaObject* parent = up.parent(x);
    // A table or column dropped that the downgrade creates again, empty.
    if ((x.kind == lint::ObjectKind::Table || x.kind == lint::ObjectKind::Column) && x.dropped &&
        !x.dropped_with_container && !(parent && parent->dropped)) {
      const lint::SchemaObject* again = lint::creation_in(back, up.before_id(x));
      if (!again) continue;  // not restored at all: incomplete-downgrade's
      auto& d = down->report(
          ctx, down->statements()[*again->created],
          x.kind == lint::ObjectKind::Table
              ? fmt::format("downgrade() re-creates {} that upgrade() drops, but not its rows: the table comes "
                            "back empty",
                            up.describe(x, false))
              : fmt::format("downgrade() re-creates {} that upgrade() drops, but not its values: the column comes "
                            "back NULL (or its default) in every row",
                            up.describe(x, false)),
          x.kind == lint::ObjectKind::Table
              ? help(fmt::format("rename the table instead of dropping it ({}), rename it back in "
                                 "downgrade(), and drop it in a later revision",
                                 fmt::format("op.rename_table(\"{0}\", \"{0}_archived\")", x.start_name)))
              : help("stop using the column first and drop it in a later revision, or copy its values to an archive "
                     "table that downgrade() copies back"));
      d.notes.push_back({"upgrade() drops it here, with its data", m.location(m.statements()[*x.dropped])});
      continue;
    }
    // A type narrowed so that values are rounded or cut, changed back by the downgrade.
    if (x.kind == lint::ObjectKind::Column && x.exists_after() && x.type_change) {
      const lint::SchemaObject* y = lint::find_before(back, up.after_id(x));
      if (!y || !y->exists_after() || !y->type_change) continue;
      const auto& narrow = x.type_change->type;
      const auto& wide = y->type_change->type;
      if (lint::narrowing(wide, narrow, x.type_change->with_using) != lint::Narrowing::Loses) continue;
      auto& d = down->report(ctx, down->statements()[y->type_change->at],
                             fmt::format("downgrade() changes {} back to {}, but the values upgrade() rounded or cut "
                                         "to fit {} stay as they are",
                                         up.describe(x), wide.str(), narrow.str()),
                             help("add a column of the new type next to the old one and drop the old one in a later "
                                  "revision"));
      d.notes.push_back({fmt::format("upgrade() narrows it to {} here", narrow.str()),
                         m.location(m.statements()[x.type_change->at])});
    }
  }
  // Every row deleted: no downgrade brings them back.
  for (const auto& r : up.row_removals()) {
    if (!r.all_rows || table_dropped(up, r.table)) continue;
    // Reported at the deletion, where a suppression comment says it is accepted.
    auto& d = m.report(ctx, m.statements()[r.statement],
                       fmt::format("upgrade() {} \"{}\" and downgrade() cannot bring the rows back",
                                   r.truncate ? "empties" : "deletes every row of", r.table),
                       help(fmt::format("copy the rows first (op.execute(\"CREATE TABLE {0}_archived AS SELECT * FROM "
                                        "{0}\")) and insert them back in downgrade()",
                                        r.table)));
    d.notes.push_back({"downgrade() does not restore them", downgrade_function(*down)});
  }
}

}  // namespace miglint::rules
