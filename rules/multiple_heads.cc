// multiple-heads: more than one head on one line of history (unlabelled, or sharing a label).
#include <fmt/format.h>

#include "alembic/project.h"
#include "lint/rule.h"

namespace miglint::rules {

void check_multiple_heads(const alembic::Project& project, lint::RuleContext& ctx) {
  const auto& graph = project.graph;
  // A dynamic, missing, unknown or circular link makes some revision look like a head or a
  // base; those findings are the ones to fix first.
  if (!graph.links_complete()) return;
  for (const auto& group : graph.head_conflicts()) {
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
        {first.file, first.revision.value_span, {}},
        fmt::format("The history has {} heads {}: {}", ids.size(), where, fmt::join(ids, ", ")),
        fmt::format("Merge them into one head with `alembic merge -m \"merge heads\" {}`, or give each line "
                    "its own `branch_labels` if they are meant to stay apart",
                    fmt::join(ids, " ")));
    for (std::size_t i : group.nodes) {
      const auto& r = project.revisions[graph.nodes()[i].revision];
      d.notes.push_back({fmt::format("head `{}` is here", graph.nodes()[i].id),
                         Location{r.file, r.revision.value_span, {}}});
    }
  }
}

}  // namespace miglint::rules
