// RevisionMap's walks, symbol resolution and topological sort (see revision_walk.h).
#include "alembic/revision_walk.h"

#include <algorithm>

#include <fmt/format.h>

namespace miglint::alembic {
namespace {

void push_unique(NodeIndices& v, std::size_t x) {
  if (!has_node(v, x)) v.push_back(x);
}

// MultipleHeads as `alembic` words it (ScriptDirectory._catch_revision_errors), plus the heads.
std::string multiple_heads(const std::string& argument, const std::vector<std::string>& heads) {
  return fmt::format(
      "Multiple head revisions are present for given argument '{}' ({}); please specify a "
      "specific target revision, '<branchname>@{}' to narrow to a specific head, or 'heads' "
      "for all heads",
      argument, join_ids(heads), argument);
}

}  // namespace

bool has_node(const NodeIndices& v, std::size_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

std::string join_ids(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

RevisionWalk::RevisionWalk(const RevisionGraph& g) : g_(g) {
  const auto& nodes = g.nodes();
  const std::size_t n = nodes.size();
  versioned_down_.resize(n);
  normalized_down_.resize(n);
  nextrev_.resize(n);
  all_nextrev_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    versioned_down_[i] = nodes[i].down_nodes;
    nextrev_[i] = nodes[i].children;
    all_nextrev_[i] = nodes[i].children;
    for (std::size_t d : nodes[i].dependents) push_unique(all_nextrev_[i], d);
    for (const auto& label : nodes[i].own_labels) labels_.emplace(label, i);  // first wins
  }
  // _normalize_depends_on: drop dependencies that an ancestor (through down_revision)
  // already depends on.
  for (std::size_t i = 0; i < n; ++i) {
    normalized_down_[i] = versioned_down_[i];
    if (nodes[i].resolved_depends_on.empty()) continue;
    std::vector<std::string> deps = nodes[i].resolved_depends_on;
    for (std::size_t a : walk(NodeIndices{i}, versioned_down_)) {
      if (a == i) continue;
      for (const auto& dep : nodes[a].resolved_depends_on)
        deps.erase(std::remove(deps.begin(), deps.end(), dep), deps.end());
    }
    for (const auto& dep : deps) {
      std::size_t d = g.index_of(dep);
      if (d != RevisionGraph::npos) push_unique(normalized_down_[i], d);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (nodes[i].is_head) heads_.push_back(i);
    if (nodes[i].is_real_head) real_heads_.push_back(i);
  }
}

const std::string& RevisionWalk::id(std::size_t i) const {
  return g_.nodes()[i].id;
}

std::vector<std::string> RevisionWalk::ids(const NodeIndices& v) const {
  std::vector<std::string> out;
  for (auto i : v) out.push_back(id(i));
  return out;
}

const NodeIndices& RevisionWalk::normalized_down(std::size_t i) const {
  return normalized_down_[i];
}

std::size_t RevisionWalk::index(const std::string& id_) const {
  return g_.index_of(id_);
}

NodeIndices RevisionWalk::walk(const NodeIndices& targets, const std::vector<NodeIndices>& next) const {
  std::vector<bool> seen(g_.nodes().size());
  NodeIndices out, todo;
  for (std::size_t t : targets) {
    todo.push_back(t);
    while (!todo.empty()) {
      std::size_t r = todo.back();
      todo.pop_back();
      if (seen[r]) continue;
      seen[r] = true;
      for (std::size_t x : next[r]) todo.push_back(x);
      out.push_back(r);
    }
  }
  return out;
}

NodeIndices RevisionWalk::ancestors(const NodeIndices& t, bool deps) const {
  return walk(t, deps ? normalized_down_ : versioned_down_);
}

NodeIndices RevisionWalk::descendants(const NodeIndices& t, bool deps) const {
  return walk(t, deps ? all_nextrev_ : nextrev_);
}

bool RevisionWalk::shares_lineage(std::size_t target, std::size_t against) const {
  return has_node(descendants({target}, false), against) ||
         has_node(ancestors({target}, false), against);
}

std::optional<std::size_t> RevisionWalk::ident(const std::string& id_, const std::string& branch) {
  std::optional<std::size_t> branch_rev;
  if (!branch.empty()) {
    branch_rev = ident(branch, "");
    if (!branch_rev) {
      error_ = fmt::format("No such branch: '{}'", branch);
      return std::nullopt;
    }
  }
  std::optional<std::size_t> found;
  if (std::size_t i = g_.index_of(id_); i != RevisionGraph::npos) {
    found = i;
  } else if (auto it = labels_.find(id_); it != labels_.end()) {
    found = it->second;
  } else {
    NodeIndices matches;
    for (std::size_t i = 0; i < g_.nodes().size(); ++i)
      if (id(i).size() > 3 && id(i).starts_with(id_)) matches.push_back(i);
    if (branch_rev)
      std::erase_if(matches, [&](std::size_t m) { return !shares_lineage(m, *branch_rev); });
    if (matches.empty()) {
      error_ = fmt::format("No such revision or branch '{}'{}", id_,
                           id_.size() < 4 ? "; please ensure at least four characters are "
                                            "present for partial revision identifier matches"
                                          : "");
      return std::nullopt;
    }
    if (matches.size() > 1) {
      std::vector<std::string> first;
      for (std::size_t k = 0; k < matches.size() && k < 3; ++k)
        first.push_back("'" + id(matches[k]) + "'");
      error_ = fmt::format("Multiple revisions start with '{}': {}...", id_, join_ids(first));
      return std::nullopt;
    }
    found = matches[0];
  }
  if (branch_rev && !shares_lineage(*found, *branch_rev)) {
    error_ = fmt::format("Revision {} is not a member of branch '{}'", id(*found), branch);
    return std::nullopt;
  }
  return found;
}

NodeIndices RevisionWalk::filter_for_lineage(const NodeIndices& targets, const std::string& branch) {
  auto against = ident(branch, "");
  if (!against) return {};
  NodeIndices out;
  for (std::size_t t : targets)
    if (shares_lineage(t, *against)) out.push_back(t);
  return out;
}

std::optional<NodeIndices> RevisionWalk::revisions(const std::string& symbol) {
  std::string branch, rest = symbol;
  if (auto at = symbol.find('@'); at != std::string::npos) {
    branch = symbol.substr(0, at);
    rest = symbol.substr(at + 1);
  }
  if (rest == "heads") {
    if (branch.empty()) return real_heads_;
    NodeIndices out = filter_for_lineage(heads_, branch);
    if (error_) return std::nullopt;
    return out;
  }
  if (rest == "head") {
    NodeIndices current = branch.empty() ? heads_ : filter_for_lineage(heads_, branch);
    if (error_) return std::nullopt;
    if (current.size() > 1) {
      error_ = multiple_heads(symbol, ids(current));
      return std::nullopt;
    }
    return current;
  }
  if (rest == "base" || rest.empty()) return NodeIndices{};
  auto r = ident(rest, branch);
  if (!r) return std::nullopt;
  return NodeIndices{*r};
}

std::optional<NodeIndices> RevisionWalk::revision(const std::string& symbol) {
  auto r = revisions(symbol);
  if (r && r->size() > 1) {
    error_ = multiple_heads(symbol, ids(*r));
    return std::nullopt;
  }
  return r;
}

NodeIndices RevisionWalk::topological_sort(const NodeIndices& revisions, const NodeIndices& heads) const {
  std::vector<bool> todo(g_.nodes().size());
  for (auto r : revisions) todo[r] = true;
  NodeIndices current;
  for (auto h : heads)
    if (todo[h]) push_unique(current, h);
  std::sort(current.begin(), current.end());  // revision map order
  std::vector<std::vector<bool>> ancestors_by_idx;
  auto ancestor_set = [&](std::size_t r) {
    std::vector<bool> s(g_.nodes().size());
    for (auto a : ancestors({r})) s[a] = true;
    return s;
  };
  for (auto h : current) ancestors_by_idx.push_back(ancestor_set(h));
  NodeIndices output;
  std::size_t idx = 0;
  while (!current.empty()) {
    std::size_t candidate = current[idx];
    bool blocked = false;
    for (std::size_t k = 0; k < ancestors_by_idx.size(); ++k) {
      if (k != idx && ancestors_by_idx[k][candidate]) {
        idx = k;
        blocked = true;
        break;
      }
    }
    if (blocked) continue;
    if (todo[candidate]) {
      output.push_back(candidate);
      todo[candidate] = false;
    }
    NodeIndices to_add;
    for (auto d : normalized_down_[candidate])
      if (todo[d] && !has_node(current, d)) to_add.push_back(d);
    if (to_add.empty()) {
      current.erase(current.begin() + idx);
      ancestors_by_idx.erase(ancestors_by_idx.begin() + idx);
      idx = idx > 0 ? idx - 1 : 0;
    } else if (versioned_down_[candidate].size() == 1 &&
               normalized_down_[candidate].size() == 1) {
      current[idx] = to_add[0];
      ancestors_by_idx[idx][candidate] = false;
    } else {
      current[idx] = to_add[0];
      ancestors_by_idx[idx] = ancestor_set(to_add[0]);
      for (std::size_t k = 1; k < to_add.size(); ++k) {
        current.push_back(to_add[k]);
        ancestors_by_idx.push_back(ancestor_set(to_add[k]));
      }
    }
  }
  return output;
}

}  // namespace miglint::alembic
