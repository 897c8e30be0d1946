// The value checks miglint's own settings share in alembic.ini, pyproject.toml and miglint.toml:
// pg-version, the timeouts (PostgreSQL's duration syntax for SET), configparser booleans and the
// unknown-key help.
#include <catch2/catch.hpp>

#include "config/lint_settings.h"

using namespace miglint;

namespace {

// The major version, or "error: <reason>".
std::string pg(std::string_view text) {
  std::string reason;
  auto v = config::parse_pg_version(text, &reason);
  return v ? std::to_string(*v) : "error: " + reason;
}

}  // namespace

TEST_CASE("pg-version accepts majors 9.6 and 10 to 18", "[config][lint-settings]") {
  CHECK(pg("15") == "15");
  CHECK(pg("15.4") == "15");
  CHECK(pg("10") == "10");
  CHECK(pg("18") == "18");
  CHECK(pg("9.6") == "9");
  CHECK(pg("9.6.24") == "9");
  CHECK(pg("9") == "9");  // 9 stands for 9.6, the last 9.x major
  CHECK(pg("9.5") == "error: PostgreSQL 9.5 is not supported");
  CHECK(pg("9.5.2") == "error: PostgreSQL 9.5 is not supported");
  CHECK(pg("8") == "error: PostgreSQL 8 is not supported");
  CHECK(pg("19") == "error: PostgreSQL 19 is not supported");
  CHECK(pg("96") == "error: PostgreSQL 96 does not exist; write 9.6 as a string, \"9.6\"");
  CHECK(pg("15.4.1") == "error: since PostgreSQL 10 a version has two parts, major.minor");
  for (std::string_view bad : {"", "fifteen", "v15", "15.", ".15", "15.x", "15 .4", "9.6.1.2", "-15", "PostgreSQL 15"}) {
    INFO(bad);
    CHECK(pg(bad) == "error: expected a version such as 15, \"15.4\" or \"9.6\"");
  }
  std::string reason;
  CHECK(config::check_pg_major(9, &reason) == 9);
  CHECK(config::check_pg_major(17, &reason) == 17);
  CHECK_FALSE(config::check_pg_major(0, &reason));
  CHECK(reason == "PostgreSQL 0 is not supported");
  CHECK_FALSE(config::check_pg_major(1000000000000LL, &reason));
  CHECK(reason == "PostgreSQL 1000000000000 is not supported");
}

TEST_CASE("timeouts take PostgreSQL's duration syntax", "[config][lint-settings]") {
  for (std::string_view good : {"0", "5000", "5s", "500ms", "2min", "1h", "1d", "250us", "5 s", "1.5s", "0.5",
                                "24d", "2147483647", "2147483647ms", "35791min"}) {
    INFO(good);
    CHECK(config::duration_problem(good) == "");
  }
  CHECK(config::duration_problem("") == "it is empty (write 0 to disable the timeout)");
  CHECK(config::duration_problem("-1s") == "a timeout cannot be negative");
  CHECK(config::duration_problem("s") == "it does not start with a number");
  CHECK(config::duration_problem("'5s'") == "it does not start with a number");
  CHECK(config::duration_problem(".s") == "it does not start with a number");
  CHECK(config::duration_problem("5m") == "'m' is not a unit; PostgreSQL writes minutes as 'min'");
  CHECK(config::duration_problem("5S") == "units are case-sensitive: write 's', not 'S'");
  CHECK(config::duration_problem("5MIN") == "units are case-sensitive: write 'min', not 'MIN'");
  CHECK(config::duration_problem("5 sec") == "unknown unit 'sec'");
  CHECK(config::duration_problem("5s 3ms") == "unknown unit 's 3ms'");
  CHECK(config::duration_problem("0x10") == "unknown unit 'x10'");
  CHECK(config::duration_problem("25d") ==
        "it is out of range: PostgreSQL accepts at most 2147483647ms (about 24.8 days)");
  CHECK(config::duration_problem("2147483648") ==
        "it is out of range: PostgreSQL accepts at most 2147483647ms (about 24.8 days)");
}

TEST_CASE("ini booleans as configparser's getboolean reads them", "[config][lint-settings]") {
  for (std::string_view t : {"1", "yes", "true", "on", "True", "YES", "On"}) CHECK(config::parse_ini_boolean(t) == true);
  for (std::string_view f : {"0", "no", "false", "off", "FALSE", "No"}) CHECK(config::parse_ini_boolean(f) == false);
  for (std::string_view bad : {"", "2", "y", "n", "enabled", " true"}) CHECK_FALSE(config::parse_ini_boolean(bad));
}

TEST_CASE("the unknown-key help lists the keys and guesses the intended one", "[config][lint-settings]") {
  CHECK(config::unknown_key_help("frobnicate", false) ==
        "Known keys: select, ignore, severity, pg-version, lock-timeout, statement-timeout, check-downgrades, version-table, version-table-schema, options");
  CHECK(config::unknown_key_help("pg_version", false) ==
        "Did you mean 'pg-version'? Known keys: select, ignore, severity, pg-version, lock-timeout, "
        "statement-timeout, check-downgrades, version-table, version-table-schema, options");
  CHECK(config::unknown_key_help("Check_Downgrades", true) ==
        "Did you mean 'check-downgrades'? Known keys: select, ignore, severity, pg-version, lock-timeout, "
        "statement-timeout, check-downgrades, version-table, version-table-schema; per-rule options go in [miglint.options.<rule-id>] sections");
}
