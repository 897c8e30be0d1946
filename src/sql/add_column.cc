// ADD COLUMN's work on an existing table (moved out of locks.cc so that the lock model and the
// column rules share one decision). Checked against PostgreSQL 15 by
// tests/oracle/column_rewrites_online.py on the cases in tests/data/rewrites/add_column.tsv.
#include "sql/add_column.h"

#include <algorithm>
#include <array>
#include <vector>

#include <fmt/format.h>

#include "sql/json_read.h"

namespace miglint::sql {

namespace {

// read_expr's names for SQLValueFunctions (CURRENT_TIMESTAMP(3) reads "current_timestamp_n"):
// all stable, and not in pg_proc.
constexpr std::array<std::string_view, 15> sql_value_functions = {
    "current_catalog", "current_date", "current_role", "current_schema", "current_time",
    "current_time_n", "current_timestamp", "current_timestamp_n", "current_user", "localtime",
    "localtime_n", "localtimestamp", "localtimestamp_n", "session_user", "user"};

constexpr std::string_view non_volatile_builtins[] = {
#include "sql/non_volatile_functions.inc"
};

// The names of every function called under `node` (FuncCall nodes; SQLValueFunctions such
// as CURRENT_TIMESTAMP are stable and so not collected).
void function_calls(const nlohmann::json& node, std::vector<std::string>& out) {
  if (node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (it.key() == "FuncCall") {
        auto names = json_read::string_list(json_read::list(it.value(), "funcname"));
        if (!names.empty()) out.push_back(names.back());
      }
      function_calls(it.value(), out);
    }
  } else if (node.is_array()) {
    for (const auto& child : node) function_calls(child, out);
  }
}

// The raw ColumnDef body of ADD COLUMN `name` in an AlterTableStmt, for the parts of the
// DEFAULT expression that Expr does not keep.
const nlohmann::json& raw_added_column(const Statement& st, const std::string& name) {
  for (const auto& cmd : json_read::list(json_read::body(st.node), "cmds")) {
    const auto& def = json_read::body_if(json_read::field(json_read::body(cmd), "def"), "ColumnDef");
    if (!def.is_null() && json_read::get_string(def, "colname") == name) return def;
  }
  return json_read::null_json();
}

// The function in a DEFAULT that forces PostgreSQL 11+ to rewrite the table on ADD COLUMN
// (a volatile expression is evaluated per row), or "" when there is none.
std::string volatile_function(const Statement& st, const ColumnDef& col) {
  const Expr& e = col.default_value;
  if (e.kind != ExprKind::FunctionCall && e.kind != ExprKind::Other) return "";
  // Every call in the expression counts, arguments included: md5(random()::text) is volatile.
  std::vector<std::string> calls;
  for (const auto& c : json_read::list(raw_added_column(st, col.name), "constraints"))
    if (json_read::get_string(json_read::body(c), "contype") == "CONSTR_DEFAULT")
      function_calls(c, calls);
  if (calls.empty() && e.kind == ExprKind::FunctionCall) calls.push_back(e.function);
  for (const auto& f : calls)
    if (!is_non_volatile_function(f)) return f;
  return "";
}

}  // namespace

bool is_non_volatile_function(std::string_view name) {
  if (std::find(sql_value_functions.begin(), sql_value_functions.end(), name) !=
      sql_value_functions.end())
    return true;
  return std::binary_search(std::begin(non_volatile_builtins), std::end(non_volatile_builtins), name);
}

bool is_serial_type(const TypeRef& type) {
  static constexpr std::array<std::string_view, 6> serials = {
      "serial", "bigserial", "smallserial", "serial4", "serial8", "serial2"};
  if (type.array || type.names.size() > 1) return false;
  return std::find(serials.begin(), serials.end(), type.name()) != serials.end();
}

AddColumnEffect add_column_effect(const Statement& st, const ColumnDef& col, int pg_major) {
  const std::string name = fmt::format("ADD COLUMN {}", col.name);
  AddColumnEffect e;
  auto set = [&](Work work, AddColumnCause cause, std::string why) {
    e.work = work;
    e.cause = cause;
    e.why = std::move(why);
  };
  if (is_serial_type(col.type)) {
    set(Work::Rewrite, AddColumnCause::Serial, fmt::format("{} fills every row from a sequence (rewrite)", name));
  } else if (col.identity) {
    set(Work::Rewrite, AddColumnCause::Identity, fmt::format("{} fills every row from a sequence (rewrite)", name));
  } else if (col.generated) {
    set(Work::Rewrite, AddColumnCause::StoredGenerated,
        fmt::format("{} GENERATED … STORED computes every row (rewrite)", name));
  } else if (col.default_value.present() && !col.default_value.is_null && pg_major < 11) {
    set(Work::Rewrite, AddColumnCause::DefaultBeforePg11,
        fmt::format("{} with a DEFAULT rewrites the table before PostgreSQL 11", name));
  } else if (auto f = volatile_function(st, col); !f.empty()) {
    set(Work::Rewrite, AddColumnCause::VolatileDefault,
        fmt::format("{} with a volatile default {}() (rewrite)", name, f));
    e.function = f;
  } else if (col.primary_key || col.unique) {
    set(Work::Scan, AddColumnCause::UniqueIndex, fmt::format("{} builds a unique index (scan)", name));
  } else if (col.not_null && (!col.default_value.present() || col.default_value.is_null)) {
    set(Work::Scan, AddColumnCause::NotNullWithoutDefault,
        fmt::format("{} NOT NULL without a default checks every row (scan)", name));
  } else {
    e.why = fmt::format("{} (catalog only)", name);
  }
  for (const auto& c : col.constraints)
    if (c.type == ConstraintType::Check && !c.not_valid && e.work == Work::CatalogOnly)
      set(Work::Scan, AddColumnCause::Check, fmt::format("{} with a CHECK checks every row (scan)", name));
  return e;
}

}  // namespace miglint::sql
