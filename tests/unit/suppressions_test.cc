// Suppression comments: parsing, which findings they hide, and the unused-suppression and
// invalid-suppression findings (with their fixes), over real files loaded by load_project.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "alembic/project.h"
#include "lint/fixes.h"
#include "lint/suppressions.h"
#include "rules/registry.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace miglint;

namespace {

// A bare script folder (versions/ inside) with the given revision files, loaded.
struct Repo {
  miglint::testing::TempDir dir;
  alembic::Project project;
  std::set<std::string> enabled = {"invalid-suppression", "unused-suppression", "missing-downgrade",
                                   "docstring-mismatch", "sql-syntax-error", "dynamic-sql"};

  explicit Repo(std::vector<std::pair<std::string, std::string>> files) {
    fs::create_directories(dir.path / "versions");
    for (const auto& [name, text] : files) std::ofstream(dir.path / "versions" / name, std::ios::binary) << text;
    alembic::LoadOptions options;
    options.path = dir.path.string();
    REQUIRE(alembic::load_project(options, project));
    REQUIRE(project.revisions.size() == files.size());
  }

  const SourceFilePtr& file(const std::string& name) const {
    for (const auto& r : project.revisions)
      if (r.file->path().ends_with("/" + name)) return r.file;
    FAIL("no revision file " << name);
    return project.revisions.front().file;
  }

  // A finding of `rule` at the first occurrence of `needle` in the file.
  Diagnostic finding(const std::string& name, const std::string& rule, const std::string& needle) const {
    const SourceFilePtr& f = file(name);
    size_t at = f->text().find(needle);
    REQUIRE(at != std::string::npos);
    Diagnostic d;
    d.rule = rule;
    d.location = Location{f, {static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())}, {}};
    d.message = "finding";
    return d;
  }

  lint::SuppressionResult apply(std::vector<Diagnostic>& diags) const {
    return lint::apply_suppressions(
        project, diags, [](std::string_view id) { return rules::find_rule(id) != nullptr; },
        [this](std::string_view id) { return enabled.count(std::string(id)) > 0; }, rules::all_rules());
  }
};

std::string revision(const std::string& id, const std::string& body) {
  return "revision = '" + id + "'\ndown_revision = None\n\n" + body;
}

// "rule@line" for each finding, in order, for compact comparisons.
std::vector<std::string> summary(const std::vector<Diagnostic>& diags) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diags)
    out.push_back(d.rule + "@" + std::to_string(d.location.file ? d.location.file->line_col(d.location.span.begin).line : 0));
  return out;
}

std::string text_of(const SourceFile& f, Span s) { return std::string(f.slice(s)); }

}  // namespace

TEST_CASE("directives in Python comments: forms, ids, lines and what removing them deletes", "[suppressions]") {
  Repo repo({{"a1.py", revision("a1",
                                "# miglint: ignore[missing-downgrade] -- data is gone\n"       // 4
                                "def downgrade():  #miglint:ignore[ a-b ,c ]  # noqa\n"       // 5
                                "    pass  # noqa  # miglint: ignore-file[x-y] why not\n"      // 6
                                "x = 1  # Checked by miglint: not a directive, nor `# miglint:`\n"
                                "y = '# miglint: ignore[in-a-string]'\n")}});
  auto f = repo.file("a1.py");
  lint::FileSuppressions s = lint::parse_suppressions(f);
  CHECK(s.problems.empty());
  REQUIRE(s.directives.size() == 3);

  const auto& first = s.directives[0];
  CHECK_FALSE(first.whole_file);
  CHECK_FALSE(first.in_sql);
  CHECK(first.first_line == 4);
  CHECK(first.last_line == 5);
  REQUIRE(first.ids.size() == 1);
  CHECK(first.ids[0].id == "missing-downgrade");
  CHECK(text_of(*f, first.ids[0].span) == "missing-downgrade");
  CHECK(text_of(*f, first.span) == "# miglint: ignore[missing-downgrade] -- data is gone");
  CHECK(text_of(*f, first.removal) == "# miglint: ignore[missing-downgrade] -- data is gone\n");  // its whole line

  const auto& second = s.directives[1];
  REQUIRE(second.ids.size() == 2);
  CHECK(second.ids[0].id == "a-b");
  CHECK(second.ids[1].id == "c");
  CHECK(text_of(*f, second.span) == "#miglint:ignore[ a-b ,c ]");
  CHECK(text_of(*f, second.removal) == "#miglint:ignore[ a-b ,c ]  ");  // up to `# noqa`

  const auto& third = s.directives[2];
  CHECK(third.whole_file);
  REQUIRE(third.ids.size() == 1);
  CHECK(third.ids[0].id == "x-y");
  CHECK(text_of(*f, third.removal) == "  # miglint: ignore-file[x-y] why not");  // `# noqa` stays
}

