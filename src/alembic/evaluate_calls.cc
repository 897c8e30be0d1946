// Calls: string methods, textwrap.dedent, a few builtins, calls of modelled library objects
// (SQLAlchemy, Alembic, datetime...) kept as Object values, helper functions of the same file,
// and database access (conn.execute, Session.query, sa.inspect), which is reported.
#include <fmt/format.h>

#include <cerrno>

#include "alembic/evaluate_expr.h"
#include "alembic/evaluate_strings.h"

namespace miglint::alembic {

using python::Kind;
using python::Node;

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

ValuePtr dynamic_call(const Node* call, EvalEnv& env, std::string_view why) {
  return make_dynamic(fmt::format("`{}` {}", short_source(*env.file, call), why), call->span, call);
}

// The database-reading call: report it once (unanalyzable-operation) and yield a Dynamic value.
ValuePtr database_access(const Node* call, EvalEnv& env, std::string_view what) {
  std::string src = short_source(*env.file, call);
  bool seen = false;  // once per call site, also across loop iterations and helper calls
  if (env.effects)
    for (const Unanalyzable& u : *env.effects) seen = seen || (u.span == call->span && u.rule == "unanalyzable-operation");
  if (env.effects && !seen)
    env.effects->push_back({"unanalyzable-operation",
                            fmt::format("`{}` {} at migration time; miglint only models `op.*` operations", src, what),
                            call->span});
  return make_dynamic(fmt::format("`{}` {} at migration time", src, what), call->span, call);
}

ValuePtr call_builtin(std::string_view name, const Node* call, const std::vector<ValuePtr>& args,
                      const std::vector<std::pair<std::string, ValuePtr>>& kwargs, EvalEnv& env) {
  auto arg = [&](size_t i) { return i < args.size() ? args[i] : nullptr; };
  for (const auto& a : args)
    if (a->kind == ValueKind::Dynamic) return a;
  if (name == "print") return make_none(call->span, call);
  if (name == "str" && args.size() <= 1) {
    if (args.empty()) return make_str("", {call->span.begin}, call->span, call);
    if (args[0]->kind == ValueKind::Str) return args[0];
    if (auto s = py_str(*args[0])) return make_str(*s, std::vector<uint32_t>(s->size() + 1, args[0]->span.begin), call->span, call);
  }
  if (name == "repr" && args.size() == 1 && args[0]->kind != ValueKind::Object) {
    std::string s = value_repr(*args[0]);
    return make_str(s, std::vector<uint32_t>(s.size() + 1, args[0]->span.begin), call->span, call);
  }
  if (name == "int" && args.size() == 1) {
    if (args[0]->kind == ValueKind::Int) return args[0];
    if (args[0]->kind == ValueKind::Bool) return make_int(args[0]->boolean, call->span, call);
    if (args[0]->kind == ValueKind::Str) {
      char* end = nullptr;
      errno = 0;
      long long v = std::strtoll(args[0]->text.c_str(), &end, 10);
      // ERANGE: strtoll clamps to LLONG_MAX, which is not the number Python would return.
      if (!args[0]->text.empty() && end && !*end && errno != ERANGE) return make_int(v, call->span, call);
    }
  }
  if (name == "len" && args.size() == 1) {
    const Value& v = *args[0];
    if (v.kind == ValueKind::Str) return make_int(static_cast<int64_t>(v.text.size()), call->span, call);
    if (v.kind == ValueKind::List || v.kind == ValueKind::Tuple) return make_int(static_cast<int64_t>(v.items.size()), call->span, call);
    if (v.kind == ValueKind::Dict) return make_int(static_cast<int64_t>(v.entries.size()), call->span, call);
  }
  if (name == "range" && !args.empty() && args.size() <= 3) {
    int64_t lo = 0, hi = 0, step = 1;
    std::vector<int64_t> ints;
    for (const auto& a : args) {
      if (a->kind != ValueKind::Int) return dynamic_call(call, env, "has non-constant bounds");
      ints.push_back(a->integer);
    }
    if (ints.size() == 1) hi = ints[0];
    else lo = ints[0], hi = ints[1];
    if (ints.size() == 3) step = ints[2];
    if (step == 0) return dynamic_call(call, env, "raises ValueError");
    std::vector<ValuePtr> items;
    for (int64_t i = lo; step > 0 ? i < hi : i > hi;) {
      if (items.size() >= 10000) return dynamic_call(call, env, "is too long to unroll (more than 10,000 items)");
      items.push_back(make_int(i, call->span, call));
      if (__builtin_add_overflow(i, step, &i)) break;  // past INT64_MAX: the range has ended
    }
    return make_seq(ValueKind::List, std::move(items), call->span, call);
  }
  bool seq = arg(0) && (arg(0)->kind == ValueKind::List || arg(0)->kind == ValueKind::Tuple);
  if ((name == "list" || name == "tuple") && args.size() <= 1) {
    ValueKind k = name == "list" ? ValueKind::List : ValueKind::Tuple;
    if (args.empty()) return make_seq(k, {}, call->span, call);
    if (seq) return make_seq(k, args[0]->items, call->span, call);
    if (args[0]->kind == ValueKind::Dict) {
      std::vector<ValuePtr> keys;
      for (const auto& e : args[0]->entries) keys.push_back(e.first);
      return make_seq(k, std::move(keys), call->span, call);
    }
  }
  if (name == "reversed" && args.size() == 1 && seq)
    return make_seq(ValueKind::List, std::vector<ValuePtr>(args[0]->items.rbegin(), args[0]->items.rend()), call->span, call);
  if (name == "enumerate" && args.size() == 1 && seq) {
    std::vector<ValuePtr> items;
    int64_t i = 0;
    for (const auto& item : args[0]->items)
      items.push_back(make_seq(ValueKind::Tuple, {make_int(i++, call->span, call), item}, call->span, call));
    return make_seq(ValueKind::List, std::move(items), call->span, call);
  }
  if (name == "zip" && !args.empty()) {
    size_t n = SIZE_MAX;
    for (const auto& a : args) {
      if (a->kind != ValueKind::List && a->kind != ValueKind::Tuple) return dynamic_call(call, env, "zips values that are not constant sequences");
      n = std::min(n, a->items.size());
    }
    std::vector<ValuePtr> items;
    for (size_t i = 0; i < n; ++i) {
      std::vector<ValuePtr> t;
      for (const auto& a : args) t.push_back(a->items[i]);
      items.push_back(make_seq(ValueKind::Tuple, std::move(t), call->span, call));
    }
    return make_seq(ValueKind::List, std::move(items), call->span, call);
  }
  if (name == "dict" && args.empty()) {
    auto v = std::make_shared<Value>();
    v->kind = ValueKind::Dict;
    v->span = call->span;
    v->node = call;
    for (const auto& [k, val] : kwargs) {
      std::vector<uint32_t> src(k.size() + 1, call->span.begin);
      v->entries.emplace_back(make_str(k, std::move(src), call->span, call), val);
    }
    return v;
  }
  return dynamic_call(call, env, fmt::format("calls `{}`, which miglint does not evaluate with these arguments", name));
}

// Methods of constant dicts and strs.
ValuePtr call_constant_method(const Value& recv, std::string_view method, const Node* call,
                              const std::vector<ValuePtr>& args,
                              const std::vector<std::pair<std::string, ValuePtr>>& kwargs, EvalEnv& env) {
  for (const auto& a : args)
    if (a->kind == ValueKind::Dynamic) return a;
  for (const auto& [k, a] : kwargs)
    if (a->kind == ValueKind::Dynamic) return a;
  if (recv.kind == ValueKind::Str) {
    if (method == "format") return py_str_format(recv, args, kwargs, call->span, call);
    if (kwargs.empty())
      if (ValuePtr v = py_str_method(recv, method, args, call->span, call)) return v;
  }
  if (recv.kind == ValueKind::Dict && args.empty() && (method == "items" || method == "keys" || method == "values")) {
    std::vector<ValuePtr> items;
    for (const auto& [k, v] : recv.entries)
      items.push_back(method == "keys" ? k : method == "values" ? v
                                       : make_seq(ValueKind::Tuple, {k, v}, call->span, call));
    return make_seq(ValueKind::List, std::move(items), call->span, call);
  }
  if (recv.kind == ValueKind::Dict && method == "get" && !args.empty() && args.size() <= 2) {
    for (const auto& [k, v] : recv.entries)
      if (values_equal(*k, *args[0])) return v;
    return args.size() == 2 ? args[1] : make_none(call->span, call);
  }
  return dynamic_call(call, env, fmt::format("calls `.{}` on a constant, which miglint does not fold", method));
}

}  // namespace

