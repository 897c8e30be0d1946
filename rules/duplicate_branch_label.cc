// duplicate-branch-label: a branch label used by two revisions, twice by one, or equal to an id.
#include <fmt/format.h>

#include "alembic/project.h"
#include "lint/rule.h"

namespace miglint::rules {

void check_duplicate_branch_label(const alembic::Project& project, lint::RuleContext& ctx) {
  for (const auto& c : project.graph.label_conflicts()) {
    const auto& rev = project.revisions[c.revision];
    const auto& other = project.revisions[c.other];
    if (!ctx.in_scope(rev) && !ctx.in_scope(other)) continue;
    using K = alembic::LabelConflictKind;
    std::string message;
    Note note;
    switch (c.kind) {
      case K::OtherRevision:
        message = fmt::format("Branch label `{}` of revision `{}` is already used by revision `{}`", c.label,
                              rev.id(), other.id());
        note = {"the label is first declared here", Location{other.file, other.branch_labels.value_span, {}}};
        break;
      case K::RevisionId:
        message = fmt::format("Branch label `{}` of revision `{}` is also a revision id", c.label, rev.id());
        note = {"the revision with that id is here", Location{other.file, other.revision.value_span, {}}};
        break;
      case K::Repeated:
        message = fmt::format("Branch label `{}` is listed twice in revision `{}`", c.label, rev.id());
        break;
    }
    auto& d = ctx.report({rev.file, c.span, {}}, std::move(message),
                         "Alembic refuses to load the history (\"Branch name ... already used\"); a label names "
                         "one line of history: keep it on the line's first revision only and rename the other");
    if (note.location) d.notes.push_back(std::move(note));
  }
}

}  // namespace miglint::rules
