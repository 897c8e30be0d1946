// orphan-revision: down_revision or depends_on names a revision that does not exist.
#include <fmt/format.h>

#include "alembic/project.h"
#include "lint/rule.h"

namespace miglint::rules {

void check_orphan_revision(const alembic::Project& project, lint::RuleContext& ctx) {
  for (const auto& o : project.graph.orphans()) {
    const auto& r = project.revisions[o.revision];
    if (!ctx.in_scope(r)) continue;
    const char* var = o.via == alembic::LinkKind::DownRevision ? "down_revision" : "depends_on";
    if (o.names_label) {
      ctx.report({r.file, o.span, {}},
                 fmt::format("`down_revision` of revision `{}` names branch label `{}`, not a revision id",
                             r.id(), o.missing),
                 "`down_revision` must name revision ids; use the id of the revision it follows, or move "
                 "the label to `depends_on`, which accepts branch labels");
      continue;
    }
    ctx.report({r.file, o.span, {}},
               fmt::format("`{}` of revision `{}` names unknown revision `{}`", var, r.id(), o.missing),
               fmt::format("Alembic fails with a KeyError on `{}`: restore the missing revision file, or point "
                           "`{}` at an existing revision (`alembic heads` lists the current heads)",
                           o.missing, var));
  }
}

}  // namespace miglint::rules
