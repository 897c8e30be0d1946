// Identifier quoting as SQLAlchemy 1.4's PostgreSQL IdentifierPreparer does it, shared by the
// lowering and the version-table statements so both quote exactly alike.
#include "alembic/pg_identifier.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace miglint::alembic {

namespace {
// sqlalchemy.dialects.postgresql.base.RESERVED_WORDS (SQLAlchemy 1.4.46).
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

bool requires_quotes(std::string_view v) {
  if (v.empty()) return true;
  std::string lc(v);
  for (auto& ch : lc) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (std::find(kReserved.begin(), kReserved.end(), lc) != kReserved.end()) return true;
  if ((v[0] >= '0' && v[0] <= '9') || v[0] == '$') return true;
  for (unsigned char ch : v)
    if (!(std::isalnum(ch) || ch == '_' || ch == '$') || ch >= 0x80) return true;
  return lc != v;
}
}  // namespace

std::string quote_ident(std::string_view name) {
  if (!requires_quotes(name)) return std::string(name);
  std::string out = "\"";
  for (char ch : name) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

}  // namespace miglint::alembic
