// miglint's own settings in their three places ([tool.miglint] in pyproject.toml, [miglint] and
// [miglint.options.<rule-id>] in alembic.ini, miglint.toml), their precedence and merging, and
// every problem reported as a `config-error` at its line and column.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "config/settings.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace miglint;
using Kind = config::OptionValue::Kind;

namespace {

struct Project : miglint::testing::TempProject {

  // "relative/path:line:col", the way a diagnostic is shown, relative to the project.
  std::string at(const Location& where) const {
    std::string path = where.raw_path();
    std::string prefix = root.string() + "/";
    if (path.starts_with(prefix)) path = path.substr(prefix.size());
    if (!where.file) return path;
    LineCol lc = where.file->line_col(where.span.begin);
    return fmt::format("{}:{}:{}", path, lc.line, lc.column);
  }
  // Every diagnostic as "place severity message", in report order.
  std::vector<std::string> describe(std::vector<Diagnostic> diags) const {
    std::stable_sort(diags.begin(), diags.end(), diagnostic_less);
    std::vector<std::string> out;
    for (const Diagnostic& d : diags) {
      CHECK(d.rule == "config-error");
      out.push_back(fmt::format("{} {} {}", at(d.location), severity_name(d.severity), d.message));
    }
    return out;
  }
};

bool discover(const std::string& path, config::Settings& s, std::vector<Diagnostic>& d,
              const std::string& config_file = "") {
  config::DiscoverOptions o;
  o.path = path;
  o.config_file = config_file;
  return config::discover_settings(o, s, d);
}

using Strings = std::vector<std::string>;
using Severities = std::map<std::string, std::string>;

}  // namespace

TEST_CASE("[tool.miglint] in pyproject.toml: every key", "[config][lint-settings]") {
  Project p;
  p.file("pyproject.toml",
         "[tool.alembic]\n"
         "script_location = \"m\"\n"
         "[tool.miglint]\n"
         "select = [\"multiple-heads\", \"sql\"]\n"
         "ignore = \"a, b\"\n"
         "pg-version = \"15.4\"\n"
         "lock-timeout = \" 5s \"\n"
         "statement-timeout = 60000\n"
         "check-downgrades = true\n"
         "[tool.miglint.severity]\n"
         "multiple-bases = \"error\"\n"
         "[tool.miglint.options.require-lock-timeout]\n"
         "max = \"10s\"\n"
         "enabled = false\n"
         "[tool.miglint.options.ban-table]\n"
         "tables = [\"users\", \"orders\"]\n"
         "limit = 3\n");
  p.file("m/versions/a.py");
  config::Settings s;
  std::vector<Diagnostic> d;
  REQUIRE(discover(p.root.string(), s, d));
  CHECK(p.describe(d) == Strings{});
  const config::LintSettings& l = s.lint;
  CHECK(l.select == Strings{"multiple-heads", "sql"});
  CHECK(l.ignore == Strings{"a", "b"});
  CHECK(l.severity == Severities{{"multiple-bases", "error"}});
  CHECK(l.pg_version == 15);
  CHECK(l.lock_timeout == "5s");
  CHECK(l.statement_timeout == "60000");
  CHECK(l.check_downgrades == true);
  CHECK(l.sources == Strings{p.path("pyproject.toml")});

  REQUIRE(l.options.size() == 2);
  const auto& lock = l.options.at("require-lock-timeout");
  REQUIRE(lock.size() == 2);
  CHECK(lock.at("max").kind == Kind::String);
  CHECK(lock.at("max").text == "10s");
  CHECK(p.at(lock.at("max").where) == "pyproject.toml:13:7");
  CHECK(lock.at("enabled").kind == Kind::Bool);
  CHECK(lock.at("enabled").boolean == false);
  CHECK(p.at(lock.at("enabled").where) == "pyproject.toml:14:11");
  const auto& ban = l.options.at("ban-table");
  REQUIRE(ban.size() == 2);
  CHECK(ban.at("tables").kind == Kind::List);
  CHECK(ban.at("tables").list == Strings{"users", "orders"});
  CHECK(p.at(ban.at("tables").where) == "pyproject.toml:16:10");
  CHECK(ban.at("limit").kind == Kind::Int);
  CHECK(ban.at("limit").integer == 3);
  CHECK(p.at(ban.at("limit").where) == "pyproject.toml:17:9");
}

