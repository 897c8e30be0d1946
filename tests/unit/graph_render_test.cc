// Graph renderers: history text, JSON shape, Graphviz and Mermaid, on hand-built projects.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "graph_test_revisions.h"
#include "report/graph_render.h"

using miglint::testing::make_project;
using miglint::testing::RevSpec;

namespace {

miglint::alembic::Project branchy() {
  return make_project({{.id = "a1"},
                       {.id = "b1", .down = {"a1"}, .labels = {"feature"}},
                       {.id = "b2", .down = {"a1"}},
                       {.id = "m3", .down = {"b1", "b2"}, .deps = {"a1"}}});
}

}  // namespace

TEST_CASE("text output reads like alembic history", "[render]") {
  auto p = branchy();
  std::string text = miglint::report::render_graph_text(p);
  CHECK(text ==
        "b1, b2 (a1) -> m3 (feature) (head) (mergepoint), step m3\n"
        "a1 -> b1 (feature), step b1\n"
        "a1 -> b2, step b2\n"
        "<base> -> a1 (branchpoint), step a1\n");
}

TEST_CASE("text output colours ids and markers only on request", "[render]") {
  auto p = make_project({{.id = "a"}});
  CHECK(miglint::report::render_graph_text(p, true) == "<base> -> \x1b[1ma\x1b[0m \x1b[1;32m(head)\x1b[0m, step a\n");
  CHECK(miglint::report::render_graph_text(p, false) == "<base> -> a (head), step a\n");
}

TEST_CASE("text output marks an effective head", "[render]") {
  auto p = make_project({{.id = "a"}, {.id = "b", .down = {"a"}}, {.id = "c", .labels = {"side"}, .deps = {"b"}}});
  std::string text = miglint::report::render_graph_text(p);
  CHECK(text.find("a -> b (effective head), step b\n") != std::string::npos);
  CHECK(text.find("<base> (b) -> c (side) (head), step c\n") != std::string::npos);
}

TEST_CASE("json output has the documented shape", "[render]") {
  auto p = branchy();
  auto j = nlohmann::json::parse(miglint::report::render_graph_json(p));
  CHECK(j["heads"] == nlohmann::json::array({"m3"}));
  CHECK(j["bases"] == nlohmann::json::array({"a1"}));
  REQUIRE(j["revisions"].size() == 4);
  const auto& m3 = j["revisions"][0];
  CHECK(m3["id"] == "m3");
  CHECK(m3["path"] == "versions/m3_step.py");
  CHECK(m3["down_revisions"] == nlohmann::json::array({"b1", "b2"}));
  CHECK(m3["depends_on"] == nlohmann::json::array({"a1"}));
  CHECK(m3["is_merge_point"] == true);
  CHECK(m3["is_head"] == true);
  CHECK(m3["branch_labels"] == nlohmann::json::array({"feature"}));
  CHECK(m3["own_branch_labels"] == nlohmann::json::array());
  const auto& a1 = j["revisions"][3];
  CHECK(a1["children"] == nlohmann::json::array({"b1", "b2"}));
  CHECK(a1["dependents"] == nlohmann::json::array({"m3"}));
  CHECK(a1["is_branch_point"] == true);
  CHECK(a1["is_base"] == true);
}

TEST_CASE("dot output draws links, dependencies and missing revisions", "[render]") {
  auto p = make_project({{.id = "a"}, {.id = "b", .down = {"a"}, .deps = {"gone"}}});
  std::string dot = miglint::report::render_graph_dot(p);
  CHECK(dot.rfind("digraph revisions {\n", 0) == 0);
  CHECK(dot.find("  \"a\" -> \"b\";\n") != std::string::npos);
  CHECK(dot.find("\"gone\" -> \"b\" [style=dashed, color=red];") != std::string::npos);
  CHECK(dot.find("\"b\" [label=\"b\\nstep b\", peripheries=2];") != std::string::npos);
  CHECK(dot.back() == '\n');
}

TEST_CASE("mermaid output is a bottom-up flowchart", "[render]") {
  auto p = branchy();
  std::string m = miglint::report::render_graph_mermaid(p);
  CHECK(m.rfind("flowchart BT\n", 0) == 0);
  CHECK(m.find("  r0[\"a1<br/>step a1\"]\n") != std::string::npos);
  CHECK(m.find("  r0 --> r1\n") != std::string::npos);
  CHECK(m.find("  r0 -.-> r3\n") != std::string::npos);
  CHECK(m.find("class r3 head") != std::string::npos);
}