TEST_CASE("malformed directives are invalid-suppression findings at the faulty text", "[suppressions]") {
  Repo repo({{"a1.py", revision("a1",
                                "# miglint: ignore[]\n"                    // 4
                                "# miglint: ignore missing-downgrade\n"    // 5
                                "# miglint: skip[missing-downgrade]\n"     // 6
                                "# miglint:\n"                             // 7
                                "# miglint: ignore[a b]\n"                 // 8
                                "# miglint: ignore[a,]\n"                  // 9
                                "# miglint: ignore[a, b\n"                 // 10
                                "# miglint: ignore[a;b]\n")}});            // 11
  auto f = repo.file("a1.py");
  lint::FileSuppressions s = lint::parse_suppressions(f);
  CHECK(s.directives.empty());
  REQUIRE(s.problems.size() == 8);
  std::vector<std::pair<uint32_t, std::string>> got;
  for (const Diagnostic& d : s.problems) {
    CHECK(d.rule == "invalid-suppression");
    CHECK(d.severity == Severity::Error);
    CHECK(d.help.find("# miglint: ignore[rule-id, other-id]") != std::string::npos);
    got.emplace_back(f->line_col(d.location.span.begin).line, text_of(*f, d.location.span));
  }
  CHECK(got == std::vector<std::pair<uint32_t, std::string>>{
                   {4, "[]"}, {5, "# miglint: ignore "}, {6, "skip"}, {7, "# miglint:"}, {8, "b"},
                   {9, "]"}, {10, "# miglint: ignore[a, b"}, {11, ";"}});
  CHECK(s.problems[0].message.find("empty rule list") != std::string::npos);
  CHECK(s.problems[2].message.find("Unknown suppression directive `skip`") != std::string::npos);
  CHECK(s.problems[4].message.find("Expected `,` between rule ids") != std::string::npos);
  CHECK(s.problems[6].message.find("Missing `]`") != std::string::npos);
}

TEST_CASE("SQL comment directives inside strings cover the statement that follows", "[suppressions]") {
  Repo repo({{"a1.py", revision("a1",
                                "def upgrade():\n"                                       // 4
                                "    op.execute('''\n"                                   // 5
                                "        SELECT 1;\n"                                    // 6
                                "        -- miglint: ignore[sql-syntax-error] -- pg16\n" // 7
                                "        -- an ordinary comment; with a semicolon\n"     // 8
                                "        CREATE TABLE t (\n"                             // 9
                                "            note text DEFAULT ';'\n"                    // 10
                                "        );\n"                                           // 11
                                "        SELECT 2;\n"                                    // 12
                                "    ''')\n"                                             // 13
                                "    op.execute(\"-- miglint: ignore[dynamic-sql]\\nSELECT 3\")\n"  // 14
                                "    # -- miglint: ignore[in-a-python-comment]\n")}});
  auto f = repo.file("a1.py");
  lint::FileSuppressions s = lint::parse_suppressions(f);
  CHECK(s.problems.empty());
  REQUIRE(s.directives.size() == 2);
  const auto& block = s.directives[0];
  CHECK(block.in_sql);
  CHECK(block.first_line == 7);
  CHECK(block.last_line == 11);  // to the statement's `;`, past comments and quoted text
  CHECK(text_of(*f, block.span) == "-- miglint: ignore[sql-syntax-error] -- pg16");
  CHECK(text_of(*f, block.removal) == "        -- miglint: ignore[sql-syntax-error] -- pg16\n");
  const auto& inline_sql = s.directives[1];
  CHECK(inline_sql.first_line == 14);
  CHECK(inline_sql.last_line == 14);
  CHECK(inline_sql.ids[0].id == "dynamic-sql");
  CHECK(text_of(*f, inline_sql.removal) == "-- miglint: ignore[dynamic-sql]");  // the `\n` escape stays

  std::vector<Diagnostic> diags = {repo.finding("a1.py", "sql-syntax-error", "DEFAULT"),
                                   repo.finding("a1.py", "sql-syntax-error", "SELECT 1"),
                                   repo.finding("a1.py", "sql-syntax-error", "SELECT 2"),
                                   repo.finding("a1.py", "dynamic-sql", "op.execute(\"")};
  lint::SuppressionResult r = repo.apply(diags);
  CHECK(r.suppressed == 2);
  CHECK(summary(diags) == std::vector<std::string>{"sql-syntax-error@6", "sql-syntax-error@12"});
}

