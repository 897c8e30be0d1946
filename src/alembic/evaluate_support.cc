// Small pieces shared by the expression evaluator and the statement walker: value
// constructors, truthiness, equality, binding assignment targets, messages' source excerpts.
#include <fmt/format.h>

#include "alembic/evaluate_expr.h"
#include "alembic/evaluate_strings.h"

namespace miglint::alembic {

using python::Kind;
using python::Node;

namespace {
std::shared_ptr<Value> fresh(ValueKind k, Span span, const Node* node) {
  auto v = std::make_shared<Value>();
  v->kind = k;
  v->span = span;
  v->node = node;
  return v;
}
}  // namespace

ValuePtr make_bool(bool b, Span span, const Node* node) {
  auto v = fresh(ValueKind::Bool, span, node);
  v->boolean = b;
  return v;
}
ValuePtr make_int(int64_t i, Span span, const Node* node) {
  auto v = fresh(ValueKind::Int, span, node);
  v->integer = i;
  return v;
}
ValuePtr make_none(Span span, const Node* node) { return fresh(ValueKind::None, span, node); }
ValuePtr make_seq(ValueKind kind, std::vector<ValuePtr> items, Span span, const Node* node) {
  auto v = fresh(kind, span, node);
  v->items = std::move(items);
  return v;
}
ValuePtr make_object(std::string callee, bool called, Span span, const Node* node) {
  auto v = fresh(ValueKind::Object, span, node);
  v->callee = std::move(callee);
  v->called = called;
  return v;
}

std::optional<bool> truthiness(const Value& v) {
  switch (v.kind) {
    case ValueKind::None: return false;
    case ValueKind::Bool: return v.boolean;
    case ValueKind::Int: return v.integer != 0;
    case ValueKind::Float: return v.real != 0;
    case ValueKind::Str: case ValueKind::Bytes: return !v.text.empty();
    case ValueKind::Tuple: case ValueKind::List: return !v.items.empty();
    case ValueKind::Dict: return !v.entries.empty();
    default: return std::nullopt;
  }
}

bool values_equal(const Value& a, const Value& b) {
  auto num = [](const Value& v) -> std::optional<double> {
    if (v.kind == ValueKind::Int) return static_cast<double>(v.integer);
    if (v.kind == ValueKind::Bool) return v.boolean ? 1.0 : 0.0;
    if (v.kind == ValueKind::Float) return v.real;
    return std::nullopt;
  };
  if (num(a) && num(b)) return *num(a) == *num(b);
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case ValueKind::None: return true;
    case ValueKind::Str: case ValueKind::Bytes: return a.text == b.text;
    case ValueKind::Tuple: case ValueKind::List:
      if (a.items.size() != b.items.size()) return false;
      for (size_t i = 0; i < a.items.size(); ++i)
        if (!values_equal(*a.items[i], *b.items[i])) return false;
      return true;
    case ValueKind::Dict:
      if (a.entries.size() != b.entries.size()) return false;
      for (size_t i = 0; i < a.entries.size(); ++i)
        if (!values_equal(*a.entries[i].first, *b.entries[i].first) || !values_equal(*a.entries[i].second, *b.entries[i].second))
          return false;
      return true;
    default: return false;
  }
}

void bind_target(const Node* target, const ValuePtr& v, EvalEnv& env) {
  if (!target) return;
  switch (target->kind) {
    case Kind::Name: env.locals[std::string(target->name)] = v; return;
    case Kind::Tuple: case Kind::List: {
      bool ok = (v->kind == ValueKind::Tuple || v->kind == ValueKind::List) && v->items.size() == target->la.size();
      for (const Node* e : target->la)
        if (e->kind == Kind::Starred) ok = false;
      for (uint32_t i = 0; i < target->la.size(); ++i) {
        const Node* e = target->la[i];
        if (ok) {
          bind_target(e, v->items[i], env);
        } else {
          ValuePtr d = v->kind == ValueKind::Dynamic
                           ? v
                           : make_dynamic(fmt::format("`{}` unpacks a value miglint cannot split statically",
                                                      short_source(*env.file, target)),
                                          target->span, target);
          std::vector<std::string_view> names;
          assigned_names(e, names);
          for (auto name : names) env.locals[std::string(name)] = d;
        }
      }
      return;
    }
    case Kind::Starred: bind_target(target->a, v, env); return;
    default: return;  // attributes and subscripts: see the walker
  }
}

