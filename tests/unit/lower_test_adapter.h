// Test helpers for lowering: terse builders of Value trees, and a tiny private adapter that
// turns a snippet of Python op.* calls into an OpProgram (literals, sa./postgresql. calls,
// `x = ...` bindings, `with op.batch_alter_table(...) as b:`, `.create(op.get_bind())`).
// It is NOT the evaluator (area eval): just enough to feed lower_ops real Python text.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "alembic/lowered.h"
#include "alembic/op_call.h"
#include "alembic/revision.h"
#include "python/ast.h"
#include "python/parser.h"

namespace miglint::alembic::test {

// ---- terse builders ----
inline ValuePtr S(std::string s) {
  auto v = std::make_shared<Value>();
  v->kind = ValueKind::Str;
  v->text = std::move(s);
  return v;
}
inline ValuePtr I(int64_t i) {
  auto v = std::make_shared<Value>();
  v->kind = ValueKind::Int;
  v->integer = i;
  return v;
}
inline ValuePtr B(bool b) {
  auto v = std::make_shared<Value>();
  v->kind = ValueKind::Bool;
  v->boolean = b;
  return v;
}
inline ValuePtr None() {
  auto v = std::make_shared<Value>();
  v->kind = ValueKind::None;
  return v;
}
inline ValuePtr L(std::vector<ValuePtr> items) {
  auto v = std::make_shared<Value>();
  v->kind = ValueKind::List;
  v->items = std::move(items);
  return v;
}
using KW = std::vector<std::pair<std::string, ValuePtr>>;
// An object: "sa.String" -> sqlalchemy.String, "pg.UUID" -> sqlalchemy.dialects.postgresql.UUID,
// "sa.func.now" -> sqlalchemy.func.now, anything else verbatim.
inline ValuePtr O(std::string name, std::vector<ValuePtr> args = {}, KW kwargs = {},
                  bool called = true) {
  auto v = std::make_shared<Value>();
  v->kind = ValueKind::Object;
  if (name.rfind("sa.", 0) == 0) name = "sqlalchemy." + name.substr(3);
  else if (name.rfind("pg.", 0) == 0) name = "sqlalchemy.dialects.postgresql." + name.substr(3);
  v->callee = std::move(name);
  v->called = called;
  v->args = std::move(args);
  v->kwargs = std::move(kwargs);
  return v;
}
inline ValuePtr Ref(std::string name) { return O(std::move(name), {}, {}, false); }

inline OpCall Op(std::string name, std::vector<ValuePtr> args, KW kwargs = {}) {
  OpCall c;
  c.name = std::move(name);
  c.args = std::move(args);
  c.kwargs = std::move(kwargs);
  return c;
}

// ---- the adapter ----
class Adapter {
 public:
  explicit Adapter(std::string code) {
    revision_.file = std::make_shared<SourceFile>("snippet.py", std::move(code));
    std::vector<Diagnostic> diags;
    module_ = python::parse_module(revision_.file, diags);
    ok_ = diags.empty() && module_ && !module_->has_errors;
    if (ok_)
      for (python::Node* st : module_->body()) statement(st, nullptr);
  }
  bool ok() const { return ok_; }
  const Revision& revision() const { return revision_; }
  const OpProgram& program() const { return program_; }

 private:
  using N = python::Node;
  using K = python::Kind;

  std::string dotted(const N* n) {
    if (!n) return "?";
    if (n->kind == K::Name) {
      std::string id(n->name);
      if (id == "sa") return "sqlalchemy";
      if (id == "postgresql") return "sqlalchemy.dialects.postgresql";
      return id;
    }
    if (n->kind == K::Attribute) return dotted(n->a) + "." + std::string(n->name);
    ok_ = false;
    return "?";
  }

