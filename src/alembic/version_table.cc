// alembic_version statements as SQLAlchemy 1.4 compiles Alembic's version Table offline.
#include "alembic/version_table.h"

#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/format.h>

namespace miglint::alembic {
namespace {

// sqlalchemy.dialects.postgresql.base.RESERVED_WORDS, sorted.
constexpr std::array<std::string_view, 102> kReserved = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric",
    "authorization", "between", "binary", "both", "case", "cast", "check", "collate", "column",
    "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
    "current_schema", "current_time", "current_timestamp", "current_user", "default",
    "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
    "foreign", "freeze", "from", "full", "grant", "group", "having", "ilike", "in", "initially",
    "inner", "intersect", "into", "is", "isnull", "join", "leading", "left", "like", "limit",
    "localtime", "localtimestamp", "natural", "new", "not", "notnull", "null", "of", "off",
    "offset", "old", "on", "only", "or", "order", "outer", "over", "overlaps", "placing",
    "primary", "references", "returning", "right", "select", "session_user", "similar", "some",
    "symmetric", "table", "then", "to", "trailing", "true", "union", "unique", "user", "using",
    "variadic", "verbose", "when", "where", "window", "with"};

// The table name as it appears in statements: schema-qualified when a schema is set.
std::string table_name(const SqlEnvSettings& env) {
  std::string t = quote_pg_identifier(env.version_table);
  return env.version_table_schema.empty() ? t : quote_pg_identifier(env.version_table_schema) + "." + t;
}

std::string literal(const std::string& v) {
  // Alembic builds literal_column("'%s'" % version): no escaping, ids contain no quotes.
  return "'" + v + "'";
}

}  // namespace

std::string quote_pg_identifier(const std::string& name) {
  bool needs = name.empty() || std::binary_search(kReserved.begin(), kReserved.end(), name) ||
               (name[0] >= '0' && name[0] <= '9') || name[0] == '$';
  for (char c : name) {
    bool legal = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
    if (!legal) needs = true;  // upper case or another character
  }
  if (!needs) return name;
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string create_version_table_sql(const SqlEnvSettings& env) {
  // SQLAlchemy's CREATE TABLE: "\n\t" is four spaces here; ", \n" keeps its trailing space.
  std::string sql = fmt::format("CREATE TABLE {} (\n    version_num VARCHAR(32) NOT NULL",
                                table_name(env));
  if (env.version_table_pk)
    sql += fmt::format(", \n    CONSTRAINT {} PRIMARY KEY (version_num)",
                       quote_pg_identifier(env.version_table + "_pkc"));
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
