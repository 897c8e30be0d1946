// Renderers for `miglint graph`: an `alembic history`-style listing, JSON, Graphviz and Mermaid.
#pragma once

#include <string>

#include "alembic/project.h"

namespace miglint::report {

// `alembic history` lines, newest first: `<down> (<deps>) -> <rev> (<labels>) (head)
// (branchpoint) (mergepoint), <message>`. With `color`, ids and markers get ANSI colours.
std::string render_graph_text(const alembic::Project& project, bool color = false);
// The documented JSON shape (docs/graph.md), newest first, with sorted `heads` and `bases`.
std::string render_graph_json(const alembic::Project& project);
// Graphviz `digraph`; down_revision links solid, depends_on dashed, unknown targets red.
std::string render_graph_dot(const alembic::Project& project);
// Mermaid `flowchart BT`, with the same conventions as the dot output.
std::string render_graph_mermaid(const alembic::Project& project);

// The first paragraph's first line of a revision's docstring, as Alembic's Script.doc shows it.
std::string revision_message(const alembic::Revision& revision);

}  // namespace miglint::report
