// File selection against Alembic itself: each case builds a project under a temp folder, and
// tests/oracle/alembic_list_files.py reports which files Alembic 1.8's ScriptDirectory loads
// (run from the ini's folder, as Alembic resolves relative paths against the cwd). miglint's
// discover_settings + list_revision_files must select the same files, with bytecode-only
// revisions (sourceless) reported instead of returned.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "config/settings.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace miglint;

namespace {

using miglint::testing::run_capture;
using miglint::testing::TempDir;

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A revision file Alembic can import: a unique id from the path.
void revision(const fs::path& path) {
  write(path, fmt::format("revision = \"r{:x}\"\ndown_revision = None\n", std::hash<std::string>{}(path.string())));
}

struct Case {
  std::string name;
  std::string ini;                     // alembic.ini text; "" for none
  std::vector<std::string> revisions;  // relative paths of revision files
  std::vector<std::string> others;     // relative paths of other files (empty content)
  std::function<void(const fs::path&)> setup = nullptr;  // symlinks, bytecode
  std::string toml = {};                                  // pyproject.toml text; "" for none
  bool sourceless_quirks = false;  // Alembic 1.8-only behaviour (1.16 changed sourceless details)
};

void compile(const fs::path& py, const fs::path& pyc) {
  int status = 0;
  run_capture(fmt::format("/usr/bin/python3 -c 'import py_compile,sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], "
                          "doraise=True)' '{}' '{}'", py.string(), pyc.string()),
              &status);
  REQUIRE(status == 0);
}

const std::vector<std::string> kTypicalVersions = {
    "alembic/versions/1a_first.py", "alembic/versions/_private.py", "alembic/versions/.hidden.py",
    "alembic/versions/a b.py", "alembic/versions/\xc3\xbcn\xc3\xaf.py"};
const std::vector<std::string> kTypicalOthers = {
    "alembic/env.py", "alembic/script.py.mako", "alembic/versions/__init__.py", "alembic/versions/__init__x.py",
    "alembic/versions/.#locked.py", "alembic/versions/UPPER.PY", "alembic/versions/notes.txt",
    "alembic/versions/backup.py~", "alembic/versions/x.py.bak", "alembic/versions/sub/nested.py",
    "alembic/versions/__pycache__/1a_first.cpython-311.pyc"};

std::vector<Case> oracle_cases() {
  std::vector<Case> cases;
  cases.push_back({"relative script_location", "[alembic]\nscript_location = alembic\n", kTypicalVersions, kTypicalOthers});
  cases.push_back({"%(here)s", "[alembic]\nscript_location = %(here)s/alembic\nsqlalchemy.url = postgresql://u:p%%40@h/db\n"
                   "file_template = %%(year)d_%%(rev)s\n",
                   kTypicalVersions, kTypicalOthers});
  cases.push_back({"DEFAULT and interpolation", "[DEFAULT]\nbase = %(here)s/alembic\n[alembic]\nscript_location = %(base)s\n",
                   {"alembic/versions/a.py"}, {"alembic/env.py"}});
  cases.push_back({"script_location from DEFAULT", "[DEFAULT]\nscript_location = alembic\n[alembic]\n",
                   {"alembic/versions/a.py"}, {}});
  for (auto [sep, joined] : std::vector<std::pair<std::string, std::string>>{
           {"space", "%(here)s/v1 %(here)s/v2"}, {"os", "v1:v2"}, {":", "v1:v2:"}, {";", "v1;%(here)s/v2"}}) {
    cases.push_back({"version_path_separator " + sep,
                     fmt::format("[alembic]\nscript_location = alembic\nversion_locations = {}\nversion_path_separator = {}\n",
                                 joined, sep),
                     {"v1/a.py", "v2/b.py", "v2/_c.py"}, {"alembic/versions/not_used.py", "v1/__init__.py"}});
  }
  cases.push_back({"legacy split on commas and spaces",
                   "[alembic]\nscript_location = alembic\nversion_locations = v1, v2  v3,v4\n",
                   {"v1/a.py", "v2/b.py", "v3/c.py", "v4/d.py"}, {"alembic/versions/not_used.py"}});
  cases.push_back({"missing version location is skipped",
                   "[alembic]\nscript_location = alembic\nversion_locations = v1 nowhere\n", {"v1/a.py"}, {"alembic/env.py"}});
  cases.push_back({"same folder twice", "[alembic]\nscript_location = alembic\nversion_locations = v1 %(here)s/v1\n",
                   {"v1/a.py"}, {"alembic/env.py"}});
  cases.push_back({"symlinked folder loads each file once",
                   "[alembic]\nscript_location = alembic\nversion_locations = v1 v2\n",
                   {"v1/a.py", "v1/b.py"}, {"alembic/env.py"},
                   [](const fs::path& root) { fs::create_directory_symlink(root / "v1", root / "v2"); }});
  cases.push_back({"recursive_version_locations is ignored by 1.8 at the top level only",
                   "[alembic]\nscript_location = alembic\n", {"alembic/versions/top.py"},
                   {"alembic/versions/deeper/one.py"}});
  cases.push_back({"package:resource with prepend_sys_path",
                   "[alembic]\nscript_location = myapp:migrations\nprepend_sys_path = src\n",
                   {"src/myapp/migrations/versions/a.py"},
                   {"src/myapp/__init__.py", "src/myapp/migrations/env.py", "myapp/migrations/versions/decoy.py"}});
  cases.push_back({"dotted package:resource", "[alembic]\nscript_location = pkg.sub:db/migrations\nprepend_sys_path = .\n",
                   {"pkg/sub/db/migrations/versions/a.py"}, {"pkg/__init__.py", "pkg/sub/__init__.py"}});
  cases.push_back({"sourceless: bytecode-only revisions are found",
                   "[alembic]\nscript_location = alembic\nsourceless = true\n",
                   {"alembic/versions/a.py"}, {"alembic/versions/__init__.py"},
                   [](const fs::path& root) {
                     fs::path v = root / "alembic/versions";
                     // b: legacy b.pyc only; c: __pycache__ only; d: both .py and .pyc (the .py wins);
                     // e: .pyc and .pyo (the .pyc wins); __init__: in __pycache__ (1.8 loads it).
                     for (const char* stem : {"b", "c", "d", "e", "__init__"}) revision(v / fmt::format("{}.py", stem));
                     compile(v / "b.py", v / "b.pyc");
                     compile(v / "c.py", v / "__pycache__/c.cpython-311.pyc");
                     compile(v / "d.py", v / "d.pyc");
                     compile(v / "e.py", v / "e.pyc");
                     compile(v / "e.py", v / "e.pyo");
                     compile(v / "__init__.py", v / "__pycache__/__init__.cpython-311.pyc");
                     fs::remove(v / "b.py");
                     fs::remove(v / "c.py");
                     fs::remove(v / "e.py");
                     fs::remove(v / "__init__.py");
                   },
                   {}, true});
  cases.push_back({"multi-line version_locations is one path without a separator",
                   "[alembic]\nscript_location = alembic\nversion_locations =\n  v1\n  v2\n", {},
                   {"alembic/env.py", "v1/a.py", "v2/b.py"}});
  cases.push_back({"legacy split keeps an empty item, which is the cwd",
                   "[alembic]\nscript_location = alembic\nversion_locations = v1 ,v2\n",
                   {"v1/a.py", "v2/b.py", "top.py"}, {"alembic/env.py"}});
  cases.push_back({"sourceless is only the exact text true; empty version_locations is the default",
                   "[alembic]\nscript_location = alembic\nsourceless = True\nversion_locations =\n",
                   {"alembic/versions/a.py"}, {"alembic/versions/b.pyc"}});
  return cases;
}

// Cases for what only Alembic >= 1.16 reads: pyproject.toml, path_separator, recursion.
std::vector<Case> alembic_116_cases() {
  std::vector<Case> cases;
  cases.push_back({"pyproject.toml only, recursive", "", {"v1/a.py", "v1/deep/b.py", "v1/deep/deeper/c.py", "v2/d.py"},
                   {"migrations/env.py", "v1/deep/__pycache__/e.py", "v1/deep/__init__.py"}, nullptr,
                   "[tool.alembic]\nscript_location = \"%(here)s/migrations\"\n"
                   "version_locations = [\"%(here)s/v1\", \"v2\"]\nrecursive_version_locations = true\n"
                   "file_template = \"%%(rev)s_x\"\n"});
  cases.push_back({"ini recursive_version_locations", "[alembic]\nscript_location = alembic\nrecursive_version_locations = true\n",
                   {"alembic/versions/a.py", "alembic/versions/x/b.py", "alembic/versions/x/y/_c.py"},
                   {"alembic/env.py", "alembic/versions/x/__init__.py", "alembic/versions/x/.#d.py"}});
  cases.push_back({"path_separator = newline strips items",
                   "[alembic]\nscript_location = alembic\npath_separator = newline\nversion_locations =\n  v 1\n  %(here)s/v2\n",
                   {"v 1/a.py", "v2/b.py"}, {"alembic/env.py"}});
  cases.push_back({"ini wins over pyproject key by key", "[alembic]\nversion_locations = v1\npath_separator = os\n",
                   {"v1/a.py"}, {"m/env.py", "m/versions/not_used.py"}, nullptr,
                   "[tool.alembic]\nscript_location = \"m\"\nversion_locations = [\"m/versions\"]\n"});
  cases.push_back({"pyproject prepend_sys_path and a package", "", {"src/app/db/versions/a.py"}, {"src/app/__init__.py"}, nullptr,
                   "[tool.alembic]\nscript_location = \"app:db\"\nprepend_sys_path = [\"src\"]\n"});
  return cases;
}

std::set<std::string> ours(const fs::path& root, const std::string& config_name, const nlohmann::json& truth,
                           std::vector<Diagnostic>& diags) {
  config::DiscoverOptions options;
  options.path = root.string();
  config::Settings settings;
  REQUIRE(config::discover_settings(options, settings, diags));
  // The settings ScriptDirectory ends up with.
  CHECK(settings.script_location == truth["script_location"].get<std::string>());
  CHECK(settings.version_locations == truth["version_locations"].get<std::vector<std::string>>());
  CHECK(settings.file_template == truth["file_template"].get<std::string>());
  CHECK(settings.sourceless == truth["sourceless"].get<bool>());
  CHECK(settings.config_file == (root / config_name).string());
  std::vector<std::string> files = config::list_revision_files(settings, diags);
  CHECK(std::is_sorted(files.begin(), files.end()));
  std::set<std::string> out(files.begin(), files.end());
  for (const Diagnostic& d : diags) {
    if (d.rule == "unreadable-file" && d.message.find("bytecode") != std::string::npos) out.insert(d.location.path);
  }
  return out;
}

// Builds every case under a temp folder, asks the oracle (with `python` as the interpreter
// command) and compares; `skip_sourceless_quirks` leaves out 1.8-only cases.
void check_against_alembic(const std::string& python, const std::vector<Case>& cases, bool skip_sourceless_quirks) {
  unsetenv("ALEMBIC_CONFIG");
  TempDir tmp;
  std::string command = fmt::format("{} {}/tests/oracle/alembic_list_files.py", python, MIGLINT_SOURCE_DIR);
  std::vector<size_t> used;
  for (size_t i = 0; i < cases.size(); ++i) {
    if (skip_sourceless_quirks && cases[i].sourceless_quirks) continue;
    used.push_back(i);
    fs::path root = tmp.path / fmt::format("case{:02}", i);
    fs::create_directories(root);
    if (!cases[i].ini.empty()) write(root / "alembic.ini", cases[i].ini);
    if (!cases[i].toml.empty()) write(root / "pyproject.toml", cases[i].toml);
    for (const auto& r : cases[i].revisions) revision(root / r);
    for (const auto& o : cases[i].others) write(root / o, "");
    if (cases[i].setup) cases[i].setup(root);
    command += " '" + (root / (cases[i].ini.empty() ? "pyproject.toml" : "alembic.ini")).string() + "'";
  }
  int status = 0;
  std::istringstream lines(run_capture(command, &status));
  REQUIRE(status == 0);
  std::string line;
  size_t index = 0;
  while (std::getline(lines, line)) {
    nlohmann::json truth = nlohmann::json::parse(line);
    size_t i = used.at(index++);
    const Case& c = cases[i];
    fs::path root = tmp.path / fmt::format("case{:02}", i);
    INFO("case: " << c.name << " (Alembic " << truth["alembic"].get<std::string>() << ")");
    INFO("Alembic error: " << truth["error"].dump());
    REQUIRE(truth["error"].is_null());
    std::set<std::string> expected = truth["files"].get<std::set<std::string>>();
    std::vector<Diagnostic> diags;
    std::set<std::string> got = ours(root, c.ini.empty() ? "pyproject.toml" : "alembic.ini", truth, diags);
    for (const auto& d : diags) INFO(d.rule << ": " << d.message);
    CHECK(got == expected);
    if (getenv("MIGLINT_ORACLE_VERBOSE")) for (const auto& f : expected) WARN(c.name << " -> " << f);
    // Every expected revision exists in the fixture, so an empty Alembic answer cannot pass unnoticed.
    CHECK(expected.size() >= c.revisions.size());
  }
  CHECK(index == used.size());
}

}  // namespace

