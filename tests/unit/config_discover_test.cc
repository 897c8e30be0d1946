// Discovery and settings where Alembic 1.8 is no oracle: pyproject.toml ([tool.alembic] with
// Alembic 1.16's semantics, [tool.miglint]), recursion (1.10+), bare folders, fatal problems.
// Expectations come from Alembic 1.16's source (config.py, script/base.py), cited per case.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "config/ini.h"
#include "config/paths.h"
#include "config/revision_files.h"
#include "config/settings.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace miglint;

namespace {

using Project = miglint::testing::TempProject;

bool discover(const std::string& path, config::Settings& s, std::vector<Diagnostic>& d,
              const std::string& config_file = "") {
  config::DiscoverOptions o;
  o.path = path;
  o.config_file = config_file;
  return config::discover_settings(o, s, d);
}

std::vector<std::string> files(const config::Settings& s) {
  std::vector<Diagnostic> d;
  return config::list_revision_files(s, d);
}

bool has(const std::vector<Diagnostic>& diags, std::string_view rule, std::string_view text, Severity severity) {
  for (const Diagnostic& d : diags) {
    if (d.rule == rule && d.severity == severity && d.message.find(text) != std::string::npos) return true;
  }
  return false;
}

std::string dump(const std::vector<Diagnostic>& diags) {
  std::string out;
  for (const Diagnostic& d : diags) out += fmt::format("{} {}: {}\n", severity_name(d.severity), d.rule, d.message);
  return out;
}

}  // namespace

TEST_CASE("pyproject.toml [tool.alembic] alone (Alembic 1.16 semantics)", "[config]") {
  Project p;
  p.file("pyproject.toml",
         "[tool.alembic]\nscript_location = \"%(here)s/migrations\"\n"
         "version_locations = [\"%(here)s/v1\", \"v2\"]\nfile_template = \"%%(rev)s\"\n"
         "sourceless = false\nrecursive_version_locations = true\n");
  p.file("migrations/env.py");
  p.file("v1/a.py");
  p.file("v1/deep/b.py");
  p.file("v1/deep/__pycache__/c.py");  // os.walk visits it, but Alembic skips __pycache__ folders
  p.file("v2/c.py");
  config::Settings s;
  std::vector<Diagnostic> d;
  REQUIRE(discover(p.path("v1/deep"), s, d));
  INFO(dump(d));
  CHECK(s.config_file == p.path("pyproject.toml"));
  CHECK(s.script_location == p.path("migrations"));
  CHECK(s.version_locations == std::vector<std::string>{p.path("v1"), p.path("v2")});
  CHECK(s.file_template == "%(rev)s");
  CHECK(s.recursive_version_locations);
  CHECK(files(s) == std::vector<std::string>{p.path("v1/a.py"), p.path("v1/deep/b.py"), p.path("v2/c.py")});
}

TEST_CASE("pyproject type errors are diagnostics", "[config]") {
  Project p;
  p.file("pyproject.toml",
         "[tool.alembic]\nscript_location = \"m\"\nversion_locations = \"m/versions\"\nsourceless = \"true\"\n"
         "[tool.miglint]\nselect = [\"multiple-heads\"]\nignor = []\n");
  p.file("m/versions/a.py");
  config::Settings s;
  std::vector<Diagnostic> d;
  REQUIRE(discover(p.root.string(), s, d));
  INFO(dump(d));
  CHECK(has(d, "config-error", "version_locations must be a list", Severity::Error));
  CHECK(has(d, "config-error", "Boolean value expected for TOML parameter 'sourceless'", Severity::Error));
  CHECK(has(d, "config-error", "Unknown key 'ignor' in [tool.miglint]", Severity::Warning));
  CHECK(s.lint.select == std::vector<std::string>{"multiple-heads"});
  CHECK(s.version_locations == std::vector<std::string>{p.path("m/versions")});
}

TEST_CASE("invalid TOML is reported with its position", "[config]") {
  Project p;
  p.file("pyproject.toml", "[tool.alembic]\nscript_location = \n");
  config::Settings s;
  std::vector<Diagnostic> d;
  CHECK_FALSE(discover(p.root.string(), s, d, p.path("pyproject.toml")));
  REQUIRE(!d.empty());
  CHECK(d[0].message.find("Invalid TOML") == 0);
  REQUIRE(d[0].location.file);
  CHECK(d[0].location.file->line_col(d[0].location.span.begin).line == 2);
}