TEST_CASE("a directive hides findings on its line and the next, or in the whole file", "[suppressions]") {
  Repo repo({{"a1.py", revision("a1",
                                "x = 1  # miglint: ignore[missing-downgrade, docstring-mismatch]\n"  // 4
                                "y = 2\n"                                                          // 5
                                "z = 3\n"                                                          // 6
                                "# miglint: ignore[missing-downgrade]\n"                           // 7
                                "def downgrade():\n"                                               // 8
                                "    pass\n")},                                                    // 9
             {"b2.py", revision("b2", "# miglint: ignore-file[docstring-mismatch]\nw = 0\n")}});
  std::vector<Diagnostic> diags = {
      repo.finding("a1.py", "missing-downgrade", "x = 1"),      // same line: hidden
      repo.finding("a1.py", "docstring-mismatch", "y = 2"),     // the next line: hidden
      repo.finding("a1.py", "missing-downgrade", "z = 3"),      // two lines below: shown
      repo.finding("a1.py", "missing-downgrade", "def downgrade"),  // hidden by line 7
      repo.finding("a1.py", "multiple-heads", "pass"),          // another rule: shown
      repo.finding("b2.py", "docstring-mismatch", "revision"),  // whole file: hidden
      repo.finding("b2.py", "missing-downgrade", "w = 0"),      // other id: shown
  };
  Diagnostic file_level;  // a finding about the file as a whole, without a span
  file_level.rule = "docstring-mismatch";
  file_level.location.path = repo.file("b2.py")->path();
  diags.push_back(file_level);
  lint::SuppressionResult r = repo.apply(diags);
  CHECK(r.suppressed == 5);
  CHECK(summary(diags) == std::vector<std::string>{"missing-downgrade@6", "multiple-heads@9", "missing-downgrade@5"});
}

TEST_CASE("a finding's origin (its op call) also carries a directive", "[suppressions]") {
  Repo repo({{"a1.py", revision("a1",
                                "def upgrade():\n"                                       // 4
                                "    # miglint: ignore[sql-syntax-error]\n"              // 5
                                "    op.execute(\"\"\"\n"                                // 6
                                "        SELECT 1;\n"                                    // 7
                                "        SELEC 2;\n"                                     // 8
                                "    \"\"\")\n"
                                "    op.execute(\"SELEC 3\")\n")}});                    // 10
  auto f = repo.file("a1.py");
  Diagnostic deep = repo.finding("a1.py", "sql-syntax-error", "SELEC 2");
  Diagnostic other = repo.finding("a1.py", "sql-syntax-error", "SELEC 3");
  uint32_t call = static_cast<uint32_t>(f->text().find("op.execute"));
  deep.origin = Span{call, call + 10};
  other.origin = Span{static_cast<uint32_t>(f->text().rfind("op.execute")), static_cast<uint32_t>(f->text().size())};
  Diagnostic no_origin = repo.finding("a1.py", "sql-syntax-error", "SELEC 2");
  std::vector<Diagnostic> diags = {deep, other, no_origin};
  CHECK(repo.apply(diags).suppressed == 1);
  CHECK(summary(diags) == std::vector<std::string>{"sql-syntax-error@10", "sql-syntax-error@8"});
}

