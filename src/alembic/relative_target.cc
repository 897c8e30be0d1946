// Port of RevisionMap._walk, _parse_upgrade_target and _parse_downgrade_target (Alembic 1.8.1,
// alembic/script/revision.py); see relative_target.h. Messages are Alembic's own.
#include "alembic/relative_target.h"

#include <fmt/format.h>

#include <cstdlib>
#include <regex>

namespace miglint::alembic {
namespace {

using Kind = WalkPoint::Kind;

WalkPoint at(std::size_t node) { return {Kind::Revision, node}; }

std::string not_enough(std::string_view steps_text, int steps) {
  return fmt::format("Relative revision {} didn't produce {} migrations", steps_text, std::abs(steps));
}

// get_revision(symbol) as a walk start (a single revision; "base" resolves to Base).
std::optional<WalkPoint> start_at(RevisionWalk& walk, const std::string& symbol) {
  auto r = walk.revision(symbol);
  if (!r) return std::nullopt;
  if (r->empty()) return WalkPoint{Kind::Base, 0};
  return at((*r)[0]);
}

// The tips of `set`: members no other member names as a down revision (or dependency).
NodeIndices tips(const RevisionWalk& walk, const NodeIndices& set) {
  NodeIndices out;
  for (auto x : set) {
    bool below_another = false;
    for (auto y : set)
      if (has_node(walk.normalized_down(y), x)) below_another = true;
    if (!below_another) out.push_back(x);
  }
  return out;
}

}  // namespace

std::optional<RelativeTarget> parse_relative(std::string_view target) {
  static const std::regex relative(R"(^(?:(.+?)@)?(\w+)?([+-]\d+))");
  std::string text(target);
  std::smatch m;
  if (!std::regex_search(text, m, relative)) return std::nullopt;
  RelativeTarget out;
  out.branch = m[1].str();
  out.symbol = m[2].str();
  out.steps_text = m[3].str();
  out.steps = std::atoi(out.steps_text.c_str());
  return out;
}

std::optional<WalkPoint> walk_steps(RevisionWalk& walk, const RevisionGraph& graph,
                                    WalkPoint start, int steps, const std::string& branch) {
  const auto& nodes = graph.nodes();
  WalkPoint initial = start;
  for (int k = 0; k < std::abs(steps); ++k) {
    std::vector<WalkPoint> next;
    if (steps > 0) {
      // Up: Alembic asserts the start is not "base"; from base, as from None, the bases.
      NodeIndices up;
      if (initial.kind == Kind::Revision) {
        up = nodes[initial.node].children;
      } else {
        for (std::size_t i = 0; i < nodes.size(); ++i)
          if (nodes[i].is_base) up.push_back(i);
      }
      if (!branch.empty()) {
        up = walk.filter_for_lineage(up, branch);
        if (walk.error_) return std::nullopt;
      }
      for (auto u : up) next.push_back(at(u));
    } else if (initial.kind != Kind::Base) {
      NodeIndices down;
      if (initial.kind == Kind::Revision) {
        down = nodes[initial.node].down_nodes;
      } else {
        for (std::size_t i = 0; i < nodes.size(); ++i)
          if (nodes[i].is_head) down.push_back(i);
      }
      for (auto d : down) next.push_back(at(d));
      if (next.empty()) next.push_back({Kind::Base, 0});
    }
    if (next.empty()) return WalkPoint{Kind::Ends, 0};  // walked past the end
    if (next.size() > 1) {
      walk.error_ = "Ambiguous walk";
      return std::nullopt;
    }
    initial = next[0];
  }
  return initial;
}

std::optional<NodeIndices> upgrade_targets(RevisionWalk& walk, const RevisionGraph& graph,
                                           const NodeIndices& current, const std::string& target) {
  walk.error_.reset();
  auto rel = parse_relative(target);
  if (!rel) return walk.revisions(target);
  auto fail = [&](std::string message) -> std::optional<NodeIndices> {
    walk.error_ = std::move(message);
    return std::nullopt;
  };
  std::optional<WalkPoint> end;
  if (rel->steps > 0 && rel->symbol.empty()) {
    // From the current revisions, narrowed to the branch when one is given.
    std::vector<WalkPoint> starts;
    if (current.empty()) starts.push_back({Kind::Ends, 0});
    for (auto c : current) starts.push_back(at(c));
    if (!rel->branch.empty()) {
      NodeIndices on_branch = walk.filter_for_lineage(current, rel->branch);
      if (walk.error_) return std::nullopt;
      if (on_branch.empty()) {
        // The branch has no current head: start at the tips of its part of the current
        // history, or at base when none of it is there.
        on_branch = tips(walk, walk.filter_for_lineage(walk.ancestors(current), rel->branch));
        if (walk.error_) return std::nullopt;
      }
      starts.clear();
      for (auto c : on_branch) starts.push_back(at(c));
      if (starts.empty()) starts.push_back({Kind::Ends, 0});
    }
    if (starts.size() > 1) return fail("Ambiguous upgrade from multiple current revisions");
    end = walk_steps(walk, graph, starts[0], rel->steps, rel->branch);
    if (!end) return std::nullopt;
    if (end->kind != Kind::Revision) return fail(not_enough(rel->steps_text, rel->steps));
  } else if (rel->steps > 0) {
    auto start = start_at(walk, rel->symbol);
    if (!start) return std::nullopt;
    end = walk_steps(walk, graph, *start, rel->steps, rel->branch);
  } else {
    // Upgrading to current - n is not valid (Alembic formats the number, not the text).
    if (rel->symbol.empty()) return fail(not_enough(std::to_string(rel->steps), rel->steps));
    auto start = start_at(walk, rel->branch.empty() ? rel->symbol : rel->branch + "@" + rel->symbol);
    if (!start) return std::nullopt;
    end = walk_steps(walk, graph, *start, rel->steps, "");
  }
  if (!end) return std::nullopt;
  // Alembic asserts a Revision here (walking past either end is an AssertionError there).
  if (end->kind != Kind::Revision) return fail("Walked too far");
  return NodeIndices{end->node};
}

std::optional<DowngradeTarget> downgrade_target(RevisionWalk& walk, const RevisionGraph& graph,
                                                const NodeIndices& current,
                                                const std::string& target) {
  walk.error_.reset();
  auto fail = [&](std::string message) -> std::optional<DowngradeTarget> {
    walk.error_ = std::move(message);
    return std::nullopt;
  };
  auto rel = parse_relative(target);
  if (!rel) {
    // branch@symbol: the branch narrows what is dropped; the symbol alone is the target.
    DowngradeTarget out;
    std::string symbol = target;
    if (auto a = target.rfind('@'); a != std::string::npos) {
      out.branch = target.substr(0, a);
      symbol = target.substr(a + 1);
    }
    auto r = walk.revision(symbol);
    if (!r) return std::nullopt;
    if (!r->empty()) out.node = (*r)[0];
    return out;
  }
  DowngradeTarget out;
  out.branch = rel->branch;
  std::optional<WalkPoint> end;
  if (rel->steps >= 0) {
    // Downgrading to current + n is not valid; symbol+n walks up from the symbol.
    if (rel->symbol.empty()) return fail(not_enough(rel->steps_text, rel->steps));
    auto start = start_at(walk, rel->symbol);
    if (!start) return std::nullopt;
    end = walk_steps(walk, graph, *start, rel->steps, rel->branch);
    if (!end) return std::nullopt;
    if (end->kind == Kind::Ends) return fail("Walked too far");
  } else {
    bool from_current = rel->symbol.empty();
    std::string symbol = rel->symbol;
    if (from_current && !rel->branch.empty()) {
      NodeIndices on_branch = walk.filter_for_lineage(current, rel->branch);
      if (walk.error_) return std::nullopt;
      if (on_branch.empty()) {
        // Other branches' heads depend on this one: look among the branch heads of everything
        // the current revisions imply (_get_all_current).
        NodeIndices all = walk.ancestors(current);
        NodeIndices heads;
        for (auto x : all) {
          bool has_descendant = false;
          for (auto d : walk.descendants({x}, false))
            if (d != x && has_node(all, d)) has_descendant = true;
          if (!has_descendant) heads.push_back(x);
        }
        on_branch = walk.filter_for_lineage(heads, rel->branch);
        if (walk.error_) return std::nullopt;
      }
      // Alembic asserts exactly one here.
      if (on_branch.size() != 1)
        return fail(fmt::format("Relative revision {} on branch '{}' is ambiguous", rel->steps_text,
                                rel->branch));
      symbol = walk.id(on_branch[0]);
    } else if (from_current) {
      if (current.empty()) return fail(not_enough(rel->steps_text, rel->steps));
      // Alembic warns that -n from several heads is ambiguous and takes the first row, walking
      // only its branch.
      symbol = walk.id(current[0]);
      out.branch = symbol;
    }
    auto start = start_at(walk, out.branch.empty() ? symbol : out.branch + "@" + symbol);
    if (!start) return std::nullopt;
    end = walk_steps(walk, graph, *start, rel->steps, "");
    if (!end) return std::nullopt;
    if (end->kind == Kind::Ends)
      return fail(from_current ? not_enough(rel->steps_text, rel->steps) : "Walked too far");
  }
  if (end->kind == Kind::Revision) out.node = end->node;
  return out;
}

}  // namespace miglint::alembic