void assigned_names(const Node* target, std::vector<std::string_view>& out) {
  if (!target) return;
  if (target->kind == Kind::Name) out.push_back(target->name);
  if (target->kind == Kind::Tuple || target->kind == Kind::List)
    for (const Node* e : target->la) assigned_names(e, out);
  if (target->kind == Kind::Starred) assigned_names(target->a, out);
  // `x[k] = v` and `x.attr = v` change what `x` holds.
  if (target->kind == Kind::Subscript || target->kind == Kind::Attribute) {
    const Node* base = target->a;
    while (base && (base->kind == Kind::Subscript || base->kind == Kind::Attribute)) base = base->a;
    if (base && base->kind == Kind::Name) out.push_back(base->name);
  }
}

void assigned_names_in(const python::NodeList& body, std::vector<std::string_view>& out) {
  for (const Node* s : body) {
    if (!s) continue;
    switch (s->kind) {
      case Kind::Assign:
        for (const Node* t : s->la) assigned_names(t, out);
        break;
      case Kind::AugAssign: case Kind::AnnAssign: assigned_names(s->a, out); break;
      case Kind::For: case Kind::AsyncFor:
        assigned_names(s->a, out);
        assigned_names_in(s->la, out);
        assigned_names_in(s->lb, out);
        break;
      case Kind::While: case Kind::If:
        assigned_names_in(s->la, out);
        assigned_names_in(s->lb, out);
        break;
      case Kind::With: case Kind::AsyncWith:
        for (const Node* item : s->la) assigned_names(item->b, out);
        assigned_names_in(s->lb, out);
        break;
      case Kind::Try: case Kind::TryStar:
        assigned_names_in(s->la, out);
        for (const Node* h : s->lb) assigned_names_in(h->la, out);
        assigned_names_in(s->lc, out);
        assigned_names_in(s->ld, out);
        break;
      case Kind::Expr:
        // `rows.append(x)` and friends change `rows`.
        if (s->a && s->a->kind == Kind::Call && s->a->a && s->a->a->kind == Kind::Attribute && s->a->a->a &&
            s->a->a->a->kind == Kind::Name) {
          static const std::set<std::string_view> mutators{"append", "extend", "insert", "update", "pop", "remove",
                                                           "clear", "setdefault", "sort", "reverse", "add", "discard"};
          if (mutators.count(s->a->a->name)) out.push_back(s->a->a->a->name);
        }
        break;
      default: break;
    }
  }
}

const Node* find_function(const EvalEnv& env, std::string_view name) {
  if (env.locals.count(name)) return nullptr;  // rebound to a value
  if (auto it = env.local_functions.find(name); it != env.local_functions.end()) return it->second;
  if (env.module_functions)
    if (auto it = env.module_functions->find(name); it != env.module_functions->end()) return it->second;
  return nullptr;
}

std::string short_source(const SourceFile& file, const Node* n) {
  std::string_view text = file.slice(n->span);
  bool long_text = text.size() > 60 || text.find('\n') != std::string_view::npos;
  if (!long_text) return std::string(text);
  if (n->kind == Kind::Call && n->a) {
    std::string callee = short_source(file, n->a);
    if (callee == file.slice(n->a->span)) return callee + "(...)";
  }
  size_t cut = std::min<size_t>(text.find('\n'), 57);
  return std::string(text.substr(0, cut)) + "...";
}

}  // namespace miglint::alembic
