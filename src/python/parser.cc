// The parser's core: construction, errors and recovery, list building, assignment
// targets, the statement loop and the parse_module entry point.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "python/parser_impl.h"
#include "python/source_checks.h"

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

// ---------------------------------------------------------------- entry point

std::shared_ptr<Module> parse_module(SourceFilePtr file, std::vector<Diagnostic>& diags) {
  auto module = std::make_shared<Module>(file->text().size());
  module->file = file;
  size_t before = diags.size();
  if (auto bad = check_binary(file)) {
    diags.push_back(std::move(*bad));
    module->has_errors = true;
    return module;
  }
  LexResult lexed = lex(file, diags);
  // Invalid UTF-8 outside comments is the one error for the file, as in CPython: whatever the
  // lexer made of those bytes would only be a consequence. (The lexer runs first because only
  // it knows where comments are.)
  std::vector<Span> comment_spans;
  comment_spans.reserve(lexed.comments.size());
  for (const Comment& c : lexed.comments) comment_spans.push_back(c.span);
  if (auto bad = check_utf8(file, comment_spans)) {
    diags.resize(before);
    diags.push_back(std::move(*bad));
    module->has_errors = true;
    return module;
  }
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
  limit_errors(diags, before);
  return module;
}

}  // namespace miglint::python
