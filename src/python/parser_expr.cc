// Expressions: precedence climbing from lambda and if-else down to primaries (atoms are in
// parser_atom.cc).
#include <fmt/format.h>

#include "python/parser_impl.h"
#include "python/string_literal.h"

namespace miglint::python {

Node* Parser::expression() {
  DepthGuard g(*this);
  if (!g.ok) return node(Kind::Error, cur().span);
  if (at_kw(Kw::Lambda)) return lambda();
  uint32_t b = cur().span.begin;
  Node* body = disjunction();
  if (at_kw(Kw::If)) {
    advance();
    Node* test = disjunction();
    if (!at_kw(Kw::Else)) {
      error_here("expected 'else' after 'if' expression");
      return body;
    }
    advance();
    Node* orelse = expression();
    Node* n = node(Kind::IfExp, Span{b, last_end_});
    n->a = test;
    n->b = body;
    n->c = orelse;
    return n;
  }
  return body;
}

Node* Parser::named_expression() {
  if (at_name() && peek().kind == Tok::Op && peek().op == Op::ColonEqual) {
    Node* target = node(Kind::Name, cur().span);
    target->name = text(cur().span);
    target->ctx = Ctx::Store;
    advance();
    advance();
    Node* value = expression();
    Node* n = node(Kind::NamedExpr, Span{target->span.begin, last_end_});
    n->a = target;
    n->b = value;
    return n;
  }
  Node* e = expression();
  if (at_op(Op::ColonEqual)) error(cur().span, fmt::format("cannot use assignment expressions with {}", "expression"));
  return e;
}

Node* Parser::star_expression() {
  if (at_op(Op::Star)) {
    uint32_t b = cur().span.begin;
    advance();
    Node* v = bitwise_or();
    Node* n = node(Kind::Starred, Span{b, last_end_});
    n->a = v;
    return n;
  }
  return expression();
}

Node* Parser::star_named_expression() {
  if (at_op(Op::Star)) return star_expression();
  return named_expression();
}

// star_expressions: a, *b, c  → Tuple (no parentheses) when there is a comma.
Node* Parser::star_expressions() {
  uint32_t b = cur().span.begin;
  Node* first = star_expression();
  if (!at_op(Op::Comma)) return first;
  size_t m = mark();
  push(first);
  while (eat_op(Op::Comma)) {
    const Token& t = cur();
    if (t.kind == Tok::Newline || t.kind == Tok::EndMarker || (t.kind == Tok::Op && (t.op == Op::Equal || t.op == Op::RPar ||
        t.op == Op::Colon || t.op == Op::Semi || t.op == Op::RSqb || t.op == Op::RBrace || (t.op >= Op::PlusEqual))))
      break;
    push(star_expression());
  }
  Node* n = node(Kind::Tuple, Span{b, last_end_});
  n->la = take(m);
  return n;
}

Node* Parser::yield_expression() {
  uint32_t b = cur().span.begin;
  advance();  // yield
  if (eat_kw(Kw::From)) {
    Node* v = expression();
    Node* n = node(Kind::YieldFrom, Span{b, last_end_});
    n->a = v;
    return n;
  }
  Node* n = node(Kind::Yield, cur().span);
  const Token& t = cur();
  bool has_value = !(t.kind == Tok::Newline || t.kind == Tok::EndMarker ||
                     (t.kind == Tok::Op && (t.op == Op::RPar || t.op == Op::RSqb || t.op == Op::RBrace ||
                                            t.op == Op::Equal || t.op == Op::Semi || t.op == Op::Colon)));
  if (has_value) n->a = star_expressions();
  n->span = Span{b, last_end_};
  return n;
}

Node* Parser::disjunction() {
  uint32_t b = cur().span.begin;
  Node* first = conjunction();
  if (!at_kw(Kw::Or)) return first;
  size_t m = mark();
  push(first);
  while (eat_kw(Kw::Or)) push(conjunction());
  Node* n = node(Kind::BoolOp, Span{b, last_end_});
  n->op = static_cast<uint8_t>(BoolOpKind::Or);
  n->la = take(m);
  return n;
}

Node* Parser::conjunction() {
  uint32_t b = cur().span.begin;
  Node* first = inversion();
  if (!at_kw(Kw::And)) return first;
  size_t m = mark();
  push(first);
  while (eat_kw(Kw::And)) push(inversion());
  Node* n = node(Kind::BoolOp, Span{b, last_end_});
  n->op = static_cast<uint8_t>(BoolOpKind::And);
  n->la = take(m);
  return n;
}

Node* Parser::inversion() {
  if (at_kw(Kw::Not)) {
    DepthGuard g(*this);
    if (!g.ok) return node(Kind::Error, cur().span);
    uint32_t b = cur().span.begin;
    advance();
    Node* v = inversion();
    Node* n = node(Kind::UnaryOp, Span{b, last_end_});
    n->op = static_cast<uint8_t>(UnaryOpKind::Not);
    n->a = v;
    return n;
  }
  return comparison();
}

Node* Parser::comparison() {
  uint32_t b = cur().span.begin;
  Node* left = bitwise_or();
  size_t m = mark();
  std::vector<uint8_t> ops;
  while (true) {
    const Token& t = cur();
    CmpOpKind k;
    Span s = t.span;
    if (t.kind == Tok::Op) {
      switch (t.op) {
        case Op::EqEqual: k = CmpOpKind::Eq; break;
        case Op::NotEqual: k = CmpOpKind::NotEq; break;
        case Op::Less: k = CmpOpKind::Lt; break;
        case Op::LessEqual: k = CmpOpKind::LtE; break;
        case Op::Greater: k = CmpOpKind::Gt; break;
        case Op::GreaterEqual: k = CmpOpKind::GtE; break;
        default: goto done;
      }
      advance();
    } else if (t.kind == Tok::Name && t.kw == Kw::In) {
      k = CmpOpKind::In;
      advance();
    } else if (t.kind == Tok::Name && t.kw == Kw::Not && peek().kind == Tok::Name && peek().kw == Kw::In) {
      k = CmpOpKind::NotIn;
      advance();
      advance();
    } else if (t.kind == Tok::Name && t.kw == Kw::Is) {
      advance();
      k = eat_kw(Kw::Not) ? CmpOpKind::IsNot : CmpOpKind::Is;
    } else {
      break;
    }
    ops.push_back(static_cast<uint8_t>(k));
    Node* op = node(Kind::CmpOp, s);
    op->op = static_cast<uint8_t>(k);
    push(op);
    push(bitwise_or());
  }
done:
  if (ops.empty()) return left;
  // scratch holds op, operand, op, operand...: split into the two lists.
  size_t count = (scratch_.size() - m) / 2;
  Node* n = node(Kind::Compare, Span{b, last_end_});
  n->a = left;
  Node** opl = m_.new_list(count);
  Node** cmp = m_.new_list(count);
  for (size_t i = 0; i < count; ++i) {
    opl[i] = scratch_[m + 2 * i];
    cmp[i] = scratch_[m + 2 * i + 1];
  }
  scratch_.resize(m);
  n->lb = NodeList{opl, static_cast<uint32_t>(count)};
  n->la = NodeList{cmp, static_cast<uint32_t>(count)};
  return n;
}

namespace {
// Binary operator levels, loosest first: | ^ & << >> + - * / // % @
bool binop_at_level(const Token& t, int level, BinOpKind& k) {
  if (t.kind != Tok::Op) return false;
  switch (level) {
    case 0: if (t.op == Op::VBar) { k = BinOpKind::BitOr; return true; } return false;
    case 1: if (t.op == Op::Circumflex) { k = BinOpKind::BitXor; return true; } return false;
    case 2: if (t.op == Op::Amper) { k = BinOpKind::BitAnd; return true; } return false;
    case 3:
      if (t.op == Op::LShift) { k = BinOpKind::LShift; return true; }
      if (t.op == Op::RShift) { k = BinOpKind::RShift; return true; }
      return false;
    case 4:
      if (t.op == Op::Plus) { k = BinOpKind::Add; return true; }
      if (t.op == Op::Minus) { k = BinOpKind::Sub; return true; }
      return false;
    case 5:
      switch (t.op) {
        case Op::Star: k = BinOpKind::Mult; return true;
        case Op::Slash: k = BinOpKind::Div; return true;
        case Op::DoubleSlash: k = BinOpKind::FloorDiv; return true;
        case Op::Percent: k = BinOpKind::Mod; return true;
        case Op::At: k = BinOpKind::MatMult; return true;
        default: return false;
      }
    default: return false;
  }
}
}  // namespace

Node* Parser::bitwise_or() { return binary(0); }

Node* Parser::binary(int level) {
  if (level == 6) return factor();
  uint32_t b = cur().span.begin;
  Node* left = binary(level + 1);
  BinOpKind k;
  ChainDepth chain(*this);
  while (binop_at_level(cur(), level, k)) {
    if (!chain.link()) break;
    advance();
    Node* right = binary(level + 1);
    Node* n = node(Kind::BinOp, Span{b, last_end_});
    n->a = left;
    n->b = right;
    n->op = static_cast<uint8_t>(k);
    left = n;
  }
  return left;
}

Node* Parser::factor() {
  const Token& t = cur();
  if (t.kind == Tok::Op && (t.op == Op::Plus || t.op == Op::Minus || t.op == Op::Tilde)) {
    DepthGuard g(*this);
    if (!g.ok) return node(Kind::Error, cur().span);
    uint32_t b = t.span.begin;
    UnaryOpKind k = t.op == Op::Plus ? UnaryOpKind::UAdd : t.op == Op::Minus ? UnaryOpKind::USub : UnaryOpKind::Invert;
    advance();
    Node* v = factor();
    Node* n = node(Kind::UnaryOp, Span{b, last_end_});
    n->op = static_cast<uint8_t>(k);
    n->a = v;
    return n;
  }
  return power();
}

Node* Parser::power() {
  Node* left;
  uint32_t b = cur().span.begin;
  if (at_kw(Kw::Await)) {
    advance();
    Node* v = primary();
    left = node(Kind::Await, Span{b, last_end_});
    left->a = v;
  } else {
    left = primary();
  }
  if (at_op(Op::DoubleStar)) {
    DepthGuard g(*this);  // `a ** b ** c` recurses to the right
    if (!g.ok) return left;
    advance();
    Node* right = factor();
    Node* n = node(Kind::BinOp, Span{b, last_end_});
    n->op = static_cast<uint8_t>(BinOpKind::Pow);
    n->a = left;
    n->b = right;
    return n;
  }
  return left;
}

Node* Parser::primary() {
  uint32_t b = cur().span.begin;
  Node* e = atom();
  ChainDepth chain(*this);
  while (!failed_) {
    if ((at_op(Op::Dot) || at_op(Op::LPar) || at_op(Op::LSqb)) && !chain.link()) break;
    if (at_op(Op::Dot)) {
      advance();
      if (!at_name()) {
        error_here("invalid syntax");
        break;
      }
      Node* n = node(Kind::Attribute, Span{b, cur().span.end});
      n->a = e;
      n->name = text(cur().span);
      advance();
      e = n;
    } else if (at_op(Op::LPar)) {
      e = call(e);
      e->span.begin = b;
    } else if (at_op(Op::LSqb)) {
      e = subscript(e);
      e->span.begin = b;
    } else {
      break;
    }
  }
  return e;
}

Node* Parser::lambda() {
  uint32_t b = cur().span.begin;
  advance();
  Node* n = node(Kind::Lambda, Span{b, 0});
  n->a = parameters(true, Op::Colon);
  expect_op(Op::Colon);
  n->b = expression();
  n->span.end = last_end_;
  return n;
}

}  // namespace miglint::python
