// The libpg_query wrapper: raw tree shape, fingerprints, normalisation, negative integer
// repair, character→byte error positions, and parsing from several threads at once.
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "sql/pg_query.h"
#include "sql/sql_text.h"

using namespace miglint::sql;

TEST_CASE("pg_parse returns libpg_query's tree with default fields omitted", "[sql]") {
  auto out = pg_parse("select 1; select 0");
  REQUIRE_FALSE(out.error);
  const auto& stmts = out.tree.at("stmts");
  REQUIRE(stmts.size() == 2);
  CHECK(out.tree.at("version") == 150001);
  CHECK_FALSE(stmts[0].contains("stmt_location"));  // 0 is omitted
  CHECK(stmts[0].at("stmt_len") == 8);
  CHECK(stmts[1].at("stmt_location") == 9);
  CHECK_FALSE(stmts[1].contains("stmt_len"));  // last statement without ';'
  // Integer 0 is an empty object, one level inside A_Const.
  const auto& zero = stmts[1]["stmt"]["SelectStmt"]["targetList"][0]["ResTarget"]["val"];
  CHECK(zero["A_Const"]["ival"] == nlohmann::json::object());
}

TEST_CASE("pg_parse repairs negative integers that libpg_query prints as 0", "[sql]") {
  auto out = pg_parse("select -5, - 7, -(3), -  /* c */ 9, -0, 0, 4, 2 - 1");
  REQUIRE_FALSE(out.error);
  std::vector<std::string> values;
  for (const auto& target : out.tree["stmts"][0]["stmt"]["SelectStmt"]["targetList"])
    values.push_back(target["ResTarget"]["val"].dump());
  CHECK(values[0].find("\"ival\":{\"ival\":-5}") != std::string::npos);
  CHECK(values[1].find("\"ival\":{\"ival\":-7}") != std::string::npos);
  CHECK(values[2].find("\"ival\":{\"ival\":-3}") != std::string::npos);
  CHECK(values[3].find("\"ival\":{\"ival\":-9}") != std::string::npos);
  CHECK(values[4].find("\"ival\":{}") != std::string::npos);  // -0 is 0
  CHECK(values[5].find("\"ival\":{}") != std::string::npos);
  CHECK(values[6].find("\"ival\":{\"ival\":4}") != std::string::npos);
  CHECK(values[7].find("A_Expr") != std::string::npos);  // binary minus is untouched
}

TEST_CASE("char_position_to_byte_offset counts UTF-8 characters as PostgreSQL does", "[sql]") {
  CHECK(char_position_to_byte_offset("abc", 1) == 0);
  CHECK(char_position_to_byte_offset("abc", 3) == 2);
  CHECK(char_position_to_byte_offset("abc", 4) == 3);   // just past the end
  CHECK(char_position_to_byte_offset("abc", 99) == 3);  // clamped
  CHECK(char_position_to_byte_offset("abc", 0) == 0);   // unknown
  CHECK(char_position_to_byte_offset("é€😀x", 4) == 2 + 3 + 4);
}

TEST_CASE("pg_fingerprint ignores constants and layout but not structure", "[sql]") {
  auto a = pg_fingerprint("SELECT * FROM t WHERE a = 1");
  auto b = pg_fingerprint("select *\n  from t -- c\n where a = 2");
  auto c = pg_fingerprint("SELECT * FROM t WHERE b = 1");
  REQUIRE_FALSE(a.error);
  CHECK(a.hex.size() == 16);
  CHECK(a.hex == fmt::format("{:016x}", a.value));
  CHECK(a.value == b.value);
  CHECK(a.value != c.value);
  auto bad = pg_fingerprint("SELEC 1");
  REQUIRE(bad.error);
  CHECK(bad.error->offset == 0);
}

TEST_CASE("normalize_node drops locations and nothing else", "[sql]") {
  auto a = pg_parse("CREATE INDEX ix ON t (a)");
  auto b = pg_parse("  create   index \"ix\" on \"t\"(a)");
  const auto& na = a.tree["stmts"][0]["stmt"];
  const auto& nb = b.tree["stmts"][0]["stmt"];
  CHECK(na != nb);  // locations differ
  CHECK(normalize_node(na) == normalize_node(nb));
  CHECK(normalize_node(na).find("location") == std::string::npos);
  CHECK(normalize_node(na).find("\"idxname\":\"ix\"") != std::string::npos);
}

TEST_CASE("parse_sql is safe from several threads at once", "[sql][threads]") {
  // libpg_query keeps its parser state per thread; run parses and errors concurrently and
  // check every thread sees exactly its own results.
  constexpr int kThreads = 8;
  constexpr int kIterations = 200;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &failures] {
      for (int i = 0; i < kIterations; ++i) {
        std::string table = fmt::format("t{}_{}", t, i);
        auto ok = parse_sql(fmt::format("ALTER TABLE {} ADD COLUMN c int; SELECT {}", table, i));
        if (!ok.ok() || ok.statements.size() != 2 || ok.statements[0].relation_name() != table)
          ++failures;
        auto bad = parse_sql(fmt::format("SELECT {};\n{}SELEC", i, std::string(t, ' ')));
        if (!bad.error || bad.error->offset != fmt::format("SELECT {};\n", i).size() + t)
          ++failures;
        if (pg_fingerprint(fmt::format("SELECT {} FROM {}", i, table)).error) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures == 0);
}

TEST_CASE("pg_parse refuses trees too deep to walk instead of crashing", "[sql]") {
  // Left-deep "1 + 1 + …": libpg_query alone overflows an 8 MiB stack near 65 000 terms.
  std::string deep = "select 1";
  for (int i = 0; i < 100000; ++i) deep += " + 1";
  auto check = [&] {
    auto r = parse_sql("select 0;\n" + deep);
    REQUIRE(r.error);
    CHECK(r.error->message.find("nested too deeply") != std::string::npos);
    CHECK(r.error->offset == 9);  // the deep statement, which starts after "select 0;"
    CHECK(r.statements.empty());
    CHECK_FALSE(pg_fingerprint(deep).error);
  };
  check();
  std::thread worker(check);  // and from a thread, whose stack may be smaller
  worker.join();

  // Bison's own limit on nesting gives PostgreSQL's error.
  auto parens = parse_sql("select " + std::string(20000, '(') + "1" + std::string(20000, ')'));
  REQUIRE(parens.error);
  CHECK(parens.error->message.find("memory exhausted") == 0);

  // Just under the limit (two JSON levels per chained operator) parses, and the tree can be
  // copied and normalised from a thread: the limit keeps our own recursion within its stack.
  auto chain_of = [](int terms) {
    std::string chain = "select 1";
    for (int i = 0; i < terms; ++i) chain += " + 1";
    return chain;
  };
  std::thread near_limit([&] {
    auto r = parse_sql(chain_of(480));
    REQUIRE(r.ok());
    auto copy = r.statements;
    CHECK(copy[0].normalized().size() > 480 * 20);
  });
  near_limit.join();
  CHECK_FALSE(parse_sql(chain_of(520)).ok());
  std::string many;
  for (int i = 0; i < 2000; ++i) many += fmt::format("UPDATE t SET a = {} WHERE id = {};\n", i, i);
  auto r = parse_sql(many);
  REQUIRE(r.ok());
  CHECK(r.statements.size() == 2000);
  CHECK(r.statements[1999].has_where_clause());
}
