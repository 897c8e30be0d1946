// `alembic history`-style listing (Script.cmd_format with branches, doc and parents).
#include <fmt/format.h>

#include "report/graph_render.h"

namespace miglint::report {
namespace {

std::string join(const std::vector<std::string>& items) {
  return fmt::format("{}", fmt::join(items, ", "));
}

}  // namespace

std::string revision_message(const alembic::Revision& revision) {
  if (!revision.doc.message) return {};
  const std::string& m = revision.doc.message->value;
  std::size_t end = m.find('\n');
  return end == std::string::npos ? m : m.substr(0, end);
}

std::string render_graph_text(const alembic::Project& project) {
  const auto& graph = project.graph;
  const auto& nodes = graph.nodes();
  std::string out;
  for (std::size_t i : graph.newest_first()) {
    const alembic::GraphNode& n = nodes[i];
    std::string line = n.down_revisions.empty() ? "<base>" : join(n.down_revisions);
    if (!n.depends_on.empty()) line += fmt::format(" ({})", join(n.depends_on));
    line += " -> " + n.id;
    if (!n.branch_labels.empty()) line += fmt::format(" ({})", join(n.branch_labels));
    if (n.is_real_head) line += " (head)";
    if (n.is_head && !n.is_real_head) line += " (effective head)";
    if (n.is_branch_point) line += " (branchpoint)";
    if (n.is_merge_point) line += " (mergepoint)";
    line += ", " + revision_message(project.revisions[n.revision]);
    out += line;
    out += '\n';
  }
  return out;
}

}  // namespace miglint::report
