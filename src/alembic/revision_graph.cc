// Building the revision graph: nodes, links, label map, orphans, duplicates, heads and bases.
// Label propagation lives in graph_labels.cc and cycle search in graph_cycles.cc.
#include "alembic/revision_graph.h"

#include <algorithm>

namespace miglint::alembic {
namespace {

// Alembic reads a revision only when `revision` is a static, non-empty string; the others
// are reported by missing-revision-variable / dynamic-revision-variable / invalid-revision-id.
bool has_graph_id(const Revision& r) {
  return r.revision.form == ValueForm::String && r.revision.values.size() == 1 &&
         !r.revision.values[0].value.empty();
}

// Non-empty strings of a variable; Alembic's tuple_rev_as_scalar turns "" and () into None.
std::vector<const StringValue*> strings_of(const RevisionVariable& v) {
  std::vector<const StringValue*> out;
  if (v.form != ValueForm::String && v.form != ValueForm::Sequence) return out;
  for (const auto& s : v.values)
    if (!s.value.empty()) out.push_back(&s);
  return out;
}

bool is_unknown(const RevisionVariable& v) {
  return v.form == ValueForm::Dynamic;
}

template <typename T>
void push_unique(std::vector<T>& v, const T& x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

}  // namespace

RevisionGraph RevisionGraph::build(const std::vector<Revision>& revisions) {
  RevisionGraph g;
  g.link(revisions);
  g.propagate_labels();
  g.find_cycles();
  g.find_end_conflicts();
  return g;
}

void RevisionGraph::link(const std::vector<Revision>& revisions) {
  // Nodes: one per id, in order of first appearance; a later duplicate replaces the earlier
  // file, as Alembic's OrderedDict assignment does (it only warns).
  std::unordered_map<std::string, std::size_t> duplicate_slot;
  for (std::size_t r = 0; r < revisions.size(); ++r) {
    if (!has_graph_id(revisions[r])) continue;
    const std::string& id = revisions[r].id();
    auto [it, inserted] = by_id_.emplace(id, nodes_.size());
    if (inserted) {
      GraphNode n;
      n.revision = r;
      n.id = id;
      nodes_.push_back(std::move(n));
      continue;
    }
    GraphNode& n = nodes_[it->second];
    auto [slot, fresh] = duplicate_slot.emplace(id, duplicates_.size());
    if (fresh) duplicates_.push_back(Duplicate{id, {n.revision}});
    duplicates_[slot->second].revisions.push_back(r);
    n.revision = r;
  }

  // Branch labels (RevisionMap._map_branch_labels): a label may not repeat a revision id or
  // another revision's label; the first declaration keeps the label.
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    GraphNode& n = nodes_[i];
    const Revision& rev = revisions[n.revision];
    for (const StringValue* label : strings_of(rev.branch_labels)) {
      push_unique(n.own_labels, label->value);
      if (auto id_it = by_id_.find(label->value); id_it != by_id_.end()) {
        label_conflicts_.push_back({label->value, n.revision, label->span, LabelConflictKind::RevisionId,
                                    nodes_[id_it->second].revision});
        continue;
      }
      auto [it, inserted] = by_label_.emplace(label->value, i);
      if (!inserted) {
        auto kind = it->second == i ? LabelConflictKind::Repeated : LabelConflictKind::OtherRevision;
        label_conflicts_.push_back({label->value, n.revision, label->span, kind, nodes_[it->second].revision});
      }
    }
    n.branch_labels = n.own_labels;
  }

