// Operators on values: arithmetic and concatenation, comparisons, subscripts and slices, and
// the same operators on SQL expression objects (`t.c.id == 5` stays an Object).
#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <optional>

#include "alembic/evaluate_expr.h"
#include "alembic/evaluate_strings.h"

namespace miglint::alembic {

using python::BinOpKind;
using python::CmpOpKind;
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

constexpr size_t kMaxItems = 10000;  // bound on folded sequences

const char* binop_callee(BinOpKind k) {
  switch (k) {
    case BinOpKind::Add: return "operator.add";
    case BinOpKind::Sub: return "operator.sub";
    case BinOpKind::Mult: return "operator.mul";
    case BinOpKind::Div: return "operator.truediv";
    case BinOpKind::Mod: return "operator.mod";
    case BinOpKind::BitAnd: return "operator.and_";
    case BinOpKind::BitOr: return "operator.or_";
    default: return "operator.other";
  }
}

}  // namespace

namespace {

// Python's ints never overflow; ours are int64_t. A result that does not fit is not folded
// (signed overflow would be undefined behaviour, and INT64_MIN // -1 traps).
std::optional<int64_t> int_binop(BinOpKind k, int64_t a, int64_t b) {
  int64_t out;
  switch (k) {
    case BinOpKind::Add: if (__builtin_add_overflow(a, b, &out)) return std::nullopt; return out;
    case BinOpKind::Sub: if (__builtin_sub_overflow(a, b, &out)) return std::nullopt; return out;
    case BinOpKind::Mult: if (__builtin_mul_overflow(a, b, &out)) return std::nullopt; return out;
    case BinOpKind::FloorDiv: case BinOpKind::Mod: {
      // INT64_MIN / -1 traps (SIGFPE): x % -1 is 0 and x // -1 is -x, which may not fit.
      if (b == -1) {
        if (k == BinOpKind::Mod) return 0;
        if (a == INT64_MIN) return std::nullopt;
        return -a;
      }
      int64_t q = a / b, m = a % b;
      if (m != 0 && ((m < 0) != (b < 0))) --q, m += b;  // Python floors
      return k == BinOpKind::Mod ? m : q;
    }
    default: return std::nullopt;
  }
}

// The operator of `n` applied to its operands' values `l` and `r`.
ValuePtr binop_values(const Node* n, ValuePtr l, ValuePtr r, EvalEnv& env);

}  // namespace

// A left-deep chain `a + b + c + ...` (SQL assembled piece by piece, or a hostile 3,000-term
// line) is folded in one pass from the left: no recursion per link, and consecutive string
// concatenations append to one buffer instead of copying the growing string at every link
// (quadratic in time and memory on long chains).
ValuePtr eval_binop(const Node* n, EvalEnv& env) {
  std::vector<const Node*> spine;
  for (const Node* x = n; x->kind == Kind::BinOp; x = x->a) spine.push_back(x);
  ValuePtr acc = eval_expr(spine.back()->a, env);
  std::optional<StrBuilder> joined;  // open while the chain so far is str + str + ...
  const Node* joined_node = nullptr;
  uint32_t joined_end = 0;
  for (size_t i = spine.size(); i-- > 0;) {
    const Node* link = spine[i];
    ValuePtr r = eval_expr(link->b, env);
    bool concat = static_cast<BinOpKind>(link->op) == BinOpKind::Add && r->kind == ValueKind::Str;
    if (concat && (joined || acc->kind == ValueKind::Str)) {
      if (!joined) joined.emplace().append(*acc);
      joined->append(*r);
      joined_node = link;
      joined_end = r->source_offset(r->text.size());
      continue;
    }
    if (joined) {
      acc = joined->finish(joined_node->span, joined_node, joined_end);
      joined.reset();
    }
    acc = binop_values(link, acc, r, env);
  }
  if (joined) acc = joined->finish(joined_node->span, joined_node, joined_end);
  return acc;
}

