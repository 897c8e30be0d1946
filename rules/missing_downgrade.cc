// missing-downgrade: downgrade() is absent, does nothing, or only raises.
#include "alembic/project.h"
#include "lint/rule.h"

namespace miglint::rules {

void check_missing_downgrade(const alembic::Project& project, lint::RuleContext& ctx) {
  using K = alembic::BodyKind;
  for (const auto& rev : project.revisions) {
    if (!ctx.in_scope(rev) || !rev.file || !rev.parsed_cleanly()) continue;
    const auto& down = rev.downgrade;
    // Forward-only teams roll back by writing a new revision: a downgrade that is absent or
    // refuses loudly is their policy. A silent one (pass) still lies to `alembic downgrade`.
    const bool forward_only = ctx.option_bool("forward-only");
    switch (down.kind) {
      case K::Implemented:
        break;
      case K::Absent:
        if (forward_only) break;
        // No function to point at: the upgrade() name if there is one, else the file start.
        ctx.report({rev.file, rev.upgrade.kind == K::Absent ? Span{0, 0} : rev.upgrade.name_span, {}},
                   "The revision has no downgrade() function",
                   "Alembic calls downgrade() on `alembic downgrade` and fails with an AttributeError; add a "
                   "downgrade() that reverses upgrade() step by step, in reverse order");
        break;
      case K::Empty:
        // An empty upgrade() too (a merge revision, a placeholder) leaves nothing to reverse.
        if (rev.upgrade.kind == K::Empty) break;
        ctx.report({rev.file, down.name_span, {}}, "downgrade() is empty",
                   forward_only
                       ? "With a forward-only policy, make downgrade() refuse instead of doing nothing: "
                         "`raise NotImplementedError(\"forward-only: write a new revision\")`; an empty one lets "
                         "`alembic downgrade` record the revision as undone while its changes stay"
                       : "`alembic downgrade` would record the revision as undone while its changes stay in the "
                         "database; reverse each upgrade() step in reverse order");
        break;
      case K::OnlyRaises:
        if (forward_only) break;
        ctx.report({rev.file, down.name_span, {}}, "downgrade() only raises",
                   "This revision cannot be rolled back, which blocks `alembic downgrade` through it; "
                   "reverse each upgrade() step, or keep the raise and suppress this finding with a comment "
                   "saying why the change is irreversible");
        break;
    }
  }
}

}  // namespace miglint::rules
