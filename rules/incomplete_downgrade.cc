// incomplete-downgrade: downgrade() does not undo everything upgrade() does (an object it
// creates stays, one it drops or renames is not restored, a column change is not reversed).
#include <fmt/format.h>

#include "lint/migration.h"
#include "lint/reversal.h"
#include "lint/rule.h"
#include "lint/schema_changes.h"
#include "rules/reversibility.h"

namespace miglint::rules {
namespace {

struct Wording {
  std::string message, help;
};

Wording wording(const lint::SchemaChanges& up, const lint::ReversalGap& g) {
  const lint::SchemaObject& x = *g.object;
  std::string table = up.parent(x) ? up.parent(x)->name : std::string();
  switch (g.kind) {
    case lint::GapKind::NotDropped:
      return {fmt::format("downgrade() leaves {} that upgrade() creates: after a downgrade, upgrading again fails "
                          "because it already exists",
                          up.describe(x)),
              fmt::format("Drop it in downgrade(), in the reverse order of upgrade():\n    {}", drop_call(up, x))};
    case lint::GapKind::NotRecreated:
      return {fmt::format("downgrade() does not re-create {} that upgrade() drops", up.describe(x, false)),
              fmt::format("Re-create it in downgrade() as it was before the upgrade:\n    {}\nIf it cannot be "
                          "restored, make downgrade() raise so that `alembic downgrade` stops here instead of "
                          "leaving a schema the previous release does not expect",
                          recreate_call(up, x))};
    case lint::GapKind::NotRenamedBack:
      return {fmt::format("downgrade() does not rename {} back to {}", up.describe(x), lint::quote_name(x.kind, x.start_name)),
              fmt::format("Rename it back in downgrade():\n    {}", rename_back_call(up, x))};
    case lint::GapKind::TypeNotRestored:
      return {fmt::format("downgrade() does not change the type of {} back: upgrade() changes it to {}",
                          up.describe(x), x.type_change->type.str()),
              fmt::format("Change it back in downgrade() to the type it had:\n    op.alter_column({}, \"{}\", "
                          "type_=<the previous type>)",
                          table_args(table), x.name)};
    case lint::GapKind::NotNullNotRestored: {
      bool set = x.not_null->value;
      return {fmt::format("downgrade() does not make {} {} again: upgrade() {}", up.describe(x),
                          set ? "nullable" : "NOT NULL", set ? "sets NOT NULL" : "drops NOT NULL"),
              fmt::format("Reverse it in downgrade():\n    op.alter_column({}, \"{}\", nullable={})", table_args(table),
                          x.name, set ? "True" : "False")};
    }
    case lint::GapKind::DefaultNotRestored: {
      bool set = x.default_value->value;
      return {fmt::format("downgrade() does not restore the default of {}: upgrade() {}", up.describe(x),
                          set ? "sets it to " + x.default_value->text : "drops it"),
              fmt::format("Reverse it in downgrade():\n    op.alter_column({}, \"{}\", server_default={})",
                          table_args(table), x.name, set ? "<the previous default, or None>" : "<the previous default>")};
    }
    case lint::GapKind::EnumValueStays:
      return {fmt::format("upgrade() adds {}, which PostgreSQL cannot remove, and downgrade() leaves it: after a "
                          "downgrade, upgrading again fails because the value already exists",
                          up.describe(x)),
              fmt::format("Add the value with IF NOT EXISTS so that the upgrade can run again:\n    "
                          "op.execute(\"ALTER TYPE {} ADD VALUE IF NOT EXISTS '{}'\")\nRemoving the value would mean "
                          "re-creating the type in downgrade(): rename it, create the old type, convert the columns, "
                          "drop the renamed one",
                          table, x.name)};
  }
  return {};
}

}  // namespace

void check_incomplete_downgrade(const lint::Migration& m, lint::RuleContext& ctx) {
  const lint::Migration* down = comparable_downgrade(m);
  if (!down) return;
  lint::SchemaChanges up(m), back(*down);
  for (const lint::ReversalGap& g : lint::find_reversal_gaps(up, back)) {
    Wording w = wording(up, g);
    auto& d = m.report(ctx, m.statements()[g.upgrade_statement], std::move(w.message), std::move(w.help));
    // Both places: the downgrade statement that does something related but wrong, else the
    // function that should undo the change.
    if (g.downgrade_statement)
      d.notes.push_back({"downgrade() " + g.downgrade_action,
                         down->location(down->statements()[*g.downgrade_statement])});
    else
      d.notes.push_back({"downgrade() does not undo it", downgrade_function(*down)});
  }
}

}  // namespace miglint::rules
