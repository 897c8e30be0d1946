// The registry's invariants: sorted unique kebab-case ids, each with a doc page and fixtures.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <regex>
#include <string>

#include "rules/registry.h"

namespace fs = std::filesystem;

TEST_CASE("rule ids are sorted, unique and kebab-case", "[registry]") {
  auto rules = miglint::rules::all_rules();
  REQUIRE(!rules.empty());
  const std::regex kebab("^[a-z][a-z0-9]*(-[a-z0-9]+)*$");
  for (size_t i = 0; i < rules.size(); ++i) {
    INFO(std::string(rules[i].id));
    CHECK(std::regex_match(std::string(rules[i].id), kebab));
    CHECK(!rules[i].summary.empty());
    if (i > 0) CHECK(rules[i - 1].id < rules[i].id);
    CHECK(miglint::rules::find_rule(rules[i].id) == &rules[i]);
  }
  CHECK(miglint::rules::find_rule("no-such-rule") == nullptr);
}

TEST_CASE("every rule has a doc page and firing and clean fixtures", "[registry]") {
  const fs::path root = MIGLINT_SOURCE_DIR;
  for (const auto& rule : miglint::rules::all_rules()) {
    std::string id(rule.id);
    INFO(id);
    CHECK(fs::is_regular_file(root / "docs" / "rules" / (id + ".md")));
    fs::path fixtures = root / "fixtures" / id;
    REQUIRE(fs::is_directory(fixtures));
    bool firing = false, clean = false;
    for (const auto& entry : fs::directory_iterator(fixtures)) {
      std::string name = entry.path().filename().string();
      if (!entry.is_directory()) continue;
      CHECK(fs::is_regular_file(entry.path() / "expected.txt"));
      firing |= name.rfind("firing", 0) == 0;
      clean |= name.rfind("clean", 0) == 0;
    }
    CHECK(firing);
    CHECK(clean);
  }
}

TEST_CASE("the rules index lists every rule", "[registry]") {
  std::ifstream in(fs::path(MIGLINT_SOURCE_DIR) / "docs" / "rules" / "README.md");
  REQUIRE(in);
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string index = buf.str();
  for (const auto& rule : miglint::rules::all_rules()) {
    std::string link = "(" + std::string(rule.id) + ".md)";
    INFO(std::string(rule.id));
    CHECK(index.find(link) != std::string::npos);
  }
}

TEST_CASE("every rule option is declared for a known rule and documented on its page", "[registry]") {
  for (const auto& option : miglint::rules::all_options()) {
    std::string id(option.rule);
    INFO(id << " " << option.name);
    CHECK(miglint::rules::find_rule(option.rule) != nullptr);
    CHECK(!option.description.empty());
    std::ifstream in(fs::path(MIGLINT_SOURCE_DIR) / "docs" / "rules" / (id + ".md"));
    REQUIRE(in);
    std::stringstream buf;
    buf << in.rdbuf();
    CHECK(buf.str().find("## Options") != std::string::npos);
    CHECK(buf.str().find("`" + std::string(option.name) + "`") != std::string::npos);
  }
}
