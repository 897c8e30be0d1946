// duplicate-revision-id: two revision files declare the same revision id.
#include <fmt/format.h>

#include "alembic/project.h"
#include "lint/rule.h"

namespace miglint::rules {

void check_duplicate_revision_id(const alembic::Project& project, lint::RuleContext& ctx) {
  for (const auto& dup : project.graph.duplicates()) {
    // One finding per file, each pointing at the others, so every copy is visible in its file.
    for (std::size_t r : dup.revisions) {
      const auto& rev = project.revisions[r];
      if (!ctx.in_scope(rev)) continue;
      auto& d = ctx.report({rev.file, rev.revision.value_span, {}},
                           fmt::format("Revision id `{}` is declared by {} files", dup.id, dup.revisions.size()),
                           "Alembic only warns and silently keeps one of them; give the newer file a fresh id "
                           "(e.g. from `alembic revision`'s generator, uuid4().hex[-12:]) and update the "
                           "`down_revision` of any revision written on top of it");
      for (std::size_t other : dup.revisions) {
        if (other == r) continue;
        const auto& o = project.revisions[other];
        d.notes.push_back({"also declared here", Location{o.file, o.revision.value_span, {}}});
      }
    }
  }
}

}  // namespace miglint::rules
