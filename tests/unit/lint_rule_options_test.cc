// Per-rule options: defaults, typed TOML values, .ini text converted by the declared type, and
// every mistake reported where it was written.
#include <catch2/catch.hpp>

#include "lint/rule_options.h"

using namespace miglint;
using Kind = config::OptionValue::Kind;

namespace {

const lint::RuleInfo kRules[] = {
    {"identifier-too-long", lint::RuleGroup::Style, Severity::Error, "s", nullptr, nullptr},
    {"missing-lock-timeout", lint::RuleGroup::Lock, Severity::Warning, "s", nullptr, nullptr},
    {"multiple-heads", lint::RuleGroup::Graph, Severity::Error, "s", nullptr, nullptr},
};
const lint::RuleOption kSpecs[] = {
    {"identifier-too-long", "max-length", Kind::Int, "63", "d"},
    {"missing-lock-timeout", "tables", Kind::List, "a, b", "d"},
    {"missing-lock-timeout", "value", Kind::String, "5s", "d"},
    {"missing-lock-timeout", "strict", Kind::Bool, "false", "d"},
};

config::OptionValue text(std::string t) {
  config::OptionValue v;
  v.kind = Kind::String;
  v.text = std::move(t);
  v.where.path = "alembic.ini";
  return v;
}

}  // namespace

TEST_CASE("defaults fill every declared option", "[options]") {
  std::vector<Diagnostic> problems;
  auto resolved = lint::resolve_options(kRules, kSpecs, {}, problems);
  CHECK(problems.empty());
  CHECK(resolved["identifier-too-long"]["max-length"].integer == 63);
  CHECK(resolved["missing-lock-timeout"]["tables"].list == std::vector<std::string>{"a", "b"});
  CHECK(resolved["missing-lock-timeout"]["value"].text == "5s");
  CHECK(!resolved["missing-lock-timeout"]["strict"].boolean);
  CHECK(lint::toml_text(kSpecs[1]) == "[\"a\", \"b\"]");
  CHECK(lint::toml_text(kSpecs[2]) == "\"5s\"");
}

TEST_CASE("ini text is converted to the declared type", "[options]") {
  std::vector<Diagnostic> problems;
  lint::ConfiguredOptions configured;
  configured["identifier-too-long"]["max-length"] = text("40");
  configured["missing-lock-timeout"]["strict"] = text("Yes");
  configured["missing-lock-timeout"]["tables"] = text("x,\ny");
  auto resolved = lint::resolve_options(kRules, kSpecs, configured, problems);
  CHECK(problems.empty());
  CHECK(resolved["identifier-too-long"]["max-length"].integer == 40);
  CHECK(resolved["missing-lock-timeout"]["strict"].boolean);
  CHECK(resolved["missing-lock-timeout"]["tables"].list == std::vector<std::string>{"x", "y"});
}

TEST_CASE("unknown rules, unknown options and wrong types are reported and defaults kept", "[options]") {
  std::vector<Diagnostic> problems;
  lint::ConfiguredOptions configured;
  configured["no-such-rule"]["x"] = text("1");
  configured["multiple-heads"]["x"] = text("1");
  configured["identifier-too-long"]["max-lenght"] = text("1");
  configured["identifier-too-long"]["max-length"] = text("sixty");
  config::OptionValue typed;
  typed.kind = Kind::Int;
  typed.integer = 3;
  typed.where.path = "alembic.ini";
  configured["missing-lock-timeout"]["value"] = typed;  // TOML integer where a string is declared
  auto resolved = lint::resolve_options(kRules, kSpecs, configured, problems);
  REQUIRE(problems.size() == 5);
  std::vector<std::string> messages;
  for (const auto& d : problems) {
    CHECK(d.rule == "config-error");
    CHECK(d.location.path == "alembic.ini");
    messages.push_back(d.message);
  }
  std::sort(messages.begin(), messages.end());
  CHECK(messages == std::vector<std::string>{
                        "Option `max-length` of `identifier-too-long` must be an integer",
                        "Option `value` of `missing-lock-timeout` must be a string",
                        "Options for unknown rule `no-such-rule`",
                        "Rule `identifier-too-long` has no option `max-lenght`",
                        "Rule `multiple-heads` has no option `x`",
                    });
  CHECK(resolved["identifier-too-long"]["max-length"].integer == 63);
  CHECK(resolved["missing-lock-timeout"]["value"].text == "5s");
}