TEST_CASE("[miglint] and [miglint.options.<rule-id>] in alembic.ini: every key", "[config][lint-settings]") {
  Project p;
  p.file("alembic.ini",
         "[DEFAULT]\n"
         "shared = 1\n"
         "[alembic]\n"
         "script_location = m\n"
         "[miglint]\n"
         "select = multiple-heads sql\n"
         "ignore = a,\n"
         "  b\n"
         "pg-version = 9.6\n"
         "lock-timeout = 500 ms\n"
         "statement-timeout = 0\n"
         "check-downgrades = Yes\n"
         "severity = multiple-bases: error\n"
         "[miglint.options.require-lock-timeout]\n"
         "max = %(here)s/x\n"
         "enabled = false\n"
         "[miglint.options.ban-table]\n"
         "tables = users,\n"
         "   orders\n");
  p.file("m/versions/a.py");
  config::Settings s;
  std::vector<Diagnostic> d;
  REQUIRE(discover(p.root.string(), s, d));
  CHECK(p.describe(d) == Strings{});
  const config::LintSettings& l = s.lint;
  CHECK(l.select == Strings{"multiple-heads", "sql"});
  CHECK(l.ignore == Strings{"a", "b"});
  CHECK(l.severity == Severities{{"multiple-bases", "error"}});
  CHECK(l.pg_version == 9);
  CHECK(l.lock_timeout == "500 ms");
  CHECK(l.statement_timeout == "0");
  CHECK(l.check_downgrades == true);
  CHECK(l.sources == Strings{p.path("alembic.ini")});

  // Option values stay text (interpolated); [DEFAULT]'s `shared` is not an option.
  REQUIRE(l.options.size() == 2);
  const auto& lock = l.options.at("require-lock-timeout");
  REQUIRE(lock.size() == 2);
  CHECK(lock.at("max").kind == Kind::String);
  CHECK(lock.at("max").text == p.path("x"));
  CHECK(p.at(lock.at("max").where) == "alembic.ini:15:7");
  CHECK(lock.at("enabled").kind == Kind::String);
  CHECK(lock.at("enabled").text == "false");
  CHECK(p.at(lock.at("enabled").where) == "alembic.ini:16:11");
  const auto& ban = l.options.at("ban-table");
  REQUIRE(ban.size() == 1);
  CHECK(ban.at("tables").text == "users,\norders");
  CHECK(p.at(ban.at("tables").where) == "alembic.ini:18:10");

  // getboolean's other spellings.
  p.file("alembic.ini", "[alembic]\nscript_location = m\n[miglint]\ncheck-downgrades = off\n");
  d.clear();
  REQUIRE(discover(p.root.string(), s, d));
  CHECK(s.lint.check_downgrades == false);
  CHECK(s.lint.sources == Strings{p.path("alembic.ini")});
}

TEST_CASE("miglint.toml: every key at its top level", "[config][lint-settings]") {
  Project p;
  p.file("alembic.ini", "[alembic]\nscript_location = m\n");
  p.file("m/versions/a.py");
  p.file("miglint.toml",
         "select = [\"multiple-heads\"]\n"
         "ignore = []\n"
         "pg-version = 12\n"
         "lock-timeout = \"2min\"\n"
         "statement-timeout = \"1h\"\n"
         "check-downgrades = false\n"
         "severity = { multiple-bases = \"info\" }\n"
         "\n"
         "[options.require-lock-timeout]\n"
         "max = \"10s\"\n"
         "tables = []\n"
         "[options.other]\n"
         "on = true\n");
  config::Settings s;
  std::vector<Diagnostic> d;
  REQUIRE(discover(p.root.string(), s, d));
  CHECK(p.describe(d) == Strings{});
  const config::LintSettings& l = s.lint;
  CHECK(l.select == Strings{"multiple-heads"});
  CHECK(l.ignore == Strings{});
  CHECK(l.severity == Severities{{"multiple-bases", "info"}});
  CHECK(l.pg_version == 12);
  CHECK(l.lock_timeout == "2min");
  CHECK(l.statement_timeout == "1h");
  CHECK(l.check_downgrades == false);
  CHECK(l.sources == Strings{p.path("miglint.toml")});
  REQUIRE(l.options.size() == 2);
  const auto& lock = l.options.at("require-lock-timeout");
  CHECK(lock.at("max").text == "10s");
  CHECK(p.at(lock.at("max").where) == "miglint.toml:10:7");
  CHECK(lock.at("tables").kind == Kind::List);
  CHECK(lock.at("tables").list.empty());
  CHECK(p.at(lock.at("tables").where) == "miglint.toml:11:10");
  CHECK(l.options.at("other").at("on").kind == Kind::Bool);
  CHECK(l.options.at("other").at("on").boolean == true);
}

