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
    std::vector<std::string> ids, changed, others;
    for (std::size_t i : group.nodes) {
      ids.push_back(graph.nodes()[i].id);
      bool in_scope = ctx.in_scope(project.revisions[graph.nodes()[i].revision]);
      (in_scope ? changed : others).push_back(graph.nodes()[i].id);
    }
    if (changed.empty()) continue;
    const auto& first = project.revisions[graph.nodes()[group.nodes.front()].revision];
    std::string where = group.label.empty() ? "with no branch label" : fmt::format("on branch `{}`", group.label);
    std::string message = fmt::format("The history has {} {} {}: {}", ids.size(), wording.plural, where,
                                      fmt::join(ids, ", "));
    std::string help = wording.help(ids);
    if (project.since && wording.since && !others.empty()) wording.since(changed, others, message, help);
    auto& d = ctx.report({first.file, (first.*wording.variable).value_span, {}}, std::move(message), std::move(help));
    for (std::size_t i : group.nodes) {
      const auto& r = project.revisions[graph.nodes()[i].revision];
      d.notes.push_back({fmt::format("{} `{}` is here", wording.singular, graph.nodes()[i].id),
                         Location{r.file, (r.*wording.variable).value_span, {}}});
    }
  }
}

}  // namespace miglint::rules
