// PLACEHOLDER until the command lands.
#include "cli/graph.h"
namespace miglint::cli {
int run_graph(const GraphOptions&) { return 2; }
}
