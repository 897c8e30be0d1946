// CREATE INDEX as PGDDLCompiler.visit_create_index prints it (SQLAlchemy 1.4.46), for
// op.create_index, sa.Index(...) in create_table and Column(index=True).
#include <fmt/format.h>

#include "alembic/lower_expr.h"
#include "alembic/lower_names.h"
#include "alembic/sa_ddl.h"

namespace miglint::alembic::lower {

IndexElement index_element(Ctx& ctx, const Value& v) {
  if (auto s = as_name(&v)) return {quote_ident(*s), *s};
  return {render_expr(ctx, v), ""};
}

std::string render_index_sql(Ctx& ctx, const std::string& name, const std::string& table_sql,
                             const std::vector<IndexElement>& elements, bool unique,
                             const Kwargs& kw) {
  std::string out = unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
  if (as_bool(find_kw(kw, "postgresql_concurrently")).value_or(false)) out += "CONCURRENTLY ";
  out += quote_ident(name) + " ON " + table_sql + " ";
  if (auto u = str_kw(ctx, kw, "postgresql_using")) {
    std::string l = *u;
    for (auto& ch : l) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    out += "USING " + l + " ";
  }
  // postgresql_ops={"col": "opclass"}: the operator class follows its column.
  const Value* ops = find_kw(kw, "postgresql_ops");
  if (!is_none(ops) && ops->kind != ValueKind::Dict) ctx.fail(ops, "postgresql_ops is not a dict");
  std::string joined;
  for (const auto& e : elements) {
    std::string item = e.sql;
    if (!is_none(ops) && !e.key.empty())
      for (const auto& [k, v] : ops->entries)
        if (k->kind == ValueKind::Str && k->text == e.key) {
          if (v->kind != ValueKind::Str) ctx.fail(v.get(), "operator class is not a string");
          else item += " " + v->text;
        }
    joined += (joined.empty() ? "" : ", ") + item;
  }
  out += "(" + joined + ")";
  if (const Value* inc = find_kw(kw, "postgresql_include"); !is_none(inc))
    out += " INCLUDE (" + column_list(names_of(ctx, inc)) + ")";
  if (const Value* with = find_kw(kw, "postgresql_with"); !is_none(with)) {
    std::string params;
    for (const auto& [k, val] : with->entries) {
      if (k->kind != ValueKind::Str) ctx.fail(k.get(), "storage parameter name is not a string");
      params += (params.empty() ? "" : ", ") + k->text + " = " +
                (val->kind == ValueKind::Str ? val->text : render_literal(ctx, *val));
    }
    out += " WITH (" + params + ")";
  }
  if (auto ts = str_kw(ctx, kw, "postgresql_tablespace")) out += " TABLESPACE " + quote_ident(*ts);
  if (const Value* w = find_kw(kw, "postgresql_where"); !is_none(w))
    out += " WHERE " + render_expr(ctx, *w);
  for (const auto& [k, val] : kw) {
    if (k.rfind("postgresql_", 0) == 0 && k != "postgresql_concurrently" && k != "postgresql_ops" &&
             k != "postgresql_using" && k != "postgresql_include" && k != "postgresql_with" &&
             k != "postgresql_tablespace" && k != "postgresql_where")
      ctx.fail(val.get(), fmt::format("index option `{}` not modelled", k));
  }
  return out;
}

std::string render_create_index(Ctx& ctx, const TableSpec& t, const TableItem& item) {
  std::string table_sql = format_table(t.name, t.schema);
  if (item.column) {
    // Column(index=True): Index(None, col) named by the default convention "ix_%(column_0_label)s".
    std::string label = (t.schema.empty() ? "" : t.schema + "_") + t.name + "_" + item.column->name;
    std::string name = truncate_label("ix_" + label);
    return render_index_sql(ctx, name, table_sql, {{quote_ident(item.column->name), item.column->name}},
                            item.column->unique, {});
  }
  const Value& v = *item.node;
  auto name = object_name(ctx, v.arg(0));
  if (!name) {
    ctx.fail(&v, "index name is not known statically");
    return {};
  }
  std::vector<IndexElement> elems;
  for (size_t i = 1; i < v.args.size(); ++i) elems.push_back(index_element(ctx, *v.args[i]));
  Kwargs kw;
  for (const auto& p : v.kwargs)
    if (p.first != "unique") kw.push_back(p);
  return render_index_sql(ctx, *name, table_sql, elems,
                          as_bool(find_kw(v.kwargs, "unique")).value_or(false), kw);
}

}  // namespace miglint::alembic::lower
