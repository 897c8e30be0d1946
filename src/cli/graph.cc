// `miglint graph`: load the project, then print its revision graph in the chosen format.
#include "cli/graph.h"

#include <cstdio>

#include "cli/load_failure.h"
#include "report/graph_render.h"

namespace miglint::cli {

int run_graph(const GraphOptions& options) {
  alembic::Project project;
  if (!alembic::load_project(options.load, project)) {
    print_load_problems(project.load_diagnostics);
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