TEST_CASE("configuration, unreadable-file, syntax and suppression findings are never hidden", "[suppressions]") {
  Repo repo({{"a1.py", revision("a1",
                                "# miglint: ignore-file[python-syntax-error, config-error, unused-suppression]\n"
                                "x = 1\n")}});
  std::vector<Diagnostic> diags = {repo.finding("a1.py", "python-syntax-error", "x = 1"),
                                   repo.finding("a1.py", "config-error", "x = 1")};
  CHECK(repo.apply(diags).suppressed == 0);
  REQUIRE(diags.size() == 5);
  CHECK(diags[0].rule == "python-syntax-error");
  CHECK(diags[1].rule == "config-error");
  for (size_t i = 2; i < 5; ++i) {
    CHECK(diags[i].rule == "invalid-suppression");
    CHECK(diags[i].message.find("cannot be suppressed") != std::string::npos);
  }
  CHECK_FALSE(lint::suppressible("invalid-suppression"));
  CHECK(lint::suppressible("missing-downgrade"));
}

TEST_CASE("unknown ids, groups and `all` are invalid; near misses get a suggestion and an unsafe fix", "[suppressions]") {
  Repo repo({{"a1.py", revision("a1",
                                "# miglint: ignore[missing-downgrad, graph, all, zzz, missing-downgrade]\n"
                                "def downgrade():\n"
                                "    pass\n")}});
  std::vector<Diagnostic> diags = {repo.finding("a1.py", "missing-downgrade", "def downgrade")};
  CHECK(repo.apply(diags).suppressed == 1);  // the valid id still works
  REQUIRE(diags.size() == 4);
  CHECK(diags[0].message == "Unknown rule id `missing-downgrad` in suppression");
  CHECK(diags[0].help.find("did you mean `missing-downgrade`?") != std::string::npos);
  REQUIRE(diags[0].fix);
  CHECK_FALSE(diags[0].fix->safe);
  CHECK(diags[0].fix->edits[0].replacement == "missing-downgrade");
  CHECK(diags[1].message == "`graph` is a rule group; suppressions name rule ids");
  CHECK(diags[2].message.find("`all` is not supported") != std::string::npos);
  CHECK(diags[3].message == "Unknown rule id `zzz` in suppression");
  CHECK(diags[3].help.find("did you mean") == std::string::npos);
  CHECK_FALSE(diags[3].fix);

  SECTION("not reported when invalid-suppression is not selected") {
    Repo quiet({{"a1.py", revision("a1", "# miglint: ignore[zzz]\n# miglint: ignore[\n")}});
    quiet.enabled.erase("invalid-suppression");
    std::vector<Diagnostic> none;
    quiet.apply(none);
    CHECK(none.empty());
  }
}

TEST_CASE("unused suppressions are reported only for rules that ran, with a safe fix", "[suppressions]") {
  const std::string text = revision("a1",
                                    "x = 1  # miglint: ignore[missing-downgrade, docstring-mismatch]\n"  // 4
                                    "# miglint: ignore[missing-downgrade] -- stale\n"                     // 5
                                    "y = 2\n"                                                             // 6
                                    "z = 3  # miglint: ignore[multiple-heads]\n"                          // 7
                                    "# miglint: ignore-file[docstring-mismatch, dynamic-sql]\n");         // 8
  Repo repo({{"a1.py", text}});
  std::vector<Diagnostic> diags = {repo.finding("a1.py", "missing-downgrade", "x = 1")};
  CHECK(repo.apply(diags).suppressed == 1);
  // multiple-heads did not run: its suppression cannot be judged.
  CHECK(summary(diags) == std::vector<std::string>{"unused-suppression@4", "unused-suppression@5",
                                                   "unused-suppression@8", "unused-suppression@8"});
  for (const Diagnostic& d : diags) {
    CHECK(d.severity == Severity::Warning);
    REQUIRE(d.fix);
    CHECK(d.fix->safe);
  }
  CHECK(diags[0].message == "Unused suppression: no `docstring-mismatch` finding on this line or the next");
  CHECK(diags[2].message == "Unused suppression: no `docstring-mismatch` finding in this file");
  CHECK(diags[0].fix->title == "Remove `docstring-mismatch` from the suppression");
  CHECK(diags[1].fix->title == "Remove the unused suppression comment");

  // The fixes, applied together, leave only what is still needed.
  lint::FixPlan plan = lint::plan_fixes(diags, false);
  REQUIRE(plan.files.size() == 1);
  CHECK(plan.applied == 4);
  CHECK(plan.files[0].text == revision("a1",
                                       "x = 1  # miglint: ignore[missing-downgrade]\n"
                                       "y = 2\n"
                                       "z = 3  # miglint: ignore[multiple-heads]\n"));

  SECTION("not reported when unused-suppression is not selected") {
    Repo quiet({{"a1.py", text}});
    quiet.enabled.erase("unused-suppression");
    std::vector<Diagnostic> none;
    quiet.apply(none);
    CHECK(none.empty());
  }
}

