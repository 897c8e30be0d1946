// PLACEHOLDER until the graph lands.
#include "alembic/revision_graph.h"
namespace miglint::alembic {
RevisionGraph RevisionGraph::build(const std::vector<Revision>&) { return {}; }
}