namespace {

ValuePtr binop_values(const Node* n, ValuePtr l, ValuePtr r, EvalEnv& env) {
  if (l->kind == ValueKind::Dynamic) return l;
  if (r->kind == ValueKind::Dynamic) return r;
  auto k = static_cast<BinOpKind>(n->op);
  if (l->kind == ValueKind::Object || r->kind == ValueKind::Object) {  // a SQL expression
    auto v = fresh(ValueKind::Object, n->span, n);
    v->callee = binop_callee(k);
    v->called = true;
    v->args = {l, r};
    return v;
  }
  if (k == BinOpKind::Add && l->kind == ValueKind::Str && r->kind == ValueKind::Str) {
    StrBuilder b;
    b.append(*l);
    b.append(*r);
    return b.finish(n->span, n, r->source_offset(r->text.size()));
  }
  if (k == BinOpKind::Add && l->kind == r->kind && (l->kind == ValueKind::Tuple || l->kind == ValueKind::List)) {
    std::vector<ValuePtr> items = l->items;
    items.insert(items.end(), r->items.begin(), r->items.end());
    return make_seq(l->kind, std::move(items), n->span, n);
  }
  if (k == BinOpKind::Mod && l->kind == ValueKind::Str) return py_percent(*l, *r, n->span, n);
  auto li = int_of(*l), ri = int_of(*r);
  if (k == BinOpKind::Mult && ((l->kind == ValueKind::Str || l->kind == ValueKind::List || l->kind == ValueKind::Tuple) && ri)) {
    int64_t times = *ri < 0 ? 0 : *ri;
    // Compared by division: times * size can wrap around (2**62 * 4 is 0 in 64 bits).
    size_t size = l->text.size() + l->items.size();
    if (size != 0 && static_cast<uint64_t>(times) > kMaxItems * 100 / size)
      return dynamic_expr(n, env, "is too large to fold");
    if (l->kind == ValueKind::Str) {
      StrBuilder b;
      for (int64_t i = 0; i < times; ++i) b.append(*l);
      return b.finish(n->span, n, l->source_offset(l->text.size()));
    }
    std::vector<ValuePtr> items;
    for (int64_t i = 0; i < times; ++i) items.insert(items.end(), l->items.begin(), l->items.end());
    return make_seq(l->kind, std::move(items), n->span, n);
  }
  if (li && ri) {
    bool division = k == BinOpKind::FloorDiv || k == BinOpKind::Mod;
    if (division && *ri == 0) return dynamic_expr(n, env, "raises ZeroDivisionError");
    if (auto v = int_binop(k, *li, *ri)) return make_int(*v, n->span, n);
    if (k == BinOpKind::Add || k == BinOpKind::Sub || k == BinOpKind::Mult || division)
      return dynamic_expr(n, env, "is an integer too large to fold");
  }
  return dynamic_expr(n, env, "uses an operator miglint does not fold on these values");
}

}  // namespace

namespace {

const char* cmp_callee(CmpOpKind k) {
  switch (k) {
    case CmpOpKind::Eq: return "operator.eq";
    case CmpOpKind::NotEq: return "operator.ne";
    case CmpOpKind::Lt: return "operator.lt";
    case CmpOpKind::LtE: return "operator.le";
    case CmpOpKind::Gt: return "operator.gt";
    case CmpOpKind::GtE: return "operator.ge";
    case CmpOpKind::Is: return "operator.is_";
    case CmpOpKind::IsNot: return "operator.is_not";
    case CmpOpKind::In: return "operator.in_";
    case CmpOpKind::NotIn: return "operator.not_in";
  }
  return "operator.other";
}

std::optional<bool> compare(CmpOpKind k, const Value& a, const Value& b) {
  switch (k) {
    case CmpOpKind::Eq: return values_equal(a, b);
    case CmpOpKind::NotEq: return !values_equal(a, b);
    case CmpOpKind::Is: case CmpOpKind::IsNot: {
      bool singleton = a.kind == ValueKind::None || a.kind == ValueKind::Bool || b.kind == ValueKind::None || b.kind == ValueKind::Bool;
      if (!singleton) return std::nullopt;
      bool same = values_equal(a, b) && a.kind == b.kind;
      return k == CmpOpKind::Is ? same : !same;
    }
    case CmpOpKind::In: case CmpOpKind::NotIn: {
      bool found = false;
      if (b.kind == ValueKind::Str && a.kind == ValueKind::Str) found = b.text.find(a.text) != std::string::npos;
      else if (b.kind == ValueKind::Tuple || b.kind == ValueKind::List)
        for (const auto& i : b.items) found = found || values_equal(a, *i);
      else if (b.kind == ValueKind::Dict)
        for (const auto& e : b.entries) found = found || values_equal(a, *e.first);
      else return std::nullopt;
      return k == CmpOpKind::In ? found : !found;
    }
    default: {
      int c;
      if (int_of(a) && int_of(b)) c = *int_of(a) < *int_of(b) ? -1 : *int_of(a) > *int_of(b);
      else if (a.kind == ValueKind::Str && b.kind == ValueKind::Str) c = a.text.compare(b.text);
      else return std::nullopt;
      if (k == CmpOpKind::Lt) return c < 0;
      if (k == CmpOpKind::LtE) return c <= 0;
      if (k == CmpOpKind::Gt) return c > 0;
      return c >= 0;
    }
  }
}

}  // namespace

