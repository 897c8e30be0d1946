// Pictures of the revision graph: Graphviz dot and Mermaid flowcharts. Arrows point from a
// revision to the one revising it (upgrade direction); bases at the bottom.
#include <fmt/format.h>

#include <set>

#include "report/graph_render.h"

namespace miglint::report {
namespace {

std::string dot_quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') { out += "\\n"; continue; }
    out += c;
  }
  return out + "\"";
}

// Mermaid labels sit in "..."; quotes and markup characters become entity codes.
std::string mermaid_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '"': out += "#quot;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      case '\n': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

// Id, message and labels on separate lines; `escape` applies to the text, not the separator.
template <typename Escape>
std::string node_caption(const alembic::Project& p, const alembic::GraphNode& n, std::string_view newline,
                         Escape escape) {
  std::string label = escape(n.id);
  std::string message = revision_message(p.revisions[n.revision]);
  if (!message.empty()) label += fmt::format("{}{}", newline, escape(message));
  if (!n.branch_labels.empty())
    label += fmt::format("{}({})", newline, escape(fmt::format("{}", fmt::join(n.branch_labels, ", "))));
  return label;
}

std::string as_is(std::string_view s) { return std::string(s); }

// Ids named by a link but absent from the graph, sorted, so pictures show orphans.
std::set<std::string> missing_ids(const alembic::RevisionGraph& g) {
  std::set<std::string> out;
  for (const auto& o : g.orphans()) out.insert(o.missing);
  return out;
}

}  // namespace

std::string render_graph_dot(const alembic::Project& project) {
  const auto& graph = project.graph;
  const auto& nodes = graph.nodes();
  std::string out = "digraph revisions {\n  rankdir=BT;\n  node [shape=box, fontname=\"monospace\"];\n";
  for (std::size_t i : graph.newest_first()) {
    const auto& n = nodes[i];
    std::string attrs = "label=" + dot_quote(node_caption(project, n, "\n", as_is));
    if (n.is_head) attrs += ", peripheries=2";
    if (n.is_base) attrs += ", style=rounded";
    out += fmt::format("  {} [{}];\n", dot_quote(n.id), attrs);
  }
  for (const auto& m : missing_ids(graph))
    out += fmt::format("  {} [label={}, color=red, fontcolor=red, style=dashed];\n", dot_quote(m),
                       dot_quote(m + "\n(missing)"));
  for (std::size_t i : graph.newest_first()) {
    const auto& n = nodes[i];
    for (const auto& d : n.down_revisions) out += fmt::format("  {} -> {};\n", dot_quote(d), dot_quote(n.id));
    for (const auto& d : n.resolved_depends_on)
      out += fmt::format("  {} -> {} [style=dashed];\n", dot_quote(d), dot_quote(n.id));
  }
  for (const auto& o : graph.orphans())
    if (o.via == alembic::LinkKind::DependsOn)
      out += fmt::format("  {} -> {} [style=dashed, color=red];\n", dot_quote(o.missing),
                         dot_quote(nodes[graph.index_of(project.revisions[o.revision].id())].id));
  out += "}\n";
  return out;
}

std::string render_graph_mermaid(const alembic::Project& project) {
  const auto& graph = project.graph;
  const auto& nodes = graph.nodes();
  // Mermaid node names must be simple; revision ids may not be, so nodes are r<index>.
  std::string out = "flowchart BT\n";
  auto name = [](std::size_t i) { return fmt::format("r{}", i); };
  std::vector<std::size_t> order = graph.newest_first();
  for (std::size_t i : order)
    out += fmt::format("  {}[\"{}\"]\n", name(i), node_caption(project, nodes[i], "<br/>", mermaid_text));
  std::size_t k = 0;
  std::vector<std::string> missing_names;
  for (const auto& m : missing_ids(graph)) {
    std::string mname = fmt::format("missing{}", k++);
    out += fmt::format("  {}[\"{} (missing)\"]\n", mname, mermaid_text(m));
    missing_names.push_back(mname);
  }
  std::set<std::string> missing = missing_ids(graph);
  auto target = [&](const std::string& id) {
    std::size_t i = graph.index_of(id);
    if (i != alembic::RevisionGraph::npos) return name(i);
    return missing_names[std::distance(missing.begin(), missing.find(id))];
  };
  for (std::size_t i : order) {
    const auto& n = nodes[i];
    for (const auto& d : n.down_revisions) out += fmt::format("  {} --> {}\n", target(d), name(i));
    for (const auto& d : n.resolved_depends_on) out += fmt::format("  {} -.-> {}\n", target(d), name(i));
  }
  for (const auto& o : graph.orphans())
    if (o.via == alembic::LinkKind::DependsOn)
      out += fmt::format("  {} -.-> {}\n", target(o.missing), name(graph.index_of(project.revisions[o.revision].id())));
  std::vector<std::string> heads;
  for (std::size_t i : order)
    if (nodes[i].is_head) heads.push_back(name(i));
  if (!heads.empty()) out += fmt::format("  classDef head stroke-width:3px\n  class {} head\n", fmt::join(heads, ","));
  if (!missing_names.empty())
    out += fmt::format("  classDef missing stroke:#d00,stroke-dasharray:4\n  class {} missing\n",
                       fmt::join(missing_names, ","));
  return out;
}

}  // namespace miglint::report
