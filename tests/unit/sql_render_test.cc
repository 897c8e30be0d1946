// sql_render against Alembic itself: the whole `alembic upgrade|downgrade <range> --sql` text
// (BEGIN/COMMIT placement with and without transaction_per_migration, autocommit blocks, the
// version table with env.py settings, merges) must equal render_sql_text byte for byte. The
// revisions only run op.execute("<literal>"), which a fake statement source lowers, so this
// pins the script structure independently of evaluation and lowering.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "alembic/project.h"
#include "python/ast.h"
#include "report/sql_render.h"

namespace fs = std::filesystem;
using namespace miglint;
using namespace miglint::alembic;

namespace {

constexpr const char* kSortedAlembic =
    "import os, sys; _l = os.listdir; os.listdir = lambda p='.': sorted(_l(p)); "
    "from alembic.config import main; main(argv=sys.argv[1:], prog='alembic')";

// op.execute("...") literals; those containing "auto" sit in an autocommit block.
LoweredProgram fake_source(const Revision& r, Phase phase) {
  LoweredProgram out;
  for (const auto& c : (phase == Phase::Upgrade ? r.upgrade : r.downgrade).calls) {
    if (c.callee != "op.execute") continue;
    const python::Node* lit = c.node->la[0];
    std::string sql(lit->str);
    out.statements.push_back({sql, c.span, sql.find("auto") == std::string::npos, {}});
  }
  return out;
}

std::string body(const std::string& id, const std::string& direction, bool autocommit) {
  std::string s = fmt::format("    op.execute(\"SELECT '{} {}'\")\n", direction, id);
  if (autocommit)
    s += fmt::format(
        "    with op.get_context().autocommit_block():\n"
        "        op.execute(\"SELECT 'auto {0}'\")\n"
        "        op.execute(\"SELECT 'auto2 {0}'\")\n"
        "    op.execute(\"SELECT 'after {0}'\")\n",
        id);
  return s;
}

struct Case {
  SqlEnvSettings env;
  fs::path root;

  explicit Case(SqlEnvSettings e) : env(std::move(e)) {
    std::string tmpl = (fs::temp_directory_path() / "miglint-render-XXXXXX").string();
    root = fs::canonical(mkdtemp(tmpl.data()));
    fs::create_directories(root / "mig" / "versions");
    std::ofstream(root / "alembic.ini") << "[alembic]\nscript_location = %(here)s/mig\n";
    std::ofstream(root / "mig" / "env.py") << fmt::format(
        "from alembic import context\n"
        "context.configure(url='postgresql://x/y', literal_binds=True, version_table='{}',\n"
        "                  version_table_schema={}, version_table_pk={},\n"
        "                  transaction_per_migration={})\n"
        "with context.begin_transaction():\n"
        "    context.run_migrations()\n",
        env.version_table,
        env.version_table_schema.empty() ? "None" : "'" + env.version_table_schema + "'",
        env.version_table_pk ? "True" : "False", env.transaction_per_migration ? "True" : "False");
    struct R { const char* id; const char* down; bool autocommit; };
    for (R r : {R{"a1", "None", false}, R{"b2", "'a1'", true}, R{"c3", "'a1'", false},
                R{"m4", "('b2', 'c3')", true}})
      std::ofstream(root / "mig" / "versions" / (std::string(r.id) + ".py"))
          << "from alembic import op\nrevision = '" << r.id << "'\ndown_revision = " << r.down
          << "\n\ndef upgrade():\n" << body(r.id, "up", r.autocommit)
          << "\n\ndef downgrade():\n" << body(r.id, "down", false);
  }
  ~Case() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }

  std::string alembic(const std::string& args) const {
    fs::path out = root / "out.sql";
    std::string cmd = fmt::format("cd '{}' && /usr/bin/python3 -c \"{}\" {} --sql > '{}' 2>/dev/null",
                                  root.string(), kSortedAlembic, args, out.string());
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::stringstream ss;
    ss << std::ifstream(out).rdbuf();
    return ss.str();
  }

  std::string miglint(const std::string& range, bool downgrade) const {
    LoadOptions options;
    options.path = root.string();
    Project project;
    REQUIRE(load_project(options, project));
    MigrationPath path = resolve_migration_path(project.graph, range, downgrade);
    REQUIRE_FALSE(path.error);
    auto script = report::build_sql_script(project, path, env, fake_source);
    CHECK(script.diagnostics.empty());
    return report::render_sql_text(script);
  }
};

}  // namespace

TEST_CASE("the script equals Alembic's offline output for each transaction setting",
          "[sql_render][oracle]") {
  std::vector<SqlEnvSettings> settings = {
      {},
      {.transaction_per_migration = true},
      {.transaction_per_migration = true, .version_table = "Versions",
       .version_table_schema = "ops", .version_table_pk = false},
  };
  for (const auto& env : settings) {
    Case c(env);
    INFO("transaction_per_migration=" << env.transaction_per_migration);
    CHECK(c.miglint("heads", false) == c.alembic("upgrade heads"));
    CHECK(c.miglint("b2", false) == c.alembic("upgrade b2"));
    CHECK(c.miglint("b2:m4", false) == c.alembic("upgrade b2:m4"));
    CHECK(c.miglint("m4:base", true) == c.alembic("downgrade m4:base"));
    CHECK(c.miglint("m4:c3", true) == c.alembic("downgrade m4:c3"));
  }
}

TEST_CASE("normalized output holds one statement per line, comments dropped", "[sql_render]") {
  report::SqlScript s;
  s.items.push_back({report::SqlItem::Kind::Comment, "-- Running upgrade  -> a", "a"});
  s.items.push_back({report::SqlItem::Kind::Statement, "SELECT  1", "a"});
  s.items.push_back({report::SqlItem::Kind::Statement, "select 1; SELECT 2", "a"});
  s.items.push_back({report::SqlItem::Kind::Statement, "SELEC 3\n", "a"});
  std::string out = report::render_sql_normalized(s);
  std::vector<std::string> lines;
  std::stringstream ss(out);
  for (std::string line; std::getline(ss, line);) lines.push_back(line);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == lines[1]);
  CHECK(lines[0] != lines[2]);
  CHECK(lines[3] == "-- syntax error: SELEC 3 ");
}
