// Port of Alembic 1.8's revision range resolution, topological ordering and HeadMaintainer
// bookkeeping (see migration_path.h). Node indices follow RevisionGraph order, which is the
// order of Alembic's _revision_map keys (first appearance in file order), so ties break alike.
#include "alembic/migration_path.h"

#include "alembic/relative_target.h"
#include "alembic/revision_walk.h"

#include <algorithm>

#include <fmt/format.h>

namespace miglint::alembic {
namespace {

NodeIndices minus(const NodeIndices& a, const NodeIndices& b) {
  NodeIndices out;
  for (auto x : a)
    if (!has_node(b, x)) out.push_back(x);
  return out;
}

// HeadMaintainer.update_to_step, with tuple order where Alembic iterates a Python set (it
// only matters when several unrelated heads are present; see docs/sql-command.md).
void bookkeeping(const RevisionWalk& r, MigrationStep& step, std::vector<std::string>& heads) {
  const std::string& id = r.id(step.node);
  std::vector<std::string> downs = r.ids(r.normalized_down(step.node));
  auto in_heads = [&](const std::string& x) {
    return std::find(heads.begin(), heads.end(), x) != heads.end();
  };
  auto ancestors_of_other_heads = [&](const std::vector<std::string>& exclude) {
    NodeIndices others;
    for (const auto& h : heads)
      if (std::find(exclude.begin(), exclude.end(), h) == exclude.end())
        if (std::size_t i = r.index(h); i != RevisionGraph::npos) others.push_back(i);
    return std::make_pair(!others.empty(), r.ids(r.ancestors(others)));
  };
  auto insert = [&](const std::string& v) {
    heads.push_back(v);
    step.changes.push_back({VersionChange::Kind::Insert, "", v});
  };
  auto remove = [&](const std::string& v) {
    heads.erase(std::remove(heads.begin(), heads.end(), v), heads.end());
    step.changes.push_back({VersionChange::Kind::Delete, v, ""});
  };
  auto update = [&](const std::string& from, const std::string& to) {
    for (auto& h : heads)
      if (h == from) h = to;
    step.changes.push_back({VersionChange::Kind::Update, from, to});
  };
  auto without = [](std::vector<std::string> v, const std::vector<std::string>& drop) {
    std::erase_if(v, [&](const std::string& x) {
      return std::find(drop.begin(), drop.end(), x) != drop.end();
    });
    return v;
  };

  if (step.upgrade) {
    std::vector<std::string> present;
    for (const auto& d : downs)
      if (in_heads(d)) present.push_back(d);
    if (downs.empty() || present.empty()) return insert(id);
    if (downs.size() > 1 && present.size() > 1) {
      auto [any, anc] = ancestors_of_other_heads(downs);
      std::vector<std::string> from = any ? without(downs, anc) : downs;
      for (std::size_t k = 0; k + 1 < from.size(); ++k) remove(from[k]);
      return update(from.back(), id);
    }
    return update(downs.size() == 1 ? downs[0] : present[0], id);
  }
  if (!in_heads(id)) return update(id, downs.empty() ? "" : downs[0]);  // Alembic fails here
  auto unmerge_to = [&] {
    auto [any, anc] = ancestors_of_other_heads({id});
    return any ? without(downs, anc) : downs;
  };
  if (downs.empty() || unmerge_to().empty()) return remove(id);
  if (downs.size() > 1) {
    auto to = unmerge_to();
    for (std::size_t k = 0; k + 1 < to.size(); ++k) insert(to[k]);
    return update(id, to.back());
  }
  update(id, downs[0]);
}

std::optional<std::string> broken_graph(const RevisionGraph& graph) {
  if (!graph.cycles().empty() || !graph.self_references().empty() || !graph.orphans().empty() ||
      graph.has_unknown_links())
    return "The revision graph has broken links or cycles; run `miglint check` for details";
  return std::nullopt;
}

void collect_steps(const RevisionGraph& graph, RevisionWalk& r, const NodeIndices& current,
                   const std::string& end, bool downgrade, MigrationPath& path);

}  // namespace

std::string MigrationStep::short_log() const {
  return fmt::format("{} {} -> {}", upgrade ? "upgrade" : "downgrade", join_ids(from), join_ids(to));
}

MigrationPath resolve_migration_path(const RevisionGraph& graph, std::string_view range_text,
                                     bool downgrade) {
  MigrationPath path;
  if (auto broken = broken_graph(graph)) {
    path.error = broken;
    return path;
  }
  std::string range(range_text);
  if (range.empty()) range = downgrade ? "" : "heads";
  std::string start, end = range;
  if (auto colon = range.find(':'); colon != std::string::npos) {
    start = range.substr(0, colon);
    end = range.substr(colon + 1);
    if (end.find(':') != std::string::npos) {
      path.error = fmt::format("Invalid range '{}': expected <fromrev>:<torev>", range);
      return path;
    }
  } else if (downgrade) {
    path.error = "downgrade with --sql requires <fromrev>:<torev>";
    return path;
  }
  // A relative end is resolved from the start (as Alembic does); a relative start is not.
  if (parse_relative(start)) {
    path.error = fmt::format("Relative revision '{}' is not supported as the start of a range", start);
    return path;
  }

  RevisionWalk r(graph);
  // MigrationContext.get_current_heads in offline mode: the start, each resolved to one id.
  NodeIndices current;
  if (!start.empty() && start != "base") {
    auto s = r.revision(start);
    if (!s) {
      path.error = r.error_.value_or("Could not resolve the range");
      return path;
    }
    current = *s;
  }
  path.start_heads = r.ids(current);
  collect_steps(graph, r, current, end, downgrade, path);
  return path;
}

MigrationPath resolve_migration_path_from(const RevisionGraph& graph,
                                          const std::vector<std::string>& current_heads,
                                          std::string_view target, bool downgrade) {
  MigrationPath path;
  if (auto broken = broken_graph(graph)) {
    path.error = broken;
    return path;
  }
  RevisionWalk r(graph);
  NodeIndices current;
  for (const auto& h : current_heads) {
    std::size_t i = r.index(h);
    if (i == RevisionGraph::npos) {
      path.error = fmt::format("Can't locate revision identified by '{}'", h);
      return path;
    }
    current.push_back(i);
  }
  path.start_heads = current_heads;
  std::string end(target);
  if (end.empty()) end = "heads";
  collect_steps(graph, r, current, end, downgrade, path);
  path.drop_version_table = false;  // only offline scripts drop the table
  return path;
}

namespace {

// RevisionMap.iterate_revisions from `current` to `end` (upgrade: _collect_upgrade_revisions
// with implicit_base=True; downgrade: _collect_downgrade_revisions), then each step's
// bookkeeping.
void collect_steps(const RevisionGraph& graph, RevisionWalk& r, const NodeIndices& current,
                   const std::string& end, bool downgrade, MigrationPath& path) {
  auto fail = [&] { path.error = r.error_.value_or("Could not resolve the range"); };
  NodeIndices ordered;
  if (!downgrade) {
    auto targets = upgrade_targets(r, graph, current, end);
    if (!targets) return fail();
    NodeIndices required = r.ancestors(*targets);
    NodeIndices needs = minus(required, r.ancestors(current));
    ordered = r.topological_sort(needs, *targets);
    std::reverse(ordered.begin(), ordered.end());
  } else {
    auto target = downgrade_target(r, graph, current, end);
    if (!target) return fail();
    const std::string& branch = target->branch;
    NodeIndices roots;
    if (!target->node) {
      for (std::size_t i = 0; i < graph.nodes().size(); ++i)
        if (graph.nodes()[i].is_base) roots.push_back(i);
    } else {
      roots = graph.nodes()[*target->node].children;
    }
    if (!branch.empty() && roots.size() > 1) {
      auto b = r.ident(branch, "");
      if (!b) return fail();
      NodeIndices anc = r.ancestors({*b}, false);
      std::erase_if(roots, [&](std::size_t x) { return !has_node(anc, x); });
      if (roots.empty()) {
        path.error = "Not a valid downgrade target from current heads";
        return;
      }
    }
    NodeIndices drop;
    NodeIndices active = r.ancestors(current);
    for (auto d : r.descendants(roots))
      if (has_node(active, d)) drop.push_back(d);
    if (target->node && drop.empty() && !has_node(current, *target->node)) {
      path.error = fmt::format("Destination {} is not a valid downgrade target from current head(s)",
                               end);
      return;
    }
    ordered = r.topological_sort(drop, current);
  }

  std::vector<std::string> heads = path.start_heads;
  for (std::size_t n : ordered) {
    MigrationStep step;
    step.node = n;
    step.upgrade = !downgrade;
    const auto& node = graph.nodes()[n];
    std::vector<std::string> versioned = node.down_revisions;
    step.from = downgrade ? std::vector<std::string>{node.id} : versioned;
    step.to = downgrade ? versioned : std::vector<std::string>{node.id};
    step.create_version_table = heads.empty();
    bookkeeping(r, step, heads);
    path.steps.push_back(std::move(step));
  }
  path.end_heads = heads;
  path.drop_version_table = heads.empty();  // Alembic drops it even after no step
}

}  // namespace

}  // namespace miglint::alembic
