// Readers for type names, expressions, constraints and column definitions.
#include "sql/definitions.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "sql/json_read.h"

namespace miglint::sql {

using namespace json_read;

std::string TypeRef::str() const {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i == 0 && names.size() > 1 && names[0] == "pg_catalog") continue;
    if (!out.empty()) out += '.';
    out += names[i];
  }
  if (!typmods.empty()) out += fmt::format("({})", fmt::join(typmods, ","));
  if (array) out += "[]";
  return out;
}

TypeRef read_type_name(const nlohmann::json& b) {
  TypeRef t;
  t.names = string_list(list(b, "names"));
  for (const auto& mod : list(b, "typmods")) t.typmods.push_back(constant_int(mod).value_or(-1));
  t.array = !list(b, "arrayBounds").empty();
  return t;
}

Expr read_expr(const nlohmann::json& node) {
  Expr e;
  std::string_view k = kind(node);
  const auto& b = body(node);
  if (k.empty()) return e;
  if (k == "A_Const") {
    e.kind = ExprKind::Constant;
    e.is_null = get_bool(b, "isnull");
    e.constant = constant_text(node).value_or("");
  } else if (k == "TypeCast") {
    // A cast is of the kind of what it casts: 'x'::text and '{}'::jsonb are constants (the
    // cast is resolved once, at ALTER time), now()::date is a function call.
    e = read_expr(field(b, "arg"));
    if (e.kind == ExprKind::None) e.kind = ExprKind::Other;
  } else if (k == "FuncCall") {
    e.kind = ExprKind::FunctionCall;
    auto names = string_list(list(b, "funcname"));
    e.function = names.empty() ? std::string() : names.back();
  } else if (k == "SQLValueFunction") {
    // CURRENT_TIMESTAMP, CURRENT_DATE, LOCALTIME…: "SVFOP_CURRENT_TIMESTAMP" → name.
    e.kind = ExprKind::FunctionCall;
    std::string op = get_string(b, "op");
    if (op.rfind("SVFOP_", 0) == 0) op = op.substr(6);
    std::transform(op.begin(), op.end(), op.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    e.function = op;
  } else {
    e.kind = ExprKind::Other;
  }
  return e;
}

namespace {

// Collects `col IS NOT NULL` from an expression and the operands of its top-level ANDs (the
// forms PostgreSQL's predicate prover accepts when SET NOT NULL looks for a CHECK).
void not_null_operands(const nlohmann::json& node, std::vector<std::string>& out) {
  if (const auto& b = body_if(node, "BoolExpr"); b.is_object()) {
    if (get_string(b, "boolop") != "AND_EXPR") return;
    for (const auto& arg : list(b, "args")) not_null_operands(arg, out);
    return;
  }
  const auto& test = body_if(node, "NullTest");
  if (!test.is_object() || get_string(test, "nulltesttype") != "IS_NOT_NULL") return;
  auto fields = string_list(list(body_if(field(test, "arg"), "ColumnRef"), "fields"));
  if (!fields.empty()) out.push_back(fields.back());
}

}  // namespace

ConstraintDef read_constraint(const nlohmann::json& b) {
  ConstraintDef c;
  c.type = parse_constraint_type(get_string(b, "contype"));
  c.name = get_string(b, "conname");
  c.not_valid = get_bool(b, "skip_validation");
  c.deferrable = get_bool(b, "deferrable");
  c.columns = string_list(list(b, "keys"));
  if (c.columns.empty()) c.columns = string_list(list(b, "fk_attrs"));
  c.using_index = get_string(b, "indexname");
  c.references = range_var_name(field(b, "pktable"));
  c.referenced_columns = string_list(list(b, "pk_attrs"));
  c.expression = read_expr(field(b, "raw_expr"));
  if (c.type == ConstraintType::Check) not_null_operands(field(b, "raw_expr"), c.not_null_columns);
  return c;
}

ColumnDef read_column_def(const nlohmann::json& b) {
  ColumnDef col;
  col.name = get_string(b, "colname");
  col.type = read_type_name(field(b, "typeName"));
  auto collation = string_list(list(field(b, "collClause"), "collname"));
  if (!collation.empty()) col.collation = collation.back();
  // In ALTER COLUMN … TYPE, PostgreSQL's grammar stores the USING expression as raw_default.
  col.using_expression = read_expr(field(b, "raw_default"));
  for (const auto& node : list(b, "constraints")) {
    const auto& cb = body_if(node, "Constraint");
    if (!cb.is_object()) continue;
    ConstraintDef c = read_constraint(cb);
    switch (c.type) {
      case ConstraintType::NotNull: col.not_null = true; break;
      case ConstraintType::Null: col.not_null = false; break;
      case ConstraintType::Default: col.default_value = c.expression; break;
      case ConstraintType::PrimaryKey: col.primary_key = col.not_null = true; break;
      case ConstraintType::Unique: col.unique = true; break;
      case ConstraintType::Identity: col.identity = col.not_null = true; break;
      case ConstraintType::Generated: col.generated = true; break;
      default: break;
    }
    col.constraints.push_back(std::move(c));
  }
  return col;
}

}  // namespace miglint::sql
