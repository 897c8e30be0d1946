#include "rules/end_group_report.h"

#include <fmt/format.h>

namespace miglint::rules {

void report_end_groups(const alembic::Project& project, lint::RuleContext& ctx,
                       const std::vector<alembic::EndGroup>& groups, const EndGroupWording& wording) {
  const auto& graph = project.graph;
  // A dynamic, missing, unknown or circular link makes some revision look like a head or a
  // base; those findings are the ones to fix first.
  if (!graph.links_complete()) return;
  for (const auto& group : groups) {
    std::vector<std::string> ids;
    bool in_scope = false;
    for (std::size_t i : group.nodes) {
      ids.push_back(graph.nodes()[i].id);
      in_scope = in_scope || ctx.in_scope(project.revisions[graph.nodes()[i].revision]);
    }
    if (!in_scope) continue;
    const auto& first = project.revisions[graph.nodes()[group.nodes.front()].revision];
    std::string where = group.label.empty() ? "with no branch label" : fmt::format("on branch `{}`", group.label);
    auto& d = ctx.report({first.file, (first.*wording.variable).value_span, {}},
                         fmt::format("The history has {} {} {}: {}", ids.size(), wording.plural, where,
                                     fmt::join(ids, ", ")),
                         wording.help(ids));
    for (std::size_t i : group.nodes) {
      const auto& r = project.revisions[graph.nodes()[i].revision];
      d.notes.push_back({fmt::format("{} `{}` is here", wording.singular, graph.nodes()[i].id),
                         Location{r.file, (r.*wording.variable).value_span, {}}});
    }
  }
}

}  // namespace miglint::rules
