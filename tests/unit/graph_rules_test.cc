// The graph and revision-file rules: every message each one produces on hand-built projects.
#include <catch2/catch.hpp>

#include "graph_test_revisions.h"
#include "rules/registry.h"

using miglint::Diagnostic;
using miglint::alembic::BodyKind;
using miglint::alembic::Project;
using miglint::testing::make_project;
using miglint::testing::RevSpec;

namespace {

std::vector<Diagnostic> run(const char* rule, const Project& p) {
  const auto* info = miglint::rules::find_rule(rule);
  REQUIRE(info);
  REQUIRE(info->check);
  std::vector<Diagnostic> out;
  miglint::lint::RuleContext ctx(*info, out);
  info->check(p, ctx);
  return out;
}

std::string at(const Diagnostic& d) {
  return std::string(d.location.file->slice(d.location.span));
}

}  // namespace

TEST_CASE("multiple-heads names every head and the merge command", "[rules]") {
  auto p = make_project({{.id = "a1"}, {.id = "b2", .down = {"a1"}}, {.id = "c3", .down = {"a1"}}});
  auto d = run("multiple-heads", p);
  REQUIRE(d.size() == 1);
  CHECK(d[0].message == "The history has 2 heads with no branch label: b2, c3");
  CHECK(d[0].help.find("alembic merge -m \"merge heads\" b2 c3") != std::string::npos);
  REQUIRE(d[0].notes.size() == 2);
  CHECK(d[0].notes[1].message == "head `c3` is here");
  CHECK(at(d[0]) == "\"b2\"");
  CHECK(run("multiple-heads", make_project({{.id = "a1"}, {.id = "b2", .down = {"a1"}}})).empty());
}

TEST_CASE("multiple-heads waits until broken links are fixed", "[rules]") {
  // b's parent is a typo: a looks like a second head, but the orphan is the real problem.
  auto p = make_project({{.id = "a"}, {.id = "b", .down = {"aa"}}});
  CHECK(run("multiple-heads", p).empty());
  CHECK(run("orphan-revision", p).size() == 1);
}

TEST_CASE("multiple-heads stays quiet on labelled lines", "[rules]") {
  auto p = make_project({{.id = "x1", .labels = {"billing"}}, {.id = "y1", .labels = {"ledger"}}});
  CHECK(run("multiple-heads", p).empty());
  CHECK(run("multiple-bases", p).empty());
}

TEST_CASE("multiple-bases reports unlabelled bases at down_revision", "[rules]") {
  auto p = make_project({{.id = "a"}, {.id = "b"}, {.id = "m", .down = {"a", "b"}}});
  auto d = run("multiple-bases", p);
  REQUIRE(d.size() == 1);
  CHECK(d[0].message == "The history has 2 bases with no branch label: a, b");
  CHECK(at(d[0]) == "None");
}

TEST_CASE("orphan-revision names the unknown id at its span", "[rules]") {
  auto p = make_project({{.id = "a"}, {.id = "b", .down = {"zzz"}}, {.id = "c", .down = {"a"}, .deps = {"yyy"}}});
  auto d = run("orphan-revision", p);
  REQUIRE(d.size() == 2);
  CHECK(d[0].message == "`down_revision` of revision `b` names unknown revision `zzz`");
  CHECK(at(d[0]) == "\"zzz\"");
  CHECK(d[1].message == "`depends_on` of revision `c` names unknown revision `yyy`");
}

TEST_CASE("revision-cycle lists the cycle with a note per file", "[rules]") {
  auto p = make_project({{.id = "a", .down = {"b"}}, {.id = "b", .down = {"a"}}});
  auto d = run("revision-cycle", p);
  REQUIRE(d.size() == 1);
  CHECK(d[0].message == "Revisions form a cycle through `down_revision`: a -> b -> a");
  REQUIRE(d[0].notes.size() == 2);
  CHECK(d[0].notes[0].message == "`a` revises `b` here");
  CHECK(d[0].notes[1].message == "`b` revises `a` here");
  CHECK(at(d[0]) == "\"b\"");

  auto dep = run("revision-cycle", make_project({{.id = "a"}, {.id = "b", .down = {"a"}, .deps = {"c"}},
                                                 {.id = "c", .down = {"b"}}}));
  REQUIRE(dep.size() == 1);
  CHECK(dep[0].message == "Revisions form a cycle through `down_revision` and `depends_on`: b -> c -> b");
  CHECK(at(dep[0]) == "\"c\"");
  REQUIRE(dep[0].notes.size() == 2);
  CHECK(dep[0].notes[0].message == "`b` depends on `c` here");
  CHECK(dep[0].notes[1].message == "`c` revises `b` here");
}

TEST_CASE("self-referencing-revision", "[rules]") {
  auto d = run("self-referencing-revision", make_project({{.id = "a", .down = {"a"}}}));
  REQUIRE(d.size() == 1);
  CHECK(d[0].message == "Revision `a` names itself in `down_revision`");
}

