// Branch label propagation (Alembic's RevisionMap._add_branches) and the head/base groups
// that make a history ambiguous: several unlabelled heads, or several heads on one label.
#include <algorithm>
#include <map>
#include <set>

#include "alembic/revision_graph.h"

namespace miglint::alembic {
namespace {

void add_labels(std::vector<std::string>& to, const std::vector<std::string>& labels) {
  for (const auto& l : labels)
    if (std::find(to.begin(), to.end(), l) == to.end()) to.push_back(l);
}

}  // namespace

void RevisionGraph::propagate_labels() {
  // For each labelled revision, in file order: every descendant through down_revision gets its
  // labels; then, from the last descendant Alembic's depth-first walk yields, labels flow down
  // the single-parent chain until a branch point (counting dependents) or a merge point. When
  // the labelled revision's descendants fork, that walk stops inside them, so only a straight
  // line of descendants lets labels reach the labelled revision's ancestors.
  std::vector<std::size_t> stack;
  std::vector<char> seen(nodes_.size(), 0);
  std::vector<std::size_t> touched;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    if (nodes_[i].own_labels.empty()) continue;
    const std::vector<std::string> labels = nodes_[i].branch_labels;
    std::size_t last = i;
    stack.assign(1, i);
    while (!stack.empty()) {
      std::size_t n = stack.back();
      stack.pop_back();
      if (seen[n]) continue;
      seen[n] = 1;
      touched.push_back(n);
      for (std::size_t c : nodes_[n].children) stack.push_back(c);
      add_labels(nodes_[n].branch_labels, labels);
      last = n;
    }
    for (std::size_t n : touched) seen[n] = 0;
    touched.clear();

    std::size_t parent = last;
    while (parent != npos) {
      GraphNode& p = nodes_[parent];
      bool real_branch_point = p.children.size() + p.dependents.size() > 1;
      if (real_branch_point || p.is_merge_point) break;
      add_labels(p.branch_labels, labels);
      // A revision's own single down revision; stop at a base or an unknown parent.
      parent = p.down_nodes.size() == 1 && p.down_revisions.size() == 1 ? p.down_nodes[0] : npos;
      if (parent != npos && seen[parent]) break;  // a cycle: stop rather than loop
      if (parent != npos) {
        seen[parent] = 1;
        touched.push_back(parent);
      }
    }
    for (std::size_t n : touched) seen[n] = 0;
    touched.clear();
  }
  for (GraphNode& n : nodes_) std::sort(n.branch_labels.begin(), n.branch_labels.end());
}

namespace {

// Groups of ends (heads or bases) that cannot all be meant: the unlabelled ones when there are
// several, and for each label the ends carrying it when there are several. A set of ends is
// listed once, under its first label.
std::vector<EndGroup> conflicting_groups(const std::vector<GraphNode>& nodes, const std::vector<std::size_t>& ends) {
  std::vector<EndGroup> out;
  std::vector<std::size_t> unlabelled;
  std::map<std::string, std::vector<std::size_t>> by_label;
  for (std::size_t e : ends) {
    if (nodes[e].branch_labels.empty()) unlabelled.push_back(e);
    for (const auto& l : nodes[e].branch_labels) by_label[l].push_back(e);
  }
  auto by_id = [&nodes](std::size_t a, std::size_t b) { return nodes[a].id < nodes[b].id; };
  std::set<std::vector<std::size_t>> listed;
  if (unlabelled.size() > 1) {
    std::sort(unlabelled.begin(), unlabelled.end(), by_id);
    out.push_back({"", unlabelled});
  }
  for (auto& [label, group] : by_label) {
    if (group.size() < 2) continue;
    std::sort(group.begin(), group.end(), by_id);
    if (!listed.insert(group).second) continue;
    out.push_back({label, group});
  }
  return out;
}

}  // namespace

void RevisionGraph::find_end_conflicts() {
  std::vector<std::size_t> heads, bases;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    if (nodes_[i].is_head) heads.push_back(i);
    // A base that depends_on another revision is attached on purpose; only real bases count.
    if (nodes_[i].is_real_base) bases.push_back(i);
  }
  head_conflicts_ = conflicting_groups(nodes_, heads);
  base_conflicts_ = conflicting_groups(nodes_, bases);
}

}  // namespace miglint::alembic