TEST_CASE("precedence: pyproject.toml, then alembic.ini, then miglint.toml, key by key", "[config][lint-settings]") {
  Project p;
  p.file("app/pyproject.toml",
         "[tool.miglint]\n"
         "select = [\"a\"]\n"
         "ignore = [\"b\"]\n"
         "pg-version = 13\n"
         "lock-timeout = \"1s\"\n"
         "statement-timeout = \"1min\"\n"
         "check-downgrades = true\n"
         "[tool.miglint.severity]\n"
         "r1 = \"error\"\n"
         "r2 = \"warning\"\n"
         "[tool.miglint.options.x]\n"
         "o1 = 1\n"
         "o2 = 2\n"
         "[tool.miglint.options.y]\n"
         "o = \"p\"\n");
  p.file("app/alembic.ini",
         "[alembic]\n"
         "script_location = m\n"
         "[miglint]\n"
         "ignore = c\n"
         "pg-version = 14\n"
         "severity = r2 = info\n"
         "  r3 = off\n"
         "[miglint.options.x]\n"
         "o2 = ini\n"
         "o3 = ini\n");
  p.file("miglint.toml",  // above the ini's folder: found by the walk up
         "pg-version = 15\n"
         "lock-timeout = \"2s\"\n"
         "statement-timeout = \"forever\"\n"
         "[severity]\n"
         "r3 = \"error\"\n"
         "[options.x]\n"
         "o3 = true\n"
         "[options.z]\n"
         "o = [\"q\"]\n");
  p.file("app/m/versions/a.py");
  config::Settings s;
  std::vector<Diagnostic> d;
  REQUIRE(discover(p.path("app"), s, d));
  // A bad value leaves the one from the source below it in place.
  CHECK(p.describe(d) ==
        Strings{"miglint.toml:3:21 warning Invalid statement-timeout 'forever': it does not start with a number"});
  const config::LintSettings& l = s.lint;
  CHECK(l.select == Strings{"a"});
  CHECK(l.ignore == Strings{"c"});
  CHECK(l.pg_version == 15);
  CHECK(l.lock_timeout == "2s");
  CHECK(l.statement_timeout == "1min");
  CHECK(l.check_downgrades == true);
  CHECK(l.severity == Severities{{"r1", "error"}, {"r2", "info"}, {"r3", "error"}});
  CHECK(l.sources == Strings{p.path("app/pyproject.toml"), p.path("app/alembic.ini"), p.path("miglint.toml")});

  REQUIRE(l.options.size() == 3);
  const auto& x = l.options.at("x");
  REQUIRE(x.size() == 3);
  CHECK(x.at("o1").kind == Kind::Int);
  CHECK(x.at("o1").integer == 1);
  CHECK(p.at(x.at("o1").where) == "app/pyproject.toml:12:6");
  CHECK(x.at("o2").kind == Kind::String);
  CHECK(x.at("o2").text == "ini");
  CHECK(p.at(x.at("o2").where) == "app/alembic.ini:9:6");
  CHECK(x.at("o3").kind == Kind::Bool);
  CHECK(x.at("o3").boolean == true);
  CHECK(p.at(x.at("o3").where) == "miglint.toml:7:6");
  CHECK(l.options.at("y").at("o").text == "p");
  CHECK(l.options.at("z").at("o").list == Strings{"q"});
}