bool modelled(std::string_view callee) {
  static const std::set<std::string_view> exact{"datetime.datetime", "datetime.date", "datetime.time",
                                                "datetime.timedelta", "decimal.Decimal", "uuid.UUID"};
  // Of Alembic, only the operations and the migration context's bind/dialect are modelled:
  // `context.config.get_main_option(...)`, `context.get_x_argument()` are run-time settings.
  static const std::set<std::string_view> alembic{"alembic.op", "alembic.batch_op", "alembic.context.get_context",
                                                  "alembic.context.get_bind", "alembic.dialect"};
  return starts_with(callee, "sqlalchemy") || starts_with(callee, "alembic.op.") ||
         starts_with(callee, "alembic.batch_op.") || starts_with(callee, "operator.") || exact.count(callee) ||
         alembic.count(callee);
}

bool is_db_handle(const Value& v) {
  if (v.kind != ValueKind::Object) return false;
  static const std::set<std::string_view> handles{
      "alembic.op.get_bind", "alembic.op.get_context", "alembic.context.get_context", "alembic.context.get_bind",
      "sqlalchemy.orm.Session", "sqlalchemy.orm.session.Session", "sqlalchemy.orm.sessionmaker"};
  if (!v.receiver) return v.called && handles.count(v.callee);
  // Connections and sessions reached from a handle: `bind.connect()`, `ctx.connection`,
  // `sessionmaker(...)()`.
  static const std::set<std::string_view> derived{"connect", "begin", "connection", "bind", "session",
                                                  "begin_nested", "engine"};
  return is_db_handle(*v.receiver) && derived.count(v.callee);
}

