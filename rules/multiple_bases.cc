// multiple-bases: more than one base on one line of history (unlabelled, or sharing a label).
#include <fmt/format.h>

#include "alembic/project.h"
#include "lint/rule.h"

namespace miglint::rules {

void check_multiple_bases(const alembic::Project& project, lint::RuleContext& ctx) {
  const auto& graph = project.graph;
  // A dynamic, missing, unknown or circular link makes some revision look like a head or a
  // base; those findings are the ones to fix first.
  if (!graph.links_complete()) return;
  for (const auto& group : graph.base_conflicts()) {
    std::vector<std::string> ids;
    bool in_scope = false;
    for (std::size_t i : group.nodes) {
      ids.push_back(graph.nodes()[i].id);
      in_scope = in_scope || ctx.in_scope(project.revisions[graph.nodes()[i].revision]);
    }
    if (!in_scope) continue;
    const auto& first = project.revisions[graph.nodes()[group.nodes.front()].revision];
    std::string where = group.label.empty() ? "with no branch label" : fmt::format("on branch `{}`", group.label);
    auto& d = ctx.report(
        {first.file, first.down_revision.value_span, {}},
        fmt::format("The history has {} bases {}: {}", ids.size(), where, fmt::join(ids, ", ")),
        "Point each extra base's `down_revision` at the revision it builds on, or, if it starts an "
        "independent line on purpose, give that line its own `branch_labels` (and `depends_on` "
        "if it needs the other line's tables)");
    for (std::size_t i : group.nodes) {
      const auto& r = project.revisions[graph.nodes()[i].revision];
      d.notes.push_back({fmt::format("base `{}` is here", graph.nodes()[i].id),
                         Location{r.file, r.down_revision.value_span, {}}});
    }
  }
}

}  // namespace miglint::rules
