// Port of Alembic 1.8's revision range resolution, topological ordering and HeadMaintainer
// bookkeeping (see migration_path.h). Node indices follow RevisionGraph order, which is the
// order of Alembic's _revision_map keys (first appearance in file order), so ties break alike.
#include "alembic/migration_path.h"

#include <algorithm>
#include <regex>
#include <unordered_map>

#include <fmt/format.h>

namespace miglint::alembic {
namespace {

using Nodes = std::vector<std::size_t>;

bool contains(const Nodes& v, std::size_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

void push_unique(Nodes& v, std::size_t x) {
  if (!contains(v, x)) v.push_back(x);
}

std::string join(const std::vector<std::string>& v, std::string_view sep = ", ") {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

class Resolver {
 public:
  explicit Resolver(const RevisionGraph& g) : g_(g) {
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
      for (std::size_t a : walk(Nodes{i}, versioned_down_)) {
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

  const std::string& id(std::size_t i) const { return g_.nodes()[i].id; }
  std::vector<std::string> ids(const Nodes& v) const {
    std::vector<std::string> out;
    for (auto i : v) out.push_back(id(i));
    return out;
  }
  const Nodes& normalized_down(std::size_t i) const { return normalized_down_[i]; }
  std::size_t index(const std::string& id_) const { return g_.index_of(id_); }

  // _iterate_related_revisions: depth-first from each target, the targets included.
  Nodes walk(const Nodes& targets, const std::vector<Nodes>& next) const {
    std::vector<bool> seen(g_.nodes().size());
    Nodes out, todo;
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
  Nodes ancestors(const Nodes& t, bool deps = true) const {
    return walk(t, deps ? normalized_down_ : versioned_down_);
  }
  Nodes descendants(const Nodes& t, bool deps = true) const {
    return walk(t, deps ? all_nextrev_ : nextrev_);
  }

  bool shares_lineage(std::size_t target, std::size_t against) const {
    return contains(descendants({target}, false), against) ||
           contains(ancestors({target}, false), against);
  }

  // _revision_for_ident: an id, a branch label, or a unique prefix.
  std::optional<std::size_t> ident(const std::string& id_, const std::string& branch) {
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
      Nodes matches;
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
        error_ = fmt::format("Multiple revisions start with '{}': {}...", id_, join(first));
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

  Nodes filter_for_lineage(const Nodes& targets, const std::string& branch) {
    auto against = ident(branch, "");
    if (!against) return {};
    Nodes out;
    for (std::size_t t : targets)
      if (shares_lineage(t, *against)) out.push_back(t);
    return out;
  }

  // RevisionMap.get_revisions: every revision a symbol names (several for "heads").
  std::optional<Nodes> revisions(const std::string& symbol) {
    std::string branch, rest = symbol;
    if (auto at = symbol.find('@'); at != std::string::npos) {
      branch = symbol.substr(0, at);
      rest = symbol.substr(at + 1);
    }
    if (rest == "heads") {
      if (branch.empty()) return real_heads_;
      Nodes out = filter_for_lineage(heads_, branch);
      if (error_) return std::nullopt;
      return out;
    }
    if (rest == "head") {
      Nodes current = branch.empty() ? heads_ : filter_for_lineage(heads_, branch);
      if (error_) return std::nullopt;
      if (current.size() > 1) {
        error_ = fmt::format("Multiple heads are present for given argument '{}'; {}",
                             branch.empty() ? "head" : branch + "@head", join(ids(current)));
        return std::nullopt;
      }
      return current;
    }
    if (rest == "base" || rest.empty()) return Nodes{};
    auto r = ident(rest, branch);
    if (!r) return std::nullopt;
    return Nodes{*r};
  }

  // RevisionMap.get_revision: at most one.
  std::optional<Nodes> revision(const std::string& symbol) {
    auto r = revisions(symbol);
    if (r && r->size() > 1) {
      error_ = fmt::format("Multiple heads are present for given argument '{}'; {}", symbol,
                           join(ids(*r)));
      return std::nullopt;
    }
    return r;
  }

  // _topological_sort: newest first, walking one branch down as far as no other pending
  // head still needs the candidate.
  Nodes topological_sort(const Nodes& revisions, const Nodes& heads) const {
    std::vector<bool> todo(g_.nodes().size());
    for (auto r : revisions) todo[r] = true;
    Nodes current;
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
    Nodes output;
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
      Nodes to_add;
      for (auto d : normalized_down_[candidate])
        if (todo[d] && !contains(current, d)) to_add.push_back(d);
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

  std::optional<std::string> error_;

 private:
  const RevisionGraph& g_;
  std::vector<Nodes> versioned_down_, normalized_down_, nextrev_, all_nextrev_;
  Nodes heads_, real_heads_;
  std::unordered_map<std::string, std::size_t> labels_;
};

Nodes minus(const Nodes& a, const Nodes& b) {
  Nodes out;
  for (auto x : a)
    if (!contains(b, x)) out.push_back(x);
  return out;
}

// HeadMaintainer.update_to_step, with tuple order where Alembic iterates a Python set (it
// only matters when several unrelated heads are present; see docs/sql-command.md).
void bookkeeping(const Resolver& r, MigrationStep& step, std::vector<std::string>& heads) {
  const std::string& id = r.id(step.node);
  std::vector<std::string> downs = r.ids(r.normalized_down(step.node));
  auto in_heads = [&](const std::string& x) {
    return std::find(heads.begin(), heads.end(), x) != heads.end();
  };
  auto ancestors_of_other_heads = [&](const std::vector<std::string>& exclude) {
    Nodes others;
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

}  // namespace

std::string MigrationStep::short_log() const {
  return fmt::format("{} {} -> {}", upgrade ? "upgrade" : "downgrade", join(from), join(to));
}

MigrationPath resolve_migration_path(const RevisionGraph& graph, std::string_view range_text,
                                     bool downgrade) {
  MigrationPath path;
  if (!graph.cycles().empty() || !graph.self_references().empty() || !graph.orphans().empty() ||
      graph.has_unknown_links()) {
    path.error = "The revision graph has broken links or cycles; run `miglint check` for details";
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
  static const std::regex relative(R"(^(?:(.+?)@)?(\w+)?([+-]\d+))");
  for (const auto* s : {&start, &end}) {
    if (std::regex_search(*s, relative)) {
      path.error = fmt::format("Relative revision '{}' is not supported by miglint sql", *s);
      return path;
    }
  }

  Resolver r(graph);
  auto fail = [&] {
    path.error = r.error_.value_or("Could not resolve the range");
    return path;
  };
  // MigrationContext.get_current_heads in offline mode: the start, each resolved to one id.
  Nodes current;
  if (!start.empty() && start != "base") {
    auto s = r.revision(start);
    if (!s) return fail();
    current = *s;
  }
  path.start_heads = r.ids(current);

  Nodes ordered;
  if (!downgrade) {
    // _collect_upgrade_revisions(upper=end, lower=current, implicit_base=True).
    auto targets = r.revisions(end);
    if (!targets) return fail();
    Nodes required = r.ancestors(*targets);
    Nodes needs = minus(required, r.ancestors(current));
    ordered = r.topological_sort(needs, *targets);
    std::reverse(ordered.begin(), ordered.end());
  } else {
    // _collect_downgrade_revisions(upper=current, target=end, implicit_base=False).
    std::string branch, symbol = end;
    if (auto at = end.rfind('@'); at != std::string::npos) {
      branch = end.substr(0, at);
      symbol = end.substr(at + 1);
    }
    auto target = r.revision(symbol);
    if (!target) return fail();
    Nodes roots;
    if (target->empty()) {
      for (std::size_t i = 0; i < graph.nodes().size(); ++i)
        if (graph.nodes()[i].is_base) roots.push_back(i);
    } else {
      roots = graph.nodes()[(*target)[0]].children;
    }
    if (!branch.empty() && roots.size() > 1) {
      auto b = r.ident(branch, "");
      if (!b) return fail();
      Nodes anc = r.ancestors({*b}, false);
      std::erase_if(roots, [&](std::size_t x) { return !contains(anc, x); });
      if (roots.empty()) {
        path.error = "Not a valid downgrade target from current heads";
        return path;
      }
    }
    Nodes drop;
    Nodes active = r.ancestors(current);
    for (auto d : r.descendants(roots))
      if (contains(active, d)) drop.push_back(d);
    if (!target->empty() && drop.empty() && !contains(current, (*target)[0])) {
      path.error = fmt::format("Destination {} is not a valid downgrade target from current head(s)",
                               end);
      return path;
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
  return path;
}

}  // namespace miglint::alembic
