// Each Alembic operation as alembic/operations/toimpl.py and ddl/{impl,postgresql,base}.py
// run it on PostgreSQL, in the same statement order.
#include "alembic/lower_call.h"

#include <fmt/format.h>

#include <map>

#include "alembic/lower_names.h"
#include "alembic/lower_expr.h"
#include "alembic/sa_ddl.h"
#include "alembic/sa_types.h"

namespace miglint::alembic::lower {

const Value* CallArgs::get(std::string_view name) const {
  for (size_t i = 0; i < params.size(); ++i)
    if (params[i] == name) {
      if (i < call.args.size()) return call.args[i].get();
      break;
    }
  return find_kw(call.kwargs, name);
}

std::vector<const Value*> CallArgs::rest() const {
  std::vector<const Value*> out;
  for (size_t i = params.size(); i < call.args.size(); ++i) out.push_back(call.args[i].get());
  return out;
}

namespace {

using Params = std::vector<std::string_view>;

// Parameter names of each operation as `op.<name>` (first) and `batch_op.<name>` (second),
// from alembic/operations/ops.py (1.8.1). Varargs operations list only their named head.
const std::map<std::string, std::pair<Params, Params>, std::less<>>& signatures() {
  static const std::map<std::string, std::pair<Params, Params>, std::less<>> m = {
      {"create_table", {{"table_name"}, {}}},
      {"drop_table", {{"table_name", "schema"}, {}}},
      {"rename_table", {{"old_table_name", "new_table_name", "schema"}, {}}},
      {"add_column", {{"table_name", "column", "schema"}, {"column"}}},
      {"drop_column", {{"table_name", "column_name", "schema"}, {"column_name"}}},
      {"alter_column", {{"table_name", "column_name", "nullable", "comment", "server_default",
                         "new_column_name", "type_"},
                        {"column_name", "nullable", "comment", "server_default",
                         "new_column_name", "type_"}}},
      {"create_index", {{"index_name", "table_name", "columns", "schema", "unique"},
                        {"index_name", "columns"}}},
      {"drop_index", {{"index_name", "table_name", "schema"}, {"index_name"}}},
      {"create_unique_constraint", {{"constraint_name", "table_name", "columns", "schema"},
                                    {"constraint_name", "columns"}}},
      {"create_primary_key", {{"constraint_name", "table_name", "columns", "schema"},
                              {"constraint_name", "columns"}}},
      {"create_check_constraint", {{"constraint_name", "table_name", "condition", "schema"},
                                   {"constraint_name", "condition"}}},
      {"create_foreign_key", {{"constraint_name", "source_table", "referent_table", "local_cols",
                               "remote_cols", "onupdate", "ondelete", "deferrable", "initially",
                               "match", "source_schema", "referent_schema"},
                              {"constraint_name", "referent_table", "local_cols", "remote_cols",
                               "referent_schema", "onupdate", "ondelete", "deferrable",
                               "initially", "match"}}},
      {"create_exclude_constraint", {{"constraint_name", "table_name"}, {"constraint_name"}}},
      {"drop_constraint", {{"constraint_name", "table_name", "type_", "schema"},
                           {"constraint_name", "type_"}}},
      {"create_table_comment", {{"table_name", "comment", "existing_comment", "schema"},
                                {"comment", "existing_comment"}}},
      {"drop_table_comment", {{"table_name", "existing_comment", "schema"}, {"existing_comment"}}},
      {"execute", {{"sqltext", "execution_options"}, {"sqltext", "execution_options"}}},
      {"bulk_insert", {{"table", "rows", "multiinsert"}, {}}},
      {"type_create", {{"bind", "checkfirst"}, {}}},
      {"type_drop", {{"bind", "checkfirst"}, {}}},
  };
  return m;
}

void check_kwargs(Ctx& ctx, const OpCall& call, std::initializer_list<std::string_view> known);

struct Target {
  std::string table;
  std::string schema;
  std::string sql() const { return format_table(table, schema); }
};

std::string need_name(Ctx& ctx, const CallArgs& a, std::string_view param) {
  const Value* v = a.get(param);
  auto s = as_name(v);
  if (!s) ctx.fail(v ? v : nullptr, fmt::format("`{}` is not a string known statically", param));
  if (!v) ctx.fail_at(a.call.span, fmt::format("missing argument `{}`", param));
  return s.value_or("");
}

std::string opt_name(Ctx& ctx, const CallArgs& a, std::string_view param) {
  const Value* v = a.get(param);
  if (is_none(v)) return {};
  auto s = as_name(v);
  if (!s) ctx.fail(v, fmt::format("`{}` is not a string known statically", param));
  return s.value_or("");
}

Target target(Ctx& ctx, const CallArgs& a, std::string_view table_param = "table_name",
              std::string_view schema_param = "schema") {
  if (a.call.batch) return {a.call.batch->table, a.call.batch->schema};
  return {need_name(ctx, a, table_param), opt_name(ctx, a, schema_param)};
}

std::vector<std::string> name_list(Ctx& ctx, const Value* v) {
  std::vector<std::string> out;
  if (!v || (v->kind != ValueKind::List && v->kind != ValueKind::Tuple)) {
    if (auto s = as_name(v)) return {*s};
    ctx.fail(v, "expected a list of column names");
    return out;
  }
  for (const auto& i : v->items) {
    if (auto s = as_name(i.get())) out.push_back(*s);
    else ctx.fail(i.get(), "column name is not a string known statically");
  }
  return out;
}

std::string alter(const Target& t) { return "ALTER TABLE " + t.sql(); }

void create_table(Ctx& ctx, const CallArgs& a, LowerState& state, std::vector<Out>* out) {
  std::string name = need_name(ctx, a, "table_name");
  std::string schema;
  std::optional<std::string> comment;
  for (const auto& [k, v] : a.call.kwargs) {
    if (k == "schema") schema = opt_name(ctx, a, "schema");
    else if (k == "comment") {
      if (v->kind == ValueKind::Str) comment = v->text;
      else if (!is_none(v.get())) ctx.fail(v.get(), "comment is not a string literal");
    } else if (k != "info" && k != "keep_existing" && k != "extend_existing") {
      ctx.fail(v.get(), fmt::format("table option `{}` not modelled", k));
    }
  }
  TableSpec t = build_table(ctx, name, schema, a.rest());
  if (ctx.failed) return;
  // before_create: each native enum with create_type, once per (schema, name) per run.
  // (an ARRAY of an enum creates it too: postgresql.ARRAY forwards the table events).
  for (const auto& c : t.columns) {
    if (!c.type) continue;
    std::vector<EnumType> enums;
    render_type(ctx, *c.type, &enums);
    for (const auto& e : enums)
      if (e.create_type && state.created_enums.insert({e.schema, e.name}).second)
        out->push_back({create_enum_sql(e), {}});
  }
  out->push_back({render_create_table(ctx, t), {}});
  for (const auto& idx : t.indexes) out->push_back({render_create_index(ctx, t, idx), {}});
  if (comment)
    out->push_back({"COMMENT ON TABLE " + format_table(name, schema) + " IS " + quote_literal(*comment), {}});
  for (const auto& c : t.columns)
    if (c.comment)
      out->push_back({fmt::format("COMMENT ON COLUMN {}.{} IS {}", format_table(name, schema),
                                  quote_ident(c.name), quote_literal(*c.comment)), {}});
}

void add_column(Ctx& ctx, const CallArgs& a, std::vector<Out>* out) {
  Target tg = target(ctx, a);
  const Value* col = a.get("column");
  if (!col) {
    ctx.fail_at(a.call.span, "missing the column");
    return;
  }
  TableSpec t = build_table(ctx, tg.table, tg.schema, {col});
  if (ctx.failed || t.columns.empty()) return;
  out->push_back({alter(tg) + " ADD COLUMN " + column_spec(ctx, t, 0), {}});
  for (const auto& c : t.constraints)
    out->push_back({alter(tg) + " ADD " + render_constraint(ctx, t, c), {}});
  for (const auto& idx : t.indexes) out->push_back({render_create_index(ctx, t, idx), {}});
  if (t.columns[0].comment)
    out->push_back({fmt::format("COMMENT ON COLUMN {}.{} IS {}", tg.sql(),
                                quote_ident(t.columns[0].name),
                                quote_literal(*t.columns[0].comment)), {}});
}

void alter_column(Ctx& ctx, const CallArgs& a, std::vector<Out>* out) {
  Target tg = target(ctx, a);
  std::string col = quote_ident(need_name(ctx, a, "column_name"));
  std::string prefix = alter(tg) + " ALTER COLUMN " + col + " ";
  const Value* type = a.get("type_");
  const Value* using_ = a.get("postgresql_using");
  if (!is_none(type)) {
    std::string s = prefix + "TYPE " + render_type(ctx, *type);
    if (!is_none(using_)) {
      if (using_->kind != ValueKind::Str) ctx.fail(using_, "postgresql_using is not a string literal");
      else s += " USING " + using_->text;
    }
    out->push_back({s, {}});
  } else if (!is_none(using_)) {
    ctx.fail(using_, "postgresql_using must be used with the type_ parameter");
  }
  if (const Value* n = a.get("nullable"); !is_none(n))
    out->push_back({prefix + (as_bool(n).value_or(false) ? "DROP NOT NULL" : "SET NOT NULL"), {}});
  if (const Value* d = a.get("server_default")) {
    if (d->kind == ValueKind::Bool && !d->boolean) {
      // server_default=False: unchanged
    } else if (is_none(d)) {
      out->push_back({prefix + "DROP DEFAULT", {}});
    } else if (is_sa(*d, "Computed") || is_sa(*d, "Identity")) {
      ctx.fail(d, "altering a computed or identity default is not modelled");
    } else {
      out->push_back({prefix + "SET DEFAULT " + render_server_default(ctx, *d), {}});
    }
  }
  if (const Value* c = a.get("comment")) {
    if (c->kind == ValueKind::Bool && !c->boolean) {
    } else if (is_none(c)) {
      out->push_back({fmt::format("COMMENT ON COLUMN {}.{} IS NULL", tg.sql(), col), {}});
    } else if (c->kind == ValueKind::Str) {
      out->push_back({fmt::format("COMMENT ON COLUMN {}.{} IS {}", tg.sql(), col,
                                  quote_literal(c->text)), {}});
    } else {
      ctx.fail(c, "comment is not a string literal");
    }
  }
  if (const Value* nn = a.get("new_column_name"); !is_none(nn)) {
    auto s = as_name(nn);
    if (!s) ctx.fail(nn, "new_column_name is not a string known statically");
    else out->push_back({alter(tg) + " RENAME " + col + " TO " + quote_ident(*s), {}});
  }
  for (const auto& [k, v] : a.call.kwargs)
    if (k.rfind("existing_", 0) != 0 && k != "schema" && k != "table_name" &&
        k != "column_name" && k != "nullable" && k != "comment" && k != "server_default" &&
        k != "new_column_name" && k != "type_" && k != "postgresql_using" &&
        k != "autoincrement" && k != "insert_before" && k != "insert_after")
      ctx.fail(v.get(), fmt::format("alter_column option `{}` not modelled", k));
}

void create_index(Ctx& ctx, const CallArgs& a, std::vector<Out>* out) {
  Target tg = target(ctx, a);
  std::string name = object_name(ctx, a.get("index_name")).value_or("");
  if (name.empty()) ctx.fail_at(a.call.span, "missing the index name");
  const Value* cols = a.get("columns");
  std::vector<IndexElement> elems;
  if (cols && (cols->kind == ValueKind::List || cols->kind == ValueKind::Tuple)) {
    for (const auto& c : cols->items) elems.push_back(index_element(ctx, *c));
  } else if (cols) {
    elems.push_back(index_element(ctx, *cols));
  } else {
    ctx.fail_at(a.call.span, "missing the index columns");
  }
  Kwargs kw;
  for (const auto& p : a.call.kwargs)
    if (p.first.rfind("postgresql_", 0) == 0) kw.push_back(p);
    else if (p.first != "unique" && p.first != "schema" && p.first != "table_name" &&
             p.first != "index_name" && p.first != "columns" && p.first != "if_not_exists" &&
             p.first != "quote" && p.first != "info")
      ctx.fail(p.second.get(), fmt::format("index option `{}` not modelled", p.first));
  out->push_back({render_index_sql(ctx, name, tg.sql(), elems,
                                   as_bool(a.get("unique")).value_or(false), kw), {}});
}

void drop_index(Ctx& ctx, const CallArgs& a, std::vector<Out>* out) {
  // if_exists is ignored by SQLAlchemy 1.4's DropIndex, as Alembic 1.8 prints it. The options
  // that describe the index (autogenerate copies them into the downgrade) are accepted and, as
  // PostgreSQL's DDL compiler does for DROP INDEX, not printed.
  check_kwargs(ctx, a.call, {"index_name", "table_name", "schema", "postgresql_concurrently",
                             "if_exists", "unique", "postgresql_where", "postgresql_using",
                             "postgresql_include", "postgresql_ops", "postgresql_with",
                             "postgresql_tablespace"});
  std::string name = object_name(ctx, a.get("index_name")).value_or("");
  if (name.empty()) ctx.fail_at(a.call.span, "missing the index name");
  std::string schema = a.call.batch ? a.call.batch->schema : opt_name(ctx, a, "schema");
  std::string s = "DROP INDEX ";
  if (as_bool(find_kw(a.call.kwargs, "postgresql_concurrently")).value_or(false))
    s += "CONCURRENTLY ";
  out->push_back({s + format_table(name, schema), {}});
}

// Keyword arguments that change nothing or that the renderer reads; anything else (a
// dialect option SQLAlchemy 1.4 may or may not honour) is refused rather than dropped.
void check_kwargs(Ctx& ctx, const OpCall& call, std::initializer_list<std::string_view> known) {
  for (const auto& [k, v] : call.kwargs) {
    bool ok = k == "info" || k == "quote";
    for (auto n : known) ok = ok || k == n;
    if (!ok) ctx.fail(v.get(), fmt::format("option `{}` of {} is not modelled", k, call.name));
  }
}

void add_constraint(Ctx& ctx, const CallArgs& a, std::string_view kind, std::vector<Out>* out) {
  if (kind != "exclude")
    check_kwargs(ctx, a.call, {"constraint_name", "table_name", "columns", "condition", "schema",
                               "deferrable", "initially", kind == "check" ? "postgresql_not_valid" : ""});
  Target tg = target(ctx, a);
  std::string name = object_name(ctx, a.get("constraint_name")).value_or("");
  std::string head = alter(tg) + " ADD " + (name.empty() ? "" : "CONSTRAINT " + quote_ident(name) + " ");
  std::string tail = deferrability(ctx, find_kw(a.call.kwargs, "deferrable"),
                                   find_kw(a.call.kwargs, "initially"));
  if (kind == "unique") {
    out->push_back({head + "UNIQUE (" + column_list(name_list(ctx, a.get("columns"))) + ")" + tail, {}});
  } else if (kind == "primary") {
    out->push_back({head + "PRIMARY KEY (" + column_list(name_list(ctx, a.get("columns"))) + ")", {}});
  } else if (kind == "check") {
    const Value* cond = a.get("condition");
    if (!cond) ctx.fail_at(a.call.span, "missing the condition");
    else {
      // SQLAlchemy's PostgreSQL compiler appends NOT VALID after the deferrability clause.
      bool not_valid = as_bool(find_kw(a.call.kwargs, "postgresql_not_valid")).value_or(false);
      out->push_back({head + "CHECK (" + render_expr(ctx, *cond) + ")" + tail + (not_valid ? " NOT VALID" : ""), {}});
    }
  } else if (kind == "exclude") {
    TableSpec t;
    Value ex;
    ex.kind = ValueKind::Object;
    ex.callee = "sqlalchemy.dialects.postgresql.ExcludeConstraint";
    ex.called = true;
    for (size_t i = a.params.size(); i < a.call.args.size(); ++i) ex.args.push_back(a.call.args[i]);
    for (const auto& p : a.call.kwargs)
      if (p.first != "schema" && p.first != "table_name" && p.first != "constraint_name")
        ex.kwargs.push_back(p);
    std::string body = render_constraint(ctx, t, {&ex, TableItem::Exclude});
    out->push_back({head + body, {}});
  }
}

void create_foreign_key(Ctx& ctx, const CallArgs& a, std::vector<Out>* out) {
  check_kwargs(ctx, a.call, {"constraint_name", "source_table", "referent_table", "local_cols",
                             "remote_cols", "onupdate", "ondelete", "deferrable", "initially",
                             "match", "source_schema", "referent_schema", "postgresql_not_valid"});
  Target tg = target(ctx, a, "source_table", "source_schema");
  std::string name = object_name(ctx, a.get("constraint_name")).value_or("");
  std::string ref = need_name(ctx, a, "referent_table");
  std::string ref_schema = opt_name(ctx, a, "referent_schema");
  Kwargs kw;
  for (std::string_view k : {"onupdate", "ondelete", "deferrable", "initially", "match"})
    if (const Value* v = a.get(k)) kw.push_back({std::string(k), std::make_shared<Value>(*v)});
  if (const Value* nv = find_kw(a.call.kwargs, "postgresql_not_valid"))
    kw.push_back({"postgresql_not_valid", std::make_shared<Value>(*nv)});
  std::string fk = render_foreign_key(
      ctx, name_list(ctx, a.get("local_cols")), format_table(ref, ref_schema),
      name_list(ctx, a.get("remote_cols")),
      name.empty() ? std::nullopt : std::optional<std::string>(name), kw);
  out->push_back({alter(tg) + " ADD " + fk, {}});
}

void type_create_drop(Ctx& ctx, const OpCall& call, bool create, std::vector<Out>* out) {
  EnumType e;
  if (!call.receiver || !enum_of(ctx, *call.receiver, &e)) {
    ctx.fail(call.receiver.get(), "only native Enum types can be created or dropped");
    return;
  }
  out->push_back({create ? create_enum_sql(e) : drop_enum_sql(e), {}});
}

}  // namespace

void lower_call(Ctx& ctx, const OpCall& call, LowerState& state, std::vector<Out>* out) {
  auto it = signatures().find(call.name);
  if (it == signatures().end()) {
    ctx.fail_at(call.span, fmt::format("operation `{}` is not modelled", call.name));
    return;
  }
  if (call.batch && it->second.second.empty() && call.name != "execute") {
    ctx.fail_at(call.span, fmt::format("batch operation `{}` is not modelled", call.name));
    return;
  }
  CallArgs a{call, call.batch ? it->second.second : it->second.first};
  const std::string& n = call.name;
  if (n == "create_table") create_table(ctx, a, state, out);
  else if (n == "drop_table") {
    check_kwargs(ctx, call, {"table_name", "schema"});
    out->push_back({"DROP TABLE " + target(ctx, a).sql(), {}});
  }
  else if (n == "rename_table") {
    Target tg = target(ctx, a, "old_table_name");
    out->push_back({alter(tg) + " RENAME TO " + quote_ident(need_name(ctx, a, "new_table_name")), {}});
  } else if (n == "add_column") add_column(ctx, a, out);
  else if (n == "drop_column") {
    Target tg = target(ctx, a);
    out->push_back({alter(tg) + " DROP COLUMN " + quote_ident(need_name(ctx, a, "column_name")), {}});
  } else if (n == "alter_column") alter_column(ctx, a, out);
  else if (n == "create_index") create_index(ctx, a, out);
  else if (n == "drop_index") drop_index(ctx, a, out);
  else if (n == "create_unique_constraint") add_constraint(ctx, a, "unique", out);
  else if (n == "create_primary_key") add_constraint(ctx, a, "primary", out);
  else if (n == "create_check_constraint") add_constraint(ctx, a, "check", out);
  else if (n == "create_exclude_constraint") add_constraint(ctx, a, "exclude", out);
  else if (n == "create_foreign_key") create_foreign_key(ctx, a, out);
  else if (n == "drop_constraint") {
    Target tg = target(ctx, a);
    const Value* name = a.get("constraint_name");
    if (name && name->kind == ValueKind::None) {
      // Autogenerate writes `drop_constraint(None, ...)` for constraints the database named;
      // SQLAlchemy refuses to compile it, so the migration fails whenever it runs.
      ctx.fail(name, "the constraint has no name: Alembic stops here with CompileError (\"Can't emit "
                     "DROP CONSTRAINT for constraint ...; it has no name\"); name the constraint");
    } else {
      out->push_back({alter(tg) + " DROP CONSTRAINT " + quote_ident(object_name(ctx, name).value_or("")), {}});
    }
  } else if (n == "create_table_comment") {
    const Value* c = a.get("comment");
    Target tg = target(ctx, a);
    if (!c || c->kind != ValueKind::Str) ctx.fail(c, "comment is not a string literal");
    else out->push_back({"COMMENT ON TABLE " + tg.sql() + " IS " + quote_literal(c->text), {}});
  } else if (n == "drop_table_comment") {
    out->push_back({"COMMENT ON TABLE " + target(ctx, a).sql() + " IS NULL", {}});
  } else if (n == "execute") lower_execute(ctx, a, state, out);
  else if (n == "bulk_insert") lower_bulk_insert(ctx, a, out);
  else if (n == "type_create") type_create_drop(ctx, call, true, out);
  else if (n == "type_drop") type_create_drop(ctx, call, false, out);
}

}  // namespace miglint::alembic::lower