TEST_CASE("unknown keys and sections in the three places", "[config][lint-settings]") {
  Project p;
  p.file("pyproject.toml",
         "[tool.miglint]\n"
         "pg_version = 15\n"
         "[tool.miglint.option.x]\n"
         "a = 1\n");
  p.file("alembic.ini",
         "[alembic]\n"
         "script_location = m\n"
         "[miglint]\n"
         "selct = a\n"
         "options = x\n"
         "[miglint.option.x]\n"
         "a = 1\n"
         "[miglint.options.]\n");
  p.file("miglint.toml",
         "lock_timeout = \"5s\"\n"
         "[tool.miglint]\n"
         "select = [\"a\"]\n");
  p.file("m/versions/a.py");
  config::Settings s;
  std::vector<Diagnostic> d;
  REQUIRE(discover(p.root.string(), s, d));
  CHECK(p.describe(d) == Strings{
                             "alembic.ini:4:1 warning Unknown key 'selct' in [miglint]",
                             "alembic.ini:5:1 warning Per-rule options are not a key of [miglint]",
                             "alembic.ini:6:1 warning Unknown section [miglint.option.x]",
                             "alembic.ini:8:1 warning Unknown section [miglint.options.]",
                             "miglint.toml:1:1 warning Unknown key 'lock_timeout' in miglint.toml",
                             "miglint.toml:2:2 warning Unknown key 'tool' in miglint.toml",
                             "pyproject.toml:2:1 warning Unknown key 'pg_version' in [tool.miglint]",
                             "pyproject.toml:3:15 warning Unknown key 'option' in [tool.miglint]",
                         });
  auto help = [&](std::string_view message) {
    for (const Diagnostic& x : d)
      if (x.message.find(message) != std::string::npos) return x.help;
    return std::string("(no such diagnostic)");
  };
  CHECK(help("'pg_version'").starts_with("Did you mean 'pg-version'? Known keys: select, ignore, severity, "));
  CHECK(help("'lock_timeout'").starts_with("Did you mean 'lock-timeout'? "));
  CHECK(help("'tool'") == "miglint.toml holds miglint's keys at its top level, without a [tool.miglint] or "
                          "[miglint] header");
  CHECK(help("'selct'").ends_with("version-table-schema; per-rule options go in [miglint.options.<rule-id>] sections"));
  CHECK(s.lint.pg_version == std::nullopt);
  CHECK(s.lint.select.empty());
  CHECK(s.lint.options.empty());
  // Each file had a miglint table or section, so each is a source, even with nothing usable.
  CHECK(s.lint.sources == Strings{p.path("pyproject.toml"), p.path("alembic.ini"), p.path("miglint.toml")});
}

