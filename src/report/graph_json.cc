// The JSON form of the revision graph; the shape is documented in docs/graph.md.
#include <nlohmann/json.hpp>

#include "report/graph_render.h"

namespace miglint::report {

std::string render_graph_json(const alembic::Project& project) {
  const auto& graph = project.graph;
  const auto& nodes = graph.nodes();
  auto ids = [&nodes](const std::vector<std::size_t>& v) {
    nlohmann::ordered_json a = nlohmann::ordered_json::array();
    for (std::size_t i : v) a.push_back(nodes[i].id);
    return a;
  };
  nlohmann::ordered_json revisions = nlohmann::ordered_json::array();
  for (std::size_t i : graph.newest_first()) {
    const alembic::GraphNode& n = nodes[i];
    const alembic::Revision& r = project.revisions[n.revision];
    revisions.push_back({
        {"id", n.id},
        {"path", r.file ? r.file->path() : std::string()},
        {"message", revision_message(r)},
        {"down_revisions", n.down_revisions},
        {"depends_on", n.depends_on},
        {"resolved_depends_on", n.resolved_depends_on},
        {"own_branch_labels", n.own_labels},
        {"branch_labels", n.branch_labels},
        {"children", ids(n.children)},
        {"dependents", ids(n.dependents)},
        {"is_head", n.is_head},
        {"is_real_head", n.is_real_head},
        {"is_base", n.is_base},
        {"is_real_base", n.is_real_base},
        {"is_branch_point", n.is_branch_point},
        {"is_merge_point", n.is_merge_point},
    });
  }
  nlohmann::ordered_json out = {
      {"heads", graph.heads()},
      {"bases", graph.bases()},
      {"revisions", std::move(revisions)},
  };
  // Paths and source text need not be UTF-8 (a Latin-1 file name, a comment): invalid bytes
  // become U+FFFD instead of nlohmann::json throwing type_error 316 (an abort).
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace miglint::report
