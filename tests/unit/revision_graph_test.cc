// RevisionGraph: heads, bases, links, labels, and the findings rules read, on hand-built histories.
#include <catch2/catch.hpp>

#include <algorithm>

#include "graph_test_revisions.h"

using miglint::alembic::LabelConflictKind;
using miglint::alembic::LinkKind;
using miglint::alembic::RevisionGraph;
using miglint::testing::make_project;
using miglint::testing::RevSpec;
using Strings = std::vector<std::string>;

namespace {

Strings ids(const RevisionGraph& g, const std::vector<std::size_t>& v) {
  Strings out;
  for (auto i : v) out.push_back(g.nodes()[i].id);
  return out;
}

// A revision with only the variables the graph reads, for large histories.
miglint::alembic::Revision bare(const std::string& id, const std::string& down) {
  miglint::alembic::Revision r;
  r.revision.form = miglint::alembic::ValueForm::String;
  r.revision.values.push_back({id, {}});
  if (down.empty()) {
    r.down_revision.form = miglint::alembic::ValueForm::None;
  } else {
    r.down_revision.form = miglint::alembic::ValueForm::String;
    r.down_revision.values.push_back({down, {}});
  }
  return r;
}

}  // namespace

TEST_CASE("linear history has one head and one base", "[graph]") {
  auto p = make_project({{.id = "a1"}, {.id = "b2", .down = {"a1"}}, {.id = "c3", .down = {"b2"}}});
  const auto& g = p.graph;
  CHECK(g.heads() == Strings{"c3"});
  CHECK(g.bases() == Strings{"a1"});
  CHECK(ids(g, g.find("a1")->children) == Strings{"b2"});
  CHECK(g.find("c3")->is_real_head);
  CHECK(g.find("a1")->is_real_base);
  CHECK(g.head_conflicts().empty());
  CHECK(g.base_conflicts().empty());
  CHECK(ids(g, g.newest_first()) == Strings{"c3", "b2", "a1"});
}

TEST_CASE("branch point and merge point", "[graph]") {
  auto p = make_project({{.id = "a"},
                         {.id = "b1", .down = {"a"}},
                         {.id = "b2", .down = {"a"}},
                         {.id = "m", .down = {"b1", "b2"}}});
  const auto& g = p.graph;
  CHECK(g.find("a")->is_branch_point);
  CHECK(g.find("m")->is_merge_point);
  CHECK(g.heads() == Strings{"m"});
  CHECK(g.head_conflicts().empty());
  // Every child before its parents.
  auto order = ids(g, g.newest_first());
  auto pos = [&](const std::string& id) { return std::find(order.begin(), order.end(), id) - order.begin(); };
  CHECK(pos("m") < pos("b1"));
  CHECK(pos("m") < pos("b2"));
  CHECK(pos("b1") < pos("a"));
  CHECK(pos("b2") < pos("a"));
}

TEST_CASE("two unlabelled heads conflict", "[graph]") {
  auto p = make_project({{.id = "a"}, {.id = "b", .down = {"a"}}, {.id = "c", .down = {"a"}}});
  const auto& g = p.graph;
  CHECK(g.heads() == Strings{"b", "c"});
  REQUIRE(g.head_conflicts().size() == 1);
  CHECK(g.head_conflicts()[0].label.empty());
  CHECK(ids(g, g.head_conflicts()[0].nodes) == Strings{"b", "c"});
}

TEST_CASE("independently labelled bases and heads are deliberate", "[graph]") {
  auto p = make_project({{.id = "x1", .labels = {"billing"}},
                         {.id = "x2", .down = {"x1"}},
                         {.id = "y1", .labels = {"ledger"}},
                         {.id = "y2", .down = {"y1"}}});
  const auto& g = p.graph;
  CHECK(g.heads() == Strings{"x2", "y2"});
  CHECK(g.bases() == Strings{"x1", "y1"});
  CHECK(g.find("x2")->branch_labels == Strings{"billing"});
  CHECK(g.find("y2")->branch_labels == Strings{"ledger"});
  CHECK(g.head_conflicts().empty());
  CHECK(g.base_conflicts().empty());
}