  // down_revision must name ids; depends_on may name ids or branch labels (_add_depends_on).
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    GraphNode& n = nodes_[i];
    const Revision& rev = revisions[n.revision];
    const auto& down = rev.down_revision;
    if (down.form == ValueForm::Absent || is_unknown(down)) n.unknown_links = true;
    if (is_unknown(rev.depends_on)) n.unknown_links = true;
    auto downs = strings_of(down);
    n.is_base = down.form == ValueForm::None ||
                ((down.form == ValueForm::String || down.form == ValueForm::Sequence) && downs.empty());
    for (const StringValue* d : downs) {
      if (d->value == n.id) {
        self_references_.push_back({n.revision, LinkKind::DownRevision, d->span});
        continue;
      }
      push_unique(n.down_revisions, d->value);
      if (auto it = by_id_.find(d->value); it != by_id_.end()) {
        push_unique(n.down_nodes, it->second);
      } else {
        orphans_.push_back({n.revision, d->value, LinkKind::DownRevision, d->span,
                            by_label_.count(d->value) > 0});
      }
    }
    auto deps = strings_of(rev.depends_on);
    n.is_real_base = n.is_base && deps.empty();
    for (const StringValue* d : deps) {
      push_unique(n.depends_on, d->value);
      std::size_t target = npos;
      if (auto it = by_id_.find(d->value); it != by_id_.end()) {
        target = it->second;
      } else if (auto lt = by_label_.find(d->value); lt != by_label_.end()) {
        target = lt->second;
      }
      if (d->value == n.id || target == i) {
        self_references_.push_back({n.revision, LinkKind::DependsOn, d->span});
        continue;
      }
      if (target == npos) {
        orphans_.push_back({n.revision, d->value, LinkKind::DependsOn, d->span, false});
        continue;
      }
      push_unique(n.resolved_depends_on, nodes_[target].id);
      if (std::find(n.down_nodes.begin(), n.down_nodes.end(), target) == n.down_nodes.end())
        push_unique(n.dependency_nodes, target);
    }
    if (n.unknown_links) has_unknown_links_ = true;
  }

  // Children (Alembic nextrev) and dependents (the rest of _all_nextrev), then the flags.
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    for (std::size_t d : nodes_[i].down_nodes) nodes_[d].children.push_back(i);
    for (std::size_t d : nodes_[i].dependency_nodes) nodes_[d].dependents.push_back(i);
  }
  auto by_id = [this](std::size_t a, std::size_t b) { return nodes_[a].id < nodes_[b].id; };
  for (GraphNode& n : nodes_) {
    std::sort(n.children.begin(), n.children.end(), by_id);
    std::sort(n.dependents.begin(), n.dependents.end(), by_id);
    n.is_head = n.children.empty();
    n.is_real_head = n.children.empty() && n.dependents.empty();
    n.is_branch_point = n.children.size() > 1;
    n.is_merge_point = n.down_revisions.size() > 1;
  }
}

const GraphNode* RevisionGraph::find(const std::string& id) const {
  std::size_t i = index_of(id);
  return i == npos ? nullptr : &nodes_[i];
}

std::size_t RevisionGraph::index_of(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? npos : it->second;
}

std::vector<std::string> RevisionGraph::heads() const {
  std::vector<std::string> out;
  for (const GraphNode& n : nodes_)
    if (n.is_head) out.push_back(n.id);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> RevisionGraph::bases() const {
  std::vector<std::string> out;
  for (const GraphNode& n : nodes_)
    if (n.is_base) out.push_back(n.id);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::size_t> RevisionGraph::newest_first() const {
  // Kahn's algorithm over "child before parent" with a stack, so that after a revision its
  // first down revision follows and a branch is listed in one run.
  std::vector<std::size_t> waiting(nodes_.size());
  std::vector<std::size_t> stack;
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    waiting[i] = nodes_[i].children.size() + nodes_[i].dependents.size();
  std::vector<std::size_t> ready;
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    if (waiting[i] == 0) ready.push_back(i);
  std::sort(ready.begin(), ready.end(), [this](std::size_t a, std::size_t b) { return nodes_[a].id > nodes_[b].id; });
  stack = std::move(ready);

  std::vector<std::size_t> out;
  std::vector<bool> emitted(nodes_.size(), false);
  out.reserve(nodes_.size());
  while (!stack.empty()) {
    std::size_t i = stack.back();
    stack.pop_back();
    out.push_back(i);
    emitted[i] = true;
    const GraphNode& n = nodes_[i];
    for (auto it = n.dependency_nodes.rbegin(); it != n.dependency_nodes.rend(); ++it)
      if (--waiting[*it] == 0) stack.push_back(*it);
    for (auto it = n.down_nodes.rbegin(); it != n.down_nodes.rend(); ++it)
      if (--waiting[*it] == 0) stack.push_back(*it);
  }
  // Revisions in or behind a cycle never become ready; list them anyway, in file order.
  for (std::size_t i = 0; i < nodes_.size(); ++i)
    if (!emitted[i]) out.push_back(i);
  return out;
}

}  // namespace miglint::alembic
