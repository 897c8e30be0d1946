#include "lint/type_narrowing.h"

#include <limits>
#include <optional>
#include <string>

namespace miglint::lint {
namespace {

constexpr long long kUnbounded = std::numeric_limits<long long>::max();

int integer_rank(const std::string& n) {
  if (n == "int2") return 1;
  if (n == "int4") return 2;
  if (n == "int8") return 3;
  return 0;
}

bool is_float(const std::string& n) { return n == "float4" || n == "float8"; }
bool is_timestamp(const std::string& n) { return n == "timestamp" || n == "timestamptz"; }

// The longest string a type holds, for text-like types: text and varchar without a length are
// unbounded; a bare char is char(1).
std::optional<long long> string_length(const sql::TypeRef& t) {
  std::string n = t.name();
  bool has_length = !t.typmods.empty() && t.typmods[0] > 0;
  if (n == "text") return kUnbounded;
  if (n == "varchar") return has_length ? t.typmods[0] : kUnbounded;
  if (n == "bpchar") return has_length ? t.typmods[0] : 1;
  return std::nullopt;
}

// Fractional-second digits of a time type (PostgreSQL's default is 6).
std::optional<long long> time_precision(const sql::TypeRef& t) {
  std::string n = t.name();
  if (!is_timestamp(n) && n != "time" && n != "timetz") return std::nullopt;
  return !t.typmods.empty() && t.typmods[0] >= 0 ? t.typmods[0] : 6;
}

}  // namespace

Narrowing narrowing(const sql::TypeRef& from, const sql::TypeRef& to, bool with_using) {
  using N = Narrowing;
  if (from.empty() || to.empty() || from.array != to.array) return N::None;
  const std::string f = from.name(), t = to.name();

  if (int rt = integer_rank(t)) {
    if (int rf = integer_rank(f)) return rt < rf ? N::Fails : N::None;  // "integer out of range"
    return f == "numeric" || is_float(f) ? N::Loses : N::None;          // fractions rounded away
  }
  // float4 keeps about 6 significant digits, float8 15: larger integers and numerics round.
  if (t == "float4") return f == "float8" || f == "numeric" || f == "int8" || f == "int4" ? N::Loses : N::None;
  if (t == "float8") return f == "numeric" || f == "int8" ? N::Loses : N::None;
  if (t == "numeric" && !to.typmods.empty()) {
    if (f != "numeric") return is_float(f) ? N::Loses : N::None;
    long long tp = to.typmods[0], ts = to.typmods.size() > 1 ? to.typmods[1] : 0;
    if (from.typmods.empty()) return N::Loses;  // any scale → a bounded one: rounds
    long long fp = from.typmods[0], fs = from.typmods.size() > 1 ? from.typmods[1] : 0;
    if (ts < fs) return N::Loses;               // fewer decimals: rounds
    return tp - ts < fp - fs ? N::Fails : N::None;  // fewer integer digits: "numeric field overflow"
  }
  if (auto tl = string_length(to)) {
    auto fl = string_length(from);
    if (!fl || *tl >= *fl) return N::None;
    // The implicit (assignment) cast refuses long values; an explicit one cuts them.
    return with_using ? N::Loses : N::Fails;
  }
  if (auto tp = time_precision(to)) {
    if ((t == "time" || t == "timetz") && is_timestamp(f)) return N::Loses;  // the date
    auto fp = time_precision(from);
    return fp && *tp < *fp ? N::Loses : N::None;  // rounded to fewer fractional digits
  }
  if (t == "date") return is_timestamp(f) ? N::Loses : N::None;
  return N::None;
}

}  // namespace miglint::lint
