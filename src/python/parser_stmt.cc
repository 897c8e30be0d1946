// Statements: simple statements, assignments, blocks and compound statements.
#include <fmt/format.h>

#include "python/parser_impl.h"

namespace miglint::python {


void Parser::statement() {
  const Token& t = cur();
  if (t.kind == Tok::Indent) {
    error(t.span, "unexpected indent");
    return;
  }
  uint32_t b = t.span.begin;
  if (t.kind == Tok::Op && t.op == Op::At) {
    std::vector<Node*> decorators;
    while (at_op(Op::At)) {
      advance();
      decorators.push_back(named_expression());
      if (cur().kind != Tok::Newline) {
        error_here("invalid syntax");
        return;
      }
      advance();
    }
    uint32_t db = cur().span.begin;
    if (at_kw(Kw::Def) || (at_kw(Kw::Async) && peek().kw == Kw::Def)) push(function_def(std::move(decorators), db));
    else if (at_kw(Kw::Class)) push(class_def(std::move(decorators), db));
    else error_here("invalid syntax");
    return;
  }
  if (t.kind == Tok::Name) {
    switch (t.kw) {
      case Kw::Def: push(function_def({}, b)); return;
      case Kw::Class: push(class_def({}, b)); return;
      case Kw::If: push(if_stmt(false)); return;
      case Kw::While: push(while_stmt()); return;
      case Kw::For: push(for_stmt(b, false)); return;
      case Kw::With: push(with_stmt(b, false)); return;
      case Kw::Try: push(try_stmt()); return;
      case Kw::Async:
        if (peek().kw == Kw::Def) { push(function_def({}, b)); return; }
        if (peek().kw == Kw::For) { advance(); push(for_stmt(b, true)); return; }
        if (peek().kw == Kw::With) { advance(); push(with_stmt(b, true)); return; }
        error(peek().span, "invalid syntax");
        return;
      case Kw::Match:
        if (looks_like_match()) { push(match_stmt()); return; }
        break;
      default: break;
    }
  }
  simple_statements();
}

void Parser::simple_statements() {
  while (true) {
    push(simple_statement());
    if (failed_) return;
    if (eat_op(Op::Semi)) {
      if (cur().kind == Tok::Newline) break;
      continue;
    }
    break;
  }
  if (cur().kind == Tok::Newline) {
    advance();
  } else if (cur().kind != Tok::EndMarker) {
    error_here("invalid syntax");
  }
}

Node* Parser::simple_statement() {
  const Token& t = cur();
  uint32_t b = t.span.begin;
  if (t.kind == Tok::Name) {
    switch (t.kw) {
      case Kw::Pass: advance(); return node(Kind::Pass, t.span);
      case Kw::Break: advance(); return node(Kind::Break, t.span);
      case Kw::Continue: advance(); return node(Kind::Continue, t.span);
      case Kw::Return: {
        advance();
        Node* n = node(Kind::Return, b);
        if (cur().kind != Tok::Newline && !at_op(Op::Semi) && cur().kind != Tok::EndMarker) n->a = star_expressions();
        n->span.end = last_end_;
        return n;
      }
      case Kw::Raise: {
        advance();
        Node* n = node(Kind::Raise, b);
        if (cur().kind != Tok::Newline && !at_op(Op::Semi) && cur().kind != Tok::EndMarker) {
          n->a = expression();
          if (eat_kw(Kw::From)) n->b = expression();
        }
        n->span.end = last_end_;
        return n;
      }
      case Kw::Assert: {
        advance();
        Node* n = node(Kind::Assert, b);
        n->a = expression();
        if (eat_op(Op::Comma)) n->b = expression();
        n->span.end = last_end_;
        return n;
      }
      case Kw::Del: {
        advance();
        Node* n = node(Kind::Delete, b);
        size_t m = mark();
        do {
          if (cur().kind == Tok::Newline || at_op(Op::Semi)) break;
          Node* target = bitwise_or();
          set_ctx(target, Ctx::Del, "delete");
          push(target);
        } while (eat_op(Op::Comma));
        n->la = take(m);
        if (n->la.empty()) error_here("invalid syntax");
        n->span.end = last_end_;
        return n;
      }
      case Kw::Global: case Kw::Nonlocal: {
        advance();
        Node* n = node(t.kw == Kw::Global ? Kind::Global : Kind::Nonlocal, b);
        size_t m = mark();
        do push(expect_name_node());
        while (eat_op(Op::Comma) && !failed_);
        n->la = take(m);
        n->span.end = last_end_;
        return n;
      }
      case Kw::Import: return import_stmt();
      case Kw::From: return from_import_stmt();
      case Kw::Type:
        if (peek().kind == Tok::Name && !is_hard_keyword(peek().kw) && peek(2).kind == Tok::Op &&
            (peek(2).op == Op::Equal || peek(2).op == Op::LSqb))
          return type_alias();
        break;
      default: break;
    }
  }
  return expression_statement();
}

Node* Parser::expression_statement() {
  uint32_t b = cur().span.begin;
  Node* first = at_kw(Kw::Yield) ? yield_expression() : star_expressions();
  if (at_op(Op::Colon)) {  // annotated assignment
    advance();
    Node* n = node(Kind::AnnAssign, b);
    if (first->kind != Kind::Name && first->kind != Kind::Attribute && first->kind != Kind::Subscript) {
      error(first->span, first->kind == Kind::Tuple ? "only single target (not tuple) can be annotated"
                         : first->kind == Kind::List ? "only single target (not list) can be annotated"
                                                     : "illegal target for annotation");
      return n;
    }
    set_ctx(first, Ctx::Store, "assign to");
    n->a = first;
    n->b = expression();
    if (eat_op(Op::Equal)) n->c = at_kw(Kw::Yield) ? yield_expression() : star_expressions();
    n->num = (first->kind == Kind::Name && !(first->flags & Node::kParenthesized)) ? 1 : 0;
    n->span.end = last_end_;
    return n;
  }
  if (cur().kind == Tok::Op && cur().op >= Op::PlusEqual) {  // augmented assignment
    static constexpr BinOpKind kAug[] = {BinOpKind::Add, BinOpKind::Sub, BinOpKind::Mult, BinOpKind::Div,
                                         BinOpKind::FloorDiv, BinOpKind::Mod, BinOpKind::Pow, BinOpKind::MatMult,
                                         BinOpKind::LShift, BinOpKind::RShift, BinOpKind::BitAnd, BinOpKind::BitOr,
                                         BinOpKind::BitXor};
    BinOpKind k = kAug[static_cast<int>(cur().op) - static_cast<int>(Op::PlusEqual)];
    if (first->kind != Kind::Name && first->kind != Kind::Attribute && first->kind != Kind::Subscript) {
      error(first->span, fmt::format("'{}' is an illegal expression for augmented assignment",
                                     first->kind == Kind::Tuple ? "tuple" : first->kind == Kind::List ? "list" : describe_target(first)));
      return first;
    }
    advance();
    set_ctx(first, Ctx::Store, "assign to");
    Node* n = node(Kind::AugAssign, b);
    n->a = first;
    n->op = static_cast<uint8_t>(k);
    n->b = at_kw(Kw::Yield) ? yield_expression() : star_expressions();
    n->span.end = last_end_;
    return n;
  }
  if (at_op(Op::Equal)) {
    size_t m = mark();
    Node* value = first;
    while (eat_op(Op::Equal)) {
      assign_hint_ = value->kind != Kind::Tuple && value->kind != Kind::List && value->kind != Kind::Starred;
      set_ctx(value, Ctx::Store, "assign to");
      assign_hint_ = false;
      push(value);
      value = at_kw(Kw::Yield) ? yield_expression() : star_expressions();
    }
    Node* n = node(Kind::Assign, b);
    n->la = take(m);
    n->a = value;
    n->span.end = last_end_;
    return n;
  }
  // Python 2 habits: `print "x"` / `exec "code"`.
  if (first->kind == Kind::Name && (first->name == "print" || first->name == "exec") &&
      (cur().kind == Tok::String || cur().kind == Tok::Number || at_name())) {
    error(first->span, fmt::format("Missing parentheses in call to '{0}'. Did you mean {0}(...)?", first->name));
    return first;
  }
  Node* n = node(Kind::Expr, Span{b, last_end_});
  n->a = first;
  return n;
}

NodeList Parser::block(const char* what, uint32_t line) {
  size_t m = mark();
  if (cur().kind == Tok::Newline) {
    advance();
    if (cur().kind != Tok::Indent) {
      // error_here: silent at an Error token (the lexer already reported that line).
      error_here(fmt::format("expected an indented block after {} on line {}", what, line));
      return take(m);
    }
    advance();
    statements_until_dedent(false);
    if (toks_[pos_].kind == Tok::Dedent) advance();
  } else {
    simple_statements();
  }
  return take(m);
}

Node* Parser::if_stmt(bool) {
  // if / elif chains are built iteratively (a long elif chain is not a deep recursion), but
  // the tree nests one level per elif, and later passes recurse on it: past the nesting budget
  // the rest of the chain is parsed and dropped, with one error (CPython refuses it too). Not a
  // sticky parser error, which would make the statement loop resynchronise at every elif left.
  std::vector<Node*> clauses;
  uint32_t too_deep_at = UINT32_MAX;
  while (true) {
    const char* what = at_kw(Kw::If) ? "'if' statement" : "'elif' statement";
    uint32_t line = file_->line_col(cur().span.begin).line;
    Node* n = node(Kind::If, cur().span);
    advance();
    n->a = named_expression();
    expect_op(Op::Colon);
    n->la = block(what, line);
    n->span.end = last_end_;
    if (depth_ + static_cast<int>(clauses.size()) < kMaxNesting) clauses.push_back(n);
    else if (too_deep_at == UINT32_MAX) too_deep_at = n->span.begin;
    if (failed_ || !at_kw(Kw::Elif)) break;
  }
  if (too_deep_at != UINT32_MAX && !failed_) {
    m_.has_errors = true;
    diags_.push_back(syntax_error(file_, Span{too_deep_at, too_deep_at + 4}, kTooDeep));
  }
  if (at_kw(Kw::Else) && !failed_) clauses.back()->lb = else_clause();
  uint32_t end = last_end_;
  for (size_t i = clauses.size(); i-- > 1;) {
    clauses[i]->span.end = end;
    clauses[i - 1]->lb = list1(clauses[i]);
  }
  clauses[0]->span.end = end;
  return clauses[0];
}

// `else:` and its block, shared by if, while and for (try checks its own order first).
NodeList Parser::else_clause() {
  uint32_t line = file_->line_col(cur().span.begin).line;
  advance();  // else
  expect_op(Op::Colon);
  return block("'else' statement", line);
}

Node* Parser::while_stmt() {
  uint32_t line = file_->line_col(cur().span.begin).line;
  Node* n = node(Kind::While, cur().span);
  advance();
  n->a = named_expression();
  expect_op(Op::Colon);
  n->la = block("'while' statement", line);
  if (at_kw(Kw::Else) && !failed_) n->lb = else_clause();
  n->span.end = last_end_;
  return n;
}

Node* Parser::for_stmt(uint32_t b, bool is_async) {
  uint32_t line = file_->line_col(cur().span.begin).line;
  advance();  // for
  Node* n = node(is_async ? Kind::AsyncFor : Kind::For, b);
  n->a = target_list();
  set_ctx(n->a, Ctx::Store, "assign to");
  expect_kw(Kw::In);
  n->b = star_expressions();
  expect_op(Op::Colon);
  n->la = block("'for' statement", line);
  if (at_kw(Kw::Else) && !failed_) n->lb = else_clause();
  n->span.end = last_end_;
  return n;
}

Node* Parser::with_stmt(uint32_t b, bool is_async) {
  uint32_t line = file_->line_col(cur().span.begin).line;
  advance();  // with
  Node* n = node(is_async ? Kind::AsyncWith : Kind::With, b);
  // `with (a as b, c):` -- parenthesised items, recognised by the ':' right after the ')'.
  bool parenthesized = false;
  if (at_op(Op::LPar)) {
    int depth = 0;
    size_t i = pos_;
    for (; i < toks_.size(); ++i) {
      const Token& t = toks_[i];
      if (t.kind == Tok::Op && (t.op == Op::LPar || t.op == Op::LSqb || t.op == Op::LBrace)) ++depth;
      else if (t.kind == Tok::Op && (t.op == Op::RPar || t.op == Op::RSqb || t.op == Op::RBrace)) {
        if (--depth == 0) break;
      } else if (t.kind == Tok::Newline || t.kind == Tok::EndMarker) break;
    }
    parenthesized = i + 1 < toks_.size() && toks_[i + 1].kind == Tok::Op && toks_[i + 1].op == Op::Colon;
  }
  if (parenthesized) advance();
  size_t m = mark();
  do {
    if (parenthesized && at_op(Op::RPar)) break;
    Node* item = node(Kind::withitem, cur().span);
    item->a = expression();
    if (eat_kw(Kw::As)) {
      item->b = target_list(false);
      set_ctx(item->b, Ctx::Store, "assign to");
    }
    push(item);
  } while (eat_op(Op::Comma) && !failed_);
  n->la = take(m);
  if (parenthesized) expect_op(Op::RPar);
  expect_op(Op::Colon);
  n->lb = block("'with' statement", line);
  n->span.end = last_end_;
  return n;
}

Node* Parser::try_stmt() {
  uint32_t line = file_->line_col(cur().span.begin).line;
  Node* n = node(Kind::Try, cur().span);
  advance();
  expect_op(Op::Colon);
  n->la = block("'try' statement", line);
  size_t m = mark();
  bool star = false, plain = false;
  while (at_kw(Kw::Except) && !failed_) {
    uint32_t hline = file_->line_col(cur().span.begin).line;
    Node* h = node(Kind::ExceptHandler, cur().span);
    advance();
    if (eat_op(Op::Star)) star = true;
    else plain = true;
    if (!at_op(Op::Colon)) {
      h->a = expression();
      if (at_op(Op::Comma)) {
        error(Span{h->a->span.begin, h->a->span.end}, "multiple exception types must be parenthesized");
        break;
      }
      if (eat_kw(Kw::As)) {
        if (!at_name()) { error_here("invalid syntax"); break; }
        h->name = text(cur().span);
        h->flags |= Node::kHasName;
        advance();
      }
    }
    expect_op(Op::Colon);
    h->la = block(star ? "'except*' statement" : "'except' statement", hline);
    h->span.end = last_end_;
    push(h);
  }
  n->lb = take(m);
  if (star && plain) error(n->span, "cannot have both 'except' and 'except*' on the same 'try'");
  if (star) n->kind = Kind::TryStar;
  if (at_kw(Kw::Else) && !failed_) {
    uint32_t eline = file_->line_col(cur().span.begin).line;
    if (n->lb.empty()) error(cur().span, "expected 'except' or 'finally' block");
    advance();
    expect_op(Op::Colon);
    n->lc = block("'else' statement", eline);
  }
  if (at_kw(Kw::Finally) && !failed_) {
    uint32_t fline = file_->line_col(cur().span.begin).line;
    advance();
    expect_op(Op::Colon);
    n->ld = block("'finally' statement", fline);
  }
  if (n->lb.empty() && n->ld.empty() && !failed_) error_here("expected 'except' or 'finally' block");
  n->span.end = last_end_;
  return n;
}

}  // namespace miglint::python
