// Loops, branches, `with` and `try` blocks, and inlined helper functions of the statement
// walker (see evaluate_walker.h).
#include <fmt/format.h>

#include <algorithm>

#include "alembic/evaluate_strings.h"
#include "alembic/evaluate_walker.h"

namespace miglint::alembic {

using python::Kind;
using python::Node;
using python::NodeList;

Span Walker::header_span(const Node* s, const Node* last) { return Span{s->span.begin, last->span.end}; }

Flow Walker::for_loop(const Node* s, EvalEnv& env) {
  ValuePtr iter = eval_expr(s->b, env);
  std::optional<std::vector<ValuePtr>> items;
  if (iter->kind == ValueKind::List || iter->kind == ValueKind::Tuple) items = iter->items;
  if (iter->kind == ValueKind::Dict) {
    items.emplace();
    for (const auto& e : iter->entries) items->push_back(e.first);
  }
  if (items && items->size() > kMaxIterations) items.reset();
  if (!items) {
    std::string why = iter->kind == ValueKind::Dynamic ? iter->reason
                                                        : fmt::format("`{}` is not a constant sequence", src(env, s->b));
    if (has_effects(s->la) || has_effects(s->lb))
      report("unanalyzable-operation",
             fmt::format("`for {} in {}` repeats operations a number of times known only at run time: {}",
                         src(env, s->a), src(env, s->b), why),
             header_span(s, s->b));
    poison(s->la, env, fmt::format("is built by a loop over `{}`, which is not known statically ({})", src(env, s->b), why), s->span);
    std::vector<std::string_view> names;
    assigned_names(s->a, names);
    for (auto name : names)
      env.locals[std::string(name)] = make_dynamic(fmt::format("`{}` takes values of `{}` at run time", name, src(env, s->b)), s->a->span, s->a);
    return Flow::Normal;
  }
  for (const ValuePtr& item : *items) {
    bind_target(s->a, item, env);
    Flow f = block(s->la, env);
    if (f == Flow::Break) return Flow::Normal;
    if (f == Flow::Return) return f;
  }
  return block(s->lb, env);
}

Flow Walker::if_stmt(const Node* s, EvalEnv& env) {
  ValuePtr test = eval_expr(s->a, env);
  std::optional<bool> t = truthiness(*test);
  if (t) return block(*t ? s->la : s->lb, env);
  std::string why = test->kind == ValueKind::Dynamic ? test->reason : fmt::format("`{}` has no truth value known statically", src(env, s->a));
  if (has_effects(s->la) || has_effects(s->lb))
    report("unanalyzable-operation",
           fmt::format("`if {}:` chooses operations by a value known only at run time: {}", src(env, s->a), why), s->a->span);
  std::string because = fmt::format("is assigned under `if {}`, which depends on run time", src(env, s->a));
  poison(s->la, env, because, s->span);
  poison(s->lb, env, because, s->span);
  return Flow::Normal;
}

Flow Walker::while_loop(const Node* s, EvalEnv& env) {
  ValuePtr test = eval_expr(s->a, env);
  if (truthiness(*test) == std::optional<bool>(false)) return block(s->lb, env);
  if (has_effects(s->la))
    report("unanalyzable-operation", fmt::format("`while {}:` loops are not unrolled statically", src(env, s->a)), s->a->span);
  poison(s->la, env, fmt::format("is changed by a `while {}` loop", src(env, s->a)), s->span);
  return Flow::Normal;
}

Flow Walker::with_stmt(const Node* s, EvalEnv& env) {
  auto saved_batch = batch_;
  bool saved_autocommit = autocommit_;
  for (const Node* item : s->la) {
    ValuePtr ctx = eval_expr(item->a, env);
    ValuePtr bound = ctx;
    if (ctx->is_object("alembic.op.batch_alter_table") && !ctx->receiver) {
      const Value* table = ctx->arg(0) ? ctx->arg(0) : ctx->kwarg("table_name");
      const Value* schema = ctx->kwarg("schema");
      if (!table || table->kind != ValueKind::Str || (schema && schema->kind != ValueKind::Str && schema->kind != ValueKind::None)) {
        const Value* d = find_dynamic(*ctx);
        report("dynamic-sql", fmt::format("`{}` names a table that cannot be evaluated statically{}{}", src(env, item->a),
                                          d ? ": " : "", d ? d->reason : ""),
               item->a->span);
        batch_ = BatchContext{"", "", item->a->span, nullptr};
      } else {
        batch_ = BatchContext{table->text, schema && schema->kind == ValueKind::Str ? schema->text : "", item->a->span, ctx};
      }
      bound = make_object("alembic.batch_op", false, item->a->span, item->a);
    } else if (ctx->kind == ValueKind::Object && ctx->called && ctx->callee == "autocommit_block" && ctx->receiver &&
               is_db_handle(*ctx->receiver)) {
      autocommit_ = true;
    } else if (ctx->kind == ValueKind::Object && ctx->called && (is_db_handle(*ctx) || ctx->is_object("sqlalchemy.orm.Session"))) {
      // `with op.get_bind().begin():`, `with Session(bind=bind) as session:`: methods called
      // on it are reported as database access.
    } else {
      std::string why = ctx->kind == ValueKind::Dynamic ? ": " + ctx->reason : "";
      report("unanalyzable-operation",
             fmt::format("`with {}:` uses a context manager miglint does not model{}", src(env, item->a), why), item->a->span);
    }
    if (item->b) bind_target(item->b, bound, env);
  }
  Flow f = block(s->lb, env);
  batch_ = saved_batch;
  autocommit_ = saved_autocommit;
  return f;
}

Flow Walker::try_stmt(const Node* s, EvalEnv& env) {
  Flow f = block(s->la, env);
  for (const Node* h : s->lb)
    if (has_effects(h->la)) {
      report("unanalyzable-operation", "an `except` handler runs operations only if the code above fails at run time",
             Span{h->span.begin, h->la.empty() ? h->span.end : h->la[0]->span.begin});
      break;
    }
  if (f == Flow::Normal) f = block(s->lc, env);
  Flow g = block(s->ld, env);
  return g != Flow::Normal ? g : f;
}

ValuePtr Walker::inline_call(const Node* call, const Node* def, EvalEnv& caller) {
  std::string name(def->name);
  bool recursive = std::find(active_.begin(), active_.end(), def) != active_.end();
  if (recursive || active_.size() >= kMaxDepth)
    return make_dynamic(fmt::format("`{}` calls `{}` {}", src(caller, call), name,
                                    recursive ? "recursively, which miglint does not inline" : "too deeply nested to inline"),
                        call->span, call);
  // Arguments, evaluated in the caller.
  std::vector<ValuePtr> args;
  std::vector<std::pair<std::string, ValuePtr>> kwargs;
  for (const Node* a : call->la) {
    if (a->kind == Kind::Starred) {
      ValuePtr v = eval_expr(a->a, caller);
      if (v->kind == ValueKind::List || v->kind == ValueKind::Tuple) args.insert(args.end(), v->items.begin(), v->items.end());
      else return make_dynamic(fmt::format("`{}` unpacks arguments miglint cannot evaluate", src(caller, call)), call->span, call);
    } else {
      args.push_back(eval_expr(a, caller));
    }
  }
  for (const Node* k : call->lb) {
    ValuePtr v = eval_expr(k->a, caller);
    if (k->flags & Node::kHasName) kwargs.emplace_back(std::string(k->name), v);
    else if (v->kind == ValueKind::Dict)
      for (const auto& [key, value] : v->entries) kwargs.emplace_back(key->text, value);
    else return make_dynamic(fmt::format("`{}` unpacks arguments miglint cannot evaluate", src(caller, call)), call->span, call);
  }
  EvalEnv env = make_env();
  bool nested = false;
  for (const auto& [n, d] : caller.local_functions) nested = nested || d == def;
  if (nested) {  // a closure sees the enclosing function's names
    env.locals = caller.locals;
    env.local_functions = caller.local_functions;
    env.imports = caller.imports;
  }
  env.imports.add_imports(def->la);
  const Node* params = def->a;
  std::vector<const Node*> positional(params->la.begin(), params->la.end());
  positional.insert(positional.end(), params->lb.begin(), params->lb.end());
  EvalEnv defaults_env = make_env();
  size_t first_default = positional.size() - params->le.size();
  for (size_t i = 0; i < positional.size(); ++i) {
    std::string pname(positional[i]->name);
    ValuePtr v;
    if (i < args.size()) v = args[i];
    for (const auto& [k, kv] : kwargs)
      if (k == pname) v = kv;
    if (!v && i >= first_default) v = eval_expr(params->le[i - first_default], defaults_env);
    if (!v)
      return make_dynamic(fmt::format("`{}` raises TypeError: missing argument `{}`", src(caller, call), pname), call->span, call);
    env.locals[pname] = v;
  }
  if (params->a)
    env.locals[std::string(params->a->name)] = make_seq(
        ValueKind::Tuple, args.size() > positional.size() ? std::vector<ValuePtr>(args.begin() + positional.size(), args.end())
                                                          : std::vector<ValuePtr>{},
        call->span, call);
  if (params->b) {  // **kwargs: the keywords no named parameter takes
    auto extra = std::make_shared<Value>();
    extra->kind = ValueKind::Dict;
    extra->span = call->span;
    extra->node = call;
    for (const auto& [k, kv] : kwargs) {
      bool named = false;
      for (const Node* p : positional) named = named || p->name == k;
      for (const Node* p : params->lc) named = named || p->name == k;
      if (!named) extra->entries.emplace_back(make_str(k, std::vector<uint32_t>(k.size() + 1, kv->span.begin), kv->span, kv->node), kv);
    }
    env.locals[std::string(params->b->name)] = extra;
  }
  for (size_t i = 0; i < params->lc.size(); ++i) {
    std::string pname(params->lc[i]->name);
    ValuePtr v;
    for (const auto& [k, kv] : kwargs)
      if (k == pname) v = kv;
    if (!v && params->ld[i]) v = eval_expr(params->ld[i], defaults_env);
    if (!v)
      return make_dynamic(fmt::format("`{}` raises TypeError: missing argument `{}`", src(caller, call), pname), call->span, call);
    env.locals[pname] = v;
  }
  active_.push_back(def);
  return_value_ = nullptr;
  Flow f = block(def->la, env);
  active_.pop_back();
  ValuePtr result = f == Flow::Return && return_value_ ? return_value_ : make_none(call->span, call);
  return_value_ = nullptr;
  return result;
}

}  // namespace miglint::alembic
