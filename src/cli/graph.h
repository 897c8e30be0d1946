// `miglint graph [PATH]`: the revision history as a tree, JSON, Graphviz dot or Mermaid.
#pragma once

#include <string>

#include "alembic/project.h"

namespace miglint::cli {

struct GraphOptions {
  alembic::LoadOptions load;
  std::string format = "text";  // text | json | dot | mermaid
  bool color = false;
};

int run_graph(const GraphOptions& options);

}  // namespace miglint::cli
