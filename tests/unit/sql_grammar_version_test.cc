// pg_grammar_version (what `miglint --version` reports) is the grammar the parser really uses:
// every parse tree libpg_query returns carries the same PG_VERSION_NUM.
#include <catch2/catch.hpp>

#include <string>

#include "sql/pg_query.h"

using namespace miglint::sql;

TEST_CASE("pg_grammar_version matches the version stamped on parse trees", "[sql][version]") {
  PgGrammarVersion grammar = pg_grammar_version();
  auto out = pg_parse("select 1");
  REQUIRE_FALSE(out.error);
  CHECK(out.tree.at("version").get<int>() == grammar.version_num);
  // "15.1" and 150001 describe the same release: major*10000 + minor.
  auto dot = grammar.version.find('.');
  REQUIRE(dot != std::string::npos);
  int major = std::stoi(grammar.version.substr(0, dot));
  int minor = std::stoi(grammar.version.substr(dot + 1));
  CHECK(grammar.version_num == major * 10000 + minor);
  CHECK(major >= 13);  // the rules reason about PostgreSQL 13+ syntax
}
