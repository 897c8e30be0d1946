// Definitions and imports: def, class, parameters, PEP 695 type parameters and aliases,
// import and from-import.
#include <fmt/format.h>

#include "python/parser_impl.h"

namespace miglint::python {

Node* Parser::function_def(std::vector<Node*> decorators, uint32_t b) {
  bool is_async = eat_kw(Kw::Async);
  uint32_t line = file_->line_col(cur().span.begin).line;
  advance();  // def
  Node* n = node(is_async ? Kind::AsyncFunctionDef : Kind::FunctionDef, b);
  if (!at_name()) {
    error_here("invalid syntax");
    return n;
  }
  n->name = text(cur().span);
  Span name_span = cur().span;
  advance();
  if (at_op(Op::LSqb)) type_params(n->lc);
  expect_op(Op::LPar);
  n->a = parameters(false, Op::RPar);
  expect_op(Op::RPar);
  if (eat_op(Op::Rarrow)) n->b = expression();
  expect_op(Op::Colon);
  size_t m = mark();
  for (Node* d : decorators) push(d);
  n->lb = take(m);
  n->la = block(fmt::format("function definition").c_str(), line);
  n->span.end = last_end_;
  n->num = static_cast<int32_t>(name_span.begin);  // where the name is (not a CPython field)
  return n;
}

Node* Parser::class_def(std::vector<Node*> decorators, uint32_t b) {
  uint32_t line = file_->line_col(cur().span.begin).line;
  advance();  // class
  Node* n = node(Kind::ClassDef, b);
  if (!at_name()) {
    error_here("invalid syntax");
    return n;
  }
  n->name = text(cur().span);
  n->num = static_cast<int32_t>(cur().span.begin);
  advance();
  NodeList tparams;
  if (at_op(Op::LSqb)) type_params(tparams);
  if (at_op(Op::LPar)) {
    uint32_t open = cur().span.begin;
    advance();
    call_arguments(n->la, n->lb, open, nullptr);
    expect_op(Op::RPar);
  }
  expect_op(Op::Colon);
  size_t m = mark();
  for (Node* d : decorators) push(d);
  n->ld = take(m);
  n->lc = block("class definition", line);
  n->le = tparams;
  n->span.end = last_end_;
  return n;
}

// A dotted name for imports: an alias whose `name` is "a.b.c" (a view into the source when
// written without spaces, else a copy).
Node* Parser::dotted_name(bool* ok) {
  Node* a = node(Kind::alias, cur().span);
  if (!at_name()) {
    error_here("invalid syntax");
    *ok = false;
    return a;
  }
  uint32_t b = cur().span.begin;
  std::string joined(text(cur().span));
  bool contiguous = true;
  advance();
  while (at_op(Op::Dot) && peek().kind == Tok::Name) {
    if (cur().span.begin != last_end_ || peek().span.begin != cur().span.end) contiguous = false;
    advance();
    joined += '.';
    joined += text(cur().span);
    advance();
  }
  a->name = contiguous ? text_.substr(b, last_end_ - b) : m_.save(joined);
  a->span = Span{b, last_end_};
  *ok = true;
  return a;
}

Node* Parser::import_stmt() {
  Node* n = node(Kind::Import, cur().span);
  advance();
  size_t m = mark();
  do {
    bool ok;
    Node* a = dotted_name(&ok);
    if (!ok) break;
    if (eat_kw(Kw::As)) {
      if (!at_name()) { error_here("invalid syntax"); break; }
      a->name2 = text(cur().span);
      a->flags |= Node::kHasName2;
      advance();
      a->span.end = last_end_;
    }
    push(a);
  } while (eat_op(Op::Comma));
  n->la = take(m);
  n->span.end = last_end_;
  return n;
}

Node* Parser::from_import_stmt() {
  Node* n = node(Kind::ImportFrom, cur().span);
  advance();
  int level = 0;
  while (at_op(Op::Dot) || at_op(Op::Ellipsis)) {
    level += at_op(Op::Dot) ? 1 : 3;
    advance();
  }
  n->num = level;
  if (!at_kw(Kw::Import)) {
    bool ok;
    Node* mod = dotted_name(&ok);
    if (!ok) return n;
    n->name = mod->name;
    n->flags |= Node::kHasName;
  } else if (level == 0) {
    error_here("invalid syntax");
    return n;
  }
  expect_kw(Kw::Import);
  size_t m = mark();
  if (at_op(Op::Star)) {
    Node* a = node(Kind::alias, cur().span);
    a->name = "*";
    advance();
    push(a);
  } else {
    bool paren = eat_op(Op::LPar);
    do {
      if (paren && at_op(Op::RPar)) break;
      if (!at_name()) {
        bool after_comma = toks_[pos_ - 1].kind == Tok::Op && toks_[pos_ - 1].op == Op::Comma;
        error_here(!paren && after_comma ? "trailing comma not allowed without surrounding parentheses" : "invalid syntax");
        break;
      }
      Node* a = node(Kind::alias, cur().span);
      a->name = text(cur().span);
      advance();
      if (eat_kw(Kw::As)) {
        if (!at_name()) { error_here("invalid syntax"); break; }
        a->name2 = text(cur().span);
        a->flags |= Node::kHasName2;
        advance();
        a->span.end = last_end_;
      }
      push(a);
    } while (eat_op(Op::Comma));
    if (paren) expect_op(Op::RPar);
  }
  n->la = take(m);
  n->span.end = last_end_;
  return n;
}

Node* Parser::type_alias() {
  Node* n = node(Kind::TypeAlias, cur().span);
  advance();  // type
  Node* name = expect_name_node();
  name->ctx = Ctx::Store;
  n->a = name;
  if (at_op(Op::LSqb)) type_params(n->la);
  expect_op(Op::Equal);
  n->b = expression();
  n->span.end = last_end_;
  return n;
}

void Parser::type_params(NodeList& out) {
  advance();  // [
  size_t m = mark();
  while (!at_op(Op::RSqb) && !failed_) {
    uint32_t b = cur().span.begin;
    Kind k = Kind::TypeVar;
    if (eat_op(Op::Star)) k = Kind::TypeVarTuple;
    else if (eat_op(Op::DoubleStar)) k = Kind::ParamSpec;
    Node* p = node(k, cur().span);
    if (!at_name()) { error_here("invalid syntax"); break; }
    p->name = text(cur().span);
    advance();
    if (k == Kind::TypeVar && eat_op(Op::Colon)) p->a = expression();
    p->span = Span{b, last_end_};
    push(p);
    if (!eat_op(Op::Comma)) break;
  }
  out = take(m);
  expect_op(Op::RSqb);
}

// Parameters of a def (annotations allowed) or a lambda, up to `closer` (not consumed).
Node* Parser::parameters(bool is_lambda, Op closer) {
  Node* args = node(Kind::arguments, cur().span);
  std::vector<Node*> posonly, plain, kwonly, kw_defaults, defaults;
  bool seen_star = false, seen_slash = false;
  while (!at_op(closer) && !failed_) {
    if (at_op(Op::Slash)) {
      if (seen_slash) { error_here("/ may appear only once"); break; }
      if (seen_star) { error_here("/ must be ahead of *"); break; }
      if (plain.empty()) { error_here("at least one argument must precede /"); break; }
      advance();
      seen_slash = true;
      posonly.insert(posonly.end(), plain.begin(), plain.end());
      plain.clear();
    } else if (at_op(Op::Star)) {
      if (seen_star) { error_here("* argument may appear only once"); break; }
      advance();
      seen_star = true;
      if (!at_op(Op::Comma) && !at_op(closer)) args->a = param(is_lambda, true);
      else if (at_op(closer)) { error_here("named arguments must follow bare *"); break; }
    } else if (at_op(Op::DoubleStar)) {
      advance();
      args->b = param(is_lambda, false);
      if (at_op(Op::Equal)) { error_here("var-keyword argument cannot have default value"); break; }
      eat_op(Op::Comma);
      if (!at_op(closer)) { error_here("arguments cannot follow var-keyword argument"); break; }
      break;
    } else {
      Node* p = param(is_lambda, false);
      Node* dflt = nullptr;
      if (eat_op(Op::Equal)) dflt = expression();
      if (seen_star) {
        kwonly.push_back(p);
        kw_defaults.push_back(dflt);
      } else {
        plain.push_back(p);
        if (dflt) defaults.push_back(dflt);
        else if (!defaults.empty()) { error(p->span, "parameter without a default follows parameter with a default"); break; }
      }
    }
    if (!eat_op(Op::Comma)) break;
  }
  auto list = [&](const std::vector<Node*>& v) {
    size_t m = mark();
    for (Node* x : v) push(x);
    return take(m);
  };
  args->la = list(posonly);
  args->lb = list(plain);
  args->lc = list(kwonly);
  args->ld = list(kw_defaults);
  args->le = list(defaults);
  return args;
}

Node* Parser::param(bool is_lambda, bool star_annotation) {
  Node* p = node(Kind::arg, cur().span);
  if (!at_name()) {
    error_here("invalid syntax");
    return p;
  }
  p->name = text(cur().span);
  advance();
  if (!is_lambda && eat_op(Op::Colon)) {
    p->a = star_annotation && at_op(Op::Star) ? star_expression() : expression();
    p->span.end = last_end_;
  }
  return p;
}

}  // namespace miglint::python
