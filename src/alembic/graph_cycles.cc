// Cycle search over down_revision and depends_on links: strongly connected components by an
// iterative Tarjan (no recursion, so a 100,000-revision chain cannot overflow the stack),
// then one concrete cycle per component for the message.
#include <algorithm>
#include <deque>

#include "alembic/revision_graph.h"

namespace miglint::alembic {
namespace {

// The links a revision points along: its known down revisions, then its other dependencies.
struct Edges {
  const std::vector<GraphNode>& nodes;
  std::size_t count(std::size_t n) const { return nodes[n].down_nodes.size() + nodes[n].dependency_nodes.size(); }
  std::size_t at(std::size_t n, std::size_t k) const {
    const GraphNode& g = nodes[n];
    return k < g.down_nodes.size() ? g.down_nodes[k] : g.dependency_nodes[k - g.down_nodes.size()];
  }
};

std::vector<std::vector<std::size_t>> strongly_connected(const std::vector<GraphNode>& nodes) {
  constexpr std::size_t unvisited = static_cast<std::size_t>(-1);
  const Edges edges{nodes};
  std::vector<std::size_t> index(nodes.size(), unvisited), low(nodes.size(), 0);
  std::vector<char> on_stack(nodes.size(), 0);
  std::vector<std::size_t> stack;
  std::vector<std::pair<std::size_t, std::size_t>> work;  // (node, next edge to look at)
  std::vector<std::vector<std::size_t>> out;
  std::size_t counter = 0;

  for (std::size_t root = 0; root < nodes.size(); ++root) {
    if (index[root] != unvisited) continue;
    work.push_back({root, 0});
    while (!work.empty()) {
      auto& [v, k] = work.back();
      if (k == 0 && index[v] == unvisited) {
        index[v] = low[v] = counter++;
        stack.push_back(v);
        on_stack[v] = 1;
      }
      if (k < edges.count(v)) {
        std::size_t w = edges.at(v, k++);
        if (index[w] == unvisited) {
          work.push_back({w, 0});  // invalidates v/k; the loop re-reads them
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      std::size_t done = v;
      work.pop_back();
      if (!work.empty()) low[work.back().first] = std::min(low[work.back().first], low[done]);
      if (low[done] == index[done]) {
        std::vector<std::size_t> component;
        std::size_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = 0;
          component.push_back(w);
        } while (w != done);
        if (component.size() > 1) out.push_back(std::move(component));
      }
    }
  }
  return out;
}

}  // namespace

void RevisionGraph::find_cycles() {
  const Edges edges{nodes_};
  std::vector<char> member(nodes_.size(), 0);
  std::vector<std::size_t> parent(nodes_.size(), npos);
  for (auto& component : strongly_connected(nodes_)) {
    std::sort(component.begin(), component.end(),
              [this](std::size_t a, std::size_t b) { return nodes_[a].id < nodes_[b].id; });
    for (std::size_t n : component) member[n] = 1;

    // Breadth-first from the smallest id along links inside the component, until a link
    // returns to it: the shortest cycle through that revision.
    const std::size_t start = component.front();
    std::deque<std::size_t> queue{start};
    std::size_t closing = npos;
    parent[start] = start;
    while (!queue.empty() && closing == npos) {
      std::size_t v = queue.front();
      queue.pop_front();
      for (std::size_t k = 0; k < edges.count(v); ++k) {
        std::size_t w = edges.at(v, k);
        if (!member[w]) continue;
        if (w == start) { closing = v; break; }
        if (parent[w] == npos) { parent[w] = v; queue.push_back(w); }
      }
    }
    Cycle cycle;
    cycle.members = component;
    // Links point from a revision to what it revises; walking them back from `closing` gives
    // the cycle in upgrade order (start, then what revises start, ...).
    for (std::size_t v = closing; v != start && v != npos; v = parent[v]) cycle.path.push_back(v);
    cycle.path.push_back(start);
    std::reverse(cycle.path.begin(), cycle.path.end());
    std::reverse(cycle.path.begin() + 1, cycle.path.end());
    // path is now start, then the revisions in upgrade order.
    for (std::size_t k = 0; k < cycle.path.size(); ++k) {
      std::size_t from = cycle.path[k];  // upgrade order: path[k+1] revises path[k]
      std::size_t to = cycle.path[(k + 1) % cycle.path.size()];
      const auto& downs = nodes_[to].down_nodes;
      if (std::find(downs.begin(), downs.end(), from) == downs.end()) cycle.via_depends_on = true;
    }
    for (std::size_t n : component) { member[n] = 0; parent[n] = npos; }
    cycles_.push_back(std::move(cycle));
  }
  std::sort(cycles_.begin(), cycles_.end(), [this](const Cycle& a, const Cycle& b) {
    return nodes_[a.members.front()].id < nodes_[b.members.front()].id;
  });
}

}  // namespace miglint::alembic