TEST_CASE("[miglint] in alembic.ini and [tool.miglint] above it", "[config]") {
  Project p;
  p.file("pyproject.toml", "[tool.miglint]\nselect = [\"a\", \"b\"]\nignore = [\"c\"]\n[tool.miglint.severity]\nd = \"warning\"\n");
  p.file("app/alembic.ini",
         "[alembic]\nscript_location = alembic\n[miglint]\nignore = x, y\n  z\n"
         "severity =\n  multiple-heads = warning\n  orphan-revision: off\n  bad-level = loud\nfrobnicate = 1\n");
  p.file("app/alembic/versions/a.py");
  config::Settings s;
  std::vector<Diagnostic> d;
  REQUIRE(discover(p.path("app/alembic/versions/a.py"), s, d));
  INFO(dump(d));
  CHECK(s.config_file == p.path("app/alembic.ini"));
  CHECK(s.lint.select == std::vector<std::string>{"a", "b"});            // from pyproject
  CHECK(s.lint.ignore == std::vector<std::string>{"x", "y", "z"});       // the ini overrides
  CHECK(s.lint.severity == std::map<std::string, std::string>{{"d", "warning"}, {"multiple-heads", "warning"},
                                                              {"orphan-revision", "off"}});
  CHECK(has(d, "config-error", "Unknown severity 'loud'", Severity::Warning));
  CHECK(has(d, "config-error", "Unknown key 'frobnicate' in [miglint]", Severity::Warning));
  CHECK_FALSE(has(d, "config-error", "'here'", Severity::Warning));  // inherited from DEFAULT, not reported
}

TEST_CASE("relative locations: the ini folder first and then the cwd", "[config]") {
  Project p;
  p.file("alembic.ini", "[alembic]\nscript_location = alembic\nversion_locations = versions_a, ../outside\n");
  p.file("alembic/env.py");
  p.file("versions_a/a.py");
  config::Settings s;
  std::vector<Diagnostic> d;
  REQUIRE(discover(p.root.string(), s, d));
  CHECK(s.script_location == p.path("alembic"));
  CHECK(s.version_locations.at(0) == p.path("versions_a"));
  CHECK(s.version_locations.at(1) == config::py_normpath(p.path("../outside")));
  CHECK(has(d, "config-error", "does not exist; Alembic skips it", Severity::Warning));
}

TEST_CASE("version_path_separator: newline (Alembic >= 1.13) and invalid values", "[config]") {
  Project p;
  p.file("alembic.ini", "[alembic]\nscript_location = alembic\nversion_locations =\n  v 1\n  v2\nversion_path_separator = newline\n");
  p.file("alembic/env.py");
  p.file("v 1/a.py");
  p.file("v2/b.py");
  config::Settings s;
  std::vector<Diagnostic> d;
  REQUIRE(discover(p.root.string(), s, d));
  CHECK(s.version_locations == std::vector<std::string>{p.path("v 1"), p.path("v2")});

  p.file("alembic.ini", "[alembic]\nscript_location = alembic\nversion_locations = v2\nversion_path_separator = comma\n");
  d.clear();
  REQUIRE(discover(p.root.string(), s, d));
  CHECK(has(d, "config-error", "'comma' is not a valid value for version_path_separator", Severity::Error));
  CHECK(s.version_locations == std::vector<std::string>{p.path("v2")});
}

TEST_CASE("an inline comment in Alembic's own template line is explained", "[config]") {
  // Alembic 1.8 and 1.16 both raise ValueError on this line once version_locations is set.
  Project p;
  p.file("alembic.ini",
         "[alembic]\nscript_location = alembic\nversion_locations = v1\n"
         "version_path_separator = os  # Use os.pathsep. Default configuration used for new projects.\n");
  p.file("alembic/env.py");
  p.file("v1/a.py");
  config::Settings s;
  std::vector<Diagnostic> d;
  REQUIRE(discover(p.root.string(), s, d));
  REQUIRE(d.size() == 1);
  CHECK(d[0].message.find("is not a valid value for version_path_separator") != std::string::npos);
  CHECK(d[0].help.find("configparser does not strip inline comments") == 0);
  REQUIRE(d[0].location.file);
  CHECK(d[0].location.file->line_col(d[0].location.span.begin) == LineCol{4, 26});
  CHECK(files(s) == std::vector<std::string>{p.path("v1/a.py")});
}