ValuePtr eval_call(const Node* call, EvalEnv& env) {
  const Node* func = call->a;
  if (func->kind == Kind::Name)
    if (const Node* def = find_function(env, func->name)) {
      if (env.call_function) return env.call_function(call, def, env);
      return dynamic_call(call, env, "calls a function miglint does not inline here");
    }
  ValuePtr fv = eval_callee(func, env);
  std::vector<ValuePtr> args;
  std::vector<std::pair<std::string, ValuePtr>> kwargs;
  for (const Node* a : call->la) {
    if (a->kind == Kind::Starred) {
      ValuePtr s = eval_expr(a->a, env);
      if (s->kind == ValueKind::List || s->kind == ValueKind::Tuple) args.insert(args.end(), s->items.begin(), s->items.end());
      else args.push_back(s->kind == ValueKind::Dynamic ? s : dynamic_call(a, env, "unpacks a value that is not a constant sequence"));
    } else {
      args.push_back(eval_expr(a, env));
    }
  }
  for (const Node* k : call->lb) {
    ValuePtr v = eval_expr(k->a, env);
    if (!(k->flags & Node::kHasName)) {  // **mapping
      if (v->kind == ValueKind::Dict) {
        for (const auto& [key, value] : v->entries)
          if (key->kind == ValueKind::Str) kwargs.emplace_back(key->text, value);
      } else {
        kwargs.emplace_back("**", v->kind == ValueKind::Dynamic ? v : dynamic_call(k, env, "is not a constant dict"));
      }
      continue;
    }
    kwargs.emplace_back(std::string(k->name), std::move(v));
  }
  if (fv->kind == ValueKind::Dynamic) return fv;
  if (fv->kind != ValueKind::Object) return dynamic_call(call, env, "calls something that is not callable");

  if (fv->receiver && fv->receiver->kind != ValueKind::Object)
    return call_constant_method(*fv->receiver, fv->callee, call, args, kwargs, env);

  if (fv->receiver) {  // a method of a modelled object: `sa.Enum(...).create(bind)`, `t.update()`
    const Value& recv = *fv->receiver;
    if (is_db_handle(recv)) {
      static const std::set<std::string_view> harmless{"connect", "begin", "connection", "close", "begin_nested",
                                                       "autocommit_block", "begin_transaction"};
      if (!harmless.count(fv->callee)) return database_access(call, env, "runs SQL through the connection");
    }
    if (!modelled(recv.callee) && !recv.receiver)
      return dynamic_call(call, env, "calls a method of an object miglint does not model");
    auto v = std::make_shared<Value>(*fv);
    v->called = true;
    v->span = call->span;
    v->node = call;
    v->args = std::move(args);
    v->kwargs = std::move(kwargs);
    return v;
  }
  if (fv->called) return dynamic_call(call, env, "calls the result of a call, which miglint does not model");

  const std::string& callee = fv->callee;
  if (starts_with(callee, "builtins.")) return call_builtin(std::string_view(callee).substr(9), call, args, kwargs, env);
  if (callee == "textwrap.dedent") {
    if (args.size() == 1 && args[0]->kind == ValueKind::Str) return py_dedent(*args[0], call->span, call);
    if (args.size() == 1 && args[0]->kind == ValueKind::Dynamic) return args[0];
    return dynamic_call(call, env, "dedents something that is not a constant str");
  }
  if (callee == "sqlalchemy.inspect") return database_access(call, env, "reads the database schema");
  if (callee == "alembic.context.is_offline_mode")
    return dynamic_call(call, env, "depends on whether Alembic runs online or with --sql");
  for (const auto& [k, v] : kwargs)
    if ((k == "autoload_with" || (k == "autoload" && truthiness(*v).value_or(true))) && modelled(callee))
      return database_access(call, env, "reflects the table from the database");
  if (!modelled(callee))
    return dynamic_call(call, env, fmt::format("calls `{}`, which miglint does not evaluate", callee));
  auto v = make_object(callee, true, call->span, call);
  auto mv = std::const_pointer_cast<Value>(v);
  mv->args = std::move(args);
  mv->kwargs = std::move(kwargs);
  return v;
}

}  // namespace miglint::alembic
