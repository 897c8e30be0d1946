// dynamic-revision-variable: `revision`, `down_revision`, `branch_labels` or `depends_on` is
// computed, so neither miglint nor a reader can know the history without running the file.
#include <fmt/format.h>

#include "alembic/project.h"
#include "lint/rule.h"

namespace miglint::rules {

void check_dynamic_revision_variable(const alembic::Project& project, lint::RuleContext& ctx) {
  for (const auto& rev : project.revisions) {
    if (!ctx.in_scope(rev)) continue;
    const std::pair<const char*, const alembic::RevisionVariable*> vars[] = {
        {"revision", &rev.revision},
        {"down_revision", &rev.down_revision},
        {"branch_labels", &rev.branch_labels},
        {"depends_on", &rev.depends_on},
    };
    for (const auto& [name, var] : vars) {
      if (var->form != alembic::ValueForm::Dynamic) continue;
      ctx.report({rev.file, var->value_span, {}},
                 fmt::format("`{}` is not a static value", name),
                 fmt::format("Write `{}` as a string literal, a tuple of string literals, or None, as "
                             "`alembic revision` generates it; the history must be readable without "
                             "running the file",
                             name));
    }
  }
}

}  // namespace miglint::rules