TEST_CASE("ill-typed TOML values are reported and ignored", "[config][lint-settings]") {
  Project p;
  p.file("alembic.ini", "[alembic]\nscript_location = m\n");
  p.file("m/versions/a.py");
  p.file("miglint.toml",
         "select = 3\n"
         "ignore = [\"a\", 1]\n"
         "severity = \"error\"\n"
         "pg-version = 9.6\n"
         "lock-timeout = true\n"
         "statement-timeout = \"5m\"\n"
         "check-downgrades = \"yes\"\n"
         "options = 3\n");
  p.file("pyproject.toml",
         "[tool.miglint.severity]\n"
         "r1 = 1\n"
         "r2 = \"loud\"\n"
         "[tool.miglint.options]\n"
         "bad-rule = 1\n"
         "[tool.miglint.options.r]\n"
         "f = 1.5\n"
         "d = 2024-01-01\n"
         "t = { a = 1 }\n"
         "l = [1, 2]\n"
         "n = [[\"a\"]]\n"
         "\"cl\u00e9\" = 1.5\n"  // toml++ counts columns in code points; the span is in bytes
         "ok = \"fine\"\n");
  config::Settings s;
  std::vector<Diagnostic> d;
  REQUIRE(discover(p.root.string(), s, d));
  CHECK(p.describe(d) ==
        Strings{
            "miglint.toml:1:10 warning select in miglint.toml must be a list of rule ids, not an integer",
            "miglint.toml:2:16 warning ignore in miglint.toml: items must be strings, not an integer",
            "miglint.toml:3:12 warning severity in miglint.toml must be a table of rule-id = \"level\"",
            "miglint.toml:4:14 warning pg-version in miglint.toml must be an integer or a string, not a float",
            "miglint.toml:5:16 warning lock-timeout in miglint.toml must be a string such as \"5s\", not a boolean",
            "miglint.toml:6:21 warning Invalid statement-timeout '5m': 'm' is not a unit; PostgreSQL writes minutes "
            "as 'min'",
            "miglint.toml:7:20 warning check-downgrades in miglint.toml must be true or false, not a string",
            "miglint.toml:8:11 warning options in miglint.toml must be a table of [options.<rule-id>] tables, not an "
            "integer",
            "pyproject.toml:2:6 warning The severity of rule r1 must be a string, not an integer",
            "pyproject.toml:3:6 warning Unknown severity 'loud' for rule r2",
            "pyproject.toml:5:12 warning tool.miglint.options.bad-rule must be a table of option = value, not an "
            "integer",
            "pyproject.toml:7:5 warning Option f of rule r is a float; options take a boolean, an integer, a string "
            "or an array of strings",
            "pyproject.toml:8:5 warning Option d of rule r is a date; options take a boolean, an integer, a string or "
            "an array of strings",
            "pyproject.toml:9:5 warning Option t of rule r is a table; options take a boolean, an integer, a string "
            "or an array of strings",
            "pyproject.toml:10:6 warning Option l of rule r: array items must be strings, not an integer",
            "pyproject.toml:11:6 warning Option n of rule r: array items must be strings, not an array",
            "pyproject.toml:12:10 warning Option cl\u00e9 of rule r is a float; options take a boolean, an integer, a "
            "string or an array of strings",
        });
  const config::LintSettings& l = s.lint;
  CHECK(l.select.empty());
  CHECK(l.ignore.empty());
  CHECK(l.severity.empty());
  CHECK(l.pg_version == std::nullopt);
  CHECK(l.lock_timeout == std::nullopt);
  CHECK(l.statement_timeout == std::nullopt);
  CHECK(l.check_downgrades == std::nullopt);
  REQUIRE(l.options.size() == 1);
  REQUIRE(l.options.at("r").size() == 1);
  CHECK(l.options.at("r").at("ok").text == "fine");
}

TEST_CASE("bad pg-version, timeouts and booleans in the ini and in TOML", "[config][lint-settings]") {
  Project p;
  p.file("alembic.ini",
         "[alembic]\n"
         "script_location = m\n"
         "[miglint]\n"
         "pg-version = 9.5\n"
         "lock-timeout = 5 sec\n"
         "statement-timeout = 3S\n"
         "check-downgrades = maybe\n");
  p.file("pyproject.toml",
         "[tool.miglint]\n"
         "pg-version = 19\n"
         "lock-timeout = -5\n"
         "statement-timeout = \"25d\"\n");
  p.file("miglint.toml", "pg-version = \"15.4.1\"\nlock-timeout = \"\"\n");
  p.file("m/versions/a.py");
  config::Settings s;
  std::vector<Diagnostic> d;
  REQUIRE(discover(p.root.string(), s, d));
  CHECK(p.describe(d) ==
        Strings{
            "alembic.ini:4:14 warning Invalid pg-version '9.5': PostgreSQL 9.5 is not supported",
            "alembic.ini:5:16 warning Invalid lock-timeout '5 sec': unknown unit 'sec'",
            "alembic.ini:6:21 warning Invalid statement-timeout '3S': units are case-sensitive: write 's', not 'S'",
            "alembic.ini:7:20 warning check-downgrades: Not a boolean: 'maybe'",
            "miglint.toml:1:14 warning Invalid pg-version '15.4.1': since PostgreSQL 10 a version has two parts, "
            "major.minor",
            "miglint.toml:2:16 warning Invalid lock-timeout '': it is empty (write 0 to disable the timeout)",
            "pyproject.toml:2:14 warning Invalid pg-version 19: PostgreSQL 19 is not supported",
            "pyproject.toml:3:16 warning Invalid lock-timeout '-5': a timeout cannot be negative",
            "pyproject.toml:4:21 warning Invalid statement-timeout '25d': it is out of range: PostgreSQL accepts at "
            "most 2147483647ms (about 24.8 days)",
        });
  for (const Diagnostic& x : d) {
    if (x.message.starts_with("Invalid pg-version")) CHECK(x.help.starts_with("Write the major version"));
    if (x.message.find("-timeout") != std::string::npos) CHECK(x.help.starts_with("Write a number with an optional unit"));
  }
  CHECK(s.lint.pg_version == std::nullopt);
  CHECK(s.lint.lock_timeout == std::nullopt);
  CHECK(s.lint.statement_timeout == std::nullopt);
  CHECK(s.lint.check_downgrades == std::nullopt);
}