TEST_CASE("removing an unused id keeps the others and their separators tidy", "[suppressions]") {
  Repo repo({{"a1.py", revision("a1",
                                "a = 1  # miglint: ignore[docstring-mismatch, missing-downgrade]\n"
                                "b = 2  # miglint: ignore[missing-downgrade, docstring-mismatch]\n"
                                "def f():  # miglint: ignore[dynamic-sql,missing-downgrade,sql-syntax-error] -- why\n")}});
  std::vector<Diagnostic> diags = {repo.finding("a1.py", "missing-downgrade", "a = 1"),
                                   repo.finding("a1.py", "missing-downgrade", "b = 2"),
                                   repo.finding("a1.py", "dynamic-sql", "def f"),
                                   repo.finding("a1.py", "sql-syntax-error", "def f")};
  CHECK(repo.apply(diags).suppressed == 4);
  lint::FixPlan plan = lint::plan_fixes(diags, false);
  REQUIRE(plan.files.size() == 1);
  CHECK(plan.files[0].text == revision("a1",
                                       "a = 1  # miglint: ignore[missing-downgrade]\n"
                                       "b = 2  # miglint: ignore[missing-downgrade]\n"
                                       "def f():  # miglint: ignore[dynamic-sql,sql-syntax-error] -- why\n"));
}

TEST_CASE("directives in CRLF files: lines and removals keep the line ends", "[suppressions]") {
  Repo repo({{"a1.py", std::string("revision = 'a1'\r\ndown_revision = None\r\n"
                       "# miglint: ignore[missing-downgrade]\r\n"       // 3
                       "def downgrade():\r\n"                           // 4
                       "    pass  # miglint: ignore[dynamic-sql]\r\n")}});  // 5
  std::vector<Diagnostic> diags = {repo.finding("a1.py", "missing-downgrade", "def downgrade")};
  CHECK(repo.apply(diags).suppressed == 1);
  REQUIRE(summary(diags) == std::vector<std::string>{"unused-suppression@5"});
  lint::FixPlan plan = lint::plan_fixes(diags, false);
  REQUIRE(plan.files.size() == 1);
  CHECK(plan.files[0].text ==
        "revision = 'a1'\r\ndown_revision = None\r\n# miglint: ignore[missing-downgrade]\r\ndef downgrade():\r\n    pass\r\n");

  // A whole-line directive goes with its CRLF.
  Repo alone({{"a1.py", std::string("revision = 'a1'\r\n# miglint: ignore[dynamic-sql]\r\ndown_revision = None\r\n")}});
  std::vector<Diagnostic> unused;
  alone.apply(unused);
  plan = lint::plan_fixes(unused, false);
  REQUIRE(plan.files.size() == 1);
  CHECK(plan.files[0].text == "revision = 'a1'\r\ndown_revision = None\r\n");
}

TEST_CASE("edit_distance stops early past its limit", "[suppressions]") {
  CHECK(lint::edit_distance("missing-downgrade", "missing-downgrade", 2) == 0);
  CHECK(lint::edit_distance("missing-downgrad", "missing-downgrade", 2) == 1);
  CHECK(lint::edit_distance("missing_downgrade", "missing-downgrade", 2) == 1);
  CHECK(lint::edit_distance("misisng-downgrade", "missing-downgrade", 2) == 2);
  CHECK(lint::edit_distance("multiple-heads", "missing-downgrade", 2) == 3);
  CHECK(lint::edit_distance("a", "abcd", 2) == 3);
  CHECK(lint::edit_distance("", "ab", 2) == 2);
}
