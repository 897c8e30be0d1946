// migration_path against Alembic itself: small histories (linear, branches, merges, labels,
// depends_on, partial ids) are written to a temporary project, `alembic upgrade|downgrade
// <range> --sql` runs on Debian's python3, and its `-- Running ...` lines and alembic_version
// statements must equal what resolve_migration_path and version_table render.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "alembic/migration_path.h"
#include "alembic/project.h"
#include "alembic/version_table.h"

namespace fs = std::filesystem;
using namespace miglint::alembic;

namespace {

struct Rev {
  std::string id;
  std::string down = "None";     // Python expression
  std::string labels = "None";
  std::string depends = "None";
};

// Alembic 1.8 loads revision files in os.listdir order, which the filesystem decides; miglint
// lists them sorted (docs/sql-command.md). The oracle runs Alembic with a sorted listing so that
// ties in its topological sort break the same way.
constexpr const char* kSortedAlembic =
    "import os, sys; _l = os.listdir; os.listdir = lambda p='.': sorted(_l(p)); "
    "from alembic.config import main; main(argv=sys.argv[1:], prog='alembic')";

struct TempProject {
  fs::path root;
  explicit TempProject(const std::vector<Rev>& revs) {
    std::string tmpl = (fs::temp_directory_path() / "miglint-path-XXXXXX").string();
    root = fs::canonical(mkdtemp(tmpl.data()));
    fs::create_directories(root / "mig" / "versions");
    std::ofstream(root / "alembic.ini")
        << "[alembic]\nscript_location = %(here)s/mig\nsqlalchemy.url = postgresql://x/y\n";
    std::ofstream(root / "mig" / "env.py")
        << "from alembic import context\n"
           "context.configure(url='postgresql://x/y', literal_binds=True,\n"
           "                  dialect_opts={'paramstyle': 'named'})\n"
           "with context.begin_transaction():\n"
           "    context.run_migrations()\n";
    std::ofstream(root / "mig" / "script.py.mako") << "";
    int n = 0;
    for (const auto& r : revs) {
      std::ofstream(root / "mig" / "versions" / fmt::format("{:02}_{}.py", n++, r.id))
          << "revision = '" << r.id << "'\ndown_revision = " << r.down
          << "\nbranch_labels = " << r.labels << "\ndepends_on = " << r.depends
          << "\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n";
    }
  }
  ~TempProject() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }

  // Alembic's output reduced to step comments and version-table statements; "ERROR" when it
  // fails.
  std::vector<std::string> alembic(const std::string& range, bool downgrade) const {
    fs::path out = root / "out.sql";
    std::string cmd = fmt::format(
        "cd '{}' && PYTHONHASHSEED=0 /usr/bin/python3 -c \"{}\" {} '{}' --sql > '{}' 2>/dev/null",
        root.string(), kSortedAlembic, downgrade ? "downgrade" : "upgrade", range, out.string());
    if (std::system(cmd.c_str()) != 0) return {"ERROR"};
    std::stringstream ss;
    ss << std::ifstream(out).rdbuf();
    std::string text = ss.str();
    std::vector<std::string> items;
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t end = text.find(";\n\n", pos);
      std::string stmt = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
      pos = end == std::string::npos ? text.size() : end + 3;
      // A comment line ends with "\n\n" and no ';': split them off the next statement.
      while (stmt.starts_with("-- ")) {
        std::size_t nl = stmt.find("\n\n");
        items.push_back(stmt.substr(0, nl));
        stmt = nl == std::string::npos ? "" : stmt.substr(nl + 2);
      }
      if (stmt.find("alembic_version") != std::string::npos) items.push_back(stmt);
    }
    return items;
  }

  std::vector<std::string> miglint(const std::string& range, bool downgrade) const {
    LoadOptions options;
    options.path = root.string();
    Project project;
    REQUIRE(load_project(options, project));
    MigrationPath path = resolve_migration_path(project.graph, range, downgrade);
    if (path.error) return {"ERROR"};
    SqlEnvSettings env;
    std::vector<std::string> items;
    for (const auto& step : path.steps) {
      if (step.create_version_table) items.push_back(create_version_table_sql(env));
      items.push_back("-- Running " + step.short_log());
      for (const auto& c : step.changes) items.push_back(version_change_sql(env, c));
    }
    if (path.drop_version_table) items.push_back(drop_version_table_sql(env));
    return items;
  }

  void agree(const std::string& range, bool downgrade = false) const {
    INFO((downgrade ? "downgrade " : "upgrade ") << range);
    auto expected = alembic(range, downgrade);
    CHECK(miglint(range, downgrade) == expected);
  }
};

}  // namespace

