// Lock rules whose findings depend on the PostgreSQL version, run on their fixtures at other
// versions than the fixture harness's default 15 (which has no --pg-version per case).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "alembic/project.h"
#include "lint/linter.h"
#include "rules/registry.h"

using namespace miglint;

namespace {

// "file name:line" of each finding of `rule` on fixtures/<rule>/<case> at `pg_major`.
std::vector<std::string> findings(const std::string& rule, const std::string& fixture_case, int pg_major) {
  alembic::LoadOptions load;
  load.path = std::string(MIGLINT_SOURCE_DIR) + "/fixtures/" + rule + "/" + fixture_case;
  alembic::Project project;
  REQUIRE(alembic::load_project(load, project));
  lint::LintOptions options;
  options.select = {rule};
  options.pg_major = pg_major;
  auto selection = lint::select_rules(rules::all_rules(), options, rules::all_options());
  std::vector<std::string> out;
  for (const auto& d : lint::lint_project(project, selection, options)) {
    if (d.rule != rule) continue;
    std::string path = d.location.raw_path();
    path = path.substr(path.rfind('/') + 1);
    out.push_back(path + ":" + std::to_string(d.location.file->line_col(d.location.span.begin).line));
  }
  return out;
}

}  // namespace

TEST_CASE("non-concurrent-reindex is quiet before PostgreSQL 12, which has no REINDEX CONCURRENTLY", "[rules]") {
  CHECK(findings("non-concurrent-reindex", "firing", 11).empty());
  CHECK(findings("non-concurrent-reindex", "firing", 12).size() == 4);
}

TEST_CASE("non-concurrent-partition-detach is quiet before PostgreSQL 14, which has no DETACH CONCURRENTLY", "[rules]") {
  CHECK(findings("non-concurrent-partition-detach", "firing", 13).empty());
  CHECK(findings("non-concurrent-partition-detach", "firing", 14).size() == 2);
}

TEST_CASE("enum-add-value-in-transaction before PostgreSQL 12 reports every ADD VALUE in a transaction", "[rules]") {
  // The clean case adds values in a transaction without using them: refused outright on 11,
  // except in the autocommit block.
  CHECK(findings("enum-add-value-in-transaction", "clean", 11) ==
        std::vector<std::string>{"3c4d5e6f7a8b_add_sleepy_unused.py:20", "3c4d5e6f7a8b_add_sleepy_unused.py:21"});
  // A type created earlier in the same transaction may get values inside it on 9.1–11.
  CHECK(findings("enum-add-value-in-transaction", "firing", 11) ==
        std::vector<std::string>{"2b3c4d5e6f7a_add_excited.py:20", "3c4d5e6f7a8b_add_bored.py:20"});
}
