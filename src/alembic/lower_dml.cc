// op.execute(...) and op.bulk_insert(...): verbatim SQL text (kept mapped to the Python
// literal) and INSERTs with literal values, as Alembic prints them offline.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <optional>

#include "alembic/lower_call.h"
#include "alembic/lower_expr.h"
#include "alembic/sa_ddl.h"

namespace miglint::alembic::lower {

namespace {

// textwrap.dedent over a mapped string: whitespace-only lines become empty, then the longest
// common leading whitespace of the other lines is removed (Python's algorithm).
void dedent(std::string_view in, const std::vector<uint32_t>& map_in, std::string* out,
            std::vector<uint32_t>* map_out) {
  bool mapped = map_in.size() == in.size() + 1;
  struct Line { size_t begin, end; bool blank; };
  std::vector<Line> lines;
  for (size_t i = 0; i <= in.size();) {
    size_t nl = in.find('\n', i);
    size_t end = nl == std::string_view::npos ? in.size() : nl;
    size_t k = i;
    while (k < end && (in[k] == ' ' || in[k] == '\t')) ++k;
    lines.push_back({i, end, k == end});
    if (nl == std::string_view::npos) break;
    i = nl + 1;
  }
  std::optional<std::string_view> margin;
  for (const auto& l : lines) {
    if (l.blank) continue;
    size_t k = l.begin;
    while (k < l.end && (in[k] == ' ' || in[k] == '\t')) ++k;
    std::string_view indent = in.substr(l.begin, k - l.begin);
    if (!margin) margin = indent;
    else {
      size_t n = 0;
      while (n < margin->size() && n < indent.size() && (*margin)[n] == indent[n]) ++n;
      margin = margin->substr(0, n);
    }
  }
  size_t cut = margin ? margin->size() : 0;
  for (size_t li = 0; li < lines.size(); ++li) {
    const auto& l = lines[li];
    // a whitespace-only line keeps nothing but its newline
    size_t from = l.blank ? l.end : l.begin + cut;
    for (size_t k = from; k < l.end; ++k) {
      *out += in[k];
      if (mapped) map_out->push_back(map_in[k]);
    }
    if (li + 1 < lines.size()) {
      *out += '\n';
      if (mapped) map_out->push_back(map_in[l.end]);
    }
  }
  if (mapped) map_out->push_back(map_in[in.size()]);
}

}  // namespace

void lower_execute(Ctx& ctx, const CallArgs& a, const LowerState& state, std::vector<Out>* out) {
  const Value* sql = a.get("sqltext");
  if (!sql) {
    ctx.fail_at(a.call.span, "missing the SQL");
    return;
  }
  const Value* text = sql;
  // Alembic wraps a str in text(); sa.text("...") is the same thing.
  if (sql->kind == ValueKind::Object && is_sa(*sql, "text") && sql->called) text = sql->arg(0);
  // sa.text("... :a ...").bindparams(a=1): the values print as literals under literal_binds.
  const Value* bound = nullptr;
  if (sql->kind == ValueKind::Object && sql->receiver && sql->callee == "bindparams" &&
      sql->called && is_sa(*sql->receiver, "text") && sql->receiver->called) {
    bound = sql;
    text = sql->receiver->arg(0);
    if (!sql->args.empty()) {
      ctx.fail(sql, "bindparams() with bindparam objects is not modelled");
      return;
    }
  }
  Value dedented;
  if (text && text->kind == ValueKind::Object && text->callee == "textwrap.dedent" &&
      text->called && text->args.size() == 1 && text->args[0]->kind == ValueKind::Str) {
    dedented.kind = ValueKind::Str;
    dedented.span = text->span;
    dedent(text->args[0]->text, text->args[0]->text_source, &dedented.text, &dedented.text_source);
    text = &dedented;
  }
  if (std::string dml; text && text->kind == ValueKind::Object &&
                       lower_dml_chain(ctx, *text, state.literal_binds, &dml)) {
    out->push_back({dml, {}});
    return;
  }
  if (!text || text->kind != ValueKind::Str) {
    ctx.fail(sql, sql->kind == ValueKind::Dynamic
                      ? "the SQL is built at run time" +
                            (sql->reason.empty() ? std::string() : " (" + sql->reason + ")")
                      : "this kind of SQL expression is not modelled");
    return;
  }
  Out o;
  std::function<std::string(std::string_view)> bind;
  std::vector<std::string> seen;
  if (bound)
    bind = [&](std::string_view name) -> std::string {
      seen.emplace_back(name);
      const Value* v = find_kw(bound->kwargs, name);
      if (!v || !style().literal_binds) return style().literal_binds ? "NULL" : style().placeholder(name);
      return render_literal(ctx, *v);
    };
  o.sql = process_text(text->text, text->text_source, &o.source_map, bind);
  if (bound)
    for (const auto& [k, v] : bound->kwargs)
      if (std::find(seen.begin(), seen.end(), k) == seen.end())
        ctx.fail(v.get(), fmt::format("the text defines no bound parameter named '{}' "
                                      "(SQLAlchemy raises ArgumentError)", k));

  // Alembic prints the text followed by ";": strip the trailing whitespace it keeps, and
  // one trailing ';' the string itself may have, since statements carry none.
  out->push_back(std::move(o));
}

void lower_bulk_insert(Ctx& ctx, const CallArgs& a, std::vector<Out>* out) {
  const Value* table = a.get("table");
  const Value* rows = a.get("rows");
  // `t = op.create_table("name", sa.Column(...), …)` returns the Table it created, and
  // `op.bulk_insert(t, rows)` is Alembic's documented way to fill a new table.
  bool created = table && table->kind == ValueKind::Object && table->called &&
                 table->callee == "alembic.op.create_table";
  if (!table || (!created && (!is_sa(*table, "table") || !table->called))) {
    ctx.fail(table, "bulk_insert needs a sa.table(...) or the table op.create_table returned, known statically");
    return;
  }
  auto name = as_name(table->arg(0));
  std::string schema;
  if (const Value* s = find_kw(table->kwargs, "schema"); !is_none(s)) schema = as_name(s).value_or("");
  std::vector<std::string> columns;
  std::vector<const Value*> types;
  for (size_t i = 1; i < table->args.size(); ++i) {
    const Value* c = table->args[i].get();
    if (created) {
      // Constraints and indexes given to create_table are not columns.
      if (!is_sa(*c, "Column")) continue;
      const Value* type = pos_or_kw(c->args, 1, c->kwargs, "type_");
      if (type && (is_sa(*type, "ForeignKey") || is_sa(*type, "Identity") || is_sa(*type, "Computed")))
        type = nullptr;
      if (!as_name(c->arg(0))) {
        ctx.fail(c, "column name is not known statically");
        return;
      }
      columns.push_back(*as_name(c->arg(0)));
      types.push_back(type);
      continue;
    }
    if (!is_sa(*c, "column") || !as_name(c->arg(0))) {
      ctx.fail(c, "table column is not sa.column(\"name\", ...)");
      return;
    }
    columns.push_back(*as_name(c->arg(0)));
    types.push_back(pos_or_kw(c->args, 1, c->kwargs, "type_"));
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
    for (size_t ci = 0; ci < columns.size(); ++ci)
      for (const auto& [k, v] : row->entries)
        if (k->kind == ValueKind::Str && k->text == columns[ci]) {
          cols.push_back(columns[ci]);
          vals.push_back(render_typed_literal(ctx, types[ci], *v));
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
