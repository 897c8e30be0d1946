// The type changes PostgreSQL 15 makes without rewriting the table. Each rule here is a row
// of tests/data/rewrites/type_changes.tsv, measured on PostgreSQL 15 (pg_class.relfilenode of
// the table and of an index on the column, before and after).
#include "sql/type_change.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "sql/json_read.h"
#include "sql/sql_text.h"

namespace miglint::sql {

namespace {

// The built-in name of a type ("varchar" for pg_catalog.varchar and for character varying),
// or the dotted name of any other type.
std::string canonical_name(const TypeRef& t) {
  if (t.names.size() == 1 || (t.names.size() == 2 && t.names[0] == "pg_catalog")) return t.name();
  std::string out;
  for (const auto& n : t.names) out += (out.empty() ? "" : ".") + n;
  return out;
}

bool same_type(const TypeRef& a, const TypeRef& b) {
  return canonical_name(a) == canonical_name(b) && a.typmods == b.typmods && a.array == b.array;
}

std::string normal_collation(const std::string& c) { return c == "default" ? std::string() : c; }

// The single typmod of varchar(n), varbit(n), numeric(p), timestamp(p) …; nullopt when
// unbounded (no typmod).
std::optional<int64_t> first_mod(const TypeRef& t) {
  if (t.typmods.empty()) return std::nullopt;
  return t.typmods[0];
}

bool is_time_type(const std::string& n) {
  return n == "timestamp" || n == "timestamptz" || n == "time" || n == "timetz";
}

// Fractional-second precision: a no-op when the new precision is unbounded, at least 6 (the
// maximum, which is what unbounded means), or at least the old bounded precision
// (TemporalSimplify / timestamp_support).
bool precision_kept(const TypeRef& from, const TypeRef& to) {
  auto f = first_mod(from), t = first_mod(to);
  return !t || *t >= 6 || (f && *f <= *t);
}

// A length limit that is not lowered (varchar_support, varbit_support): the new type is
// unbounded, or both are bounded and the new limit is at least the old one.
bool length_kept(const TypeRef& from, const TypeRef& to) {
  auto f = first_mod(from), t = first_mod(to);
  return !t || (f && *f <= *t);
}

enum class Change { Same, Catalog, Rewrite, TimeZone };

// The type part of the decision (collation aside).
Change type_change(const TypeRef& from, const TypeRef& to) {
  if (same_type(from, to)) return Change::Same;
  // Arrays are converted element by element (an ArrayCoerceExpr), which always rewrites.
  if (from.array || to.array) return Change::Rewrite;
  const std::string f = canonical_name(from), t = canonical_name(to);
  const bool f_text = f == "varchar" || f == "text", t_text = t == "varchar" || t == "text";
  if (f_text && t_text) {
    // text has no length; varchar(n) → text / varchar / varchar(m ≥ n) keeps the bytes.
    if (t == "text") return Change::Catalog;
    if (f == "text") return first_mod(to) ? Change::Rewrite : Change::Catalog;
    return length_kept(from, to) ? Change::Catalog : Change::Rewrite;
  }
  if (f == "xml" && t == "text") return Change::Catalog;
  if (f == "cidr" && t == "inet") return Change::Catalog;
  if (f == "bpchar" && t == "bpchar")
    // bpchar has no length support function: only dropping the limit is free.
    return to.typmods.empty() ? Change::Catalog : Change::Rewrite;
  if (f == "varbit" && t == "varbit") return length_kept(from, to) ? Change::Catalog : Change::Rewrite;
  if (f == "numeric" && t == "numeric") {
    // numeric(p, s) → numeric, or numeric(p2 ≥ p, same s) (numeric_support).
    if (to.typmods.empty()) return Change::Catalog;
    if (from.typmods.empty()) return Change::Rewrite;
    int64_t fs = from.typmods.size() > 1 ? from.typmods[1] : 0;
    int64_t ts = to.typmods.size() > 1 ? to.typmods[1] : 0;
    return fs == ts && from.typmods[0] <= to.typmods[0] ? Change::Catalog : Change::Rewrite;
  }
  if (f == "interval" && t == "interval") {
    // interval's typmod is (fields, precision), 32767 = all fields. Dropping it, or keeping
    // the fields and the fractional-second precision, is free (interval_support); other field
    // changes are sometimes free too, but are assumed to rewrite.
    if (to.typmods.empty()) return Change::Catalog;
    auto fields = [](const TypeRef& x) { return x.typmods.empty() ? int64_t{32767} : x.typmods[0]; };
    auto precision = [](const TypeRef& x) {
      return x.typmods.size() == 2 ? std::optional<int64_t>(x.typmods[1]) : std::nullopt;
    };
    auto fp = precision(from), tp = precision(to);
    bool kept = !tp || *tp >= 6 || (fp && *fp <= *tp);
    return fields(from) == fields(to) && kept ? Change::Catalog : Change::Rewrite;
  }
  if (is_time_type(f) && f == t) return precision_kept(from, to) ? Change::Catalog : Change::Rewrite;
  if ((f == "timestamp" && t == "timestamptz") || (f == "timestamptz" && t == "timestamp"))
    return precision_kept(from, to) ? Change::TimeZone : Change::Rewrite;
  return Change::Rewrite;
}

const nlohmann::json& raw_type_command(const Statement& st, const std::string& column) {
  for (const auto& cmd : json_read::list(json_read::body(st.node), "cmds")) {
    const auto& b = json_read::body(cmd);
    if (json_read::get_string(b, "subtype") == "AT_AlterColumnType" &&
        json_read::get_string(b, "name") == column)
      return b;
  }
  return json_read::null_json();
}

bool is_column_ref(const nlohmann::json& node, const std::string& column) {
  const auto& b = json_read::body_if(node, "ColumnRef");
  if (!b.is_object()) return false;
  const auto& fields = json_read::list(b, "fields");
  return !fields.empty() && json_read::string_value(fields.back()) == column;
}

}  // namespace

std::string ColumnType::str() const {
  return collation.empty() ? type.str() : fmt::format("{} COLLATE \"{}\"", type.str(), collation);
}

std::optional<ColumnType> parse_column_type(std::string_view sql) {
  auto parsed = parse_sql(fmt::format("ALTER TABLE t ALTER COLUMN c TYPE {}", sql));
  if (!parsed.ok() || parsed.statements.size() != 1) return std::nullopt;
  auto alter = as_alter_table(parsed.statements[0]);
  if (!alter || alter->commands.size() != 1 || !alter->commands[0].column ||
      alter->commands[0].type != AlterTableType::AlterColumnType ||
      alter->commands[0].column->using_expression.present())
    return std::nullopt;
  return new_column_type(alter->commands[0]);
}

ColumnType new_column_type(const AlterTableCommand& cmd) {
  if (!cmd.column) return {};
  return ColumnType{cmd.column->type, normal_collation(cmd.column->collation)};
}

UsingKind using_kind(const Statement& st, const AlterTableCommand& cmd) {
  const auto& def = json_read::body_if(json_read::field(raw_type_command(st, cmd.name), "def"), "ColumnDef");
  const auto& expr = json_read::field(def, "raw_default");
  if (expr.is_null()) return UsingKind::None;
  if (is_column_ref(expr, cmd.name)) return UsingKind::SameColumn;
  // USING c::newtype is the conversion ALTER TYPE makes anyway.
  if (const auto& cast = json_read::body_if(expr, "TypeCast"); cast.is_object() && cmd.column &&
      is_column_ref(json_read::field(cast, "arg"), cmd.name) &&
      same_type(read_type_name(json_read::field(cast, "typeName")), cmd.column->type))
    return UsingKind::SameColumn;
  return UsingKind::Expression;
}

TypeChangeVerdict classify_type_change(const std::optional<ColumnType>& from, const ColumnType& to,
                                       UsingKind using_clause, int pg_major, bool utc_timezone) {
  TypeChangeVerdict v;
  v.old_type_known = from.has_value();
  if (using_clause == UsingKind::Expression) {
    v.why = "ALTER COLUMN TYPE … USING computes every row: rewrites the table and its indexes";
    return v;
  }
  if (!from) {
    v.why = "ALTER COLUMN TYPE rewrites the table and its indexes";
    return v;
  }
  const std::string arrow = fmt::format("{} → {}", from->str(), to.str());
  Change change = type_change(from->type, to.type);
  if (change == Change::TimeZone) {
    // PostgreSQL 12+ skips the rewrite when the session TimeZone has a fixed offset of zero
    // (the stored microseconds then mean the same instant); the opclass still changes.
    if (pg_major >= 12 && utc_timezone) {
      v.work = Work::Scan;
      v.why = fmt::format("ALTER COLUMN TYPE {} under a UTC TimeZone keeps the table but rebuilds "
                          "the indexes on the column (scan)", arrow);
    } else {
      v.depends_on_timezone = pg_major >= 12;
      v.why = fmt::format("ALTER COLUMN TYPE {} rewrites the table and its indexes{}", arrow,
                          pg_major >= 12 ? " unless the session TimeZone is UTC" : "");
    }
    return v;
  }
  if (change == Change::Rewrite) {
    v.why = fmt::format("ALTER COLUMN TYPE {} rewrites the table and its indexes", arrow);
    return v;
  }
  if (normal_collation(from->collation) != normal_collation(to.collation)) {
    auto name = [](const std::string& c) { return c.empty() ? std::string("the default") : "\"" + c + "\""; };
    v.work = Work::Scan;
    v.why = fmt::format("ALTER COLUMN TYPE {} changes the collation from {} to {}: keeps the table "
                        "but rebuilds the indexes on the column (scan)",
                        arrow, name(normal_collation(from->collation)), name(normal_collation(to.collation)));
    return v;
  }
  v.work = Work::CatalogOnly;
  v.why = change == Change::Same
              ? fmt::format("ALTER COLUMN TYPE {} keeps the type (catalog only)", to.str())
              : fmt::format("ALTER COLUMN TYPE {} is binary-coercible (catalog only)", arrow);
  return v;
}

bool is_utc_timezone(std::string_view value) {
  // Checked one by one on PostgreSQL 15 (tests/data/rewrites/type_changes.tsv).
  static constexpr std::array<std::string_view, 27> utc = {
      "utc", "etc/utc", "uct", "etc/uct", "gmt", "etc/gmt", "gmt0", "etc/gmt0", "gmt+0",
      "etc/gmt+0", "gmt-0", "etc/gmt-0", "greenwich", "etc/greenwich", "universal",
      "etc/universal", "zulu", "etc/zulu", "utc0", "utc+0", "0", "+0", "-0", "0:00", "00:00",
      "+00:00", "-00:00"};
  std::string lower(value);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(utc.begin(), utc.end(), lower) != utc.end();
}

}  // namespace miglint::sql
