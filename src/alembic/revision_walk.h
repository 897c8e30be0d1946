// Walks over the revision graph the way Alembic 1.8's RevisionMap does: ancestors and
// descendants (with or without depends_on), symbol resolution (head, heads, <label>@head, ids,
// unique prefixes) and _topological_sort. Used by migration_path.cc; node indices follow
// RevisionGraph order, which is Alembic's _revision_map key order.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "alembic/revision_graph.h"

namespace miglint::alembic {

// Node indices into RevisionGraph::nodes().
using NodeIndices = std::vector<std::size_t>;

bool has_node(const NodeIndices& v, std::size_t x);
std::string join_ids(const std::vector<std::string>& v, std::string_view sep = ", ");

class RevisionWalk {
 public:
  explicit RevisionWalk(const RevisionGraph& g);
  const std::string& id(std::size_t i) const;
  std::vector<std::string> ids(const NodeIndices& v) const;
  const NodeIndices& normalized_down(std::size_t i) const;
  std::size_t index(const std::string& id_) const;
  // _iterate_related_revisions: depth-first from each target, the targets included.
  NodeIndices walk(const NodeIndices& targets, const std::vector<NodeIndices>& next) const;
  NodeIndices ancestors(const NodeIndices& t, bool deps = true) const;
  NodeIndices descendants(const NodeIndices& t, bool deps = true) const;
  bool shares_lineage(std::size_t target, std::size_t against) const;
  // _revision_for_ident: an id, a branch label, or a unique prefix.
  std::optional<std::size_t> ident(const std::string& id_, const std::string& branch);
  NodeIndices filter_for_lineage(const NodeIndices& targets, const std::string& branch);
  // RevisionMap.get_revisions: every revision a symbol names (several for "heads").
  std::optional<NodeIndices> revisions(const std::string& symbol);
  // RevisionMap.get_revision: at most one.
  std::optional<NodeIndices> revision(const std::string& symbol);
  // _topological_sort: newest first, walking one branch down as far as no other pending
  // head still needs the candidate.
  NodeIndices topological_sort(const NodeIndices& revisions, const NodeIndices& heads) const;

  // The last resolution problem, in Alembic's words.
  std::optional<std::string> error_;

 private:
  const RevisionGraph& g_;
  std::vector<NodeIndices> versioned_down_, normalized_down_, nextrev_, all_nextrev_;
  NodeIndices heads_, real_heads_;
  std::unordered_map<std::string, std::size_t> labels_;
};

}  // namespace miglint::alembic
