// The rewrite decisions (src/sql/type_change.h, src/sql/add_column.h) against the case tables
// in tests/data/rewrites/, whose expectations tests/oracle/column_rewrites_online.py measures on
// PostgreSQL 15: together they show miglint decides what PostgreSQL does.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sql/add_column.h"
#include "sql/alter_table.h"
#include "sql/sql_text.h"
#include "sql/type_change.h"

using namespace miglint::sql;

namespace {

std::vector<std::vector<std::string>> read_tsv(const std::string& name) {
  std::ifstream in(std::string(MIGLINT_SOURCE_DIR) + "/tests/data/rewrites/" + name);
  REQUIRE(in);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::stringstream ss(line);
    std::string f;
    while (std::getline(ss, f, '\t')) fields.push_back(f);
    rows.push_back(fields);
  }
  return rows;
}

std::string work_word(Work w) {
  switch (w) {
    case Work::CatalogOnly: return "catalog";
    case Work::Scan: return "index";
    case Work::Rewrite: return "rewrite";
  }
  return "";
}

// The verdict for ALTER COLUMN c TYPE `new_type` on a column of type `old`.
TypeChangeVerdict verdict(const std::string& old, const std::string& new_type, bool utc, int pg = 15) {
  auto from = parse_column_type(old);
  REQUIRE(from);
  auto parsed = parse_sql("ALTER TABLE t ALTER COLUMN c TYPE " + new_type);
  REQUIRE(parsed.ok());
  auto alter = as_alter_table(parsed.statements.at(0));
  REQUIRE(alter);
  const auto& cmd = alter->commands.at(0);
  return classify_type_change(from, new_column_type(cmd), using_kind(parsed.statements[0], cmd), pg, utc);
}

AddColumnEffect effect(const std::string& definition, int pg = 15) {
  auto parsed = parse_sql("ALTER TABLE t ADD COLUMN c " + definition);
  REQUIRE(parsed.ok());
  auto alter = as_alter_table(parsed.statements.at(0));
  REQUIRE(alter);
  REQUIRE(alter->commands.at(0).column);
  return add_column_effect(parsed.statements[0], *alter->commands[0].column, pg);
}

}  // namespace

TEST_CASE("type changes: every row of type_changes.tsv", "[sql][type_change]") {
  auto rows = read_tsv("type_changes.tsv");
  REQUIRE(rows.size() > 50);
  for (const auto& r : rows) {
    REQUIRE(r.size() == 4);
    bool utc = r[2] != "-" && is_utc_timezone(r[2]);
    INFO(r[0] << " -> " << r[1] << " (TimeZone " << r[2] << ")");
    auto v = verdict(r[0], r[1], utc);
    CHECK(work_word(v.work) == r[3]);
    CHECK(v.old_type_known);
    CHECK_FALSE(v.why.empty());
  }
}

TEST_CASE("type changes: timestamp and timestamptz before PostgreSQL 12 always rewrite", "[sql][type_change]") {
  auto v = verdict("timestamp", "timestamptz", true, 11);
  CHECK(v.work == Work::Rewrite);
  CHECK_FALSE(v.depends_on_timezone);
  auto v12 = verdict("timestamp", "timestamptz", false, 12);
  CHECK(v12.work == Work::Rewrite);
  CHECK(v12.depends_on_timezone);
  CHECK(v12.why.find("unless the session TimeZone is UTC") != std::string::npos);
}

TEST_CASE("type changes: an unknown old type is a rewrite", "[sql][type_change]") {
  auto parsed = parse_sql("ALTER TABLE t ALTER COLUMN c TYPE text");
  auto alter = as_alter_table(parsed.statements.at(0));
  auto v = classify_type_change(std::nullopt, new_column_type(alter->commands.at(0)), UsingKind::None, 15, true);
  CHECK(v.work == Work::Rewrite);
  CHECK_FALSE(v.old_type_known);
  CHECK(v.why == "ALTER COLUMN TYPE rewrites the table and its indexes");
}

TEST_CASE("type changes: parse_column_type reads SQLAlchemy's spellings", "[sql][type_change]") {
  auto t = parse_column_type("VARCHAR(20) COLLATE \"C\"");
  REQUIRE(t);
  CHECK(t->type.name() == "varchar");
  CHECK(t->type.typmods == std::vector<int64_t>{20});
  CHECK(t->collation == "C");
  auto ts = parse_column_type("TIMESTAMP(3) WITH TIME ZONE");
  REQUIRE(ts);
  CHECK(ts->type.name() == "timestamptz");
  CHECK_FALSE(parse_column_type("text; DROP TABLE x"));
  CHECK_FALSE(parse_column_type("text USING c"));
  CHECK_FALSE(parse_column_type("not a type at all"));
}

TEST_CASE("type changes: UTC zone names", "[sql][type_change]") {
  CHECK(is_utc_timezone("UTC"));
  CHECK(is_utc_timezone("etc/utc"));
  CHECK_FALSE(is_utc_timezone("Europe/London"));
  CHECK_FALSE(is_utc_timezone(""));
}

TEST_CASE("ADD COLUMN: every row of add_column.tsv", "[sql][type_change]") {
  auto rows = read_tsv("add_column.tsv");
  REQUIRE(rows.size() > 20);
  for (const auto& r : rows) {
    REQUIRE(r.size() == 2);
    INFO("ADD COLUMN c " << r[0]);
    auto e = effect(r[0]);
    CHECK((e.work == Work::Rewrite ? "rewrite" : "catalog") == r[1]);
  }
}

TEST_CASE("ADD COLUMN: causes", "[sql][type_change]") {
  CHECK(effect("serial").cause == AddColumnCause::Serial);
  CHECK(effect("bigint GENERATED ALWAYS AS IDENTITY").cause == AddColumnCause::Identity);
  CHECK(effect("int GENERATED ALWAYS AS (a) STORED").cause == AddColumnCause::StoredGenerated);
  auto v = effect("uuid DEFAULT gen_random_uuid()");
  CHECK(v.cause == AddColumnCause::VolatileDefault);
  CHECK(v.function == "gen_random_uuid");
  CHECK(effect("text DEFAULT 'a' || my_fn()").function == "my_fn");
  CHECK(effect("int DEFAULT 0", 10).cause == AddColumnCause::DefaultBeforePg11);
  CHECK(effect("int DEFAULT NULL", 10).cause == AddColumnCause::None);
  CHECK(effect("int UNIQUE").cause == AddColumnCause::UniqueIndex);
  CHECK(effect("int NOT NULL").cause == AddColumnCause::NotNullWithoutDefault);
  CHECK(effect("int NOT NULL DEFAULT NULL").cause == AddColumnCause::NotNullWithoutDefault);
  CHECK(effect("int CHECK (c > 0)").cause == AddColumnCause::Check);
  CHECK(effect("int").cause == AddColumnCause::None);
}
