// empty-migration: upgrade() does nothing and the revision is not a merge.
#include "alembic/project.h"
#include "lint/rule.h"

namespace miglint::rules {

void check_empty_migration(const alembic::Project& project, lint::RuleContext& ctx) {
  for (const auto& rev : project.revisions) {
    if (!ctx.in_scope(rev) || !rev.file || !rev.parsed_cleanly()) continue;
    if (rev.upgrade.kind != alembic::BodyKind::Empty) continue;
    // A merge revision (`alembic merge`) exists to join heads: empty by design.
    if (rev.down_ids().size() > 1) continue;
    ctx.report({rev.file, rev.upgrade.name_span, {}}, "upgrade() does nothing and the revision is not a merge",
               "An empty revision still adds a step to every deploy and moves alembic_version. If "
               "`alembic revision --autogenerate` found no model changes, delete the file; otherwise "
               "write the change. A revision that only marks a point in history (e.g. a release) "
               "can say so with a suppression: `# miglint: ignore[empty-migration] -- release 2.0 marker`");
  }
}

}  // namespace miglint::rules