TEST_CASE("duplicate-revision-id reports every file", "[rules]") {
  auto p = make_project({{.id = "a", .path = "versions/one.py"}, {.id = "a", .path = "versions/two.py"}});
  auto d = run("duplicate-revision-id", p);
  REQUIRE(d.size() == 2);
  CHECK(d[0].message == "Revision id `a` is declared by 2 files");
  CHECK(d[0].location.file->path() == "versions/one.py");
  CHECK(d[1].location.file->path() == "versions/two.py");
  CHECK(d[0].notes.size() == 1);
}

TEST_CASE("duplicate-branch-label", "[rules]") {
  auto p = make_project({{.id = "a", .labels = {"core"}}, {.id = "b", .down = {"a"}, .labels = {"core"}}});
  auto d = run("duplicate-branch-label", p);
  REQUIRE(d.size() == 1);
  CHECK(d[0].message == "Branch label `core` of revision `b` is already used by revision `a`");
  CHECK(at(d[0]) == "\"core\"");
}

TEST_CASE("invalid-revision-id: characters, reserved names, length", "[rules]") {
  auto p = make_project({{.id = "ab-12"},
                         {.id = "head"},
                         {.id = "0123456789abcdef0123456789abcdef0"},
                         {.id = "ok1", .labels = {"a:b"}},
                         {.id = "fine"}});
  auto d = run("invalid-revision-id", p);
  REQUIRE(d.size() == 4);
  CHECK(d[0].message == "Revision id `ab-12` contains `-`");
  CHECK(d[1].message == "Revision id `head` is one of Alembic's reserved names");
  CHECK(d[2].message.find("33 characters long") != std::string::npos);
  CHECK(d[3].message == "Branch label `a:b` contains `:`");

  auto none = make_project({{.id = "x"}});
  none.revisions[0].revision.form = miglint::alembic::ValueForm::None;
  none.revisions[0].revision.values.clear();
  auto n = run("invalid-revision-id", none);
  REQUIRE(n.size() == 1);
  CHECK(n[0].message == "Revision id is None");
}

TEST_CASE("dynamic-revision-variable and missing-revision-variable", "[rules]") {
  auto p = make_project({{.id = "a", .down_dynamic = true}, {.id = "b", .down_absent = true}});
  auto dyn = run("dynamic-revision-variable", p);
  REQUIRE(dyn.size() == 1);
  CHECK(dyn[0].message == "`down_revision` is not a static value");
  CHECK(at(dyn[0]) == "previous()");
  auto missing = run("missing-revision-variable", p);
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].message == "The revision file has no `down_revision` variable");
  auto none = run("missing-revision-variable", make_project({{.id = "c", .revision_absent = true}}));
  REQUIRE(none.size() == 1);
  CHECK(none[0].message == "The revision file has no `revision` variable");
}

TEST_CASE("missing-downgrade says which kind", "[rules]") {
  auto p = make_project({{.id = "a", .downgrade = BodyKind::Absent},
                         {.id = "b", .downgrade = BodyKind::Empty},
                         {.id = "c", .downgrade = BodyKind::OnlyRaises},
                         {.id = "merge", .upgrade = BodyKind::Empty, .downgrade = BodyKind::Empty},
                         {.id = "ok"}});
  auto d = run("missing-downgrade", p);
  REQUIRE(d.size() == 3);
  CHECK(d[0].message == "The revision has no downgrade() function");
  CHECK(d[1].message == "downgrade() is empty");
  CHECK(at(d[1]) == "downgrade");
  CHECK(d[2].message == "downgrade() only raises");
}

TEST_CASE("docstring-mismatch compares ids order-insensitively", "[rules]") {
  auto p = make_project({{.id = "a", .doc_revision_id = "zz"},
                         {.id = "m", .down = {"a", "b"}, .doc_revises = "b, a"},
                         {.id = "n", .down = {"a"}, .doc_revises = "q"}});
  auto d = run("docstring-mismatch", p);
  REQUIRE(d.size() == 2);
  CHECK(d[0].message == "Docstring says `Revision ID: zz` but `revision` is `a`");
  CHECK(at(d[0]) == "zz");
  CHECK(d[1].message == "Docstring says `Revises: q` but `down_revision` is `a`");
}

TEST_CASE("revision-file-name follows file_template", "[rules]") {
  auto p = make_project({{.id = "ab12cd", .path = "versions/2024-03-01-ab12cd_add_users.py"},
                         {.id = "ee_ff", .path = "versions/2024-03-02-ee_ff_add_orders.py"},
                         {.id = "123abc", .path = "versions/2024-03-03-999999_add_items.py"},
                         {.id = "777", .path = "versions/add_things.py"}});
  p.settings.file_template = "%(year)d-%(month).2d-%(day).2d-%(rev)s_%(slug)s";
  auto d = run("revision-file-name", p);
  REQUIRE(d.size() == 2);
  CHECK(d[0].message == "File name `2024-03-03-999999_add_items.py` carries revision id `999999` but the file "
                        "declares `123abc`");
  CHECK(d[1].message.find("does not follow `file_template`") != std::string::npos);
}