TEST_CASE("miglint.toml is found from the configuration's folder upward", "[config][lint-settings]") {
  Project p;
  p.file("miglint.toml", "pg-version = 12\nlock-timeout = \"3s\"\n");
  p.file("app/alembic.ini", "[alembic]\nscript_location = m\n");
  p.file("app/m/versions/a.py");
  config::Settings s;
  std::vector<Diagnostic> d;
  REQUIRE(discover(p.path("app/m/versions"), s, d));
  CHECK(s.lint.pg_version == 12);
  CHECK(s.lint.sources == Strings{p.path("miglint.toml")});

  // The nearest one wins whole: the farther one is not read at all.
  p.file("app/miglint.toml", "pg-version = 13\n");
  REQUIRE(discover(p.path("app/m/versions"), s, d));
  CHECK(s.lint.pg_version == 13);
  CHECK(s.lint.lock_timeout == std::nullopt);
  CHECK(s.lint.sources == Strings{p.path("app/miglint.toml")});

  // A pyproject.toml holding [tool.alembic].
  p.file("tool/pyproject.toml", "[tool.alembic]\nscript_location = \"m\"\n");
  p.file("tool/m/versions/a.py");
  p.file("tool/miglint.toml", "check-downgrades = true\n");
  REQUIRE(discover(p.path("tool"), s, d));
  CHECK(s.lint.check_downgrades == true);
  CHECK(s.lint.sources == Strings{p.path("tool/miglint.toml")});

  // -c names a file elsewhere: the walk starts at that file's folder, not at the path.
  p.file("conf/miglint.toml", "pg-version = 17\n");
  p.file("conf/other.ini", "[alembic]\nscript_location = %(here)s/../app/m\n");
  REQUIRE(discover(p.path("app"), s, d, p.path("conf/other.ini")));
  CHECK(s.lint.pg_version == 17);

  // A bare versions folder: from that folder upward.
  Project q;
  q.file("miglint.toml", "statement-timeout = \"30s\"\n");
  q.file("db/versions/a.py");
  d.clear();
  REQUIRE(discover(q.path("db/versions"), s, d));
  CHECK(s.config_file.empty());
  CHECK(s.lint.statement_timeout == "30s");
  CHECK(s.lint.sources == Strings{q.path("miglint.toml")});
  CHECK(q.describe(d) == Strings{});

  // -c never takes miglint.toml itself: it holds no Alembic configuration.
  d.clear();
  CHECK_FALSE(discover("", s, d, q.path("miglint.toml")));
  CHECK(q.describe(d) == Strings{fmt::format("miglint.toml error {} (from -c/--config) holds only miglint's own settings",
                                             q.path("miglint.toml"))});
}

TEST_CASE("a malformed miglint.toml is reported and the other settings still apply", "[config][lint-settings]") {
  Project p;
  p.file("alembic.ini", "[alembic]\nscript_location = m\n[miglint]\nselect = a\n");
  p.file("m/versions/a.py");
  p.file("miglint.toml", "pg-version = 15\nselect = [\"b\"\n");
  config::Settings s;
  std::vector<Diagnostic> d;
  REQUIRE(discover(p.root.string(), s, d));
  REQUIRE(d.size() == 1);
  CHECK(d[0].rule == "config-error");
  CHECK(d[0].severity == Severity::Error);
  CHECK(d[0].message == "Invalid TOML: Error while parsing array: encountered end-of-file");  // toml++'s words
  CHECK(d[0].help == "miglint ignores this file and goes on with the settings from the other files");
  CHECK(p.at(d[0].location) == "miglint.toml:2:14");  // where toml++ ran out of input
  // Nothing of the broken file is applied, not even the lines before the error.
  CHECK(s.lint.select == Strings{"a"});
  CHECK(s.lint.pg_version == std::nullopt);
  CHECK(s.lint.sources == Strings{p.path("alembic.ini")});
}
