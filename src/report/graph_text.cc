// `alembic history`-style listing (Script.cmd_format with branches, doc and parents).
#include <fmt/format.h>

#include "report/graph_render.h"

namespace miglint::report {
namespace {

std::string join(const std::vector<std::string>& items) {
  return fmt::format("{}", fmt::join(items, ", "));
}

// ANSI SGR wrapping, only when colour is on.
struct Paint {
  bool on;
  std::string operator()(std::string_view sgr, const std::string& text) const {
    return on ? fmt::format("\x1b[{}m{}\x1b[0m", sgr, text) : text;
  }
};

}  // namespace

std::string revision_message(const alembic::Revision& revision) {
  if (!revision.doc.message) return {};
  const std::string& m = revision.doc.message->value;
  std::size_t end = m.find('\n');
  return end == std::string::npos ? m : m.substr(0, end);
}

std::string render_graph_text(const alembic::Project& project, bool color) {
  const Paint paint{color};
  const auto& graph = project.graph;
  const auto& nodes = graph.nodes();
  std::string out;
  for (std::size_t i : graph.newest_first()) {
    const alembic::GraphNode& n = nodes[i];
    std::string line = n.down_revisions.empty() ? "<base>" : join(n.down_revisions);
    if (!n.depends_on.empty()) line += fmt::format(" ({})", join(n.depends_on));
    line += " -> " + paint("1", n.id);
    if (!n.branch_labels.empty()) line += " " + paint("36", fmt::format("({})", join(n.branch_labels)));
    if (n.is_real_head) line += " " + paint("1;32", "(head)");
    if (n.is_head && !n.is_real_head) line += " " + paint("32", "(effective head)");
    if (n.is_branch_point) line += " " + paint("33", "(branchpoint)");
    if (n.is_merge_point) line += " " + paint("33", "(mergepoint)");
    line += ", " + revision_message(project.revisions[n.revision]);
    out += line;
    out += '\n';
  }
  return out;
}

}  // namespace miglint::report
