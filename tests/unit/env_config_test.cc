// env.py's context.configure(...) read statically (src/alembic/env_config.cc).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "alembic/env_config.h"
#include "test_support.h"

using namespace miglint;
using namespace miglint::alembic;

namespace {
EnvConfig read(std::string text, std::vector<Diagnostic>* diags = nullptr, EnvMode mode = EnvMode::Online) {
  std::vector<Diagnostic> local;
  return read_env_config_text(std::make_shared<SourceFile>("env.py", std::move(text)), diags ? *diags : local, mode);
}
}  // namespace

TEST_CASE("env config: Alembic's generic template gives the defaults", "[alembic][env]") {
  std::ifstream in("/usr/lib/python3/dist-packages/alembic/templates/generic/env.py");
  if (!in) return;  // python3-alembic is not installed here
  std::stringstream text;
  text << in.rdbuf();
  std::vector<Diagnostic> diags;
  EnvConfig c = read(text.str(), &diags);
  CHECK(diags.empty());
  CHECK(c.env_exists);
  CHECK(c.configure_calls == 2);
  CHECK_FALSE(c.transaction_per_migration);
  CHECK(c.version_table == "alembic_version");
  CHECK_FALSE(c.version_table_schema);
  CHECK(c.version_table_pk);
  CHECK(c.differences.empty());
}

constexpr const char* kOnlineAndOffline = R"(
from alembic import context
VERSION_TABLE = "schema_versions"

def run_migrations_offline():
    context.configure(url="x", literal_binds=True, version_table=VERSION_TABLE)
    with context.begin_transaction():
        context.run_migrations()

def run_migrations_online():
    schema = "meta"
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            transaction_per_migration=True,
            version_table=VERSION_TABLE,
            version_table_schema=schema,
            version_table_pk=False,
        )

if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
)";

TEST_CASE("env config: options from constants and locals; online wins", "[alembic][env]") {
  std::vector<Diagnostic> diags;
  EnvConfig c = read(kOnlineAndOffline, &diags);
  CHECK(diags.empty());
  CHECK(c.configure_calls == 2);
  CHECK(c.transaction_per_migration);
  CHECK(c.version_table == "schema_versions");
  CHECK(c.version_table_schema == std::optional<std::string>("meta"));
  CHECK_FALSE(c.version_table_pk);
  REQUIRE(c.differences.size() == 3);
  CHECK(c.differences[0].option == "transaction_per_migration");
  CHECK(c.differences[0].offline_value == "False");
  CHECK(c.differences[0].online_value == "True");
  CHECK(c.differences[1].option == "version_table_schema");
  CHECK(c.differences[1].online_value == "'meta'");
  CHECK(c.differences[2].option == "version_table_pk");

  // `--sql` runs the offline function: its call decides, with defaults for what it omits.
  std::vector<Diagnostic> offline_diags;
  EnvConfig off = read(kOnlineAndOffline, &offline_diags, EnvMode::Offline);
  CHECK(offline_diags.empty());
  CHECK_FALSE(off.transaction_per_migration);
  CHECK(off.version_table == "schema_versions");
  CHECK_FALSE(off.version_table_schema.has_value());
  CHECK(off.version_table_pk);
  CHECK(off.differences.size() == 3);
}

TEST_CASE("env config: a value that cannot be evaluated is a warning and the default", "[alembic][env]") {
  std::vector<Diagnostic> diags;
  EnvConfig c = read(
      "from alembic import context\n"
      "config = context.config\n"
      "def run_migrations_online():\n"
      "    context.configure(version_table_schema=config.get_main_option('schema'), transaction_per_migration=True)\n",
      &diags);
  CHECK(c.transaction_per_migration);
  CHECK_FALSE(c.version_table_schema);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].rule == "config-error");
  CHECK(diags[0].severity == Severity::Warning);
  CHECK(diags[0].location.file->line_col(diags[0].location.span.begin) == LineCol{4, 44});
  CHECK(diags[0].message.find("`version_table_schema` in env.py's context.configure() cannot be evaluated statically") == 0);
  // plan and apply must not guess which table holds the rows.
  REQUIRE(c.version_table_unknown);
  CHECK(c.version_table_unknown->find("`version_table_schema=config.get_main_option('schema')` at env.py:4") == 0);
}

TEST_CASE("env config: version-table and version-table-schema in the configuration override env.py",
          "[alembic][env]") {
  testing::TempProject project;
  config::Settings s;
  s.script_location = project.path("alembic");
  project.file("alembic/env.py",
               "from alembic import context\n"
               "config = context.config\n"
               "def run_migrations_online():\n"
               "    context.configure(version_table=config.get_main_option('vt'), version_table_schema='public')\n");
  std::vector<Diagnostic> diags;
  CHECK(read_env_config(s, diags).version_table_unknown);
  s.lint.version_table = "schema_history";
  s.lint.version_table_schema = "meta";
  EnvConfig c = read_env_config(s, diags);
  CHECK_FALSE(c.version_table_unknown);
  CHECK(c.version_table == "schema_history");
  CHECK(c.version_table_schema == std::optional<std::string>("meta"));
  s.lint.version_table_schema = "";  // empty: the default schema (search_path)
  CHECK_FALSE(read_env_config(s, diags).version_table_schema);
}

TEST_CASE("env config: a missing env.py is not an error", "[alembic][env]") {
  config::Settings s;
  s.script_location = "/nonexistent/miglint";
  std::vector<Diagnostic> diags;
  EnvConfig c = read_env_config(s, diags);
  CHECK_FALSE(c.env_exists);
  CHECK(diags.empty());
}