TEST_CASE("two unlabelled bases conflict", "[graph]") {
  auto p = make_project({{.id = "a"}, {.id = "b"}, {.id = "m", .down = {"a", "b"}}});
  REQUIRE(p.graph.base_conflicts().size() == 1);
  CHECK(ids(p.graph, p.graph.base_conflicts()[0].nodes) == Strings{"a", "b"});
  CHECK(p.graph.head_conflicts().empty());
}

TEST_CASE("expand/contract branches with depends_on by label", "[graph]") {
  auto p = make_project({{.id = "root"},
                         {.id = "e1", .down = {"root"}, .labels = {"expand"}},
                         {.id = "c1", .down = {"root"}, .labels = {"contract"}, .deps = {"expand"}},
                         {.id = "e2", .down = {"e1"}},
                         {.id = "c2", .down = {"c1"}, .deps = {"e2"}}});
  const auto& g = p.graph;
  CHECK(g.heads() == Strings{"c2", "e2"});
  CHECK(g.head_conflicts().empty());
  CHECK(g.find("c1")->resolved_depends_on == Strings{"e1"});
  CHECK(ids(g, g.find("e1")->dependents) == Strings{"c1"});
  CHECK(g.find("e2")->is_head);
  CHECK_FALSE(g.find("e2")->is_real_head);  // c2 depends on it
  CHECK(g.find("root")->branch_labels.empty());  // a branch point stops the downward walk
  CHECK(g.find("e2")->branch_labels == Strings{"expand"});
  CHECK(g.find("c2")->branch_labels == Strings{"contract"});
  CHECK(g.orphans().empty());
  CHECK(g.cycles().empty());
}

TEST_CASE("labels reach ancestors only through a straight line of descendants", "[graph]") {
  auto straight = make_project({{.id = "a"}, {.id = "b", .down = {"a"}, .labels = {"x"}}, {.id = "c", .down = {"b"}}});
  CHECK(straight.graph.find("a")->branch_labels == Strings{"x"});
  CHECK(straight.graph.find("c")->branch_labels == Strings{"x"});

  auto forked = make_project({{.id = "a"},
                              {.id = "b", .down = {"a"}, .labels = {"x"}},
                              {.id = "c1", .down = {"b"}},
                              {.id = "c2", .down = {"b"}}});
  CHECK(forked.graph.find("a")->branch_labels.empty());
  CHECK(forked.graph.find("c1")->branch_labels == Strings{"x"});
  // Two heads on branch x: ambiguous for `alembic upgrade x@head`.
  REQUIRE(forked.graph.head_conflicts().size() == 1);
  CHECK(forked.graph.head_conflicts()[0].label == "x");
}

TEST_CASE("orphans name the missing id and the file naming it", "[graph]") {
  auto p = make_project({{.id = "a", .labels = {"core"}},
                         {.id = "b", .down = {"gone"}},
                         {.id = "c", .down = {"a"}, .deps = {"nothere"}},
                         {.id = "d", .down = {"core"}}});
  const auto& o = p.graph.orphans();
  REQUIRE(o.size() == 3);
  CHECK(o[0].missing == "gone");
  CHECK(o[0].via == LinkKind::DownRevision);
  CHECK(p.revisions[o[0].revision].file->slice(o[0].span) == "\"gone\"");
  CHECK(o[1].missing == "nothere");
  CHECK(o[1].via == LinkKind::DependsOn);
  CHECK(o[2].names_label);
  CHECK_FALSE(p.graph.find("b")->is_base);
}

TEST_CASE("self references are found and dropped from the links", "[graph]") {
  auto p = make_project({{.id = "a"}, {.id = "b", .down = {"b"}}, {.id = "c", .down = {"a"}, .deps = {"c"}}});
  const auto& s = p.graph.self_references();
  REQUIRE(s.size() == 2);
  CHECK(s[0].via == LinkKind::DownRevision);
  CHECK(s[1].via == LinkKind::DependsOn);
  CHECK(p.revisions[s[0].revision].file->slice(s[0].span) == "\"b\"");
  CHECK(p.graph.cycles().empty());
}