TEST_CASE("a linear history: every range as Alembic runs it", "[migration_path][oracle]") {
  TempProject p({{"a1"}, {"b2", "'a1'"}, {"c3", "'b2'"}});
  for (const char* r : {"heads", "head", "base:head", "a1:c3", "b2", "a1:b2", "c3:c3", "b2:heads"})
    p.agree(r);
  for (const char* r : {"c3:base", "c3:a1", "head:base", "c3:b2", "b2:base"}) p.agree(r, true);
  CHECK(p.miglint("c3", true) == std::vector<std::string>{"ERROR"});
}

TEST_CASE("a branch and a merge: order and bookkeeping", "[migration_path][oracle]") {
  TempProject p({{"a1"}, {"b2", "'a1'"}, {"c3", "'a1'"}, {"m4", "('b2', 'c3')"}});
  for (const char* r : {"heads", "base:m4", "a1:m4", "b2", "c3", "b2:m4", "c3:m4", "a1:b2"})
    p.agree(r);
  for (const char* r : {"m4:base", "m4:a1", "m4:b2", "m4:c3", "b2:base"}) p.agree(r, true);
}

TEST_CASE("two unmerged heads and a merge of three", "[migration_path][oracle]") {
  TempProject p({{"a1"}, {"b2", "'a1'"}, {"c3", "'a1'"}, {"d4", "'a1'"}, {"e5", "'b2'"},
                 {"m6", "('e5', 'c3', 'd4')"}, {"z9", "'a1'"}});
  // Not "heads": z9 is then a head while m6 merges, and Alembic picks which merged row to
  // UPDATE by iterating a Python set (hash order); miglint keeps down_revision order.
  for (const char* r : {"m6", "base:z9", "e5", "b2:m6", "d4"}) p.agree(r);
  for (const char* r : {"m6:base", "m6:b2", "m6:a1", "z9:base"}) p.agree(r, true);
}

TEST_CASE("branch labels on independent bases", "[migration_path][oracle]") {
  TempProject p({{"x1", "None", "('xb',)"}, {"x2", "'x1'"}, {"y1", "None", "('yb',)"},
                 {"y2", "'y1'"}, {"y3", "'y2'"}});
  for (const char* r : {"heads", "xb@head", "yb@head", "x1:xb@head", "yb@y2", "xb", "y2"})
    p.agree(r);
  for (const char* r : {"x2:base", "y3:y1", "y3:yb@base", "x2:xb@x1"}) p.agree(r, true);
  CHECK(p.miglint("head", false) == std::vector<std::string>{"ERROR"});  // two heads
  LoadOptions options;
  options.path = p.root.string();
  Project project;
  REQUIRE(load_project(options, project));
  auto path = resolve_migration_path(project.graph, "head", false);
  REQUIRE(path.error);
  CHECK(*path.error ==
        "Multiple head revisions are present for given argument 'head' (x2, y3); please specify "
        "a specific target revision, '<branchname>@head' to narrow to a specific head, or "
        "'heads' for all heads");
  CHECK(*resolve_migration_path(project.graph, "-1:x2", false).error ==
        "Relative revision '-1' is not supported as the start of a range");
  CHECK(*resolve_migration_path(project.graph, "x2", true).error ==
        "downgrade with --sql requires <fromrev>:<torev>");
}

TEST_CASE("depends_on across branches", "[migration_path][oracle]") {
  TempProject p({{"a1"}, {"b2", "'a1'"}, {"c3", "None", "None", "'b2'"}, {"d4", "'c3'"},
                 {"e5", "'b2'", "None", "('d4',)"}});
  for (const char* r : {"heads", "d4", "c3", "e5", "a1:d4", "b2:e5"}) p.agree(r);
  for (const char* r : {"d4:base", "e5:base", "d4:c3", "e5:b2"}) p.agree(r, true);
}

