// Statements, blocks, definitions and parameters; error reporting and recovery; parse_module.
#include <fmt/format.h>

#include <algorithm>

#include "python/parser_impl.h"

namespace miglint::python {

Parser::Parser(Module& module, std::vector<Diagnostic>& diags, std::vector<Token> tokens)
    : m_(module), file_(module.file), text_(module.file->text()), diags_(diags), toks_(std::move(tokens)) {
  eof_ = toks_.back();
  scratch_.reserve(256);
}

// ---------------------------------------------------------------- errors

std::string Parser::describe(const Token& t) const {
  switch (t.kind) {
    case Tok::Newline: return "newline";
    case Tok::EndMarker: return "end of file";
    case Tok::Indent: return "indent";
    case Tok::Dedent: return "dedent";
    default: return fmt::format("'{}'", text(t.span));
  }
}

void Parser::error(Span at, std::string message) {
  if (failed_) return;
  failed_ = true;
  m_.has_errors = true;
  diags_.push_back(syntax_error(file_, at, std::move(message)));
}

void Parser::error_here(std::string message) {
  const Token& t = toks_[pos_];
  if (t.kind == Tok::Error) {  // the lexer already said what is wrong with it
    failed_ = true;
    m_.has_errors = true;
    return;
  }
  if (t.kind == Tok::Indent) message = "unexpected indent";
  else if (t.kind == Tok::EndMarker && message == "invalid syntax") message = "unexpected EOF while parsing";
  error(t.span, std::move(message));
}

Span Parser::expect_op(Op o) {
  if (at_op(o)) {
    Span s = cur().span;
    advance();
    return s;
  }
  if (!failed_) {
    if (o == Op::Colon) error_here("expected ':'");
    else if (o == Op::RPar || o == Op::RSqb || o == Op::RBrace) error_here("invalid syntax");
    else error_here(fmt::format("expected '{}'", op_spelling(o)));
  }
  return cur().span;
}

Span Parser::expect_kw(Kw k) {
  if (at_kw(k)) {
    Span s = cur().span;
    advance();
    return s;
  }
  error_here(k == Kw::In ? "expected 'in'" : k == Kw::Import ? "expected 'import'" : "invalid syntax");
  return cur().span;
}

Node* Parser::expect_name_node() {
  Node* n = node(Kind::Name, cur().span);
  if (!at_name()) {
    error_here("invalid syntax");
    return n;
  }
  n->name = text(cur().span);
  advance();
  return n;
}

// Skips the rest of a statement that failed: up to its NEWLINE, and then a whole indented
// block that would have belonged to it.
void Parser::recover() {
  failed_ = false;
  depth_ = 0;
  size_t start = pos_;
  while (toks_[pos_].kind != Tok::Newline && toks_[pos_].kind != Tok::EndMarker &&
         !(toks_[pos_].kind == Tok::Dedent && pos_ != start) && !(toks_[pos_].kind == Tok::Indent && pos_ != start))
    ++pos_;
  if (toks_[pos_].kind == Tok::Newline) ++pos_;
  if (toks_[pos_].kind == Tok::Indent) {
    int level = 0;
    do {
      if (toks_[pos_].kind == Tok::Indent) ++level;
      else if (toks_[pos_].kind == Tok::Dedent) --level;
      ++pos_;
    } while (level > 0 && toks_[pos_].kind != Tok::EndMarker);
  }
  if (pos_ == start && toks_[pos_].kind != Tok::EndMarker) ++pos_;
  if (pos_ > 0) last_end_ = toks_[pos_ - 1].span.end;
}

// ---------------------------------------------------------------- helpers

NodeList Parser::take(size_t m) {
  size_t n = scratch_.size() - m;
  NodeList l{m_.new_list(n), static_cast<uint32_t>(n)};
  for (size_t i = 0; i < n; ++i) l.items[i] = scratch_[m + i];
  scratch_.resize(m);
  return l;
}

NodeList Parser::list1(Node* n) {
  size_t m = mark();
  push(n);
  return take(m);
}

namespace {
const char* describe_target(const Node* n) {
  switch (n->kind) {
    case Kind::Call: return "function call";
    case Kind::Constant: return n->const_kind() == ConstKind::None ? "None" : n->const_kind() == ConstKind::True ? "True"
                              : n->const_kind() == ConstKind::False ? "False" : n->const_kind() == ConstKind::Ellipsis ? "ellipsis" : "literal";
    case Kind::Compare: return "comparison";
    case Kind::Lambda: return "lambda";
    case Kind::IfExp: return "conditional expression";
    case Kind::NamedExpr: return "named expression";
    case Kind::Dict: return "dict literal";
    case Kind::Set: return "set display";
    case Kind::ListComp: return "list comprehension";
    case Kind::SetComp: return "set comprehension";
    case Kind::DictComp: return "dict comprehension";
    case Kind::GeneratorExp: return "generator expression";
    case Kind::JoinedStr: return "f-string expression";
    case Kind::Await: return "await expression";
    case Kind::Yield: case Kind::YieldFrom: return "yield expression";
    default: return "expression";
  }
}
}  // namespace

void Parser::set_ctx(Node* n, Ctx ctx, const char* verb) {
  switch (n->kind) {
    case Kind::Name: case Kind::Attribute: case Kind::Subscript:
      n->ctx = ctx;
      return;
    case Kind::Starred:
      n->ctx = ctx;
      set_ctx(n->a, ctx, verb);
      return;
    case Kind::List: case Kind::Tuple:
      n->ctx = ctx;
      for (Node* e : n->la) set_ctx(e, ctx, verb);
      return;
    case Kind::Error: return;
    default:
      error(n->span, fmt::format("cannot {} {}{}", verb, describe_target(n),
                                 assign_hint_ ? " here. Maybe you meant '==' instead of '='?" : ""));
  }
}

// ---------------------------------------------------------------- statements

Node* Parser::parse_file() {
  Node* mod = node(Kind::Module, Span{0, static_cast<uint32_t>(text_.size())});
  size_t m = mark();
  statements_until_dedent(true);
  mod->la = take(m);
  return mod;
}

void Parser::statements_until_dedent(bool top_level) {
  while (true) {
    const Token& t = toks_[pos_];
    if (t.kind == Tok::EndMarker) break;
    if (t.kind == Tok::Dedent) {
      if (!top_level) break;
      ++pos_;
      continue;
    }
    if (t.kind == Tok::Newline) {  // e.g. a lone ';' line already reported, or after recovery
      ++pos_;
      continue;
    }
    size_t m = mark();
    uint32_t begin = t.span.begin;
    statement();
    if (failed_) {
      scratch_.resize(m);  // drop the partial statement, keep an Error node in its place
      recover();
      push(node(Kind::Error, Span{begin, std::max(begin, last_end_)}));
    }
  }
}

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
      error(cur().span, fmt::format("expected an indented block after {} on line {}", what, line));
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

Node* Parser::if_stmt(bool) {
  // if / elif chains are built iteratively (a long elif chain is not a deep recursion).
  struct Clause { Node* n; };
  std::vector<Node*> clauses;
  while (true) {
    const char* what = at_kw(Kw::If) ? "'if' statement" : "'elif' statement";
    uint32_t line = file_->line_col(cur().span.begin).line;
    Node* n = node(Kind::If, cur().span);
    advance();
    n->a = named_expression();
    expect_op(Op::Colon);
    n->la = block(what, line);
    n->span.end = last_end_;
    clauses.push_back(n);
    if (failed_ || !at_kw(Kw::Elif)) break;
  }
  if (at_kw(Kw::Else) && !failed_) {
    uint32_t line = file_->line_col(cur().span.begin).line;
    advance();
    expect_op(Op::Colon);
    clauses.back()->lb = block("'else' statement", line);
  }
  uint32_t end = last_end_;
  for (size_t i = clauses.size(); i-- > 1;) {
    clauses[i]->span.end = end;
    clauses[i - 1]->lb = list1(clauses[i]);
  }
  clauses[0]->span.end = end;
  return clauses[0];
}

Node* Parser::while_stmt() {
  uint32_t line = file_->line_col(cur().span.begin).line;
  Node* n = node(Kind::While, cur().span);
  advance();
  n->a = named_expression();
  expect_op(Op::Colon);
  n->la = block("'while' statement", line);
  if (at_kw(Kw::Else) && !failed_) {
    uint32_t eline = file_->line_col(cur().span.begin).line;
    advance();
    expect_op(Op::Colon);
    n->lb = block("'else' statement", eline);
  }
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
  if (at_kw(Kw::Else) && !failed_) {
    uint32_t eline = file_->line_col(cur().span.begin).line;
    advance();
    expect_op(Op::Colon);
    n->lb = block("'else' statement", eline);
  }
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

// ---------------------------------------------------------------- entry point

std::shared_ptr<Module> parse_module(SourceFilePtr file, std::vector<Diagnostic>& diags) {
  auto module = std::make_shared<Module>();
  module->file = file;
  size_t before = diags.size();
  LexResult lexed = lex(file, diags);
  size_t lexed_end = diags.size();
  // After "'(' was never closed" the rest of the file is one unterminated statement: a parser
  // error inside it would only be a consequence, so it is dropped (CPython reports one too).
  uint32_t unclosed = UINT32_MAX;
  for (size_t i = before; i < lexed_end; ++i)
    if (diags[i].message.ends_with("was never closed")) unclosed = std::min(unclosed, diags[i].location.span.begin);
  module->comments = std::move(lexed.comments);
  Parser parser(*module, diags, std::move(lexed.tokens));
  module->root = parser.parse_file();
  if (unclosed != UINT32_MAX) {
    diags.erase(std::remove_if(diags.begin() + static_cast<std::ptrdiff_t>(lexed_end), diags.end(),
                               [&](const Diagnostic& d) { return d.location.span.begin > unclosed; }),
                diags.end());
  }
  if (diags.size() != before) module->has_errors = true;
  // Lexer and parser diagnostics interleave: report them in file order.
  std::stable_sort(diags.begin() + static_cast<std::ptrdiff_t>(before), diags.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.location.span.begin < b.location.span.begin; });
  return module;
}

}  // namespace miglint::python