TEST_CASE("duplicates list every file, the last one is in the graph", "[graph]") {
  auto p = make_project({{.id = "a", .path = "versions/one.py"},
                         {.id = "a", .path = "versions/two.py"},
                         {.id = "b", .down = {"a"}}});
  REQUIRE(p.graph.duplicates().size() == 1);
  CHECK(p.graph.duplicates()[0].revisions == std::vector<std::size_t>{0, 1});
  CHECK(p.graph.nodes().size() == 2);
  CHECK(p.graph.find("a")->revision == 1);
}

TEST_CASE("label conflicts: another revision, a revision id, a repeat", "[graph]") {
  auto p = make_project({{.id = "a", .labels = {"core"}},
                         {.id = "b", .down = {"a"}, .labels = {"core"}},
                         {.id = "c", .labels = {"a"}},
                         {.id = "d", .labels = {"x", "x"}}});
  const auto& c = p.graph.label_conflicts();
  REQUIRE(c.size() == 3);
  CHECK(c[0].kind == LabelConflictKind::OtherRevision);
  CHECK(c[0].revision == 1);
  CHECK(c[0].other == 0);
  CHECK(c[1].kind == LabelConflictKind::RevisionId);
  CHECK(c[2].kind == LabelConflictKind::Repeated);
}

TEST_CASE("cycles are listed once each, in upgrade order", "[graph]") {
  auto p = make_project({{.id = "a", .down = {"b"}},
                         {.id = "b", .down = {"a"}},
                         {.id = "p", .down = {"r"}},
                         {.id = "q", .down = {"p"}},
                         {.id = "r", .down = {"q"}},
                         {.id = "tail", .down = {"r"}}});
  const auto& g = p.graph;
  REQUIRE(g.cycles().size() == 2);
  CHECK(ids(g, g.cycles()[0].path) == Strings{"a", "b"});
  // q revises p, r revises q, p revises r.
  CHECK(ids(g, g.cycles()[1].path) == Strings{"p", "q", "r"});
  CHECK_FALSE(g.cycles()[1].via_depends_on);
  CHECK(ids(g, g.cycles()[1].members) == Strings{"p", "q", "r"});
}

TEST_CASE("a cycle through depends_on is flagged as such", "[graph]") {
  auto p = make_project({{.id = "a"}, {.id = "b", .down = {"a"}, .deps = {"c"}}, {.id = "c", .down = {"b"}}});
  REQUIRE(p.graph.cycles().size() == 1);
  CHECK(p.graph.cycles()[0].via_depends_on);
  CHECK(ids(p.graph, p.graph.cycles()[0].path) == Strings{"b", "c"});
}

TEST_CASE("dynamic down_revision leaves links unknown", "[graph]") {
  auto p = make_project({{.id = "a"}, {.id = "b", .down_dynamic = true}, {.id = "c", .revision_dynamic = true}});
  CHECK(p.graph.has_unknown_links());
  CHECK(p.graph.nodes().size() == 2);  // c has no static id
  CHECK_FALSE(p.graph.find("b")->is_base);
}

TEST_CASE("100,000-revision chain and ring run without recursion", "[graph][large]") {
  constexpr int n = 100000;
  std::vector<miglint::alembic::Revision> chain;
  chain.reserve(n);
  for (int i = 0; i < n; ++i) chain.push_back(bare("r" + std::to_string(i), i ? "r" + std::to_string(i - 1) : ""));
  auto g = RevisionGraph::build(chain);
  CHECK(g.heads() == Strings{"r99999"});
  CHECK(g.bases() == Strings{"r0"});
  CHECK(g.cycles().empty());
  CHECK(g.newest_first().size() == n);
  CHECK(g.nodes()[g.newest_first().front()].id == "r99999");

  chain[0] = bare("r0", "r99999");  // close the ring
  auto ring = RevisionGraph::build(chain);
  REQUIRE(ring.cycles().size() == 1);
  CHECK(ring.cycles()[0].path.size() == n);
  CHECK(ring.newest_first().size() == n);
}