TEST_CASE("partial revision ids resolve when unique", "[migration_path][oracle]") {
  TempProject p({{"1a2b3c4d"}, {"1a2b9999", "'1a2b3c4d'"}, {"ffee0001", "'1a2b9999'"}});
  for (const char* r : {"1a2b9", "1a2b3:ffee", "ffee", "1a2b"}) p.agree(r);
  for (const char* r : {"ffee:1a2b3", "ffee0001:base"}) p.agree(r, true);
}

namespace {

// The rows alembic_version holds after each step, from a list of step comments and statements:
// compares bookkeeping without depending on which merged row Alembic picks from a Python set.
std::vector<std::string> row_states(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  std::set<std::string> rows;
  auto quoted = [](const std::string& s, std::size_t from) {
    std::size_t a = s.find('\'', from), b = s.find('\'', a + 1);
    return s.substr(a + 1, b - a - 1);
  };
  auto flush = [&] {
    std::string state;
    for (const auto& r : rows) state += r + " ";
    out.push_back(state);
  };
  bool any = false;
  for (const auto& it : items) {
    if (it.starts_with("-- Running")) {
      if (any) flush();
      any = true;
      out.push_back(it);
    } else if (it.starts_with("INSERT")) {
      rows.insert(quoted(it, 0));
    } else if (it.starts_with("DELETE")) {
      rows.erase(quoted(it, 0));
    } else if (it.starts_with("UPDATE")) {
      std::string to = quoted(it, 0);
      rows.erase(quoted(it, it.find("WHERE")));
      rows.insert(to);
    } else {
      out.push_back(it.substr(0, it.find(' ')));  // CREATE / DROP
    }
  }
  if (any) flush();
  return out;
}

}  // namespace

TEST_CASE("random histories: same steps and same rows as Alembic", "[migration_path][oracle]") {
  for (unsigned seed = 1; seed <= 12; ++seed) {
    std::mt19937 rng(seed);
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    std::vector<Rev> revs;
    std::vector<std::string> ids, labels;
    std::size_t n = 6 + pick(7);
    for (std::size_t i = 0; i < n; ++i) {
      Rev r;
      r.id = fmt::format("r{:02}x", i);
      unsigned kind = i == 0 ? 0 : static_cast<unsigned>(rng() % 10);
      if (kind == 0) {
        if (rng() % 2) {
          labels.push_back(fmt::format("lab{}", i));
          r.labels = "('" + labels.back() + "',)";
        }
      } else if (kind <= 2 && i >= 2) {  // merge of two earlier revisions
        std::size_t a = pick(i), b = pick(i);
        if (a == b) b = (a + 1) % i;
        r.down = fmt::format("('{}', '{}')", ids[a], ids[b]);
      } else {
        r.down = "'" + ids[pick(i)] + "'";
      }
      if (i >= 2 && rng() % 6 == 0) r.depends = "'" + ids[pick(i)] + "'";
      ids.push_back(r.id);
      revs.push_back(r);
    }
    // File order unrelated to history order: a seeded prefix decides the sort.
    std::vector<Rev> shuffled = revs;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    TempProject p(shuffled);
    std::vector<std::pair<std::string, bool>> ranges = {
        {"heads", false}, {ids[pick(n)], false}, {ids[pick(n)] + ":heads", false}};
    for (const auto& l : labels) ranges.push_back({l + "@head", false});
    for (int k = 0; k < 3; ++k) {
      std::string from = ids[pick(n)];
      ranges.push_back({from + ":base", true});
      ranges.push_back({from + ":" + ids[pick(n)], true});
    }
    for (const auto& [range, down] : ranges) {
      INFO("seed " << seed << (down ? " downgrade " : " upgrade ") << range);
      auto expected = p.alembic(range, down);
      auto actual = p.miglint(range, down);
      if (expected == std::vector<std::string>{"ERROR"}) {
        CHECK(actual == expected);
      } else {
        CHECK(row_states(actual) == row_states(expected));
      }
    }
  }
}