TEST_CASE("revision files are the ones Alembic loads", "[config][oracle]") {
  int status = 0;
  run_capture("/usr/bin/python3 -c 'import alembic' 2>/dev/null", &status);
  if (status != 0) {
    WARN("/usr/bin/python3 cannot import alembic; Alembic oracle skipped");
    return;
  }
  check_against_alembic("/usr/bin/python3", oracle_cases(), false);
}

// Optional: MIGLINT_ALEMBIC_116_PATH names a folder holding an Alembic >= 1.16 package (e.g.
// `git archive rel_1_16_5 alembic` of sqlalchemy/alembic); it is put first on PYTHONPATH.
TEST_CASE("pyproject.toml and path_separator and recursion as Alembic 1.16 reads them", "[config][oracle]") {
  const char* path = getenv("MIGLINT_ALEMBIC_116_PATH");
  if (!path || !*path) {
    WARN("MIGLINT_ALEMBIC_116_PATH is not set; Alembic 1.16 oracle skipped");
    return;
  }
  std::string python = fmt::format("PYTHONPATH='{}' /usr/bin/python3", path);
  int status = 0;
  std::string version = run_capture(python + " -c 'import alembic; print(alembic.__version__)'", &status);
  REQUIRE(status == 0);
  INFO("Alembic " << version);
  std::vector<Case> cases = alembic_116_cases();
  for (Case& c : oracle_cases()) cases.push_back(std::move(c));  // 1.8's answers hold in 1.16 too
  check_against_alembic(python, cases, true);
}
