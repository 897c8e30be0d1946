// Atoms and trailers: names, numbers, strings, displays and comprehensions, calls,
// subscripts and slices, assignment-style target lists.
#include <fmt/format.h>

#include "python/parser_impl.h"
#include "python/string_literal.h"

namespace miglint::python {

// Inside brackets, two expressions side by side are most likely a forgotten comma (CPython
// says so too).
void Parser::check_missing_comma(const Node* prev) {
  if (failed_) return;
  const Token& t = cur();
  bool starts_expr = (t.kind == Tok::Name && (!is_hard_keyword(t.kw) || t.kw == Kw::None_ || t.kw == Kw::True_ ||
                                              t.kw == Kw::False_ || t.kw == Kw::Not || t.kw == Kw::Lambda)) ||
                     t.kind == Tok::Number || t.kind == Tok::String ||
                     (t.kind == Tok::Op && (t.op == Op::LPar || t.op == Op::LSqb || t.op == Op::LBrace || t.op == Op::Tilde));
  if (starts_expr) error(Span{prev->span.begin, t.span.end}, "invalid syntax. Perhaps you forgot a comma?");
}

Node* Parser::call(Node* func) {
  uint32_t open = cur().span.begin;
  advance();
  Node* n = node(Kind::Call, Span{func->span.begin, 0});
  n->a = func;
  Node* genexp = nullptr;
  call_arguments(n->la, n->lb, open, &genexp);
  expect_op(Op::RPar);
  n->span.end = last_end_;
  if (genexp) genexp->span.end = last_end_;
  return n;
}

// Arguments up to (not including) ')': positional, *args, name=value, **kwargs, or one
// generator expression (whose span is the call's parentheses, as in CPython).
void Parser::call_arguments(NodeList& args, NodeList& keywords, uint32_t open, Node** genexp_out) {
  std::vector<Node*> kws;
  size_t m = mark();
  bool seen_kw = false, seen_kwunpack = false;
  while (!at_op(Op::RPar) && !failed_) {
    if (at_op(Op::DoubleStar)) {
      uint32_t b = cur().span.begin;
      advance();
      Node* v = expression();
      Node* k = node(Kind::keyword, Span{b, last_end_});
      k->a = v;
      kws.push_back(k);
      seen_kwunpack = true;
    } else if (at_name() && peek().kind == Tok::Op && peek().op == Op::Equal) {
      Node* k = node(Kind::keyword, cur().span);
      k->name = text(cur().span);
      k->flags |= Node::kHasName;
      advance();
      advance();
      Node* v = expression();
      k->a = v;
      k->span.end = last_end_;
      kws.push_back(k);
      seen_kw = true;
    } else {
      Span at = cur().span;
      Node* e = at_op(Op::Star) ? star_expression() : named_expression();
      if (at_kw(Kw::For) || at_kw(Kw::Async)) {
        Node* g = node(Kind::GeneratorExp, Span{open, 0});
        g->a = e;
        g->la = comprehension_clauses();
        if (scratch_.size() != m || !kws.empty() || !at_op(Op::RPar)) {
          error(Span{e->span.begin, last_end_}, "Generator expression must be parenthesized");
        }
        e = g;
        if (genexp_out) *genexp_out = g;
      }
      if (e->kind == Kind::Starred) {
        if (seen_kwunpack) error(at, "iterable argument unpacking follows keyword argument unpacking");
      } else if (seen_kwunpack) {
        error(at, "positional argument follows keyword argument unpacking");
      } else if (seen_kw) {
        error(at, "positional argument follows keyword argument");
      }
      if (at_op(Op::Equal)) error(cur().span, "expression cannot contain assignment, perhaps you meant \"==\"?");
      push(e);
    }
    if (!eat_op(Op::Comma)) {
      if (const Node* last = kws.empty() || (scratch_.size() > m && scratch_.back()->span.begin > kws.back()->span.begin)
                                 ? (scratch_.size() > m ? scratch_.back() : nullptr) : kws.back())
        check_missing_comma(last);
      break;
    }
  }
  args = take(m);
  size_t km = mark();
  for (Node* k : kws) push(k);
  keywords = take(km);
}

Node* Parser::subscript(Node* value) {
  advance();  // [
  Node* n = node(Kind::Subscript, Span{value->span.begin, 0});
  n->a = value;
  uint32_t sb = cur().span.begin;
  Node* first = slice();
  if (at_op(Op::Comma)) {
    size_t m = mark();
    push(first);
    while (eat_op(Op::Comma) && !at_op(Op::RSqb)) push(slice());
    Node* t = node(Kind::Tuple, Span{sb, last_end_});
    t->la = take(m);
    first = t;
  } else if (first->kind == Kind::Starred) {  // a[*idx] subscripts with a 1-tuple
    Node* t = node(Kind::Tuple, first->span);
    t->la = list1(first);
    first = t;
  }
  n->b = first;
  expect_op(Op::RSqb);
  n->span.end = last_end_;
  return n;
}

Node* Parser::slice() {
  if (at_op(Op::Star)) return star_expression();
  uint32_t b = cur().span.begin;
  Node* lower = nullptr;
  if (!at_op(Op::Colon)) {
    lower = named_expression();
    if (!at_op(Op::Colon)) return lower;
  }
  advance();  // :
  Node* n = node(Kind::Slice, Span{b, 0});
  n->a = lower;
  auto ends_part = [&] { return at_op(Op::Colon) || at_op(Op::Comma) || at_op(Op::RSqb); };
  if (!ends_part()) n->b = expression();
  if (eat_op(Op::Colon)) {
    if (!ends_part()) n->c = expression();
  }
  n->span.end = last_end_;
  return n;
}

NodeList Parser::comprehension_clauses() {
  size_t m = mark();
  while (at_kw(Kw::For) || (at_kw(Kw::Async) && peek().kind == Tok::Name && peek().kw == Kw::For)) {
    Node* c = node(Kind::comprehension, cur().span);
    if (eat_kw(Kw::Async)) c->num = 1;
    advance();  // for
    c->a = target_list();
    set_ctx(c->a, Ctx::Store, "assign to");
    expect_kw(Kw::In);
    c->b = disjunction();
    size_t im = mark();
    while (at_kw(Kw::If)) {
      advance();
      push(disjunction());
    }
    c->la = take(im);
    push(c);
    if (failed_) break;
  }
  return take(m);
}

// Targets of `for` and comprehensions: star_targets, which stop before `in`.
Node* Parser::target_list(bool allow_tuple) {
  auto one = [&]() -> Node* {
    if (at_op(Op::Star)) {
      uint32_t b = cur().span.begin;
      advance();
      Node* v = bitwise_or();
      Node* s = node(Kind::Starred, Span{b, last_end_});
      s->a = v;
      return s;
    }
    return bitwise_or();
  };
  uint32_t b = cur().span.begin;
  Node* first = one();
  if (!allow_tuple || !at_op(Op::Comma)) return first;
  size_t m = mark();
  push(first);
  while (eat_op(Op::Comma) && !at_kw(Kw::In) && !at_op(Op::Equal)) push(one());
  Node* t = node(Kind::Tuple, Span{b, last_end_});
  t->la = take(m);
  return t;
}

Node* Parser::atom() {
  const Token& t = cur();
  switch (t.kind) {
    case Tok::Name: {
      if (t.kw == Kw::None_ || t.kw == Kw::True_ || t.kw == Kw::False_) {
        Node* n = node(Kind::Constant, t.span);
        n->op = static_cast<uint8_t>(t.kw == Kw::None_ ? ConstKind::None : t.kw == Kw::True_ ? ConstKind::True : ConstKind::False);
        advance();
        return n;
      }
      if (is_hard_keyword(t.kw)) {
        error_here("invalid syntax");
        return node(Kind::Error, t.span);
      }
      Node* n = node(Kind::Name, t.span);
      n->name = text(t.span);
      advance();
      return n;
    }
    case Tok::Number: return number();
    case Tok::String: return strings();
    case Tok::Op:
      switch (t.op) {
        case Op::LPar: return paren_atom();
        case Op::LSqb: return list_atom();
        case Op::LBrace: return brace_atom();
        case Op::Ellipsis: {
          Node* n = node(Kind::Constant, t.span);
          n->op = static_cast<uint8_t>(ConstKind::Ellipsis);
          advance();
          return n;
        }
        default: break;
      }
      break;
    default: break;
  }
  if (t.kind == Tok::Newline || t.kind == Tok::EndMarker) error_here("invalid syntax");
  else error_here("invalid syntax");
  return node(Kind::Error, t.span);
}

Node* Parser::paren_atom() {
  uint32_t b = cur().span.begin;
  advance();
  if (at_op(Op::RPar)) {
    advance();
    return node(Kind::Tuple, Span{b, last_end_});
  }
  if (at_kw(Kw::Yield)) {
    Node* y = yield_expression();
    expect_op(Op::RPar);
    y->flags |= Node::kParenthesized;
    return y;
  }
  Node* first = star_named_expression();
  if (at_kw(Kw::For) || at_kw(Kw::Async)) {
    Node* g = node(Kind::GeneratorExp, Span{b, 0});
    g->a = first;
    g->la = comprehension_clauses();
    expect_op(Op::RPar);
    g->span.end = last_end_;
    return g;
  }
  if (at_op(Op::Comma)) {
    size_t m = mark();
    push(first);
    while (eat_op(Op::Comma) && !at_op(Op::RPar)) push(star_named_expression());
    if (!at_op(Op::RPar)) check_missing_comma(scratch_.back());
    expect_op(Op::RPar);
    Node* t = node(Kind::Tuple, Span{b, last_end_});
    t->la = take(m);
    return t;
  }
  if (!at_op(Op::RPar)) check_missing_comma(first);
  expect_op(Op::RPar);
  if (first->kind == Kind::Starred) error(first->span, "cannot use starred expression here");
  first->flags |= Node::kParenthesized;
  return first;
}

Node* Parser::list_atom() {
  uint32_t b = cur().span.begin;
  advance();
  if (eat_op(Op::RSqb)) return node(Kind::List, Span{b, last_end_});
  Node* first = star_named_expression();
  if (at_kw(Kw::For) || at_kw(Kw::Async)) {
    Node* c = node(Kind::ListComp, Span{b, 0});
    c->a = first;
    c->la = comprehension_clauses();
    expect_op(Op::RSqb);
    c->span.end = last_end_;
    return c;
  }
  size_t m = mark();
  push(first);
  while (eat_op(Op::Comma) && !at_op(Op::RSqb)) push(star_named_expression());
  if (!at_op(Op::RSqb)) check_missing_comma(scratch_.back());
  expect_op(Op::RSqb);
  Node* l = node(Kind::List, Span{b, last_end_});
  l->la = take(m);
  return l;
}

Node* Parser::brace_atom() {
  uint32_t b = cur().span.begin;
  advance();
  if (eat_op(Op::RBrace)) return node(Kind::Dict, Span{b, last_end_});
  // Dict if the first item is `**x` or `k: v`; otherwise a set.
  Node* first_key = nullptr;
  Node* first_value = nullptr;
  bool is_dict = false;
  if (at_op(Op::DoubleStar)) {
    advance();
    first_value = bitwise_or();
    is_dict = true;
  } else {
    first_key = star_named_expression();
    if (eat_op(Op::Colon)) {
      first_value = expression();
      is_dict = true;
    }
  }
  if (is_dict) {
    if (first_key && (at_kw(Kw::For) || at_kw(Kw::Async))) {
      Node* c = node(Kind::DictComp, Span{b, 0});
      c->a = first_key;
      c->b = first_value;
      c->la = comprehension_clauses();
      expect_op(Op::RBrace);
      c->span.end = last_end_;
      return c;
    }
    std::vector<Node*> keys{first_key}, values{first_value};
    while (eat_op(Op::Comma) && !at_op(Op::RBrace) && !failed_) {
      if (eat_op(Op::DoubleStar)) {
        keys.push_back(nullptr);
        values.push_back(bitwise_or());
      } else {
        keys.push_back(expression());
        expect_op(Op::Colon);
        values.push_back(expression());
      }
    }
    expect_op(Op::RBrace);
    Node* d = node(Kind::Dict, Span{b, last_end_});
    size_t m = mark();
    for (Node* k : keys) push(k);
    d->la = take(m);
    for (Node* v : values) push(v);
    d->lb = take(m);
    return d;
  }
  if (at_kw(Kw::For) || at_kw(Kw::Async)) {
    Node* c = node(Kind::SetComp, Span{b, 0});
    c->a = first_key;
    c->la = comprehension_clauses();
    expect_op(Op::RBrace);
    c->span.end = last_end_;
    return c;
  }
  size_t m = mark();
  push(first_key);
  while (eat_op(Op::Comma) && !at_op(Op::RBrace)) push(star_named_expression());
  expect_op(Op::RBrace);
  Node* s = node(Kind::Set, Span{b, last_end_});
  s->la = take(m);
  return s;
}

Node* Parser::number() {
  const Token& t = cur();
  std::string_view s = text(t.span);
  Node* n = node(Kind::Constant, t.span);
  ConstKind k = ConstKind::Int;
  bool radix = s.size() > 1 && s[0] == '0' && (s[1] | 0x20) != 0 && std::string_view("xob").find(s[1] | 0x20) != std::string_view::npos;
  if (!radix) {
    if (s.find_first_of("jJ") != std::string_view::npos) k = ConstKind::Complex;
    else if (s.find_first_of(".eE") != std::string_view::npos) k = ConstKind::Float;
  }
  n->op = static_cast<uint8_t>(k);
  n->str = s;
  advance();
  return n;
}

Node* Parser::strings() {
  size_t first = pos_;
  bool any_f = false, any_bytes = false, any_str = false;
  while (cur().kind == Tok::String) {
    StringPrefix p = string_prefix_of(text(cur().span));
    any_f |= p.fstring;
    (p.bytes ? any_bytes : any_str) = true;
    advance();
  }
  size_t last = pos_;  // one past
  Span whole{toks_[first].span.begin, last_end_};
  if (any_bytes && any_str) {
    error(whole, "cannot mix bytes and nonbytes literals");
    return node(Kind::Error, whole);
  }
  if (any_f) return joined_str(first, last);
  DecodedString d;
  for (size_t i = first; i < last; ++i) decode_literal(file_, toks_[i].span, d, diags_);
  Node* n = node(Kind::Constant, whole);
  n->op = static_cast<uint8_t>(any_bytes ? ConstKind::Bytes : ConstKind::Str);
  n->str = m_.save(d.value);
  uint32_t* src = m_.new_offsets(d.value.size() + 1);
  for (size_t i = 0; i <= d.value.size(); ++i) src[i] = d.source_offset(i);
  n->str_source = src;
  if (text_[toks_[first].span.begin] == 'u') n->flags |= Node::kUnicodePrefix;  // only lowercase, as CPython
  if (d.approximate) n->flags |= Node::kApproximate;
  return n;
}

}  // namespace miglint::python
