// self-referencing-revision: a revision names itself in down_revision or depends_on.
#include <fmt/format.h>

#include "alembic/project.h"
#include "lint/rule.h"

namespace miglint::rules {

void check_self_referencing_revision(const alembic::Project& project, lint::RuleContext& ctx) {
  for (const auto& s : project.graph.self_references()) {
    const auto& r = project.revisions[s.revision];
    if (!ctx.in_scope(r)) continue;
    bool down = s.via == alembic::LinkKind::DownRevision;
    ctx.report({r.file, s.span, {}},
               fmt::format("Revision `{}` names itself in `{}`", r.id(), down ? "down_revision" : "depends_on"),
               down ? "Alembic refuses to load it (LoopDetected): set `down_revision` to the revision this one "
                      "follows, usually the previous head"
                    : "Alembic refuses to load it (DependencyLoopDetected): remove the revision's own id or "
                      "branch label from `depends_on`");
  }
}

}  // namespace miglint::rules
