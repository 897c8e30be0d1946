// The options and settings of the SQL rules, run on their fixture repositories through the
// linter (the fixture harness runs each case with defaults only).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "alembic/project.h"
#include "lint/linter.h"
#include "rules/registry.h"

namespace fs = std::filesystem;
using namespace miglint;

namespace {

config::OptionValue boolean(bool v) {
  config::OptionValue o;
  o.kind = config::OptionValue::Kind::Bool;
  o.boolean = v;
  return o;
}

config::OptionValue integer(long long v) {
  config::OptionValue o;
  o.kind = config::OptionValue::Kind::Int;
  o.integer = v;
  return o;
}

config::OptionValue text(std::string v) {
  config::OptionValue o;
  o.kind = config::OptionValue::Kind::String;
  o.text = std::move(v);
  return o;
}

// The findings of `rule` on fixtures/<rule>/<case>, with `options` as configured.
std::vector<Diagnostic> run(const std::string& rule, const std::string& fixture_case, lint::LintOptions options = {}) {
  alembic::LoadOptions load;
  load.path = (fs::path(MIGLINT_SOURCE_DIR) / "fixtures" / rule / fixture_case).string();
  alembic::Project project;
  REQUIRE(alembic::load_project(load, project));
  options.select = {rule};
  options.jobs = 1;
  auto selection = lint::select_rules(rules::all_rules(), options, rules::all_options());
  REQUIRE(selection.problems.empty());
  std::vector<Diagnostic> out;
  for (auto& d : lint::lint_project(project, selection, options))
    if (d.rule == rule) out.push_back(std::move(d));
  return out;
}

}  // namespace

TEST_CASE("prefer-bigint include-smallint = false skips smallint and smallserial", "[rules][options]") {
  CHECK(run("prefer-bigint", "firing").size() == 8);
  lint::LintOptions o;
  o.rule_options["prefer-bigint"]["include-smallint"] = boolean(false);
  auto found = run("prefer-bigint", "firing", o);
  CHECK(found.size() == 5);
  for (const auto& d : found) {
    INFO(d.message);
    CHECK(d.message.find("16-bit") == std::string::npos);
  }
}

TEST_CASE("timestamp-without-time-zone include-time reports time columns", "[rules][options]") {
  CHECK(run("timestamp-without-time-zone", "clean").empty());
  lint::LintOptions o;
  o.rule_options["timestamp-without-time-zone"]["include-time"] = boolean(true);
  auto found = run("timestamp-without-time-zone", "clean", o);
  // sa.Time() in create_table and `lunch time` in SQL; time with a date-less meaning only.
  REQUIRE(found.size() == 2);
  for (const auto& d : found) CHECK(d.message.find("is time without time zone") != std::string::npos);
}

TEST_CASE("identifier-too-long max-length lowers the limit", "[rules][options]") {
  CHECK(run("identifier-too-long", "clean").empty());
  lint::LintOptions o;
  o.rule_options["identifier-too-long"]["max-length"] = integer(40);
  auto found = run("identifier-too-long", "clean", o);
  // The 63-byte table name (once per statement creating it) and the op.f() index name
  // (63 bytes after SQLAlchemy shortens it).
  REQUIRE(found.size() == 2);
  for (const auto& d : found) CHECK(d.message.find("over the configured maximum of 40") != std::string::npos);
}

TEST_CASE("missing-lock-timeout: value option, and the lock-timeout setting", "[rules][options]") {
  lint::LintOptions o;
  o.rule_options["missing-lock-timeout"]["value"] = text("3s");
  auto found = run("missing-lock-timeout", "firing", o);
  REQUIRE(found.size() == 5);
  CHECK(found.front().help.find("'3s'") != std::string::npos);
  // One fix per phase, on its first finding; SET (not SET LOCAL) when the phase has an
  // autocommit block, SET LOCAL when it is one transaction.
  size_t fixes = 0;
  for (const auto& d : found) {
    if (!d.fix) continue;
    ++fixes;
    REQUIRE(d.fix->edits.size() == 1);
    CHECK_FALSE(d.fix->safe);
    CHECK(d.fix->edits[0].replacement.find("lock_timeout = '3s'\")") != std::string::npos);
    bool autocommit_revision = d.location.raw_path().find("3c4d5e6f7a8b") != std::string::npos ||
                               d.location.raw_path().find("4d5e6f7a8b9c") != std::string::npos;
    CHECK((d.fix->edits[0].replacement.find("SET LOCAL") == std::string::npos) == autocommit_revision);
  }
  CHECK(fixes == 3);

  lint::LintOptions configured;
  configured.lock_timeout = "5s";
  configured.settings_source = "pyproject.toml";
  CHECK(run("missing-lock-timeout", "firing", configured).empty());
}

TEST_CASE("missing-statement-timeout: the statement-timeout setting", "[rules][options]") {
  CHECK(run("missing-statement-timeout", "firing").size() == 3);
  lint::LintOptions configured;
  configured.statement_timeout = "1min";
  CHECK(run("missing-statement-timeout", "firing", configured).empty());
}
