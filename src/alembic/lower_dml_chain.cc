// SQLAlchemy Core DML on a lightweight table, as Alembic's offline op.execute compiles it:
// `t.update().where(t.c.id == 1).values(name="x")` (or `sa.update(t)…`) -> UPDATE t SET name=%(name)s WHERE
// t.id = %(id_1)s (or literals under literal_binds / op.inline_literal). The evaluator
// represents `t.c.id` as {receiver: t, callee: "c.id"} and `a == b` as operator.eq(a, b).
#include <fmt/format.h>

#include <map>

#include "alembic/lower_call.h"
#include "alembic/lower_expr.h"
#include "alembic/sa_ddl.h"

namespace miglint::alembic::lower {
namespace {

struct Table {
  const Value* node = nullptr;
  std::string sql;  // schema-qualified, quoted
  std::vector<std::string> columns;
  std::vector<const Value*> types;  // nullptr: NullType
};

bool read_table(Ctx& ctx, const Value& v, Table* t) {
  if (!is_sa(v, "table") || !v.called) return false;
  auto name = as_name(v.arg(0));
  std::string schema;
  if (const Value* s = find_kw(v.kwargs, "schema"); !is_none(s)) schema = as_name(s).value_or("");
  if (!name) {
    ctx.fail(&v, "table name is not known statically");
    return true;
  }
  t->node = &v;
  t->sql = format_table(*name, schema);
  for (size_t i = 1; i < v.args.size(); ++i) {
    const Value* c = v.args[i].get();
    if (!is_sa(*c, "column") || !as_name(c->arg(0))) ctx.fail(c, "table column is not sa.column(\"name\", ...)");
    else {
      t->columns.push_back(*as_name(c->arg(0)));
      t->types.push_back(pos_or_kw(c->args, 1, c->kwargs, "type_"));
    }
  }
  return true;
}

class Dml {
 public:
  Dml(Ctx& ctx, const Table& t, bool literal_binds) : ctx_(ctx), t_(t), literal_(literal_binds) {}

  // A column of the table: `t.c.name` or `sa.column("name")`.
  std::optional<std::string> column(const Value& v) {
    if (v.kind != ValueKind::Object) return std::nullopt;
    if (v.receiver && v.receiver.get() == t_.node && v.callee.rfind("c.", 0) == 0)
      return v.callee.substr(2);
    if (is_sa(v, "column") && as_name(v.arg(0))) return as_name(v.arg(0));
    return std::nullopt;
  }

  const Value* type_of(const std::string& key) const {
    for (size_t i = 0; i < t_.columns.size(); ++i)
      if (t_.columns[i] == key) return t_.types[i];
    return nullptr;
  }

  // A value bound to column `key`: a literal, op.inline_literal or a placeholder.
  std::string bind(const Value& v, const std::string& key, bool anonymous) {
    if (v.kind == ValueKind::Object && short_callee(v) == "op.inline_literal" && v.arg(0))
      return render_literal(ctx_, *v.arg(0));
    if (auto c = column(v)) return t_.sql + "." + quote_ident(*c);
    if (v.kind == ValueKind::Object && !is_sa(v, "text") && !is_sa(v, "null") &&
        !is_sa(v, "true") && !is_sa(v, "false") && short_callee(v).rfind("func.", 0) != 0) {
      ctx_.fail(&v, "expression not modelled in DML");
      return {};
    }
    if (v.kind == ValueKind::Object) return render_expr(ctx_, v);
    if (literal_) return render_typed_literal(ctx_, type_of(key), v);
    if (v.kind == ValueKind::Dynamic) {
      ctx_.fail(&v, "value not known statically");
      return {};
    }
    std::string name = key;
    if (anonymous) name = fmt::format("{}_{}", key, ++counters_[key]);
    return style().placeholder(name);
  }

  std::string condition(const Value& v) {
    static const std::map<std::string, std::string, std::less<>> ops = {
        {"operator.eq", "="}, {"operator.ne", "!="}, {"operator.lt", "<"},
        {"operator.le", "<="}, {"operator.gt", ">"}, {"operator.ge", ">="}};
    if (v.kind == ValueKind::Object && (is_sa(v, "and_") || is_sa(v, "or_"))) {
      std::string out;
      for (const auto& a : v.args) {
        std::string part = condition(*a);
        if (is_sa(v, "and_") && is_sa(*a, "or_")) part = "(" + part + ")";
        out += (out.empty() ? "" : is_sa(v, "and_") ? " AND " : " OR ") + part;
      }
      return out;
    }
    if (v.kind == ValueKind::Object && is_sa(v, "text")) return render_expr(ctx_, v);
    // t.c.col.like("x%") / ilike / not_like: {receiver t, callee "c.col.like"}.
    if (v.kind == ValueKind::Object && v.receiver && v.receiver.get() == t_.node &&
        v.callee.rfind("c.", 0) == 0 && v.called && v.args.size() == 1) {
      static const std::map<std::string, std::string, std::less<>> methods = {
          {"like", "LIKE"}, {"ilike", "ILIKE"}, {"not_like", "NOT LIKE"},
          {"notlike", "NOT LIKE"}, {"not_ilike", "NOT ILIKE"}, {"notilike", "NOT ILIKE"}};
      auto dot = v.callee.rfind('.');
      std::string col = v.callee.substr(2, dot - 2);
      auto m = methods.find(v.callee.substr(dot + 1));
      if (dot > 2 && m != methods.end())
        // The pattern is bound as a string whatever the column's type.
        return t_.sql + "." + quote_ident(col) + " " + m->second + " " +
               (literal_ && v.args[0]->kind != ValueKind::Object
                    ? render_literal(ctx_, *v.args[0]) : bind(*v.args[0], col, true));
    }
    auto op = v.kind == ValueKind::Object ? ops.find(v.callee) : ops.end();
    if (op == ops.end() || v.args.size() != 2) {
      ctx_.fail(&v, "condition not modelled (use t.c.col <op> value, sa.and_ or sa.text)");
      return {};
    }
    auto col = column(*v.args[0]);
    if (!col) {
      ctx_.fail(v.args[0].get(), "left side is not a column of the table");
      return {};
    }
    std::string lhs = t_.sql + "." + quote_ident(*col);
    const Value& rhs = *v.args[1];
    if (rhs.kind == ValueKind::None && (op->second == "=" || op->second == "!="))
      return lhs + (op->second == "=" ? " IS NULL" : " IS NOT NULL");
    return lhs + " " + op->second + " " + bind(rhs, *col, true);
  }

