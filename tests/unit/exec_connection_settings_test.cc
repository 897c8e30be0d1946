// Where miglint connects (--database-url, DB_*, libpq's environment) and that no password
// survives into what it prints; no server needed.
#include <catch2/catch.hpp>

#include <map>

#include "exec/connection_settings.h"

using namespace miglint::exec;

namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars](const char* name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

}  // namespace

TEST_CASE("a --database-url wins over DB_* and libpq's environment", "[exec][settings]") {
  auto env = env_of({{"DB_USER", "u"}, {"DB_HOST", "h"}, {"DB_PORT", "1"}, {"DB_NAME", "d"},
                     {"PGHOST", "elsewhere"}});
  ConnectionSettings s = resolve_connection("postgresql://app:pw@db:5433/credit", env);
  CHECK(s.source == ConnectionSettings::Source::DatabaseUrl);
  CHECK(s.conninfo == "postgresql://app:pw@db:5433/credit");
  CHECK(s.display == "postgresql://app:***@db:5433/credit");
  CHECK(!s.error);
  // A SQLAlchemy URL names its driver; libpq gets plain postgresql://.
  CHECK(resolve_connection("postgresql+psycopg2://app@db/credit", env).conninfo == "postgresql://app@db/credit");
}

TEST_CASE("DB_* variables build a key=value conninfo; a socket directory is a host", "[exec][settings]") {
  ConnectionSettings s = resolve_connection(
      "", env_of({{"DB_USER", "credit system"}, {"DB_PASSWORD", "it's\\secret"}, {"DB_HOST", "/tmp/pg sock"},
                  {"DB_PORT", "54351"}, {"DB_NAME", "credit"}, {"PGHOST", "ignored"}}));
  CHECK(s.source == ConnectionSettings::Source::DbVariables);
  CHECK(s.conninfo == "host='/tmp/pg sock' port=54351 user='credit system' dbname=credit "
                      "password='it\\'s\\\\secret'");
  CHECK(s.display == "credit system@/tmp/pg sock:54351/credit");
  CHECK(s.display.find("secret") == std::string::npos);
  // An empty or unset DB_PASSWORD leaves the password to libpq (~/.pgpass, PGPASSWORD).
  auto no_password = resolve_connection("", env_of({{"DB_USER", "u"}, {"DB_PASSWORD", ""}, {"DB_HOST", "h"},
                                                    {"DB_PORT", "5432"}, {"DB_NAME", "d"}}));
  CHECK(no_password.conninfo == "host=h port=5432 user=u dbname=d");
  // Some DB_* set but not all: a usage problem naming the missing ones.
  auto partial = resolve_connection("", env_of({{"DB_USER", "u"}, {"DB_PORT", "5432"}}));
  REQUIRE(partial.error);
  CHECK(*partial.error == "the DB_* variables are incomplete: DB_HOST, DB_NAME not set");
}

TEST_CASE("without a URL or DB_*, libpq reads its own environment", "[exec][settings]") {
  ConnectionSettings s = resolve_connection("", env_of({{"PGHOST", "h"}, {"PGPASSWORD", "pgpw"}}));
  CHECK(s.source == ConnectionSettings::Source::LibpqEnvironment);
  CHECK(s.conninfo.empty());
  CHECK(s.display.empty());
  CHECK(scrub("auth failed for pgpw", s.secrets) == "auth failed for ***");
}

TEST_CASE("redaction: URLs, query parameters, key=value strings", "[exec][redaction]") {
  CHECK(redact_url("postgresql://user:pass@host/db") == "postgresql://user:***@host/db");
  CHECK(redact_url("postgres://user@host:5432/db") == "postgres://user@host:5432/db");
  CHECK(redact_url("postgresql://host/db") == "postgresql://host/db");
  // An unencoded '@' or '/' in the password: everything up to the last '@' is hidden.
  CHECK(redact_url("postgresql://user:p@ss/w@host/db") == "postgresql://user:***@host/db");
  CHECK(redact_url("postgresql://user@host/db?sslmode=require&password=pw&x=1") ==
        "postgresql://user@host/db?sslmode=require&password=***&x=1");
  CHECK(redact_url("host=h password='a b' user=u") == "host=h password=*** user=u");
  CHECK(redact_url("host=h password = pw user=u") == "host=h password = *** user=u");
}

TEST_CASE("scrub removes every reading of the password from libpq's messages", "[exec][redaction]") {
  // libpq splits the user part at the first '@'; a URL's password may be percent-encoded.
  auto s = resolve_connection("postgresql://u:p%40ss%zz@host/db", env_of({}));
  CHECK(s.display == "postgresql://u:***@host/db");
  CHECK(scrub("invalid percent-encoded token: \"p%40ss%zz\"", s.secrets) ==
        "invalid percent-encoded token: \"***\"");
  CHECK(scrub("password p@ss%zz rejected", s.secrets) == "password *** rejected");
  auto kv = resolve_connection("host=h password='x y'", env_of({}));
  CHECK(scrub("bad x y here", kv.secrets) == "bad *** here");
  CHECK(scrub("nothing to hide", {}) == "nothing to hide");
}

TEST_CASE("conninfo values are quoted only when needed", "[exec][settings]") {
  CHECK(conninfo_value("abc") == "abc");
  CHECK(conninfo_value("") == "''");
  CHECK(conninfo_value("a b") == "'a b'");
  CHECK(conninfo_value("o'k\\") == "'o\\'k\\\\'");
}
