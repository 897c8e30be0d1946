// The match statement and its patterns (PEP 634).
#include <fmt/format.h>

#include "python/parser_impl.h"

namespace miglint::python {

// `match` is a soft keyword: a match statement's first line ends with ':' and is followed by
// an indented block starting with `case`.
bool Parser::looks_like_match() const {
  size_t i = pos_ + 1;
  const Token& next = toks_[i];
  if (next.kind == Tok::Newline || (next.kind == Tok::Op && (next.op == Op::Equal || next.op == Op::Dot ||
                                                             next.op == Op::Colon || next.op == Op::Comma)))
    return false;
  while (i < toks_.size() && toks_[i].kind != Tok::Newline && toks_[i].kind != Tok::EndMarker) ++i;
  if (i + 2 >= toks_.size() || i == 0) return false;
  const Token& colon = toks_[i - 1];
  return colon.kind == Tok::Op && colon.op == Op::Colon && toks_[i + 1].kind == Tok::Indent &&
         toks_[i + 2].kind == Tok::Name && toks_[i + 2].kw == Kw::Case;
}

Node* Parser::match_stmt() {
  uint32_t line = file_->line_col(cur().span.begin).line;
  Node* n = node(Kind::Match, cur().span);
  advance();  // match
  uint32_t sb = cur().span.begin;
  Node* subject = star_named_expression();
  if (at_op(Op::Comma)) {
    size_t m = mark();
    push(subject);
    while (eat_op(Op::Comma) && !at_op(Op::Colon)) push(star_named_expression());
    Node* t = node(Kind::Tuple, Span{sb, last_end_});
    t->la = take(m);
    subject = t;
  }
  n->a = subject;
  expect_op(Op::Colon);
  if (cur().kind != Tok::Newline) { error_here("invalid syntax"); return n; }
  advance();
  if (cur().kind != Tok::Indent) {
    error(cur().span, fmt::format("expected an indented block after 'match' statement on line {}", line));
    return n;
  }
  advance();
  size_t m = mark();
  while (at_kw(Kw::Case) && !failed_) {
    uint32_t cline = file_->line_col(cur().span.begin).line;
    Node* c = node(Kind::match_case, cur().span);
    advance();
    c->a = patterns();
    if (eat_kw(Kw::If)) c->b = named_expression();
    expect_op(Op::Colon);
    c->la = block("'case' statement", cline);
    push(c);
  }
  n->la = take(m);
  if (!failed_) {
    if (cur().kind == Tok::Dedent) advance();
    else error_here("invalid syntax");
  }
  n->span.end = last_end_;
  return n;
}

Node* Parser::patterns() {
  uint32_t b = cur().span.begin;
  Node* first = as_pattern();
  if (!at_op(Op::Comma)) return first;
  size_t m = mark();
  push(first);
  while (eat_op(Op::Comma) && !at_op(Op::Colon) && !at_kw(Kw::If)) push(as_pattern());
  Node* s = node(Kind::MatchSequence, Span{b, last_end_});
  s->la = take(m);
  return s;
}

Node* Parser::as_pattern() {
  uint32_t b = cur().span.begin;
  Node* p = or_pattern();
  if (at_kw(Kw::As)) {
    advance();
    if (!at_name()) { error_here("invalid pattern target"); return p; }
    if (cur().kw == Kw::Underscore) { error(cur().span, "cannot use '_' as a target"); return p; }
    Node* a = node(Kind::MatchAs, Span{b, cur().span.end});
    a->a = p;
    a->name = text(cur().span);
    a->flags |= Node::kHasName;
    advance();
    return a;
  }
  return p;
}

Node* Parser::or_pattern() {
  uint32_t b = cur().span.begin;
  Node* first = closed_pattern();
  if (!at_op(Op::VBar)) return first;
  size_t m = mark();
  push(first);
  while (eat_op(Op::VBar)) push(closed_pattern());
  Node* o = node(Kind::MatchOr, Span{b, last_end_});
  o->la = take(m);
  return o;
}

Node* Parser::literal_expr() {
  const Token& t = cur();
  if (t.kind == Tok::String) {
    Node* s = strings();
    if (s->kind == Kind::JoinedStr) error(s->span, "patterns may only match literals and attribute lookups");
    return s;
  }
  uint32_t b = t.span.begin;
  bool neg = eat_op(Op::Minus);
  if (cur().kind != Tok::Number) {
    error_here("invalid syntax");
    return node(Kind::Error, cur().span);
  }
  Node* v = number();
  if (neg) {
    Node* u = node(Kind::UnaryOp, Span{b, last_end_});
    u->op = static_cast<uint8_t>(UnaryOpKind::USub);
    u->a = v;
    v = u;
  }
  if (at_op(Op::Plus) || at_op(Op::Minus)) {
    BinOpKind k = at_op(Op::Plus) ? BinOpKind::Add : BinOpKind::Sub;
    advance();
    if (cur().kind != Tok::Number) { error_here("invalid syntax"); return v; }
    Node* imag = number();
    if (imag->const_kind() != ConstKind::Complex) error(imag->span, "imaginary number required in complex literal");
    Node* bin = node(Kind::BinOp, Span{b, last_end_});
    bin->op = static_cast<uint8_t>(k);
    bin->a = v;
    bin->b = imag;
    v = bin;
  }
  return v;
}

Node* Parser::closed_pattern() {
  DepthGuard g(*this);
  if (!g.ok) return node(Kind::Error, cur().span);
  const Token& t = cur();
  uint32_t b = t.span.begin;
  if (t.kind == Tok::Op && t.op == Op::Star) {
    advance();
    Node* s = node(Kind::MatchStar, Span{b, cur().span.end});
    if (!at_name()) { error_here("invalid syntax"); return s; }
    if (cur().kw != Kw::Underscore) {
      s->name = text(cur().span);
      s->flags |= Node::kHasName;
    }
    advance();
    return s;
  }
  if (t.kind == Tok::Number || t.kind == Tok::String || (t.kind == Tok::Op && t.op == Op::Minus)) {
    Node* v = node(Kind::MatchValue, t.span);
    v->a = literal_expr();
    v->span = Span{b, last_end_};
    return v;
  }
  if (t.kind == Tok::Name && (t.kw == Kw::None_ || t.kw == Kw::True_ || t.kw == Kw::False_)) {
    Node* s = node(Kind::MatchSingleton, t.span);
    s->op = static_cast<uint8_t>(t.kw == Kw::None_ ? ConstKind::None : t.kw == Kw::True_ ? ConstKind::True : ConstKind::False);
    advance();
    return s;
  }
  if (at_name()) {
    Node* name = node(Kind::Name, t.span);
    name->name = text(t.span);
    advance();
    Node* value = name;
    while (at_op(Op::Dot)) {
      advance();
      if (!at_name()) { error_here("invalid syntax"); return value; }
      Node* a = node(Kind::Attribute, Span{b, cur().span.end});
      a->a = value;
      a->name = text(cur().span);
      advance();
      value = a;
    }
    if (at_op(Op::LPar)) return class_pattern(value);
    if (value == name) {
      Node* as = node(Kind::MatchAs, name->span);
      if (t.kw != Kw::Underscore) {
        as->name = name->name;
        as->flags |= Node::kHasName;
      }
      return as;
    }
    Node* v = node(Kind::MatchValue, value->span);
    v->a = value;
    return v;
  }
  if (t.kind == Tok::Op && t.op == Op::LPar) {
    advance();
    if (eat_op(Op::RPar)) return node(Kind::MatchSequence, Span{b, last_end_});
    Node* first = as_pattern();
    if (at_op(Op::Comma)) {
      size_t m = mark();
      push(first);
      while (eat_op(Op::Comma) && !at_op(Op::RPar)) push(as_pattern());
      expect_op(Op::RPar);
      Node* s = node(Kind::MatchSequence, Span{b, last_end_});
      s->la = take(m);
      return s;
    }
    expect_op(Op::RPar);
    return first;
  }
  if (t.kind == Tok::Op && t.op == Op::LSqb) {
    advance();
    size_t m = mark();
    while (!at_op(Op::RSqb) && !failed_) {
      push(as_pattern());
      if (!eat_op(Op::Comma)) break;
    }
    expect_op(Op::RSqb);
    Node* s = node(Kind::MatchSequence, Span{b, last_end_});
    s->la = take(m);
    return s;
  }
  if (t.kind == Tok::Op && t.op == Op::LBrace) return mapping_pattern();
  error_here("invalid syntax");
  return node(Kind::Error, t.span);
}

Node* Parser::mapping_pattern() {
  uint32_t b = cur().span.begin;
  advance();  // {
  Node* mp = node(Kind::MatchMapping, Span{b, 0});
  std::vector<Node*> keys, pats;
  while (!at_op(Op::RBrace) && !failed_) {
    if (at_op(Op::DoubleStar)) {
      advance();
      if (!at_name()) { error_here("invalid syntax"); break; }
      mp->name = text(cur().span);
      mp->flags |= Node::kHasName;
      advance();
      eat_op(Op::Comma);
      break;
    }
    Node* key;
    const Token& t = cur();
    if (t.kind == Tok::Name && (t.kw == Kw::None_ || t.kw == Kw::True_ || t.kw == Kw::False_)) {
      key = atom();
    } else if (at_name()) {
      key = node(Kind::Name, t.span);
      key->name = text(t.span);
      advance();
      while (at_op(Op::Dot)) {
        advance();
        if (!at_name()) { error_here("invalid syntax"); break; }
        Node* a = node(Kind::Attribute, Span{key->span.begin, cur().span.end});
        a->a = key;
        a->name = text(cur().span);
        advance();
        key = a;
      }
      if (key->kind == Kind::Name) error(key->span, "mapping pattern keys may only match literals and attribute lookups");
    } else {
      key = literal_expr();
    }
    keys.push_back(key);
    expect_op(Op::Colon);
    pats.push_back(as_pattern());
    if (!eat_op(Op::Comma)) break;
  }
  expect_op(Op::RBrace);
  size_t m = mark();
  for (Node* k : keys) push(k);
  mp->la = take(m);
  for (Node* p : pats) push(p);
  mp->lb = take(m);
  mp->span.end = last_end_;
  return mp;
}

Node* Parser::class_pattern(Node* cls) {
  advance();  // (
  Node* c = node(Kind::MatchClass, Span{cls->span.begin, 0});
  c->a = cls;
  std::vector<Node*> pos, attrs, kpats;
  while (!at_op(Op::RPar) && !failed_) {
    if (at_name() && peek().kind == Tok::Op && peek().op == Op::Equal) {
      Node* attr = node(Kind::Name, cur().span);
      attr->name = text(cur().span);
      advance();
      advance();
      attrs.push_back(attr);
      kpats.push_back(as_pattern());
    } else {
      if (!attrs.empty()) { error(cur().span, "positional patterns follow keyword patterns"); break; }
      pos.push_back(as_pattern());
    }
    if (!eat_op(Op::Comma)) break;
  }
  expect_op(Op::RPar);
  size_t m = mark();
  for (Node* p : pos) push(p);
  c->la = take(m);
  for (Node* p : attrs) push(p);
  c->lb = take(m);
  for (Node* p : kpats) push(p);
  c->lc = take(m);
  c->span.end = last_end_;
  return c;
}

}  // namespace miglint::python
