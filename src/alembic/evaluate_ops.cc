// Walks upgrade()/downgrade() statement by statement, as Python would run it on PostgreSQL,
// without running anything: op.* calls become OpCalls, static loops are unrolled, static
// `if`s take their branch, helpers of the same file are inlined, and whatever cannot be known
// becomes an Unanalyzable entry (docs/static-evaluation.md).
#include <fmt/format.h>

#include "alembic/evaluate_walker.h"
#include "alembic/evaluate_strings.h"
#include "alembic/revision.h"

namespace miglint::alembic {

using python::Kind;
using python::Node;
using python::NodeList;

bool is_log_call(const Node* call) {
  static const std::set<std::string_view> methods{"debug", "info", "warning", "warn", "error",
                                                  "exception", "critical", "log"};
  const Node* f = call->a;
  if (f->kind != Kind::Attribute || !methods.count(f->name)) return false;
  const Node* base = f->a;
  if (base->kind != Kind::Name) return false;
  std::string lower;
  for (char c : base->name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("log") != std::string::npos;
}

// Statements that can do something beyond binding names (calls other than logging, nested
// blocks that contain such calls).
bool has_effects(const NodeList& body) {
  for (const Node* s : body) {
    if (!s) continue;
    switch (s->kind) {
      case Kind::Expr:
        if (s->a && s->a->kind == Kind::Call && !is_log_call(s->a)) {
          const Node* f = s->a->a;
          bool mutation = f->kind == Kind::Attribute && f->a->kind == Kind::Name &&
                          (f->name == "append" || f->name == "extend" || f->name == "update");
          bool print = f->kind == Kind::Name && f->name == "print";
          if (!mutation && !print) return true;
        }
        break;
      case Kind::For: case Kind::AsyncFor: case Kind::While: case Kind::If:
        if (has_effects(s->la) || has_effects(s->lb)) return true;
        break;
      case Kind::With: case Kind::AsyncWith:
        if (has_effects(s->lb)) return true;
        break;
      case Kind::Try: case Kind::TryStar:
        if (has_effects(s->la) || has_effects(s->lc) || has_effects(s->ld)) return true;
        for (const Node* h : s->lb)
          if (has_effects(h->la)) return true;
        break;
      default: break;
    }
  }
  return false;
}

EvalEnv Walker::make_env() {
  EvalEnv env;
  env.file = module_.file.get();
  env.imports = module_.imports;
  env.globals = &module_.globals;
  env.module_functions = &module_.functions;
  env.effects = &out_.unanalyzable;
  env.call_function = [this](const Node* call, const Node* def, EvalEnv& caller) {
    return inline_call(call, def, caller);
  };
  return env;
}

void Walker::run(const Node* def) {
  EvalEnv env = make_env();
  env.imports.add_imports(def->la);
  block(def->la, env);
}

void Walker::report(std::string rule, std::string message, Span span) {
  // Once per place and message: an unrolled loop or a helper called twice repeats the same finding.
  for (const Unanalyzable& u : out_.unanalyzable)
    if (u.span == span && u.rule == rule && u.message == message) return;
  out_.unanalyzable.push_back({std::move(rule), std::move(message), span});
}

std::string Walker::src(const EvalEnv& env, const Node* n) { return short_source(*env.file, n); }

Flow Walker::block(const NodeList& body, EvalEnv& env) {
  for (const Node* s : body) {
    Flow f = stmt(s, env);
    if (f != Flow::Normal) return f;
  }
  return Flow::Normal;
}

// Names assigned in code miglint does not run become Dynamic with `why`.
void Walker::poison(const NodeList& body, EvalEnv& env, const std::string& why, Span span) {
  std::vector<std::string_view> names;
  assigned_names_in(body, names);
  for (auto name : names)
    env.locals[std::string(name)] = make_dynamic(fmt::format("`{}` {}", name, why), span, nullptr);
}

Flow Walker::stmt(const Node* s, EvalEnv& env) {
  if (!s) return Flow::Normal;
  if (++steps_ > kMaxSteps) {
    if (steps_ == kMaxSteps + 1)
      report("unanalyzable-operation", "the migration runs more than 200,000 statements when unrolled; the rest is not analysed", s->span);
    return Flow::Return;
  }
  switch (s->kind) {
    case Kind::Expr:
      if (s->a->kind == Kind::Call) call_statement(s->a, env);
      else if (s->a->kind != Kind::Constant) eval_expr(s->a, env);  // for the database access it may do
      return Flow::Normal;
    case Kind::Assign: case Kind::AnnAssign: assign(s, env); return Flow::Normal;
    case Kind::AugAssign: aug_assign(s, env); return Flow::Normal;
    case Kind::For: return for_loop(s, env);
    case Kind::If: return if_stmt(s, env);
    case Kind::While: return while_loop(s, env);
    case Kind::With: return with_stmt(s, env);
    case Kind::Try: case Kind::TryStar: return try_stmt(s, env);
    case Kind::Return:
      return_value_ = s->a ? eval_expr(s->a, env) : make_none(s->span, s);
      return Flow::Return;
    case Kind::Raise: return Flow::Return;  // the migration stops here
    case Kind::Break: return Flow::Break;
    case Kind::Continue: return Flow::Continue;
    case Kind::FunctionDef: env.local_functions[std::string(s->name)] = s; env.locals.erase(std::string(s->name)); return Flow::Normal;
    case Kind::Import: case Kind::ImportFrom: env.imports.add_import(s); return Flow::Normal;
    case Kind::Pass: case Kind::Global: case Kind::Nonlocal: case Kind::Assert: case Kind::Delete:
    case Kind::ClassDef: case Kind::Error:
      return Flow::Normal;
    default: {
      std::string_view text = env.file->slice(s->span);
      text = text.substr(0, text.find('\n'));
      report("unanalyzable-operation", fmt::format("`{}` is not analysed statically", text.substr(0, 60)), s->span);
      return Flow::Normal;
    }
  }
}

// The span of the argument of `call` that holds `dynamic` (best effort), else the call.
Span Walker::dynamic_arg_span(const Node* call, const Value& object, std::string* arg_src, const EvalEnv& env) {
  for (size_t i = 0; i < object.args.size() && i < call->la.size(); ++i)
    if (find_dynamic(*object.args[i]) && call->la[i]->kind != Kind::Starred) {
      *arg_src = src(env, call->la[i]);
      return call->la[i]->span;
    }
  for (const Node* k : call->lb)
    for (const auto& [name, value] : object.kwargs)
      if ((k->flags & Node::kHasName) && name == k->name && find_dynamic(*value)) {
        *arg_src = src(env, k->a);
        return k->a->span;
      }
  *arg_src = src(env, call);
  return call->span;
}

void Walker::emit(std::string name, const Node* call, const ValuePtr& object, EvalEnv& env, ValuePtr receiver) {
  if (const Value* d = find_dynamic(*object)) {
    std::string arg;
    Span span = dynamic_arg_span(call, *object, &arg, env);
    std::string what = src(env, call->a) + "(...)";
    report("dynamic-sql", fmt::format("`{}` in `{}` cannot be evaluated statically: {}", arg, what, d->reason), span);
    return;
  }
  OpCall op;
  op.name = std::move(name);
  op.span = call->span;
  op.node = call;
  op.args = object->args;
  op.kwargs = object->kwargs;
  op.receiver = std::move(receiver);
  op.batch = batch_;
  op.autocommit = autocommit_;
  out_.calls.push_back(std::move(op));
}

// `rows.append(x)`, `d.update(...)`: a mutation of a local constant. True when handled.
bool Walker::mutation(const Node* call, EvalEnv& env) {
  const Node* f = call->a;
  if (f->kind != Kind::Attribute || f->a->kind != Kind::Name) return false;
  auto it = env.locals.find(f->a->name);
  if (it == env.locals.end()) return false;
  ValuePtr cur = it->second;
  std::string_view m = f->name;
  bool seq = cur->kind == ValueKind::List;
  bool dict = cur->kind == ValueKind::Dict;
  static const std::set<std::string_view> mutators{"append", "extend", "insert", "update", "pop", "remove",
                                                   "clear", "setdefault", "sort", "reverse"};
  if (!mutators.count(m) || (!seq && !dict)) return false;
  auto next = std::make_shared<Value>(*cur);
  bool ok = false;
  if (seq && m == "append" && call->la.size() == 1 && call->lb.empty()) {
    next->items.push_back(eval_expr(call->la[0], env));
    ok = true;
  } else if (seq && m == "extend" && call->la.size() == 1 && call->lb.empty()) {
    ValuePtr more = eval_expr(call->la[0], env);
    if (more->kind == ValueKind::List || more->kind == ValueKind::Tuple) {
      next->items.insert(next->items.end(), more->items.begin(), more->items.end());
      ok = true;
    }
  } else if (dict && m == "update" && call->la.size() <= 1) {
    ValuePtr more = call->la.size() ? eval_expr(call->la[0], env) : nullptr;
    ok = !more || more->kind == ValueKind::Dict;
    std::vector<std::pair<ValuePtr, ValuePtr>> add = more ? more->entries : std::vector<std::pair<ValuePtr, ValuePtr>>{};
    for (const Node* k : call->lb) {
      if (!(k->flags & Node::kHasName)) { ok = false; continue; }
      add.emplace_back(make_str(std::string(k->name), std::vector<uint32_t>(k->name.size() + 1, k->span.begin), k->span, k),
                       eval_expr(k->a, env));
    }
    for (auto& [key, value] : add) {
      bool replaced = false;
      for (auto& e : next->entries)
        if (values_equal(*e.first, *key)) e.second = value, replaced = true;
      if (!replaced) next->entries.emplace_back(key, value);
    }
  }
  env.locals[std::string(f->a->name)] =
      ok ? ValuePtr(next)
         : make_dynamic(fmt::format("`{}` is changed by `{}`, which miglint does not fold", f->a->name, src(env, call)),
                        call->span, call);
  return true;
}

void Walker::not_analysed(const Node* call, const std::string& reason, const EvalEnv& env) {
  std::string what = "`" + src(env, call) + "`";
  if (reason.rfind(what, 0) == 0) report("unanalyzable-operation", reason, call->span);
  else report("unanalyzable-operation", fmt::format("{} cannot be analysed statically: {}", what, reason), call->span);
}

void Walker::call_statement(const Node* call, EvalEnv& env) {
  if (is_log_call(call)) return;
  if (mutation(call, env)) return;
  const Node* f = call->a;
  if (f->kind == Kind::Name)
    if (const Node* def = find_function(env, f->name)) {
      ValuePtr r = inline_call(call, def, env);
      if (r->kind == ValueKind::Dynamic && r->node == call) not_analysed(call, r->reason, env);
      return;
    }
  size_t effects_before = out_.unanalyzable.size();
  ValuePtr fv = eval_callee(f, env);
  if (fv->kind == ValueKind::Object && !fv->receiver && !fv->called) {
    static const std::set<std::string_view> not_ops{"get_bind", "get_context", "f", "inline_literal",
                                                    "implementation_for", "register_operation", "invoke"};
    const std::string& c = fv->callee;
    for (std::string_view prefix : {"alembic.op.", "alembic.batch_op."}) {
      if (c.rfind(prefix, 0) != 0) continue;
      std::string method = c.substr(prefix.size());
      if (not_ops.count(method) || method.find('.') != std::string::npos) break;
      ValuePtr object = eval_call(call, env);
      emit(method, call, object, env);
      return;
    }
    if (c == "builtins.print" || c.rfind("logging.", 0) == 0 || c == "warnings.warn") return;
  }
  if (fv->kind == ValueKind::Object && fv->receiver && (fv->callee == "create" || fv->callee == "drop") &&
      (fv->receiver->is_object("sqlalchemy.Enum") || fv->receiver->is_object("sqlalchemy.dialects.postgresql.ENUM")) &&
      !fv->receiver->receiver) {
    ValuePtr object = eval_call(call, env);
    if (object->kind == ValueKind::Dynamic) {
      report("dynamic-sql", fmt::format("`{}` cannot be evaluated statically: {}", src(env, call), object->reason), call->span);
      return;
    }
    emit(fv->callee == "create" ? "type_create" : "type_drop", call, object, env, fv->receiver);
    return;
  }
  ValuePtr result = fv->kind == ValueKind::Dynamic ? fv : eval_call(call, env);
  if (out_.unanalyzable.size() != effects_before) return;  // database access, already reported
  if (result->kind == ValueKind::Dynamic)
    for (const Unanalyzable& u : out_.unanalyzable)
      if (u.span == result->span && u.rule == "unanalyzable-operation") return;  // reported on an earlier pass
  if (result->kind == ValueKind::Dynamic) {
    not_analysed(call, result->reason, env);
    return;
  }
  if (result->kind == ValueKind::Object && result->receiver && (result->callee == "create" || result->callee == "drop" ||
                                                                 result->callee == "execute")) {
    report("unanalyzable-operation",
           fmt::format("`{}` runs DDL on an object miglint does not model; use `op.*` operations", src(env, call)), call->span);
  }
  // Anything else builds a value nobody uses (`sa.Enum(...)`, `op.get_bind()`): no effect.
}

void Walker::assign(const Node* s, EvalEnv& env) {
  const Node* value = s->kind == Kind::Assign ? s->a : s->c;
  if (!value) return;  // `x: int`
  ValuePtr v;
  if (value->kind == Kind::Call && value->a->kind == Kind::Attribute) {
    // `result = op.execute(...)`: still an operation.
    ValuePtr fv = eval_callee(value->a, env);
    if (fv->kind == ValueKind::Object && !fv->receiver && !fv->called &&
        (fv->callee.rfind("alembic.op.", 0) == 0 || fv->callee.rfind("alembic.batch_op.", 0) == 0) &&
        fv->callee.find("get_") == std::string::npos && fv->callee != "alembic.op.f" &&
        fv->callee != "alembic.op.inline_literal") {
      size_t before = out_.calls.size();
      call_statement(value, env);
      // `t = op.create_table(...)` returns the Table, used by `op.bulk_insert(t, rows)`: the
      // value is the create_table call itself (callee "alembic.op.create_table").
      if (fv->callee == "alembic.op.create_table" && out_.calls.size() == before + 1)
        v = eval_call(value, env);
      else
        v = make_dynamic(fmt::format("`{}` is the result of an operation", src(env, value)), value->span, value);
    }
  }
  if (!v) v = eval_expr(value, env);
  std::vector<const Node*> targets;
  if (s->kind == Kind::Assign) targets.assign(s->la.begin(), s->la.end());
  else targets.push_back(s->a);
  for (const Node* t : targets) {
    if (t->kind == Kind::Subscript && t->a->kind == Kind::Name && env.locals.count(t->a->name)) {
      ValuePtr cur = env.locals[std::string(t->a->name)];
      ValuePtr key = eval_expr(t->b, env);
      if (cur->kind == ValueKind::Dict && key->kind != ValueKind::Dynamic && key->kind != ValueKind::Object) {
        auto next = std::make_shared<Value>(*cur);
        bool replaced = false;
        for (auto& e : next->entries)
          if (values_equal(*e.first, *key)) e.second = v, replaced = true;
        if (!replaced) next->entries.emplace_back(key, v);
        env.locals[std::string(t->a->name)] = next;
        continue;
      }
    }
    if (t->kind == Kind::Subscript || t->kind == Kind::Attribute) {
      std::vector<std::string_view> names;
      assigned_names(t, names);
      for (auto name : names)
        env.locals[std::string(name)] = make_dynamic(
            fmt::format("`{}` is changed by `{}`, which miglint does not fold", name, src(env, t)), t->span, t);
      continue;
    }
    bind_target(t, v, env);
  }
}

void Walker::aug_assign(const Node* s, EvalEnv& env) {
  // Evaluate `x op= y` as `x op y` through a temporary BinOp node.
  Node tmp;
  tmp.kind = Kind::BinOp;
  tmp.op = s->op;
  tmp.a = s->a;
  tmp.b = s->b;
  tmp.span = s->span;
  ValuePtr v = eval_expr(&tmp, env);
  auto fixed = std::make_shared<Value>(*v);
  if (fixed->node == &tmp) fixed->node = s;
  if (s->a->kind == Kind::Name) bind_target(s->a, fixed, env);
  else poison(NodeList{const_cast<Node**>(&s), 1}, env, "is changed by an augmented assignment miglint does not fold", s->span);
}

OpProgram evaluate_ops(const Revision& revision, Phase phase) {
  OpProgram program;
  if (!revision.module || !revision.module->root) return program;
  std::string_view fname = phase == Phase::Upgrade ? "upgrade" : "downgrade";
  const Node* def = nullptr;
  for (const Node* s : revision.module->body())
    if (s && s->kind == Kind::FunctionDef && s->name == fname) def = s;
  if (!def) return program;
  ModuleScope module = build_module_scope(*revision.module);
  Walker walker(module, program);
  walker.run(def);
  return program;
}

}  // namespace miglint::alembic
