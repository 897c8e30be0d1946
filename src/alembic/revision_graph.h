// The revision graph: heads, bases, labels, dependencies, cycles, as Alembic 1.8 sees them.
// Semantics follow alembic/script/revision.py (RevisionMap._revision_map); docs/graph.md
// states every definition, including where miglint keeps going when Alembic would stop.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "alembic/revision.h"
#include "base/span.h"

namespace miglint::alembic {

// Which variable a link comes from.
enum class LinkKind { DownRevision, DependsOn };

// One revision in the graph. Index-typed fields refer to RevisionGraph::nodes().
struct GraphNode {
  std::size_t revision = 0;  // index into the vector given to build()
  std::string id;

  std::vector<std::string> down_revisions;  // `down_revision` as written (self-references dropped)
  std::vector<std::string> depends_on;      // `depends_on` as written: ids or branch labels
  std::vector<std::string> resolved_depends_on;  // the revision ids they resolve to
  std::vector<std::string> own_labels;      // `branch_labels` as written
  std::vector<std::string> branch_labels;   // own and propagated (Alembic's Revision.branch_labels), sorted

  std::vector<std::size_t> down_nodes;      // known down revisions
  std::vector<std::size_t> dependency_nodes;  // known resolved dependencies (not already a down revision)
  std::vector<std::size_t> children;        // nodes whose down_revision names this one (Alembic nextrev), sorted by id
  std::vector<std::size_t> dependents;      // nodes whose depends_on resolves here, sorted by id

  bool is_head = false;          // no child through down_revision (Alembic `heads`)
  bool is_real_head = false;     // no child through down_revision nor depends_on
  bool is_base = false;          // down_revision is None or empty (Alembic `bases`)
  bool is_real_base = false;     // a base with no depends_on either
  bool is_branch_point = false;  // more than one child
  bool is_merge_point = false;   // more than one down revision
  bool unknown_links = false;    // down_revision/depends_on absent or dynamic: links unknown
};

struct Orphan {
  std::size_t revision;     // index into the revisions vector
  std::string missing;      // the id that names nothing
  LinkKind via;
  Span span;                // the string naming it
  bool names_label = false;  // down_revision names a branch label (Alembic needs an id there)
};

struct SelfReference {
  std::size_t revision;
  LinkKind via;
  Span span;
};

struct Duplicate {
  std::string id;
  std::vector<std::size_t> revisions;  // every file declaring it, in file order; the last one is in the graph
};

enum class LabelConflictKind {
  OtherRevision,  // another revision declares the same label
  RevisionId,     // the label equals a revision id
  Repeated,       // the same revision lists the label twice
};

struct LabelConflict {
  std::string label;
  std::size_t revision;  // the later declaration (Alembic's error names this one)
  Span span;
  LabelConflictKind kind;
  std::size_t other;     // the revision holding the label or id first (== revision for Repeated)
};

// A cycle through down_revision / depends_on. Listed once per strongly connected component.
struct Cycle {
  std::vector<std::size_t> path;     // node indices in upgrade order; the first follows the last
  std::vector<std::size_t> members;  // every node of the component, sorted by id
  bool via_depends_on = false;       // at least one link of `path` is a depends_on
};

// Heads (or bases) that cannot all be deliberate: several unlabelled, or sharing a label.
struct EndGroup {
  std::string label;                // "" for the unlabelled group
  std::vector<std::size_t> nodes;   // sorted by id
};

class RevisionGraph {
 public:
  static RevisionGraph build(const std::vector<Revision>& revisions);

  const std::vector<GraphNode>& nodes() const { return nodes_; }
  // The node for a revision id (not a label), or nullptr.
  const GraphNode* find(const std::string& id) const;
  // Node index for a revision id, or npos.
  std::size_t index_of(const std::string& id) const;
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  // Ids, sorted.
  std::vector<std::string> heads() const;
  std::vector<std::string> bases() const;

  // Newest first, each revision after every revision that revises or depends on it;
  // branches stay together (as `alembic history` lists them).
  std::vector<std::size_t> newest_first() const;

  const std::vector<Orphan>& orphans() const { return orphans_; }
  const std::vector<SelfReference>& self_references() const { return self_references_; }
  const std::vector<Duplicate>& duplicates() const { return duplicates_; }
  const std::vector<LabelConflict>& label_conflicts() const { return label_conflicts_; }
  const std::vector<Cycle>& cycles() const { return cycles_; }
  const std::vector<EndGroup>& head_conflicts() const { return head_conflicts_; }
  const std::vector<EndGroup>& base_conflicts() const { return base_conflicts_; }
  // True when some revision's links could not be read; head/base findings are then unreliable.
  bool has_unknown_links() const { return has_unknown_links_; }
  // True when every link is known and leads somewhere real: no unknown links, orphans, self
  // references or cycles. Otherwise a broken link makes its target look like a head (or its
  // source like a root), so the head/base rules wait until those findings are fixed.
  bool links_complete() const {
    return !has_unknown_links_ && orphans_.empty() && self_references_.empty() && cycles_.empty();
  }

 private:
  void link(const std::vector<Revision>& revisions);
  void propagate_labels();
  void find_cycles();
  void find_end_conflicts();

  std::vector<GraphNode> nodes_;
  std::unordered_map<std::string, std::size_t> by_id_;
  std::unordered_map<std::string, std::size_t> by_label_;  // first declaration wins, as in Alembic
  std::vector<Orphan> orphans_;
  std::vector<SelfReference> self_references_;
  std::vector<Duplicate> duplicates_;
  std::vector<LabelConflict> label_conflicts_;
  std::vector<Cycle> cycles_;
  std::vector<EndGroup> head_conflicts_;
  std::vector<EndGroup> base_conflicts_;
  bool has_unknown_links_ = false;
};

}  // namespace miglint::alembic