  ValuePtr value(const N* n) {
    auto v = std::make_shared<Value>();
    v->span = n->span;
    v->node = n;
    switch (n->kind) {
      case K::Constant:
        switch (n->const_kind()) {
          case python::ConstKind::None: v->kind = ValueKind::None; break;
          case python::ConstKind::True: v->kind = ValueKind::Bool; v->boolean = true; break;
          case python::ConstKind::False: v->kind = ValueKind::Bool; break;
          case python::ConstKind::Int: v->kind = ValueKind::Int; v->integer = std::stoll(std::string(n->str)); break;
          case python::ConstKind::Float: v->kind = ValueKind::Float; v->real = std::stod(std::string(n->str)); break;
          case python::ConstKind::Str:
            v->kind = ValueKind::Str;
            v->text = std::string(n->str);
            if (n->str_source) v->text_source.assign(n->str_source, n->str_source + n->str.size() + 1);
            break;
          default: ok_ = false;
        }
        return v;
      case K::UnaryOp: {
        auto inner = std::make_shared<Value>(*value(n->a));
        if (inner->kind == ValueKind::Int) inner->integer = -inner->integer;
        else if (inner->kind == ValueKind::Float) inner->real = -inner->real;
        inner->span = n->span;
        return inner;
      }
      case K::List: case K::Tuple:
        v->kind = n->kind == K::List ? ValueKind::List : ValueKind::Tuple;
        for (N* e : n->la) v->items.push_back(value(e));
        return v;
      case K::Dict:
        v->kind = ValueKind::Dict;
        for (uint32_t i = 0; i < n->la.size(); ++i) v->entries.push_back({value(n->la[i]), value(n->lb[i])});
        return v;
      case K::Name:
        if (auto it = vars_.find(std::string(n->name)); it != vars_.end()) return it->second;
        v->kind = ValueKind::Object;
        v->callee = dotted(n);
        return v;
      case K::Attribute: {
        // The evaluator's convention: an attribute of a called object (or of one with a
        // receiver) keeps the object as receiver: `t.c.id` is {receiver t, callee "c.id"}.
        v->kind = ValueKind::Object;
        ValuePtr recv = n->a->kind == K::Name && !vars_.count(std::string(n->a->name))
                            ? nullptr : value(n->a);
        if (recv && recv->kind == ValueKind::Object && recv->called) {
          v->receiver = recv;
          v->callee = std::string(n->name);
        } else if (recv && recv->kind == ValueKind::Object && recv->receiver) {
          v->receiver = recv->receiver;
          v->callee = recv->callee + "." + std::string(n->name);
        } else {
          v->callee = dotted(n);
        }
        return v;
      }
      case K::Compare: {
        static const char* names[] = {"operator.eq", "operator.ne", "operator.lt", "operator.le",
                                      "operator.gt", "operator.ge", "operator.is_", "operator.is_not",
                                      "operator.in_", "operator.not_in"};
        v->kind = ValueKind::Object;
        v->called = true;
        v->callee = names[n->lb[0]->op];
        v->args = {value(n->a), value(n->la[0])};
        return v;
      }
      case K::Call: {
        v->kind = ValueKind::Object;
        v->called = true;
        ValuePtr f = value(n->a);
        v->receiver = f->receiver;
        v->callee = f->callee;
        for (N* a : n->la) v->args.push_back(value(a));
        for (N* k : n->lb) v->kwargs.push_back({std::string(k->name), value(k->a)});
        return v;
      }
      default:
        v->kind = ValueKind::Dynamic;
        v->reason = "not modelled by the test adapter";
        return v;
    }
  }

  void statement(const N* st, const BatchContext* batch) {
    if (st->kind == K::Assign && st->la.size() == 1 && st->la[0]->kind == K::Name) {
      vars_[std::string(st->la[0]->name)] = value(st->a);
      return;
    }
    if (st->kind == K::With) {
      const N* item = st->la[0];
      ValuePtr ctx = value(item->a);
      BatchContext bc;
      bc.table = ctx->args.empty() ? "" : ctx->args[0]->text;
      for (auto& [k, v] : ctx->kwargs)
        if (k == "schema") bc.schema = v->text;
      for (const N* s : st->lb) statement(s, &bc);
      return;
    }
    if (st->kind != K::Expr || st->a->kind != K::Call) {
      ok_ = false;
      return;
    }
    ValuePtr call = value(st->a);
    OpCall c;
    c.span = st->a->span;
    c.node = st->a;
    c.args = call->args;
    c.kwargs = call->kwargs;
    if (call->receiver) {
      c.name = call->callee == "create" ? "type_create" : "type_drop";
      c.receiver = call->receiver;
    } else {
      auto dot = call->callee.rfind('.');
      c.name = call->callee.substr(dot + 1);
    }
    if (batch) c.batch = *batch;
    program_.calls.push_back(std::move(c));
  }

  Revision revision_;
  std::shared_ptr<python::Module> module_;
  OpProgram program_;
  std::map<std::string, ValuePtr> vars_;
  bool ok_ = true;
};

}  // namespace miglint::alembic::test