ValuePtr eval_compare(const Node* n, EvalEnv& env) {
  ValuePtr left = eval_expr(n->a, env);
  bool result = true;
  for (uint32_t i = 0; i < n->la.size(); ++i) {
    ValuePtr right = eval_expr(n->la[i], env);
    auto k = static_cast<CmpOpKind>(n->lb[i]->op);
    if (left->kind == ValueKind::Dynamic) return left;
    if (right->kind == ValueKind::Dynamic) return right;
    if ((left->kind == ValueKind::Object || right->kind == ValueKind::Object) && n->la.size() == 1) {
      auto v = fresh(ValueKind::Object, n->span, n);  // a SQL comparison: `t.c.id == 5`
      v->callee = cmp_callee(k);
      v->called = true;
      v->args = {left, right};
      return v;
    }
    auto r = compare(k, *left, *right);
    if (!r) return dynamic_expr(n, env, "compares values miglint cannot compare statically");
    if (!*r) result = false;
    left = right;
    if (!result) break;
  }
  return make_bool(result, n->span, n);
}

ValuePtr eval_subscript(const Node* n, EvalEnv& env) {
  ValuePtr base = eval_expr(n->a, env);
  if (base->kind == ValueKind::Dynamic) return base;
  if (n->b->kind == Kind::Slice) {
    if (base->kind != ValueKind::Str && base->kind != ValueKind::List && base->kind != ValueKind::Tuple)
      return dynamic_expr(n, env, "slices a value that is not a constant sequence");
    int64_t size = base->kind == ValueKind::Str ? static_cast<int64_t>(base->text.size()) : static_cast<int64_t>(base->items.size());
    auto bound = [&](const Node* e, int64_t dflt) -> std::optional<int64_t> {
      if (!e) return dflt;
      auto v = eval_expr(e, env);
      auto i = int_of(*v);
      if (!i) return std::nullopt;
      int64_t x = *i < 0 ? *i + size : *i;
      return std::clamp<int64_t>(x, 0, size);
    };
    auto lo = bound(n->b->a, 0), hi = bound(n->b->b, size);
    if (!lo || !hi || n->b->c) return dynamic_expr(n, env, "uses a slice miglint does not fold");
    if (*hi < *lo) hi = lo;
    if (base->kind == ValueKind::Str) {
      StrBuilder b;
      b.append(*base, static_cast<size_t>(*lo), static_cast<size_t>(*hi));
      return b.finish(n->span, n, base->source_offset(static_cast<size_t>(*hi)));
    }
    return make_seq(base->kind, std::vector<ValuePtr>(base->items.begin() + *lo, base->items.begin() + *hi), n->span, n);
  }
  ValuePtr key = eval_expr(n->b, env);
  if (key->kind == ValueKind::Dynamic) return key;
  if (base->kind == ValueKind::Object) {
    auto v = fresh(ValueKind::Object, n->span, n);
    v->receiver = base;
    v->callee = "__getitem__";
    v->called = true;
    v->args = {key};
    return v;
  }
  if (base->kind == ValueKind::Dict) {
    for (const auto& e : base->entries)
      if (values_equal(*e.first, *key)) return e.second;
    return dynamic_expr(n, env, "raises KeyError");
  }
  auto i = int_of(*key);
  if (i && (base->kind == ValueKind::List || base->kind == ValueKind::Tuple)) {
    int64_t size = static_cast<int64_t>(base->items.size());
    int64_t x = *i < 0 ? *i + size : *i;
    if (x >= 0 && x < size) return base->items[static_cast<size_t>(x)];
    return dynamic_expr(n, env, "raises IndexError");
  }
  return dynamic_expr(n, env, "indexes a value miglint does not fold");
}

}  // namespace miglint::alembic