TEST_CASE("multi-line version_locations without a separator stay one path", "[config]") {
  Project p;
  p.file("alembic.ini", "[alembic]\nscript_location = alembic\nversion_locations =\n  v1\n  v2\n");
  p.file("alembic/env.py");
  p.file("v1/a.py");
  config::Settings s;
  std::vector<Diagnostic> d;
  REQUIRE(discover(p.root.string(), s, d));
  // The value starts with the empty first line, and Alembic 1.8 splits on neither newline.
  CHECK(s.version_locations == std::vector<std::string>{p.path("\nv1\nv2")});
  REQUIRE(d.size() == 1);
  CHECK(d[0].help.find("does not split version_locations on newlines") != std::string::npos);
}

TEST_CASE("legacy splitting keeps empty items as re.split does", "[config]") {
  CHECK(config::split_legacy("a, b  c,d") == std::vector<std::string>{"a", "b", "c", "d"});
  CHECK(config::split_legacy("a ,b") == std::vector<std::string>{"a", "", "b"});
  CHECK(config::split_legacy("a:b") == std::vector<std::string>{"a:b"});
  CHECK(config::split_legacy("a:b c", true) == std::vector<std::string>{"a", "b", "c"});
  CHECK(config::split_on("a: b::", ':', false) == std::vector<std::string>{"a", " b"});
  CHECK(config::split_on("a: b::", ':', true) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("revision file names as Alembic's regexes decide", "[config]") {
  using config::match_revision_file_name;
  CHECK(match_revision_file_name("a.py", false));
  CHECK(match_revision_file_name("_a.py", false));
  CHECK(match_revision_file_name(".a.py", false));
  CHECK_FALSE(match_revision_file_name("__init__.py", false));
  CHECK_FALSE(match_revision_file_name("__init__2.py", false));
  CHECK_FALSE(match_revision_file_name(".#a.py", false));
  CHECK_FALSE(match_revision_file_name("a.PY", false));
  CHECK_FALSE(match_revision_file_name("a.pyc", false));
  CHECK(match_revision_file_name("a.pyc", true) == std::optional<std::string_view>("c"));
  CHECK(match_revision_file_name("a.pyo", true) == std::optional<std::string_view>("o"));
  CHECK_FALSE(match_revision_file_name("a.pyd", true));
}

TEST_CASE("no configuration: bare folders", "[config]") {
  Project p;
  p.file("versions/a.py");
  p.file("versions/__init__.py");
  config::Settings s;
  std::vector<Diagnostic> d;
  REQUIRE(discover(p.path("versions"), s, d));
  CHECK(s.config_file.empty());
  CHECK(s.version_locations == std::vector<std::string>{p.path("versions")});

  // A script folder: its versions/ subfolder, not env.py.
  p.file("env.py");
  REQUIRE(discover(p.root.string(), s, d));
  CHECK(s.version_locations == std::vector<std::string>{p.path("versions")});
  CHECK(files(s) == std::vector<std::string>{p.path("versions/a.py")});

  // [tool.miglint] above a bare folder still applies.
  p.file("pyproject.toml", "[tool.miglint]\nignore = [\"multiple-heads\"]\n");
  REQUIRE(discover(p.path("versions"), s, d));
  CHECK(s.lint.ignore == std::vector<std::string>{"multiple-heads"});

  Project empty;
  d.clear();
  CHECK_FALSE(discover(empty.root.string(), s, d));
  CHECK(has(d, "config-error", "No alembic.ini or pyproject.toml with [tool.alembic]", Severity::Error));
}

TEST_CASE("fatal configuration problems", "[config]") {
  Project p;
  config::Settings s;
  std::vector<Diagnostic> d;
  CHECK_FALSE(discover(p.path("nowhere"), s, d));
  CHECK(has(d, "config-error", "does not exist", Severity::Error));

  d.clear();
  CHECK_FALSE(discover("", s, d, p.path("missing.ini")));
  CHECK(has(d, "config-error", "(from -c/--config) does not exist", Severity::Error));

  d.clear();
  CHECK_FALSE(discover("", s, d, p.root.string()));
  CHECK(has(d, "config-error", "(from -c/--config) is a folder", Severity::Error));

  d.clear();
  setenv("ALEMBIC_CONFIG", p.path("env.ini").c_str(), 1);
  CHECK_FALSE(discover(p.root.string(), s, d));
  CHECK(has(d, "config-error", "(from ALEMBIC_CONFIG) does not exist", Severity::Error));
  unsetenv("ALEMBIC_CONFIG");

  p.file("alembic.ini", "[other]\nscript_location = x\n");
  d.clear();
  CHECK_FALSE(discover(p.root.string(), s, d));
  CHECK(has(d, "config-error", "has no [alembic] section", Severity::Error));

  p.file("alembic.ini", "[alembic]\nsqlalchemy.url = x\n");
  d.clear();
  CHECK_FALSE(discover(p.root.string(), s, d));
  CHECK(has(d, "config-error", "No 'script_location' key found", Severity::Error));

  p.file("alembic.ini", "[alembic]\nscript_location =\n");
  d.clear();
  CHECK_FALSE(discover(p.root.string(), s, d));
  CHECK(has(d, "config-error", "script_location is empty", Severity::Error));

  p.file("alembic.ini", "[alembic]\nscript_location = nope:migrations\n");
  d.clear();
  CHECK_FALSE(discover(p.root.string(), s, d));
  CHECK(has(d, "config-error", "Cannot find the package 'nope'", Severity::Error));

  p.file("alembic.ini", "[alembic]\nscript_location = %(missing)s/x\n");
  d.clear();
  CHECK_FALSE(discover(p.root.string(), s, d));
  CHECK(has(d, "config-error", "refers to %(missing)s", Severity::Error));

  p.file("alembic.ini", "[alembic]\nscript_location = alembic\n");
  p.file("alembic/env.py");
  d.clear();
  CHECK(discover(p.root.string(), s, d));
  CHECK(has(d, "config-error", "The versions folder", Severity::Error));
}

TEST_CASE("The config flag and ALEMBIC_CONFIG pick the file, the name flag picks the section", "[config]") {
  Project p;
  p.file("conf/custom.ini", "[alembic]\nscript_location = %(here)s/../m\n[second]\nscript_location = %(here)s/../n\n");
  p.file("m/versions/a.py");
  p.file("n/versions/b.py");
  config::Settings s;
  std::vector<Diagnostic> d;
  REQUIRE(discover("", s, d, p.path("conf/custom.ini")));
  CHECK(s.script_location == p.path("m"));

  setenv("ALEMBIC_CONFIG", p.path("conf/custom.ini").c_str(), 1);
  config::DiscoverOptions o;
  o.ini_section = "second";
  REQUIRE(config::discover_settings(o, s, d));
  unsetenv("ALEMBIC_CONFIG");
  CHECK(s.script_location == p.path("n"));
  CHECK(files(s) == std::vector<std::string>{p.path("n/versions/b.py")});
}

TEST_CASE("a version location that is a file is an unreadable-file diagnostic", "[config]") {
  Project p;
  config::Settings s;
  s.version_locations = {p.file("v.py")};
  std::vector<Diagnostic> d;
  CHECK(config::list_revision_files(s, d).empty());
  CHECK(has(d, "unreadable-file", "is not a folder", Severity::Error));
}

TEST_CASE("unreadable version folders are unreadable-file diagnostics", "[config]") {
  if (geteuid() == 0) {
    WARN("running as root: permissions are not enforced, skipped");
    return;
  }
  Project p;
  p.file("v/a.py");
  fs::permissions(p.path("v"), fs::perms::none);
  config::Settings s;
  s.version_locations = {p.path("v")};
  std::vector<Diagnostic> d;
  CHECK(config::list_revision_files(s, d).empty());
  fs::permissions(p.path("v"), fs::perms::owner_all);
  CHECK(has(d, "unreadable-file", "Cannot list", Severity::Error));
}

TEST_CASE("an ini without script_location next to env.py and versions/ (Flask-Migrate)", "[config]") {
  Project p;
  // Flask-Migrate's layout: migrations/alembic.ini has only logging and [alembic] options; the
  // wrapper sets script_location in code.
  p.file("migrations/alembic.ini", "[alembic]\n# template used to generate migration files\n\n[loggers]\nkeys = root\n");
  p.file("migrations/env.py", "from alembic import context\n");
  p.file("migrations/versions/abc_first.py", "revision = 'abc'\ndown_revision = None\n");
  config::Settings s;
  std::vector<Diagnostic> d;
  REQUIRE(discover(p.path("migrations"), s, d));
  INFO(dump(d));
  CHECK(s.script_location == p.path("migrations"));
  CHECK(files(s) == std::vector<std::string>{p.path("migrations/versions/abc_first.py")});
  CHECK(has(d, "config-error", "No 'script_location' key in [alembic]", Severity::Warning));

  // Without env.py and versions/ beside it, a missing script_location stays fatal, as in Alembic.
  Project q;
  q.file("alembic.ini", "[alembic]\n");
  d.clear();
  CHECK_FALSE(discover(q.root.string(), s, d));
  CHECK(has(d, "config-error", "No 'script_location' key found", Severity::Error));
}
