// Expressions other than calls: constants, names, containers, operators, f-strings,
// subscripts, comprehensions. Calls are in evaluate_calls.cc.
#include "alembic/evaluate_expr.h"

#include <fmt/format.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <optional>
#include <string>
#include <unordered_map>

#include "alembic/evaluate_strings.h"

namespace miglint::alembic {

using python::BinOpKind;
using python::CmpOpKind;
using python::ConstKind;
using python::Kind;
using python::Node;

ValuePtr dynamic_expr(const Node* n, EvalEnv& env, std::string_view why) {
  return make_dynamic(fmt::format("`{}` {}", short_source(*env.file, n), why), n->span, n);
}

std::optional<int64_t> int_of(const Value& v) {
  if (v.kind == ValueKind::Int) return v.integer;
  if (v.kind == ValueKind::Bool) return v.boolean;
  return std::nullopt;
}

namespace {

std::shared_ptr<Value> fresh(ValueKind k, Span span, const Node* node) {
  auto v = std::make_shared<Value>();
  v->kind = k;
  v->span = span;
  v->node = node;
  return v;
}

constexpr size_t kMaxItems = 10000;  // bound on folded sequences (range, *, comprehensions)

ValuePtr eval_constant(const Node* n, EvalEnv& env) {
  switch (n->const_kind()) {
    case ConstKind::None: return make_none(n->span, n);
    case ConstKind::True: return make_bool(true, n->span, n);
    case ConstKind::False: return make_bool(false, n->span, n);
    case ConstKind::Str: case ConstKind::Bytes: {
      if (n->flags & Node::kApproximate) return dynamic_expr(n, env, "uses a \\N{...} name miglint does not know");
      std::vector<uint32_t> src;
      for (size_t i = 0; i <= n->str.size(); ++i) src.push_back(n->source_offset(i));
      auto v = make_str(std::string(n->str), std::move(src), n->span, n);
      if (n->const_kind() == ConstKind::Bytes) std::const_pointer_cast<Value>(v)->kind = ValueKind::Bytes;
      return v;
    }
    case ConstKind::Int: {
      std::string digits;
      for (char c : n->str) if (c != '_') digits += c;
      int base = 10;
      size_t skip = 0;
      if (digits.size() > 1 && digits[0] == '0') {
        char p = static_cast<char>(digits[1] | 0x20);
        base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 10;
        skip = base == 10 ? 0 : 2;
      }
      errno = 0;
      char* end = nullptr;
      long long value = std::strtoll(digits.c_str() + skip, &end, base);
      if (errno || *end) return dynamic_expr(n, env, "is an integer too large to fold");
      return make_int(value, n->span, n);
    }
    case ConstKind::Float: {
      std::string digits;
      for (char c : n->str) if (c != '_') digits += c;
      auto v = fresh(ValueKind::Float, n->span, n);
      v->real = std::strtod(digits.c_str(), nullptr);
      return v;
    }
    default: return dynamic_expr(n, env, "is not folded");
  }
}

ValuePtr eval_name(const Node* n, EvalEnv& env) {
  std::string_view name = n->name;
  if (auto it = env.locals.find(name); it != env.locals.end()) return it->second;
  if (env.globals)
    if (auto it = env.globals->find(name); it != env.globals->end()) return it->second;
  if (const std::string* dotted = env.imports.lookup(name)) return make_object(*dotted, false, n->span, n);
  if (find_function(env, name)) return make_object(fmt::format("<function {}>", name), false, n->span, n);
  static const std::set<std::string_view> builtins{
      "str", "int", "float", "bool", "len", "range", "list", "tuple", "dict", "sorted", "enumerate",
      "zip", "repr", "min", "max", "reversed", "print", "set", "frozenset", "open", "getattr", "setattr",
      "hasattr", "isinstance", "type", "any", "all", "sum", "map", "filter", "iter", "next", "abs", "round",
      "format", "vars", "globals", "locals", "super", "object", "exec", "eval", "input", "__import__"};
  if (builtins.count(name)) return make_object("builtins." + std::string(name), false, n->span, n);
  return dynamic_expr(n, env, "is not defined in this file before it is used");
}

// Items of a static iterable (list, tuple, str characters, dict keys), or nullopt.
std::optional<std::vector<ValuePtr>> iterate(const ValuePtr& v) {
  switch (v->kind) {
    case ValueKind::Tuple: case ValueKind::List: return v->items;
    case ValueKind::Dict: {
      std::vector<ValuePtr> keys;
      for (const auto& e : v->entries) keys.push_back(e.first);
      return keys;
    }
    default: return std::nullopt;
  }
}

// A display longer than this is not folded: module-level data of a 50 MB revision (1.4 million
// rows) took 1.8 GB as Values. Folding serves op.bulk_insert() and loops, never that much data.
constexpr size_t kMaxDisplayItems = 100000;

ValuePtr eval_sequence(const Node* n, EvalEnv& env, ValueKind kind) {
  if (n->la.size() > kMaxDisplayItems)
    return dynamic_expr(n, env, fmt::format("has {} items, too many to fold", n->la.size()));
  std::vector<ValuePtr> items;
  for (const Node* e : n->la) {
    if (e->kind == Kind::Starred) {
      ValuePtr inner = eval_expr(e->a, env);
      auto seq = iterate(inner);
      if (!seq) return inner->kind == ValueKind::Dynamic ? inner : dynamic_expr(e, env, "unpacks a value that is not a constant sequence");
      items.insert(items.end(), seq->begin(), seq->end());
    } else {
      items.push_back(eval_expr(e, env));
    }
  }
  return make_seq(kind, std::move(items), n->span, n);
}

// The key under which values_equal() finds `k` (Python ==: 1, 1.0 and True are one key), or
// nullopt for keys compared one by one (tuples, objects, NaN).
std::optional<std::string> canonical_key(const Value& k) {
  switch (k.kind) {
    case ValueKind::Int: case ValueKind::Bool: case ValueKind::Float: {
      double d = k.kind == ValueKind::Int ? static_cast<double>(k.integer)
                 : k.kind == ValueKind::Bool ? (k.boolean ? 1.0 : 0.0) : k.real;
      if (d != d) return std::nullopt;  // NaN equals nothing
      return fmt::format("n{}", d == 0 ? 0.0 : d);
    }
    case ValueKind::Str: return "s" + k.text;
    case ValueKind::Bytes: return "b" + k.text;
    case ValueKind::None: return "0";
    default: return std::nullopt;
  }
}

ValuePtr eval_dict(const Node* n, EvalEnv& env) {
  if (n->la.size() > kMaxDisplayItems)
    return dynamic_expr(n, env, fmt::format("has {} items, too many to fold", n->la.size()));
  auto v = fresh(ValueKind::Dict, n->span, n);
  // Keys are found through an index rather than compared with every entry: a 100,000-entry
  // dict literal (a data migration's lookup table) took 5 billion comparisons, minutes.
  std::unordered_map<std::string, size_t> index;
  std::vector<size_t> others;  // entries whose key has no canonical form
  auto put = [&](ValuePtr k, ValuePtr val) {
    if (auto c = canonical_key(*k)) {
      auto [it, added] = index.emplace(std::move(*c), v->entries.size());
      if (!added) {
        v->entries[it->second].second = std::move(val);
        return;
      }
    } else {
      for (size_t i : others)
        if (values_equal(*v->entries[i].first, *k)) { v->entries[i].second = std::move(val); return; }
      others.push_back(v->entries.size());
    }
    v->entries.emplace_back(std::move(k), std::move(val));
  };
  for (uint32_t i = 0; i < n->la.size(); ++i) {
    ValuePtr value = eval_expr(n->lb[i], env);
    if (!n->la[i]) {  // **mapping
      if (value->kind != ValueKind::Dict) return value->kind == ValueKind::Dynamic ? value : dynamic_expr(n->lb[i], env, "is not a constant dict");
      for (const auto& e : value->entries) put(e.first, e.second);
      continue;
    }
    put(eval_expr(n->la[i], env), value);
  }
  return v;
}

ValuePtr eval_joined(const Node* n, EvalEnv& env) {
  StrBuilder b;
  for (const Node* part : n->la) {
    if (part->kind == Kind::Constant) {
      ValuePtr c = eval_constant(part, env);
      if (c->kind == ValueKind::Dynamic) return c;
      b.append(*c);
      continue;
    }
    // FormattedValue: value, conversion (-1, 's', 'r', 'a'), format_spec (a JoinedStr)
    ValuePtr v = eval_expr(part->a, env);
    if (v->kind == ValueKind::Dynamic) return v;
    if (v->kind == ValueKind::Object) return dynamic_expr(part->a, env, "is not a constant");
    std::string spec;
    if (part->b) {
      ValuePtr s = eval_joined(part->b, env);
      if (s->kind != ValueKind::Str) return s;
      spec = s->text;
    }
    Value converted = *v;
    if (part->num == 'r' || part->num == 'a' || part->num == 's') {
      auto s = part->num == 's' ? py_str(*v) : std::optional<std::string>(value_repr(*v));
      if (!s) return dynamic_expr(part->a, env, "is not a constant");
      converted.kind = ValueKind::Str;
      converted.text = *s;
      converted.text_source.clear();
    }
    std::string why;
    auto text = py_format(converted, spec, &why);
    if (!text) return dynamic_expr(part, env, "cannot be formatted statically: " + why);
    if (converted.kind == ValueKind::Str && *text == converted.text && !converted.text_source.empty()) b.append(converted);
    else b.append(*text, part->a->span.begin);
  }
  return b.finish(n->span, n, n->span.end);
}

ValuePtr eval_comprehension(const Node* n, EvalEnv& env) {
  if (n->la.size() != 1) return dynamic_expr(n, env, "has several `for` clauses");
  const Node* gen = n->la[0];
  ValuePtr iter = eval_expr(gen->b, env);
  auto items = iterate(iter);
  if (!items) return iter->kind == ValueKind::Dynamic ? iter : dynamic_expr(gen->b, env, "is not a constant sequence");
  Bindings saved = env.locals;
  std::vector<ValuePtr> out;
  for (const ValuePtr& item : *items) {
    bind_target(gen->a, item, env);
    bool keep = true;
    for (const Node* cond : gen->la) {
      auto t = truthiness(*eval_expr(cond, env));
      if (!t) { env.locals = saved; return dynamic_expr(cond, env, "is not known statically"); }
      keep = keep && *t;
    }
    if (keep) out.push_back(eval_expr(n->a, env));
  }
  env.locals = std::move(saved);
  return make_seq(n->kind == Kind::ListComp ? ValueKind::List : ValueKind::Tuple, std::move(out), n->span, n);
}

}  // namespace

ValuePtr eval_expr(const Node* n, EvalEnv& env) {
  ValuePtr v = eval_callee(n, env);
  if (v->kind != ValueKind::Object) return v;
  const Value* root = v.get();
  bool from_handle = false;  // an attribute or method result of the migration context or a connection
  while (root->receiver && root->receiver->kind == ValueKind::Object) {
    root = root->receiver.get();
    from_handle = from_handle || is_db_handle(*root);
  }
  if (from_handle && !is_db_handle(*v) && v->callee != "autocommit_block")
    return dynamic_expr(n, env, "depends on the migration context at run time");
  if (root->receiver || modelled(root->callee)) return v;
  if (root->callee.rfind("<function ", 0) == 0)
    return dynamic_expr(n, env, "is a function, which miglint does not evaluate as a value");
  if (short_source(*env.file, n) == root->callee)
    return dynamic_expr(n, env, "is only known when the migration runs");
  return dynamic_expr(n, env, fmt::format("refers to `{}`, which miglint does not evaluate", root->callee));
}

ValuePtr eval_callee(const Node* n, EvalEnv& env) {
  if (!n) return make_none(Span{}, nullptr);
  switch (n->kind) {
    case Kind::Constant: return eval_constant(n, env);
    case Kind::Name: return eval_name(n, env);
    case Kind::Tuple: return eval_sequence(n, env, ValueKind::Tuple);
    case Kind::List: case Kind::Set: return eval_sequence(n, env, ValueKind::List);
    case Kind::Dict: return eval_dict(n, env);
    case Kind::BinOp: return eval_binop(n, env);
    case Kind::Compare: return eval_compare(n, env);
    case Kind::Subscript: return eval_subscript(n, env);
    case Kind::JoinedStr: return eval_joined(n, env);
    case Kind::Call: return eval_call(n, env);
    case Kind::ListComp: case Kind::GeneratorExp: return eval_comprehension(n, env);
    case Kind::Attribute: {
      ValuePtr recv = eval_callee(n->a, env);
      if (recv->kind == ValueKind::Dynamic) return recv;
      std::string attr(n->name);
      if (recv->kind != ValueKind::Object) {
        // A method of a constant (`"x".strip`): resolved when called.
        auto v = fresh(ValueKind::Object, n->span, n);
        v->receiver = recv;
        v->callee = attr;
        return v;
      }
      // The migration runs on PostgreSQL: `<bind or context>.dialect.name` is "postgresql".
      if (attr == "dialect" && is_db_handle(*recv)) return make_object("alembic.dialect", false, n->span, n);
      if (attr == "name" && ((recv->callee == "alembic.dialect" && !recv->receiver) ||
                             (recv->callee == "engine" && recv->receiver && is_db_handle(*recv)))) {
        std::vector<uint32_t> src(11, n->span.begin);
        return make_str("postgresql", std::move(src), n->span, n);
      }
      auto v = fresh(ValueKind::Object, n->span, n);
      if (!recv->called && !recv->receiver) {
        v->callee = canonical_name(recv->callee + "." + attr);
      } else if (!recv->called) {
        v->receiver = recv->receiver;
        v->callee = recv->callee + "." + attr;
      } else {
        v->receiver = recv;
        v->callee = attr;
      }
      return v;
    }
    case Kind::BoolOp: {
      bool is_and = n->op == static_cast<uint8_t>(python::BoolOpKind::And);
      ValuePtr last;
      for (const Node* e : n->la) {
        last = eval_expr(e, env);
        auto t = truthiness(*last);
        if (!t) return last->kind == ValueKind::Dynamic ? last : dynamic_expr(e, env, "has no truth value known statically");
        if (*t != is_and) return last;
      }
      return last;
    }
    case Kind::UnaryOp: {
      ValuePtr v = eval_expr(n->a, env);
      if (v->kind == ValueKind::Dynamic) return v;
      auto k = static_cast<python::UnaryOpKind>(n->op);
      if (k == python::UnaryOpKind::Not) {
        auto t = truthiness(*v);
        if (!t) return dynamic_expr(n->a, env, "has no truth value known statically");
        return make_bool(!*t, n->span, n);
      }
      if (v->kind == ValueKind::Object) {
        auto o = fresh(ValueKind::Object, n->span, n);
        o->callee = k == python::UnaryOpKind::Invert ? "operator.invert" : k == python::UnaryOpKind::USub ? "operator.neg" : "operator.pos";
        o->called = true;
        o->args = {v};
        return o;
      }
      if (auto i = int_of(*v)) {
        if (k == python::UnaryOpKind::USub) {
          if (*i == INT64_MIN) return dynamic_expr(n, env, "is an integer too large to fold");  // -INT64_MIN overflows
          return make_int(-*i, n->span, n);
        }
        if (k == python::UnaryOpKind::UAdd) return make_int(*i, n->span, n);
        return make_int(~*i, n->span, n);
      }
      if (v->kind == ValueKind::Float && k != python::UnaryOpKind::Invert) {
        auto f = fresh(ValueKind::Float, n->span, n);
        f->real = k == python::UnaryOpKind::USub ? -v->real : v->real;
        return f;
      }
      return dynamic_expr(n, env, "is not folded");
    }
    case Kind::IfExp: {
      ValuePtr test = eval_expr(n->a, env);
      auto t = truthiness(*test);
      if (!t) return test->kind == ValueKind::Dynamic ? test : dynamic_expr(n->a, env, "has no truth value known statically");
      return eval_expr(*t ? n->b : n->c, env);
    }
    case Kind::NamedExpr: {
      ValuePtr v = eval_expr(n->b, env);
      bind_target(n->a, v, env);
      return v;
    }
    case Kind::Lambda: return dynamic_expr(n, env, "is a lambda, which miglint does not evaluate");
    default: return dynamic_expr(n, env, "is not evaluated statically");
  }
}

}  // namespace miglint::alembic