  // `.values(...)`: keyword arguments or one dict, rendered in table column order.
  std::vector<std::pair<std::string, const Value*>> values(const Value& call) {
    std::vector<std::pair<std::string, const Value*>> given;
    for (const auto& [k, v] : call.kwargs) given.push_back({k, v.get()});
    for (const auto& a : call.args) {
      if (a->kind != ValueKind::Dict) {
        ctx_.fail(a.get(), "values() argument is not a dict known statically");
        continue;
      }
      for (const auto& [k, v] : a->entries) {
        if (auto c = column(*k)) given.push_back({*c, v.get()});
        else if (k->kind == ValueKind::Str) given.push_back({k->text, v.get()});
        else ctx_.fail(k.get(), "values() key is not a column name");
      }
    }
    std::vector<std::pair<std::string, const Value*>> out;
    for (const auto& col : t_.columns)
      for (const auto& g : given)
        if (g.first == col) out.push_back(g);
    if (out.size() != given.size()) ctx_.fail(&call, "values() names a column the table lacks");
    return out;
  }

 private:
  Ctx& ctx_;
  const Table& t_;
  bool literal_;
  std::map<std::string, int> counters_;
};

}  // namespace

bool lower_dml_chain(Ctx& ctx, const Value& v, bool literal_binds, std::string* sql) {
  // Unwind .where()/.values() back to t.update() / t.delete() / t.insert().
  std::vector<const Value*> where, values;
  const Value* cur = &v;
  while (cur && cur->kind == ValueKind::Object && cur->receiver &&
         (cur->callee == "where" || cur->callee == "values")) {
    (cur->callee == "where" ? where : values).insert(
        (cur->callee == "where" ? where : values).begin(), cur);
    cur = cur->receiver.get();
  }
  if (!cur || cur->kind != ValueKind::Object || !cur->called) return false;
  // The method form t.update() and the function form sa.update(t) build the same statement.
  std::string kind;
  const Value* table = nullptr;
  for (std::string_view k : {"update", "delete", "insert"}) {
    if (cur->receiver && cur->callee == k) kind = k, table = cur->receiver.get();
    else if (!cur->receiver && is_sa(*cur, k)) kind = k, table = cur->arg(0);
  }
  if (!table) return false;
  Table t;
  if (!read_table(ctx, *table, &t)) return false;
  if (ctx.failed) return true;
  Dml dml(ctx, t, literal_binds);
  std::vector<std::pair<std::string, const Value*>> sets;
  for (const Value* vc : values)
    for (auto& p : dml.values(*vc)) sets.push_back(p);
  if (kind == "insert") {
    std::vector<std::string> cols, vals;
    for (const auto& [k, val] : sets) {
      cols.push_back(k);
      vals.push_back(dml.bind(*val, k, false));
    }
    std::string joined;
    for (const auto& s : vals) joined += (joined.empty() ? "" : ", ") + s;
    *sql = fmt::format("INSERT INTO {} ({}) VALUES ({})", t.sql, column_list(cols), joined);
    if (!where.empty()) ctx.fail(where[0], "insert() has no where()");
    return true;
  }
  if (kind == "update") {
    std::string set;
    for (const auto& [k, val] : sets)
      set += (set.empty() ? "" : ", ") + quote_ident(k) + "=" + dml.bind(*val, k, false);
    if (sets.empty()) ctx.fail(&v, "update() without values() is not modelled");
    *sql = "UPDATE " + t.sql + " SET " + set;
  } else {
    if (!sets.empty()) ctx.fail(values[0], "delete() has no values()");
    *sql = "DELETE FROM " + t.sql;
  }
  std::string cond;
  for (const Value* w : where) {
    if (w->args.size() != 1) {
      ctx.fail(w, "where() with several arguments is not modelled");
      continue;
    }
    cond += (cond.empty() ? "" : " AND ") + dml.condition(*w->args[0]);
  }
  if (!cond.empty()) *sql += " WHERE " + cond;
  return true;
}

}  // namespace miglint::alembic::lower
