// `miglint graph`: load the project, then print its revision graph in the chosen format.
#include "cli/graph.h"

#include <fmt/core.h>

#include <cstdio>

#include "report/graph_render.h"

namespace miglint::cli {

int run_graph(const GraphOptions& options) {
  alembic::Project project;
  if (!alembic::load_project(options.load, project)) {
    for (const Diagnostic& d : project.load_diagnostics) {
      const std::string where = d.location.display_path();
      if (where.empty())
        fmt::print(stderr, "miglint: {}\n", d.message);
      else
        fmt::print(stderr, "miglint: {}: {}\n", where, d.message);
    }
    return 2;
  }
  std::string out;
  if (options.format == "json")
    out = report::render_graph_json(project);
  else if (options.format == "dot")
    out = report::render_graph_dot(project);
  else if (options.format == "mermaid")
    out = report::render_graph_mermaid(project);
  else
    out = report::render_graph_text(project, options.color);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace miglint::cli