TEST_CASE("relative targets: +N and -N from the start, as Alembic walks", "[migration_path][oracle]") {
  TempProject p({{"a1"}, {"b2", "'a1'"}, {"c3", "'b2'"}, {"d4", "'c3'"}});
  for (const char* r : {"a1:+1", "a1:+3", "base:+2", "b2:+2", "b2:+3", "a1:b2+1", "a1:d4-1",
                        "a1:c3-2", "a1:+0"})
    p.agree(r);
  for (const char* r : {"d4:-1", "d4:-3", "d4:-4", "d4:-5", "c3:-2", "d4:b2+1", "d4:c3-2",
                        "d4:+1", "d4:a1+9"})
    p.agree(r, true);
}

TEST_CASE("relative targets through branches, merges and labels", "[migration_path][oracle]") {
  TempProject p({{"a1"}, {"b2", "'a1'"}, {"c3", "'a1'"}, {"m4", "('b2', 'c3')"}, {"n5", "'m4'"},
                 {"x1", "None", "('xb',)"}, {"x2", "'x1'"}, {"x3", "'x2'"}});
  // From a1 up is ambiguous (b2 or c3); from m4 it is not; a label narrows the walk.
  for (const char* r : {"a1:+1", "b2:+1", "m4:+1", "base:xb@+2", "x1:xb@+1", "n5:xb@+1",
                        "a1:m4+1", "x1:x3-1", "a1:xb@x3-1"})
    p.agree(r);
  for (const char* r : {"n5:-1", "n5:-2", "x3:-2", "x3:xb@-1", "n5:m4-1", "x3:x1+1", "x3:-3",
                        "x3:-4"})
    p.agree(r, true);
}

TEST_CASE("online: the path from the database's rows", "[migration_path]") {
  TempProject p({{"a1"}, {"b2", "'a1'"}, {"c3", "'a1'"}, {"m4", "('b2', 'c3')"}, {"n5", "'m4'"}});
  LoadOptions options;
  options.path = p.root.string();
  Project project;
  REQUIRE(load_project(options, project));
  auto ids = [&](const MigrationPath& path) {
    std::vector<std::string> out;
    for (const auto& s : path.steps) out.push_back(project.graph.nodes()[s.node].id);
    return out;
  };
  // A single row behaves like the offline start.
  for (const char* target : {"heads", "n5", "+1", "+2", "m4"}) {
    INFO(target);
    auto online = resolve_migration_path_from(project.graph, {"b2"}, target, false);
    auto offline = resolve_migration_path(project.graph, std::string("b2:") + target, false);
    REQUIRE(!online.error);
    REQUIRE(!offline.error);
    CHECK(ids(online) == ids(offline));
    CHECK(!online.drop_version_table);
  }
  // Two rows (b2 and c3): the merge and what follows; +1 from two rows is ambiguous.
  auto both = resolve_migration_path_from(project.graph, {"b2", "c3"}, "heads", false);
  REQUIRE(!both.error);
  CHECK(ids(both) == std::vector<std::string>{"m4", "n5"});
  CHECK(both.end_heads == std::vector<std::string>{"n5"});
  CHECK(*resolve_migration_path_from(project.graph, {"b2", "c3"}, "+1", false).error ==
        "Ambiguous upgrade from multiple current revisions");
  // No row: from base; downgrades from the rows.
  CHECK(ids(resolve_migration_path_from(project.graph, {}, "+1", false)) ==
        std::vector<std::string>{"a1"});
  CHECK(ids(resolve_migration_path_from(project.graph, {"n5"}, "-1", true)) ==
        std::vector<std::string>{"n5"});
  // Below the merge, one step down has two revisions to go to.
  CHECK(*resolve_migration_path_from(project.graph, {"n5"}, "-2", true).error == "Ambiguous walk");
  CHECK(ids(resolve_migration_path_from(project.graph, {"n5"}, "base", true)).size() == 5);
  CHECK(*resolve_migration_path_from(project.graph, {}, "-1", true).error ==
        "Relative revision -1 didn't produce 1 migrations");
  CHECK(*resolve_migration_path_from(project.graph, {"zz99"}, "heads", false).error ==
        "Can't locate revision identified by 'zz99'");
}
