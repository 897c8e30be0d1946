// column-type-narrowing: ALTER COLUMN … TYPE to a type that cannot hold every value of the old
// one, so the ALTER fails on existing rows or silently rounds, cuts or converts them. The old
// type comes from op.alter_column's existing_type= (autogenerate always writes it) or from an
// earlier ALTER … TYPE of the same column in the revision; without it nothing is reported.
#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "alembic/op_call.h"
#include "alembic/sa_types.h"
#include "alembic/revision.h"
#include "lint/migration.h"
#include "lint/rule.h"
#include "rules/destructive_support.h"
#include "sql/alter_table.h"
#include "sql/ddl.h"
#include "sql/sql_text.h"

namespace miglint::rules {

using destructive::quote_name;

namespace {

constexpr int64_t kUnbounded = std::numeric_limits<int64_t>::max();

enum class Family { String, Integer, Numeric, Float, Timestamp, TimestampTz, Date, Time, TimeTz, Other };

struct TypeFacts {
  Family family = Family::Other;
  std::string display;  // "varchar(20)", "bigint", "numeric(10,2)"
  int64_t length = kUnbounded;  // String: the character limit
  int bytes = 0;                // Integer: 2, 4 or 8; Float: 4 or 8
  // Numeric: digits allowed before and after the decimal point (an integer type has
  // 5/10/19 before and 0 after; unconstrained numeric and floats are unbounded).
  int64_t int_digits = kUnbounded, scale = kUnbounded;
  int64_t precision = 6;  // Timestamp/Time: fractional-second digits (6 when not given)
};

int64_t typmod(const sql::TypeRef& t, size_t i, int64_t fallback) {
  return i < t.typmods.size() && t.typmods[i] >= 0 ? t.typmods[i] : fallback;
}

TypeFacts facts_of(const sql::TypeRef& t) {
  TypeFacts f;
  std::string name = t.name();
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  f.display = t.str();
  auto integer = [&](int bytes, int digits, const char* display) {
    f.family = Family::Integer;
    f.bytes = bytes;
    f.int_digits = digits;
    f.scale = 0;
    f.display = display;
  };
  if (name == "text") {
    f.family = Family::String;
  } else if (name == "varchar") {
    f.family = Family::String;
    f.length = typmod(t, 0, kUnbounded);
  } else if (name == "bpchar") {
    f.family = Family::String;
    f.length = typmod(t, 0, kUnbounded);  // `char` is bpchar(1) after the grammar; bare bpchar is unbounded
    f.display = t.typmods.empty() ? "bpchar" : fmt::format("char({})", f.length);
  } else if (name == "int2") {
    integer(2, 5, "smallint");
  } else if (name == "int4") {
    integer(4, 10, "integer");
  } else if (name == "int8") {
    integer(8, 19, "bigint");
  } else if (name == "numeric") {
    f.family = Family::Numeric;
    if (!t.typmods.empty()) {
      int64_t p = typmod(t, 0, 0), s = typmod(t, 1, 0);
      f.scale = s;
      f.int_digits = p - s;
    }
  } else if (name == "float4" || name == "float8") {
    f.family = Family::Float;
    f.bytes = name == "float4" ? 4 : 8;
    f.display = name == "float4" ? "real" : "double precision";
  } else if (name == "timestamp" || name == "timestamptz") {
    f.family = name == "timestamp" ? Family::Timestamp : Family::TimestampTz;
    f.precision = typmod(t, 0, 6);
  } else if (name == "time" || name == "timetz") {
    f.family = name == "time" ? Family::Time : Family::TimeTz;
    f.precision = typmod(t, 0, 6);
  } else if (name == "date") {
    f.family = Family::Date;
  }
  if (t.array) f.display += "[]";
  return f;
}

bool is_number(Family f) { return f == Family::Integer || f == Family::Numeric || f == Family::Float; }

// What is lost going from `from` to `to`, and whether existing rows can make the ALTER fail
// (as opposed to being changed silently); nothing when `to` holds every value of `from`.
struct Loss {
  std::string what;
  bool can_fail = false;
  std::string check_query;  // a query that counts the rows at risk, given table and column
};

std::optional<Loss> narrowing(const TypeFacts& from, const TypeFacts& to, bool has_using, const std::string& table,
                              const std::string& column) {
  if (from.family == Family::String && to.family == Family::String) {
    if (to.length >= from.length) return std::nullopt;
    return Loss{fmt::format("values longer than {} characters make the ALTER fail (value too long){}", to.length,
                            has_using ? ", or are cut short if USING casts them explicitly" : ""),
                true, fmt::format("SELECT count(*) FROM {} WHERE char_length({}) > {}", table, column, to.length)};
  }
  if (is_number(from.family) && to.family == Family::Integer) {
    bool fractions = from.family != Family::Integer;
    bool range = from.int_digits > to.int_digits || from.family == Family::Float;
    if (!fractions && !range) return std::nullopt;
    std::string what;
    if (fractions) what = "the fractional part of every value is rounded away";
    if (range)
      what += fmt::format("{}values outside {}'s range make the ALTER fail (out of range)", fractions ? ", and " : "",
                          to.display);
    return Loss{what, range, fmt::format("SELECT min({0}), max({0}) FROM {1}", column, table)};
  }
  if (is_number(from.family) && to.family == Family::Numeric) {
    bool rounds = to.scale < from.scale;
    bool overflows = to.int_digits < from.int_digits;
    if (!rounds && !overflows) return std::nullopt;
    std::string what;
    if (rounds) what = fmt::format("every value is rounded to {} decimal places", to.scale);
    if (overflows)
      what += fmt::format("{}values with more than {} digits before the decimal point make the ALTER fail (numeric "
                          "field overflow)",
                          rounds ? ", and " : "", to.int_digits);
    return Loss{what, overflows, fmt::format("SELECT max(abs({})) FROM {}", column, table)};
  }
  if (from.family == Family::Float && to.family == Family::Float && to.bytes < from.bytes)
    return Loss{"every value is rounded to about 6 significant digits, and values beyond real's range make the "
                "ALTER fail",
                true, {}};
  if (from.family == Family::TimestampTz && to.family == Family::Timestamp)
    return Loss{"the time zone is dropped and every value becomes a local time in the migrating session's "
                "TimeZone, so code reading it with another time zone gets shifted instants",
                false, {}};
  if ((from.family == Family::TimestampTz || from.family == Family::Timestamp) && to.family == Family::Date)
    return Loss{"the time of day is dropped from every value", false, {}};
  if (from.family == Family::TimeTz && to.family == Family::Time)
    return Loss{"the time zone offset is dropped from every value", false, {}};
  if (from.family == to.family &&
      (from.family == Family::Timestamp || from.family == Family::TimestampTz || from.family == Family::Time ||
       from.family == Family::TimeTz) &&
      to.precision < from.precision)
    return Loss{fmt::format("fractional seconds are rounded to {} digits", to.precision), false, {}};
  return std::nullopt;
}

// The type an SQLAlchemy type object renders to on PostgreSQL, read back as a TypeRef.
std::optional<sql::TypeRef> rendered_type(const lint::Migration& m, const alembic::Value& type) {
  alembic::lower::Ctx ctx;
  ctx.source = m.revision().file->text();
  std::string rendered = alembic::lower::render_type(ctx, type);
  if (ctx.failed || rendered.empty()) return std::nullopt;
  auto parsed = sql::parse_sql("CREATE TABLE t (c " + rendered + ")");
  if (!parsed.ok() || parsed.statements.size() != 1) return std::nullopt;
  auto table = sql::as_create_table(parsed.statements[0]);
  if (!table || table->columns.size() != 1) return std::nullopt;
  return table->columns[0].type;
}

}  // namespace

void check_column_type_narrowing(const lint::Migration& m, lint::RuleContext& ctx) {
  for (const auto& s : m.statements()) {
    const auto& alter = s.alter_table();
    if (!alter || alter->object_type != sql::ObjectType::Table) continue;
    const sql::QualifiedName& table = alter->relation;
    for (const auto& cmd : alter->commands) {
      if (cmd.type != sql::AlterTableType::AlterColumnType || !cmd.column) continue;
      // A column the revision added holds only the revision's own values.
      if (destructive::column_is_new(m, table, cmd.name, s.index)) continue;
      // The old type: the latest earlier ALTER … TYPE of the column in this revision, else
      // the op call's existing_type=.
      std::optional<sql::TypeRef> old_type;
      const std::string key = lint::relation_key(table);
      for (const auto& earlier : m.statements()) {
        if (earlier.index >= s.index) break;
        const auto& a = earlier.alter_table();
        if (!a || lint::relation_key(a->relation) != key) continue;
        for (const auto& c : a->commands)
          if (c.type == sql::AlterTableType::AlterColumnType && c.name == cmd.name && c.column)
            old_type = c.column->type;
      }
      if (!old_type) {
        const alembic::OpCall* call = m.evaluated_call(s);
        const alembic::Value* existing = call && call->name == "alter_column" ? call->kwarg("existing_type") : nullptr;
        if (existing && !existing->is(alembic::ValueKind::None)) old_type = rendered_type(m, *existing);
      }
      if (!old_type || old_type->array != cmd.column->type.array) continue;
      TypeFacts from = facts_of(*old_type), to = facts_of(cmd.column->type);
      auto loss = narrowing(from, to, cmd.column->using_expression.present(), table.str(), cmd.name);
      if (!loss) continue;
      std::string breaks =
          loss->can_fail ? "; the application version still running may go on writing values that no longer fit, "
                           "and those writes fail"
                         : "; the application version still running goes on writing values that are then changed "
                           "silently";
      std::string check = loss->check_query.empty()
                              ? std::string()
                              : fmt::format("Look at the data first:\n    {}\n", loss->check_query);
      m.report(ctx, s,
               fmt::format("ALTER COLUMN {} of {} narrows it from {} to {}: {}{}", quote_name(cmd.name),
                           quote_name(table.str()), from.display, to.display, loss->what, breaks),
               fmt::format("{0}Keep the wider type and enforce the new limit with a CHECK constraint (added NOT VALID, "
                           "then validated in a later revision), or change the type over several deploys:\n"
                           "  1. revision: op.add_column({1}, sa.Column(\"{2}_new\", <new type>)); deploy code that "
                           "writes both columns\n"
                           "  2. revision: backfill with an explicit conversion, in batches on a large table:\n"
                           "         op.execute(\"UPDATE {5} SET {2}_new = <conversion of {2}> WHERE {2}_new IS NULL\")\n"
                           "  3. deploy code that reads {3}; then drop {4} in a later revision",
                           check, destructive::py(table.name), cmd.name, quote_name(cmd.name + "_new"),
                           quote_name(cmd.name), table.str()));
    }
  }
}

}  // namespace miglint::rules
