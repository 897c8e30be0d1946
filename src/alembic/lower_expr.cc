// Expression compilation with literal binds (sql/compiler.py SQLCompiler, PGCompiler).
#include "alembic/lower_expr.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace miglint::alembic::lower {
namespace {

// ANSI functions SQLAlchemy renders without parentheses when called without arguments.
constexpr std::array<std::string_view, 8> kAnsiFunctions = {
    "current_date", "current_time", "current_timestamp", "current_user",
    "localtime",    "localtimestamp", "session_user",     "user"};

std::string render_float(double d) {
  // Python's repr for floats: shortest round-trip text, always with a '.' or exponent.
  std::string s = fmt::format("{}", d);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

}  // namespace

std::string render_literal(Ctx& ctx, const Value& v) {
  switch (v.kind) {
    case ValueKind::None: return "NULL";
    case ValueKind::Bool: return v.boolean ? "true" : "false";
    case ValueKind::Int: return std::to_string(v.integer);
    case ValueKind::Float: return render_float(v.real);
    case ValueKind::Str: return quote_literal(v.text);
    case ValueKind::Object:
      if (short_callee(v) == "op.inline_literal" && v.arg(0)) return render_literal(ctx, *v.arg(0));
      return render_expr(ctx, v);
    default:
      ctx.fail(&v, v.kind == ValueKind::Dynamic ? "value not known statically" + 
                   (v.reason.empty() ? std::string() : " (" + v.reason + ")")
                                                : "value has no SQL literal form");
      return {};
  }
}

std::string render_typed_literal(Ctx& ctx, const Value* type, const Value& v) {
  if (v.kind == ValueKind::None) return "NULL";
  if (v.kind == ValueKind::Object) return render_literal(ctx, v);  // inline_literal, sa.text...
  if (!type) {
    ctx.fail(&v, "no literal renderer for a column without a type (NullType)");
    return {};
  }
  const Value& t = effective_type(*type);
  std::string b = short_callee(t);
  b = b.size() > 3 ? b.substr(3) : b;
  switch (type_family(t)) {
    case TypeFamily::Integer: case TypeFamily::BigInteger: case TypeFamily::SmallInteger:
      if (v.kind == ValueKind::Int) return std::to_string(v.integer);
      if (v.kind == ValueKind::Bool) return v.boolean ? "1" : "0";
      if (v.kind == ValueKind::Float && std::isfinite(v.real))
        return std::to_string(static_cast<int64_t>(v.real));
      if (v.kind == ValueKind::Str) {
        std::string d = v.text;
        bool ok = !d.empty();
        for (size_t i = 0; i < d.size(); ++i)
          ok = ok && (std::isdigit(static_cast<unsigned char>(d[i])) || (i == 0 && d[i] == '-'));
        // from_chars, not std::stoll: 30 digits would throw out_of_range. Such a number is
        // not rendered (the failure below) rather than guessed.
        long long n = 0;
        if (ok && d != "-") {
          auto [end, ec] = std::from_chars(d.data(), d.data() + d.size(), n);
          if (ec == std::errc() && end == d.data() + d.size()) return std::to_string(n);
        }
      }
      break;
    case TypeFamily::Boolean:
      if (v.kind == ValueKind::Bool) return v.boolean ? "true" : "false";
      if (v.kind == ValueKind::Int && (v.integer == 0 || v.integer == 1)) return v.integer ? "true" : "false";
      break;
    case TypeFamily::Float: case TypeFamily::Numeric:
      if (v.kind == ValueKind::Int || v.kind == ValueKind::Float) return render_literal(ctx, v);
      break;
    case TypeFamily::String:
      if (v.kind == ValueKind::Str) return quote_literal(v.text);
      break;
    case TypeFamily::Other:
      if ((b == "Enum" || b == "ENUM" || b == "UUID") && v.kind == ValueKind::Str)
        return quote_literal(v.text);
      break;
  }
  ctx.fail(&v, "no literal renderer for this value and column type (SQLAlchemy raises "
               "CompileError)");
  return {};
}

std::string render_expr(Ctx& ctx, const Value& v) {
  if (v.kind == ValueKind::Str) return process_text(v.text, {}, nullptr);
  if (v.kind != ValueKind::Object) return render_literal(ctx, v);
  std::string c = short_callee(v);
  if (c == "sa.text" || c == "sa.literal_column") {
    const Value* t = v.arg(0);
    if (!t || t->kind != ValueKind::Str) {
      ctx.fail(&v, "the SQL text is not a string known statically");
      return {};
    }
    return c == "sa.text" ? process_text(t->text, {}, nullptr) : t->text;
  }
  if (c == "sa.true" || c == "sa.false" || c == "sa.null") {
    if (c == "sa.null") return "NULL";
    return c == "sa.true" ? "true" : "false";
  }
  if (v.called && v.args.size() == 2 && v.callee.rfind("operator.", 0) == 0) {
    // A comparison inside DDL (CheckConstraint(sa.column("a") >= 0)): compiled with literal
    // binds, so the right side prints as a literal.
    static const std::array<std::pair<std::string_view, std::string_view>, 6> ops = {{
        {"operator.eq", "="}, {"operator.ne", "!="}, {"operator.lt", "<"},
        {"operator.le", "<="}, {"operator.gt", ">"}, {"operator.ge", ">="}}};
    for (const auto& [name, sql] : ops) {
      if (v.callee != name) continue;
      std::string lhs = render_expr(ctx, *v.args[0]);
      const Value& r = *v.args[1];
      if (r.kind == ValueKind::None && (sql == "=" || sql == "!="))
        return lhs + (sql == "=" ? " IS NULL" : " IS NOT NULL");
      return lhs + " " + std::string(sql) + " " +
             (r.kind == ValueKind::Object ? render_expr(ctx, r) : render_literal(ctx, r));
    }
  }
  if (c == "sa.column" && v.arg(0) && v.arg(0)->kind == ValueKind::Str)
    return quote_ident(v.arg(0)->text);
  if (c == "op.inline_literal" && v.arg(0)) return render_literal(ctx, *v.arg(0));
  if (c.rfind("func.", 0) == 0 && v.called) {
    std::string name = c.substr(5);
    if (name.find('.') != std::string::npos) {
      ctx.fail(&v, "package-qualified SQL functions are not modelled");
      return {};
    }
    std::string lower = name;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (v.args.empty() && std::find(kAnsiFunctions.begin(), kAnsiFunctions.end(), lower) !=
                              kAnsiFunctions.end())
      return fmt::format("{}", [&] { std::string u = lower;
        for (auto& ch : u) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        return u; }());
    if (!v.kwargs.empty()) {
      ctx.fail(&v, "keyword arguments to a SQL function are not modelled");
      return {};
    }
    if (lower == "now" || lower == "count" || lower == "max" || lower == "min" ||
        lower == "sum" || lower == "coalesce" || lower == "random")
      name = lower;  // registered GenericFunctions render under their own lower-case name
    std::string args;
    for (const auto& a : v.args) {
      if (!args.empty()) args += ", ";
      args += a->kind == ValueKind::Str ? quote_literal(a->text) : render_expr(ctx, *a);
    }
    if (lower == "count" && v.args.empty()) args = "*";
    return fmt::format("{}({})", name, args);
  }
  ctx.fail(&v, "expression not modelled by miglint");
  return {};
}

std::string render_server_default(Ctx& ctx, const Value& v) {
  if (v.kind == ValueKind::Str) return quote_literal(v.text);
  if (v.kind == ValueKind::Object) return render_expr(ctx, v);
  ctx.fail(&v, "server_default must be a string, sa.text() or a SQL expression");
  return {};
}

}  // namespace miglint::alembic::lower
