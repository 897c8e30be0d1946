// version_table against Alembic itself: for several env.py `context.configure(version_table=,
// version_table_schema=, version_table_pk=)` settings, `alembic upgrade base:b2 --sql` and
// `alembic downgrade b2:base --sql` print the CREATE/INSERT/UPDATE/DELETE/DROP statements that
// version_table.cc must render byte for byte.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "alembic/pg_identifier.h"
#include "alembic/version_table.h"

namespace fs = std::filesystem;
using namespace miglint::alembic;

namespace {

std::string python_str(const std::string& s) { return "'" + s + "'"; }

// Statements of Alembic's offline output that touch the version table, in order.
std::vector<std::string> alembic_statements(const SqlEnvSettings& env, const char* command) {
  std::string tmpl = (fs::temp_directory_path() / "miglint-vt-XXXXXX").string();
  fs::path root = fs::canonical(mkdtemp(tmpl.data()));
  fs::create_directories(root / "mig" / "versions");
  std::ofstream(root / "alembic.ini") << "[alembic]\nscript_location = %(here)s/mig\n";
  std::ofstream(root / "mig" / "env.py") << fmt::format(
      "from alembic import context\n"
      "context.configure(url='postgresql://x/y', literal_binds=True, version_table={},\n"
      "                  version_table_schema={}, version_table_pk={})\n"
      "with context.begin_transaction():\n"
      "    context.run_migrations()\n",
      python_str(env.version_table),
      env.version_table_schema.empty() ? "None" : python_str(env.version_table_schema),
      env.version_table_pk ? "True" : "False");
  for (auto [id, down] : {std::pair{"a1", "None"}, std::pair{"b2", "'a1'"}})
    std::ofstream(root / "mig" / "versions" / (std::string(id) + ".py"))
        << "revision = '" << id << "'\ndown_revision = " << down
        << "\ndef upgrade():\n    pass\ndef downgrade():\n    pass\n";
  fs::path out = root / "out.sql";
  std::string cmd = fmt::format("cd '{}' && /usr/bin/python3 -m alembic {} --sql > '{}' 2>/dev/null",
                                root.string(), command, out.string());
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::stringstream ss;
  ss << std::ifstream(out).rdbuf();
  std::string text = ss.str();
  fs::remove_all(root);
  std::vector<std::string> items;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = text.find(";\n\n", pos);
    if (end == std::string::npos) break;
    std::string stmt = text.substr(pos, end - pos);
    pos = end + 3;
    while (stmt.starts_with("-- ")) stmt = stmt.substr(stmt.find("\n\n") + 2);
    if (stmt.find("version_num") != std::string::npos || stmt.starts_with("DROP TABLE"))
      items.push_back(stmt);
  }
  return items;
}

}  // namespace

TEST_CASE("version table statements equal Alembic's for each env.py setting",
          "[version_table][oracle]") {
  std::vector<SqlEnvSettings> settings = {
      {},
      {.version_table = "MyVersions", .version_table_schema = "s1", .version_table_pk = false},
      {.version_table = "user", .version_table_schema = "Audit", .version_table_pk = true},
      {.version_table = "ver_2", .version_table_schema = "", .version_table_pk = false},
  };
  using K = VersionChange::Kind;
  for (const auto& env : settings) {
    INFO(env.version_table << " " << env.version_table_schema << " " << env.version_table_pk);
    CHECK(alembic_statements(env, "upgrade base:b2") ==
          std::vector<std::string>{create_version_table_sql(env),
                                   version_change_sql(env, {K::Insert, "", "a1"}),
                                   version_change_sql(env, {K::Update, "a1", "b2"})});
    CHECK(alembic_statements(env, "downgrade b2:base") ==
          std::vector<std::string>{version_change_sql(env, {K::Update, "b2", "a1"}),
                                   version_change_sql(env, {K::Delete, "a1", ""}),
                                   drop_version_table_sql(env)});
  }
}

TEST_CASE("identifiers are quoted as SQLAlchemy's PostgreSQL preparer quotes them",
          "[version_table]") {
  CHECK(quote_ident("alembic_version") == "alembic_version");
  CHECK(quote_ident("user") == "\"user\"");
  CHECK(quote_ident("Versions") == "\"Versions\"");
  CHECK(quote_ident("1st") == "\"1st\"");
  CHECK(quote_ident("a-b\"c") == "\"a-b\"\"c\"");
  CHECK(quote_ident("v$1") == "v$1");
}
