// revision-cycle: down_revision / depends_on links that lead back to where they started.
#include <fmt/format.h>

#include <algorithm>

#include "alembic/project.h"
#include "lint/rule.h"

namespace miglint::rules {

namespace {

// A cycle can be 100,000 revisions long (one revision pointing back at the last of a long
// chain): the message names at most kShown of them and the notes point at most kShown links,
// so the report stays readable and small; counts say how many more there are.
constexpr std::size_t kShown = 10;

std::string elided(const std::vector<std::string>& ids, const char* sep) {
  if (ids.size() <= kShown + 2) return fmt::format("{}", fmt::join(ids, sep));
  std::vector<std::string> head(ids.begin(), ids.begin() + kShown - 1);
  return fmt::format("{}{}… ({} more){}{}", fmt::join(head, sep), sep, ids.size() - kShown, sep, ids.back());
}

}  // namespace

void check_revision_cycle(const alembic::Project& project, lint::RuleContext& ctx) {
  const auto& graph = project.graph;
  for (const auto& cycle : graph.cycles()) {
    bool in_scope = false;
    for (std::size_t i : cycle.members) in_scope = in_scope || ctx.in_scope(project.revisions[graph.nodes()[i].revision]);
    if (!in_scope) continue;
    std::vector<std::string> ids;
    for (std::size_t i : cycle.path) ids.push_back(graph.nodes()[i].id);
    ids.push_back(ids.front());
    // Reported at the link that closes the loop: the first revision's down_revision/depends_on.
    const auto& first = project.revisions[graph.nodes()[cycle.path.front()].revision];
    const auto& first_node = graph.nodes()[cycle.path.front()];
    bool closes_by_down = std::find(first_node.down_nodes.begin(), first_node.down_nodes.end(),
                                    cycle.path.back()) != first_node.down_nodes.end();
    Span span = closes_by_down ? first.down_revision.value_span : first.depends_on.value_span;
    auto& d = ctx.report(
        {first.file, span, {}},
        fmt::format("Revisions form a cycle through {}: {}{}",
                    cycle.via_depends_on ? "`down_revision` and `depends_on`" : "`down_revision`",
                    elided(ids, " -> "),
                    cycle.path.size() > kShown ? fmt::format(" ({} revisions)", cycle.path.size()) : ""),
        "Alembic cannot order a cyclic history (it stops with CycleDetected, or misses it and loops). Break the cycle: one of these revisions "
        "must follow a revision outside it (usually the earliest one should point at the revision it was "
        "written after)");
    // One note per link of the cycle, at the variable that makes it: path[j] revises (or
    // depends on) path[j - 1], and path[0] closes the loop on the last one.
    for (std::size_t j = 0; j < cycle.path.size() && j < kShown; ++j) {
      const auto& node = graph.nodes()[cycle.path[j]];
      const auto& prev = graph.nodes()[cycle.path[(j + cycle.path.size() - 1) % cycle.path.size()]];
      const auto& r = project.revisions[node.revision];
      bool by_down = std::find(node.down_nodes.begin(), node.down_nodes.end(),
                               graph.index_of(prev.id)) != node.down_nodes.end();
      d.notes.push_back({fmt::format("`{}` {} `{}` here", node.id, by_down ? "revises" : "depends on", prev.id),
                         Location{r.file, by_down ? r.down_revision.value_span : r.depends_on.value_span, {}}});
    }
    if (cycle.path.size() > kShown)
      d.notes.push_back({fmt::format("and {} more links", cycle.path.size() - kShown), {}});
    if (cycle.members.size() > cycle.path.size()) {
      std::vector<std::string> all;
      for (std::size_t i : cycle.members) all.push_back(graph.nodes()[i].id);
      d.notes.push_back({fmt::format("all {} revisions caught in this cycle: {}", all.size(), elided(all, ", ")), {}});
    }
  }
}

}  // namespace miglint::rules
