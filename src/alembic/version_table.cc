// alembic_version statements as SQLAlchemy 1.4 compiles Alembic's version Table offline.
#include "alembic/version_table.h"

#include "alembic/pg_identifier.h"

#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/format.h>

namespace miglint::alembic {
namespace {

// The table name as it appears in statements: schema-qualified when a schema is set.
std::string table_name(const SqlEnvSettings& env) {
  std::string t = quote_ident(env.version_table);
  return env.version_table_schema.empty() ? t : quote_ident(env.version_table_schema) + "." + t;
}

std::string literal(const std::string& v) {
  // Alembic builds literal_column("'%s'" % version): no escaping, ids contain no quotes.
  return "'" + v + "'";
}

}  // namespace

std::string create_version_table_sql(const SqlEnvSettings& env) {
  // SQLAlchemy's CREATE TABLE: "\n\t" is four spaces here; ", \n" keeps its trailing space.
  std::string sql = fmt::format("CREATE TABLE {} (\n    version_num VARCHAR(32) NOT NULL",
                                table_name(env));
  if (env.version_table_pk)
    sql += fmt::format(", \n    CONSTRAINT {} PRIMARY KEY (version_num)",
                       quote_ident(env.version_table + "_pkc"));
  return sql + "\n)";
}

std::string drop_version_table_sql(const SqlEnvSettings& env) {
  return "DROP TABLE " + table_name(env);
}

std::string version_change_sql(const SqlEnvSettings& env, const VersionChange& change) {
  const std::string t = table_name(env);
  switch (change.kind) {
    case VersionChange::Kind::Insert:
      // With a primary key SQLAlchemy adds implicit RETURNING of it.
      return fmt::format("INSERT INTO {} (version_num) VALUES ({}){}", t, literal(change.to),
                         env.version_table_pk ? fmt::format(" RETURNING {}.version_num", t) : "");
    case VersionChange::Kind::Update:
      return fmt::format("UPDATE {0} SET version_num={1} WHERE {0}.version_num = {2}", t,
                         literal(change.to), literal(change.from));
    case VersionChange::Kind::Delete:
      return fmt::format("DELETE FROM {0} WHERE {0}.version_num = {1}", t, literal(change.from));
  }
  return {};
}

}  // namespace miglint::alembic
