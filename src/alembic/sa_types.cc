// The PostgreSQL type compiler of SQLAlchemy 1.4.46 (dialects/postgresql/base.py
// PGTypeCompiler and sql/compiler.py GenericTypeCompiler), over evaluated type Values.
#include "alembic/sa_types.h"

#include <fmt/format.h>

#include <map>

namespace miglint::alembic::lower {
namespace {

std::string base_name(const Value& t) {
  std::string s = short_callee(t);
  if (s.rfind("sa.", 0) == 0 || s.rfind("pg.", 0) == 0) return s.substr(3);
  return {};
}

// Types that render as a fixed word whatever their arguments (timezone-less ones).
const std::map<std::string, std::string, std::less<>>& fixed_types() {
  static const std::map<std::string, std::string, std::less<>> m = {
      {"Integer", "INTEGER"}, {"INTEGER", "INTEGER"}, {"INT", "INTEGER"},
      {"BigInteger", "BIGINT"}, {"BIGINT", "BIGINT"},
      {"SmallInteger", "SMALLINT"}, {"SMALLINT", "SMALLINT"},
      {"Boolean", "BOOLEAN"}, {"BOOLEAN", "BOOLEAN"},
      {"Date", "DATE"}, {"DATE", "DATE"},
      {"LargeBinary", "BYTEA"}, {"BYTEA", "BYTEA"}, {"BLOB", "BYTEA"}, {"BINARY", "BYTEA"},
      {"VARBINARY", "BYTEA"}, {"PickleType", "BYTEA"},
      {"JSON", "JSON"}, {"JSONB", "JSONB"},
      {"UUID", "UUID"}, {"INET", "INET"}, {"CIDR", "CIDR"}, {"MACADDR", "MACADDR"},
      {"MACADDR8", "MACADDR8"}, {"MONEY", "MONEY"}, {"OID", "OID"}, {"REGCLASS", "REGCLASS"},
      {"TSVECTOR", "TSVECTOR"}, {"HSTORE", "HSTORE"}, {"REAL", "REAL"},
      {"DOUBLE_PRECISION", "DOUBLE PRECISION"},
      {"INT4RANGE", "INT4RANGE"}, {"INT8RANGE", "INT8RANGE"}, {"NUMRANGE", "NUMRANGE"},
      {"DATERANGE", "DATERANGE"}, {"TSRANGE", "TSRANGE"}, {"TSTZRANGE", "TSTZRANGE"},
  };
  return m;
}

// An integer argument (positional i or keyword), or nullopt when absent/None.
std::optional<int64_t> int_arg(Ctx& ctx, const Value& t, size_t i, std::string_view kw) {
  const Value* v = pos_or_kw(t.args, i, t.kwargs, kw);
  if (is_none(v)) return std::nullopt;
  if (v->kind != ValueKind::Int) {
    ctx.fail(v, fmt::format("`{}` is not an integer literal", kw));
    return std::nullopt;
  }
  return v->integer;
}

std::string string_type(Ctx& ctx, const Value& t, std::string_view word) {
  std::string out(word);
  if (auto n = int_arg(ctx, t, 0, "length")) out += fmt::format("({})", *n);
  const Value* coll = pos_or_kw(t.args, 1, t.kwargs, "collation");
  if (!is_none(coll)) {
    if (coll->kind != ValueKind::Str) ctx.fail(coll, "collation is not a string literal");
    else out += " COLLATE " + quote_ident(coll->text);
  }
  return out;
}

std::string timestamp_type(Ctx& ctx, const Value& t, std::string_view word, bool pg) {
  auto tz = as_bool(pos_or_kw(t.args, 0, t.kwargs, "timezone")).value_or(false);
  std::optional<int64_t> precision;
  if (pg) precision = int_arg(ctx, t, 1, "precision");
  return fmt::format("{}{} {} TIME ZONE", word,
                     precision ? fmt::format("({})", *precision) : "", tz ? "WITH" : "WITHOUT");
}

std::vector<std::string> enum_values(Ctx& ctx, const Value& t) {
  std::vector<std::string> out;
  for (const auto& a : t.args) {
    if (a->kind != ValueKind::Str) {
      ctx.fail(a.get(), "enum values must be string literals (a Python Enum class is not "
                        "modelled)");
      return out;
    }
    out.push_back(a->text);
  }
  return out;
}

}  // namespace

const Value& effective_type(const Value& t) {
  // `T.with_variant(U, "postgresql")` is U on PostgreSQL, T for any other dialect name.
  if (t.kind == ValueKind::Object && t.receiver && t.callee == "with_variant" && t.called) {
    const Value* variant = t.arg(0);
    const Value* dialect = t.arg(1);
    bool pg = false;
    if (dialect && dialect->kind == ValueKind::Str) pg = dialect->text == "postgresql";
    if (dialect && (dialect->kind == ValueKind::List || dialect->kind == ValueKind::Tuple))
      for (const auto& d : dialect->items) pg = pg || (d->kind == ValueKind::Str && d->text == "postgresql");
    return effective_type(pg && variant ? *variant : *t.receiver);
  }
  return t;
}

bool enum_of(Ctx& ctx, const Value& type, EnumType* out) {
  const Value& t = effective_type(type);
  std::string b = base_name(t);
  if (b != "Enum" && b != "ENUM") return false;
  if (!t.called) {
    ctx.fail(&t, "an Enum type needs its values and name");
    return false;
  }
  if (b == "Enum" && as_bool(find_kw(t.kwargs, "native_enum")) == false) return false;
  out->values = enum_values(ctx, t);
  auto name = as_name(find_kw(t.kwargs, "name"));
  if (!name) {
    ctx.fail(&t, "PostgreSQL ENUM type requires a name");
    return false;
  }
  out->name = *name;
  const Value* schema = find_kw(t.kwargs, "schema");
  if (!is_none(schema)) {
    if (auto s = as_name(schema)) out->schema = *s;
    else ctx.fail(schema, "schema is not a string literal");
  }
  if (b == "ENUM") out->create_type = as_bool(find_kw(t.kwargs, "create_type")).value_or(true);
  return true;
}

std::string render_type(Ctx& ctx, const Value& type, std::vector<EnumType>* enums) {
  const Value& t = effective_type(type);
  if (t.kind != ValueKind::Object) {
    ctx.fail(&t, "not a SQLAlchemy type");
    return {};
  }
  std::string b = base_name(t);
  bool pg = short_callee(t).rfind("pg.", 0) == 0;
  if (auto it = fixed_types().find(b); it != fixed_types().end()) {
    if (b == "UUID" && !pg) {
      ctx.fail(&t, "sqlalchemy.UUID does not exist in SQLAlchemy 1.4 (use postgresql.UUID)");
      return {};
    }
    return it->second;
  }
  if (b == "String" || b == "Unicode" || b == "VARCHAR" || b == "NVARCHAR")
    return string_type(ctx, t, "VARCHAR");
  if (b == "Text" || b == "UnicodeText" || b == "TEXT") return string_type(ctx, t, "TEXT");
  if (b == "CHAR" || b == "NCHAR") return string_type(ctx, t, "CHAR");
  if (b == "DateTime") return timestamp_type(ctx, t, "TIMESTAMP", false);
  if (b == "TIMESTAMP") return timestamp_type(ctx, t, "TIMESTAMP", pg);
  if (b == "Time" || b == "TIME") return timestamp_type(ctx, t, "TIME", pg);
  if (b == "Numeric" || b == "NUMERIC" || b == "DECIMAL") {
    auto p = int_arg(ctx, t, 0, "precision");
    auto s = int_arg(ctx, t, 1, "scale");
    std::string word = b == "DECIMAL" ? "DECIMAL" : "NUMERIC";
    if (!p) return word;
    if (!s) return fmt::format("{}({})", word, *p);
    return fmt::format("{}({}, {})", word, *p, *s);
  }
  if (b == "Float" || b == "FLOAT") {
    auto p = int_arg(ctx, t, 0, "precision");
    return p ? fmt::format("FLOAT({})", *p) : "FLOAT";
  }
  if (b == "Interval" || b == "INTERVAL") {
    // sa.Interval adapts to postgresql.INTERVAL(precision=second_precision).
    std::optional<int64_t> precision;
    std::string fields;
    if (b == "Interval") {
      precision = int_arg(ctx, t, 1, "second_precision");
    } else {
      precision = int_arg(ctx, t, 0, "precision");
      const Value* f = pos_or_kw(t.args, 1, t.kwargs, "fields");
      if (!is_none(f)) {
        if (f->kind != ValueKind::Str) ctx.fail(f, "fields is not a string literal");
        else fields = " " + f->text;
      }
    }
    return "INTERVAL" + fields + (precision ? fmt::format(" ({})", *precision) : "");
  }
  if (b == "ARRAY") {
    const Value* item = pos_or_kw(t.args, 0, t.kwargs, "item_type");
    if (!item || !t.called) {
      ctx.fail(&t, "ARRAY needs its item type");
      return {};
    }
    std::string inner = render_type(ctx, *item, enums);
    auto dims = int_arg(ctx, t, 2, "dimensions").value_or(1);
    std::string brackets;
    for (int64_t i = 0; i < dims; ++i) brackets += "[]";
    // The brackets go before a trailing COLLATE clause.
    auto coll = inner.find(" COLLATE");
    if (coll == std::string::npos) return inner + brackets;
    return inner.substr(0, coll) + brackets + inner.substr(coll);
  }
  if (b == "Enum" || b == "ENUM") {
    EnumType e;
    if (enum_of(ctx, t, &e)) {
      if (enums) enums->push_back(e);
      return format_table(e.name, e.schema);
    }
    if (ctx.failed) return {};
    // native_enum=False: VARCHAR as long as the longest value (no CHECK since 1.4).
    size_t longest = 0;
    for (const auto& v : enum_values(ctx, t)) longest = std::max(longest, v.size());
    if (auto n = int_arg(ctx, t, 99, "length")) longest = static_cast<size_t>(*n);
    return fmt::format("VARCHAR({})", longest);
  }
  ctx.fail(&t, "type not modelled by miglint");
  return {};
}

TypeFamily type_family(const Value& type) {
  std::string b = base_name(effective_type(type));
  if (b == "Integer" || b == "INTEGER" || b == "INT") return TypeFamily::Integer;
  if (b == "BigInteger" || b == "BIGINT") return TypeFamily::BigInteger;
  if (b == "SmallInteger" || b == "SMALLINT") return TypeFamily::SmallInteger;
  if (b == "Numeric" || b == "NUMERIC" || b == "DECIMAL") return TypeFamily::Numeric;
  if (b == "Float" || b == "FLOAT" || b == "REAL" || b == "DOUBLE_PRECISION")
    return TypeFamily::Float;
  if (b == "Boolean" || b == "BOOLEAN") return TypeFamily::Boolean;
  if (b == "String" || b == "Unicode" || b == "VARCHAR" || b == "Text" || b == "TEXT" ||
      b == "UnicodeText" || b == "CHAR" || b == "NCHAR" || b == "NVARCHAR")
    return TypeFamily::String;
  return TypeFamily::Other;
}

std::string create_enum_sql(const EnumType& e) {
  std::string vals;
  for (const auto& v : e.values) {
    if (!vals.empty()) vals += ", ";
    vals += quote_literal(v);
  }
  return fmt::format("CREATE TYPE {} AS ENUM ({})", format_table(e.name, e.schema), vals);
}

std::string drop_enum_sql(const EnumType& e) {
  return "DROP TYPE " + format_table(e.name, e.schema);
}

}  // namespace miglint::alembic::lower
