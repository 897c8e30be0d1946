// op.execute(...) and op.bulk_insert(...): verbatim SQL text (kept mapped to the Python
// literal) and INSERTs with literal values, as Alembic prints them offline.
#include <fmt/format.h>

#include "alembic/lower_call.h"
#include "alembic/sa_expr.h"
#include "alembic/sa_schema.h"

namespace miglint::alembic::lower {

void lower_execute(Ctx& ctx, const CallArgs& a, std::vector<Out>* out) {
  const Value* sql = a.get("sqltext");
  if (!sql) {
    ctx.fail_at(a.call.span, "missing the SQL");
    return;
  }
  const Value* text = sql;
  // Alembic wraps a str in text(); sa.text("...") is the same thing.
  if (sql->kind == ValueKind::Object && is_sa(*sql, "text") && sql->called) text = sql->arg(0);
  if (!text || text->kind != ValueKind::Str) {
    ctx.fail(sql, sql->kind == ValueKind::Dynamic
                      ? "the SQL is built at run time" +
                            (sql->reason.empty() ? std::string() : " (" + sql->reason + ")")
                      : "this kind of SQL expression is not modelled");
    return;
  }
  Out o;
  o.sql = process_text(text->text, text->text_source, &o.source_map);
  // Alembic prints the text followed by ";": strip the trailing whitespace it keeps, and
  // one trailing ';' the string itself may have, since statements carry none.
  out->push_back(std::move(o));
}

void lower_bulk_insert(Ctx& ctx, const CallArgs& a, std::vector<Out>* out) {
  const Value* table = a.get("table");
  const Value* rows = a.get("rows");
  if (!table || !is_sa(*table, "table") || !table->called) {
    ctx.fail(table, "bulk_insert needs a sa.table(...) known statically");
    return;
  }
  auto name = as_name(table->arg(0));
  std::string schema;
  if (const Value* s = find_kw(table->kwargs, "schema"); !is_none(s)) schema = as_name(s).value_or("");
  std::vector<std::string> columns;
  for (size_t i = 1; i < table->args.size(); ++i) {
    const Value* c = table->args[i].get();
    if (!is_sa(*c, "column") || !as_name(c->arg(0))) {
      ctx.fail(c, "table column is not sa.column(\"name\", ...)");
      return;
    }
    columns.push_back(*as_name(c->arg(0)));
  }
  if (!name) {
    ctx.fail(table, "table name is not known statically");
    return;
  }
  if (!rows || (rows->kind != ValueKind::List && rows->kind != ValueKind::Tuple)) {
    ctx.fail(rows, "rows are not a list known statically");
    return;
  }
  for (const auto& row : rows->items) {
    if (row->kind != ValueKind::Dict) {
      ctx.fail(row.get(), "row is not a dict known statically");
      return;
    }
    std::vector<std::string> cols, vals;
    for (const auto& col : columns)
      for (const auto& [k, v] : row->entries)
        if (k->kind == ValueKind::Str && k->text == col) {
          cols.push_back(col);
          vals.push_back(render_literal(ctx, *v));
        }
    if (cols.size() != row->entries.size()) {
      ctx.fail(row.get(), "row has keys that are not columns of the table");
      return;
    }
    std::string joined;
    for (const auto& v : vals) joined += (joined.empty() ? "" : ", ") + v;
    out->push_back({fmt::format("INSERT INTO {} ({}) VALUES ({})", format_table(*name, schema),
                                column_list(cols), joined), {}});
  }
}

}  // namespace miglint::alembic::lower
