// Column and Table construction (sql/schema.py) and their DDL (sql/compiler.py DDLCompiler,
// dialects/postgresql/base.py PGDDLCompiler), SQLAlchemy 1.4.46.
#include "alembic/sa_ddl.h"

#include <fmt/format.h>

#include <algorithm>

#include "alembic/lower_names.h"
#include "alembic/lower_expr.h"

namespace miglint::alembic::lower {

std::string column_list(const std::vector<std::string>& cols) {
  std::string out;
  for (const auto& c : cols) {
    if (!out.empty()) out += ", ";
    out += quote_ident(c);
  }
  return out;
}

std::optional<std::string> str_kw(Ctx& ctx, const Kwargs& kw, std::string_view name) {
  const Value* v = find_kw(kw, name);
  if (is_none(v)) return std::nullopt;
  auto s = as_name(v);
  if (!s) ctx.fail(v, fmt::format("`{}` is not a string known statically", name));
  return s;
}

std::vector<std::string> names_of(Ctx& ctx, const Value* v) {
  std::vector<std::string> out;
  if (!v) return out;
  if (v->kind == ValueKind::List || v->kind == ValueKind::Tuple) {
    for (const auto& i : v->items) {
      if (auto s = as_name(i.get())) out.push_back(*s);
      else ctx.fail(i.get(), "column name is not a string known statically");
    }
  } else if (auto s = as_name(v)) {
    out.push_back(*s);
  } else {
    ctx.fail(v, "column names are not known statically");
  }
  return out;
}

namespace {

// Keyword arguments SQLAlchemy accepts and that change nothing in the DDL.
bool ignorable_kw(std::string_view k) {
  return k == "info" || k == "doc" || k == "key" || k == "quote" || k == "_create_events" ||
         k == "system" || k == "comment" || k == "name" || k == "deferrable" ||
         k == "initially" || k == "unique" || k == "default" || k == "onupdate" ||
         k == "server_onupdate" || k == "use_alter" || k == "link_to_name";
}

}  // namespace

std::string deferrability(Ctx& ctx, const Value* deferrable, const Value* initially) {
  std::string out;
  if (!is_none(deferrable)) out += as_bool(deferrable).value_or(false) ? " DEFERRABLE" : " NOT DEFERRABLE";
  if (!is_none(initially)) {
    if (initially->kind != ValueKind::Str) ctx.fail(initially, "initially is not a string literal");
    else out += " INITIALLY " + initially->text;
  }
  return out;
}

ColumnSpec parse_column(Ctx& ctx, const Value& v) {
  ColumnSpec c;
  c.node = &v;
  if (!(is_sa(v, "Column")) || !v.called) {
    ctx.fail(&v, "expected sa.Column(...)");
    return c;
  }
  size_t i = 0;
  if (auto n = as_name(v.arg(0))) {
    c.name = *n;
    i = 1;
  } else if (auto n2 = as_name(find_kw(v.kwargs, "name"))) {
    c.name = *n2;
  } else {
    ctx.fail(&v, "the column name is not known statically");
    return c;
  }
  for (; i < v.args.size(); ++i) {
    const Value* a = v.args[i].get();
    if (a->kind != ValueKind::Object) {
      ctx.fail(a, "column argument not modelled");
      continue;
    }
    if (is_sa(*a, "ForeignKey")) c.foreign_keys.push_back(a);
    else if (is_sa(*a, "Identity")) c.identity = a;
    else if (is_sa(*a, "Computed")) c.computed = a;
    else if (is_sa(*a, "CheckConstraint")) c.checks.push_back(a);
    else if (!c.type) c.type = a;
    else ctx.fail(a, "column argument not modelled");
  }
  if (!c.type) c.type = find_kw(v.kwargs, "type_");
  if (!c.type) ctx.fail(&v, "a column without a type (NullType) is not modelled");
  for (const auto& [k, val] : v.kwargs) {
    if (k == "primary_key") c.primary_key = as_bool(val.get()).value_or(false);
    else if (k == "nullable") c.nullable = as_bool(val.get());
    else if (k == "autoincrement") {
      if (val->kind == ValueKind::Str && val->text == "ignore_fk") c.autoinc_ignore_fk = true;
      else if (val->kind == ValueKind::Str && val->text == "auto") {}
      else c.autoincrement = as_bool(val.get());
    } else if (k == "server_default") c.server_default = is_none(val.get()) ? nullptr : val.get();
    else if (k == "default") c.has_python_default = !is_none(val.get());
    else if (k == "unique") c.unique = as_bool(val.get()).value_or(false);
    else if (k == "index") c.index = as_bool(val.get()).value_or(false);
    else if (k == "comment") {
      if (!is_none(val.get())) {
        if (val->kind == ValueKind::Str) c.comment = val->text;
        else ctx.fail(val.get(), "comment is not a string literal");
      }
    } else if (k == "type_" || k == "name" || ignorable_kw(k)) {
    } else {
      ctx.fail(val.get(), fmt::format("column option `{}` not modelled", k));
    }
  }
  return c;
}

TableSpec build_table(Ctx& ctx, std::string name, std::string schema,
                      const std::vector<const Value*>& items) {
  TableSpec t;
  t.name = std::move(name);
  t.schema = std::move(schema);
  std::vector<TableItem> explicit_items;
  for (const Value* it : items) {
    if (is_sa(*it, "Column")) t.columns.push_back(parse_column(ctx, *it));
    else if (is_sa(*it, "PrimaryKeyConstraint")) t.primary_key = it;
    else if (is_sa(*it, "UniqueConstraint")) explicit_items.push_back({it, TableItem::Unique});
    else if (is_sa(*it, "CheckConstraint")) explicit_items.push_back({it, TableItem::Check});
    else if (is_sa(*it, "ForeignKeyConstraint")) explicit_items.push_back({it, TableItem::ForeignKey});
    else if (is_sa(*it, "ExcludeConstraint")) explicit_items.push_back({it, TableItem::Exclude});
    else if (is_sa(*it, "Index")) t.indexes.push_back({it, TableItem::Index});
    else ctx.fail(it, "table item not modelled");
  }
  // Explicit constraints were constructed before Table(), so they sort before those the
  // column flags create while the Table is built (Table._sorted_constraints).
  for (const auto& c : explicit_items) t.constraints.push_back(c);
  for (const auto& c : t.columns) {
    if (c.type && is_sa(*c.type, "Enum") && c.type->called &&
        as_bool(find_kw(c.type->kwargs, "native_enum")) == false &&
        as_bool(find_kw(c.type->kwargs, "create_constraint")).value_or(false))
      t.constraints.push_back({c.type, TableItem::EnumCheck, &c});
    if (c.index) t.indexes.push_back({c.node, TableItem::Index, &c});
    else if (c.unique) t.constraints.push_back({c.node, TableItem::Unique, &c});
    for (const Value* fk : c.foreign_keys) t.constraints.push_back({fk, TableItem::ForeignKey, &c});
  }
  if (t.primary_key) {
    for (const auto& a : t.primary_key->args) {
      if (auto s = as_name(a.get())) t.pk_columns.push_back(*s);
      else ctx.fail(a.get(), "primary key column is not a string literal");
    }
    for (auto& c : t.columns)
      for (const auto& p : t.pk_columns)
        if (p == c.name) c.primary_key = true;
  } else {
    for (const auto& c : t.columns)
      if (c.primary_key) t.pk_columns.push_back(c.name);
  }
  // Columns named by a ForeignKeyConstraint have foreign keys too.
  for (const auto& item : t.constraints)
    if (item.kind == TableItem::ForeignKey && !item.column)
      for (const auto& n : names_of(ctx, pos_or_kw(item.node->args, 0, item.node->kwargs, "columns")))
        for (auto& c : t.columns)
          if (c.name == n) c.has_table_fk = true;
  // PrimaryKeyConstraint._autoincrement_column.
  auto valid = [&](const ColumnSpec& c, bool autoinc_true) {
    auto fam = c.type ? type_family(*c.type) : TypeFamily::Other;
    bool numeric = fam == TypeFamily::Integer || fam == TypeFamily::BigInteger ||
                   fam == TypeFamily::SmallInteger || fam == TypeFamily::Numeric ||
                   fam == TypeFamily::Float;
    if (!numeric) {
      if (autoinc_true) ctx.fail(c.node, "autoincrement=True on a non-integer column");
      return false;
    }
    if (autoinc_true) return true;
    if (c.has_python_default || (c.server_default && !c.identity)) return false;
    if ((!c.foreign_keys.empty() || c.has_table_fk) && !c.autoinc_ignore_fk) return false;
    return true;
  };
  auto col_index = [&](const std::string& n) {
    for (size_t i = 0; i < t.columns.size(); ++i)
      if (t.columns[i].name == n) return static_cast<int>(i);
    return -1;
  };
  if (t.pk_columns.size() == 1) {
    int i = col_index(t.pk_columns[0]);
    if (i >= 0) {
      const auto& c = t.columns[i];
      if (c.autoincrement == true ? valid(c, true) : c.autoincrement != false && valid(c, false))
        t.autoincrement_column = i;
    }
  } else {
    for (const auto& p : t.pk_columns) {
      int i = col_index(p);
      if (i >= 0 && t.columns[i].autoincrement == true && valid(t.columns[i], true))
        t.autoincrement_column = i;
    }
  }
  return t;
}

std::string column_spec(Ctx& ctx, const TableSpec& t, size_t i) {
  const ColumnSpec& c = t.columns[i];
  std::string out = quote_ident(c.name);
  bool has_identity = c.identity != nullptr;
  bool serial = static_cast<int>(i) == t.autoincrement_column && !has_identity &&
                !c.has_python_default;
  bool nullable = c.nullable.value_or(!c.primary_key && !has_identity);
  if (serial) {
    auto fam = type_family(*c.type);
    out += fam == TypeFamily::BigInteger ? " BIGSERIAL"
           : fam == TypeFamily::SmallInteger ? " SMALLSERIAL" : " SERIAL";
  } else {
    out += " " + render_type(ctx, *c.type);
    if (c.server_default) out += " DEFAULT " + render_server_default(ctx, *c.server_default);
  }
  if (c.computed) {
    const Value* e = c.computed->arg(0);
    if (!e) ctx.fail(c.computed, "Computed needs its expression");
    else if (as_bool(pos_or_kw(c.computed->args, 1, c.computed->kwargs, "persisted")) == false &&
             !is_none(pos_or_kw(c.computed->args, 1, c.computed->kwargs, "persisted")))
      ctx.fail(c.computed, "PostgreSQL only supports STORED computed columns");
    else out += " GENERATED ALWAYS AS (" + render_expr(ctx, *e) + ") STORED";
  }
  if (has_identity) {
    const Value& id = *c.identity;
    out += as_bool(find_kw(id.kwargs, "always")).value_or(false)
               ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY";
    std::vector<std::string> opts;
    auto num = [&](std::string_view k, std::string_view label) {
      const Value* v = find_kw(id.kwargs, k);
      if (is_none(v)) return;
      if (v->kind != ValueKind::Int) ctx.fail(v, "identity option is not an integer literal");
      else opts.push_back(fmt::format("{} {}", label, v->integer));
    };
    num("increment", "INCREMENT BY");
    num("start", "START WITH");
    num("minvalue", "MINVALUE");
    num("maxvalue", "MAXVALUE");
    if (!is_none(find_kw(id.kwargs, "nominvalue"))) opts.push_back("NO MINVALUE");
    if (!is_none(find_kw(id.kwargs, "nomaxvalue"))) opts.push_back("NO MAXVALUE");
    num("cache", "CACHE");
    if (!is_none(find_kw(id.kwargs, "cycle")))
      opts.push_back(as_bool(find_kw(id.kwargs, "cycle")).value_or(false) ? "CYCLE" : "NO CYCLE");
    if (!opts.empty()) {
      std::string joined;
      for (const auto& o : opts) joined += (joined.empty() ? "" : " ") + o;
      out += " (" + joined + ")";
    }
  }
  if (!nullable && !has_identity) out += " NOT NULL";
  else if (nullable && has_identity) out += " NULL";
  // Constraints given to the column render inline (DDLCompiler.visit_create_column).
  for (const Value* ck : c.checks) out += " " + render_constraint(ctx, t, {ck, TableItem::Check, &c});
  return out;
}

std::string render_foreign_key(Ctx& ctx, const std::vector<std::string>& local,
                               const std::string& ref_table, const std::vector<std::string>& ref_cols,
                               const std::optional<std::string>& name, const Kwargs& kw) {
  std::string out;
  if (name) out += "CONSTRAINT " + quote_ident(*name) + " ";
  out += fmt::format("FOREIGN KEY({}) REFERENCES {} ({})", column_list(local), ref_table,
                     column_list(ref_cols));
  if (auto m = str_kw(ctx, kw, "match")) out += " MATCH " + *m;
  if (auto d = str_kw(ctx, kw, "ondelete")) out += " ON DELETE " + *d;
  if (auto u = str_kw(ctx, kw, "onupdate")) out += " ON UPDATE " + *u;
  out += deferrability(ctx, find_kw(kw, "deferrable"), find_kw(kw, "initially"));
  if (as_bool(find_kw(kw, "postgresql_not_valid")).value_or(false)) out += " NOT VALID";
  return out;
}

namespace {

// "s.t.c" / "t.c" as ForeignKey's target: the referenced table (formatted) and column.
bool split_target(const std::string& spec, std::string* table, std::string* column) {
  auto dot = spec.rfind('.');
  if (dot == std::string::npos) return false;
  *column = spec.substr(dot + 1);
  std::string rest = spec.substr(0, dot);
  auto sdot = rest.rfind('.');
  *table = sdot == std::string::npos ? quote_ident(rest)
                                     : format_table(rest.substr(sdot + 1), rest.substr(0, sdot));
  return true;
}

}  // namespace

std::string render_constraint(Ctx& ctx, const TableSpec& t, const TableItem& item) {
  const Value& v = *item.node;
  switch (item.kind) {
    case TableItem::Unique:
      if (item.column) return "UNIQUE (" + quote_ident(item.column->name) + ")";
      else {
        std::string out;
        if (auto n = object_name(ctx, find_kw(v.kwargs, "name"))) out += "CONSTRAINT " + quote_ident(*n) + " ";
        std::vector<std::string> cols;
        for (const auto& a : v.args) {
          if (auto s = as_name(a.get())) cols.push_back(*s);
          else ctx.fail(a.get(), "constraint column is not a string literal");
        }
        return out + "UNIQUE (" + column_list(cols) + ")" +
               deferrability(ctx, find_kw(v.kwargs, "deferrable"), find_kw(v.kwargs, "initially"));
      }
    case TableItem::Check: {
      std::string out;
      if (auto n = object_name(ctx, find_kw(v.kwargs, "name"))) out += "CONSTRAINT " + quote_ident(*n) + " ";
      const Value* e = pos_or_kw(v.args, 0, v.kwargs, "sqltext");
      if (!e) ctx.fail(&v, "CheckConstraint needs its expression");
      return out + "CHECK (" + (e ? render_expr(ctx, *e) : "") + ")" +
             deferrability(ctx, find_kw(v.kwargs, "deferrable"), find_kw(v.kwargs, "initially"));
    }
    case TableItem::ForeignKey: {
      if (item.column) {
        auto target = as_name(v.arg(0));
        std::string table, col;
        if (!target || !split_target(*target, &table, &col)) {
          ctx.fail(&v, "ForeignKey target is not a \"table.column\" string literal");
          return {};
        }
        return render_foreign_key(ctx, {item.column->name}, table, {col},
                                  object_name(ctx, find_kw(v.kwargs, "name")), v.kwargs);
      }
      auto local = names_of(ctx, pos_or_kw(v.args, 0, v.kwargs, "columns"));
      auto refs = names_of(ctx, pos_or_kw(v.args, 1, v.kwargs, "refcolumns"));
      std::string table, col;
      std::vector<std::string> ref_cols;
      for (const auto& r : refs) {
        if (!split_target(r, &table, &col)) ctx.fail(&v, "referenced column is not \"table.column\"");
        ref_cols.push_back(col);
      }
      return render_foreign_key(ctx, local, table, ref_cols, object_name(ctx, find_kw(v.kwargs, "name")), v.kwargs);
    }
    case TableItem::Exclude: {
      std::string out;
      if (auto n = object_name(ctx, find_kw(v.kwargs, "name"))) out += "CONSTRAINT " + quote_ident(*n) + " ";
      std::string elems;
      for (const auto& a : v.args) {
        if ((a->kind != ValueKind::Tuple && a->kind != ValueKind::List) || a->items.size() != 2 ||
            a->items[1]->kind != ValueKind::Str) {
          ctx.fail(a.get(), "exclude element is not a (column, operator) pair");
          continue;
        }
        if (!elems.empty()) elems += ", ";
        elems += index_element(ctx, *a->items[0]).sql + " WITH " + a->items[1]->text;
      }
      std::string using_ = str_kw(ctx, v.kwargs, "using").value_or("gist");
      for (auto& ch : using_) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      out += "EXCLUDE USING " + using_ + " (" + elems + ")";
      if (const Value* w = find_kw(v.kwargs, "where"); !is_none(w))
        out += " WHERE (" + render_expr(ctx, *w) + ")";
      return out + deferrability(ctx, find_kw(v.kwargs, "deferrable"), find_kw(v.kwargs, "initially"));
    }
    case TableItem::EnumCheck: {
      // Enum(native_enum=False, create_constraint=True): CHECK named after the enum.
      std::string out;
      if (auto n = object_name(ctx, find_kw(v.kwargs, "name"))) out += "CONSTRAINT " + quote_ident(*n) + " ";
      std::string vals;
      for (const auto& a : v.args) {
        if (a->kind != ValueKind::Str) ctx.fail(a.get(), "enum value is not a string literal");
        else vals += (vals.empty() ? "" : ", ") + quote_literal(a->text);
      }
      return out + "CHECK (" + quote_ident(item.column->name) + " IN (" + vals + "))";
    }
    case TableItem::Index: break;
  }
  (void)t;
  return {};
}

std::string render_primary_key(Ctx& ctx, const TableSpec& t) {
  if (t.pk_columns.empty()) return {};
  std::string out;
  const Value* pk = t.primary_key;
  if (pk)
    if (auto n = object_name(ctx, find_kw(pk->kwargs, "name"))) out += "CONSTRAINT " + quote_ident(*n) + " ";
  std::vector<std::string> cols = t.pk_columns;
  if (!pk && t.autoincrement_column >= 0) {
    // An implicit primary key lists its autoincrement column first (columns_autoinc_first).
    const std::string& first = t.columns[t.autoincrement_column].name;
    cols.erase(std::find(cols.begin(), cols.end(), first));
    cols.insert(cols.begin(), first);
  }
  out += "PRIMARY KEY (" + column_list(cols) + ")";
  if (pk) out += deferrability(ctx, find_kw(pk->kwargs, "deferrable"), find_kw(pk->kwargs, "initially"));
  return out;
}

std::string render_create_table(Ctx& ctx, const TableSpec& t) {
  std::string out = "CREATE TABLE " + format_table(t.name, t.schema) + " (";
  std::string sep = "\n";
  for (size_t i = 0; i < t.columns.size(); ++i) {
    out += sep + "\t" + column_spec(ctx, t, i);
    sep = ", \n";
  }
  std::vector<std::string> cons;
  if (auto pk = render_primary_key(ctx, t); !pk.empty()) cons.push_back(pk);
  for (const auto& c : t.constraints) cons.push_back(render_constraint(ctx, t, c));
  if (!cons.empty()) {
    out += sep + "\t";
    for (size_t i = 0; i < cons.size(); ++i) out += (i ? ", \n\t" : "") + cons[i];
  }
  return out + "\n)";
}

}  // namespace miglint::alembic::lower
