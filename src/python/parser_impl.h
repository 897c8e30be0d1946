// The recursive-descent parser's internals, shared by parser_*.cc (one file per grammar area).
// Errors are sticky: the first one sets failed_, after which every lookahead sees ENDMARKER so
// all loops unwind; the statement loop then resynchronises at the next statement.
#pragma once

#include <string>
#include <vector>

#include "python/ast.h"
#include "python/lexer.h"
#include "python/parser.h"

namespace miglint::python {

class Parser {
 public:
  Parser(Module& module, std::vector<Diagnostic>& diags, std::vector<Token> tokens);

  Node* parse_file();
  // An f-string replacement field's expression (tokens lexed in expression mode).
  Node* parse_fstring_expression(Span field);
  bool failed() const { return failed_; }

 private:
  friend struct DepthGuard;
  friend struct ChainDepth;
  // ---- tokens
  const Token& cur() const { return failed_ ? eof_ : toks_[pos_]; }
  const Token& peek(size_t k = 1) const {
    if (failed_) return eof_;
    size_t i = pos_ + k;
    return i < toks_.size() ? toks_[i] : toks_.back();
  }
  void advance() {
    if (failed_ || toks_[pos_].kind == Tok::EndMarker) return;
    // NEWLINE/INDENT/DEDENT end no node: statements end at their last real token.
    if (toks_[pos_].kind != Tok::Newline && toks_[pos_].kind != Tok::Indent && toks_[pos_].kind != Tok::Dedent)
      last_end_ = toks_[pos_].span.end;
    ++pos_;
  }
  bool at_op(Op o) const { return cur().kind == Tok::Op && cur().op == o; }
  bool at_kw(Kw k) const { return cur().kind == Tok::Name && cur().kw == k; }
  bool at_name() const { return cur().kind == Tok::Name && !is_hard_keyword(cur().kw); }
  bool eat_op(Op o) { if (at_op(o)) { advance(); return true; } return false; }
  bool eat_kw(Kw k) { if (at_kw(k)) { advance(); return true; } return false; }
  Span expect_op(Op o);
  Span expect_kw(Kw k);
  Node* expect_name_node();
  std::string_view text(Span s) const { return text_.substr(s.begin, s.end - s.begin); }

  // ---- errors
  void error(Span at, std::string message);
  void error_here(std::string message);  // at the current token ("invalid syntax" style)
  void recover();
  std::string describe(const Token& t) const;
  void check_missing_comma(const Node* prev);

  // ---- building
  Node* node(Kind k, Span s) { return m_.new_node(k, s); }
  Node* node(Kind k, uint32_t begin) { return m_.new_node(k, Span{begin, last_end_}); }
  size_t mark() const { return scratch_.size(); }
  NodeList take(size_t mark);  // scratch_[mark:] into the arena
  void push(Node* n) { scratch_.push_back(n); }
  NodeList list1(Node* n);

  // ---- statements (parser_stmt.cc)
  void statements_until_dedent(bool top_level);
  void statement();
  void simple_statements();
  Node* simple_statement();
  Node* expression_statement();
  NodeList block(const char* what, uint32_t line_of_stmt);
  NodeList else_clause();
  Node* function_def(std::vector<Node*> decorators, uint32_t begin);
  Node* class_def(std::vector<Node*> decorators, uint32_t begin);
  Node* if_stmt(bool elif);
  Node* while_stmt();
  Node* for_stmt(uint32_t begin, bool is_async);
  Node* with_stmt(uint32_t begin, bool is_async);
  Node* try_stmt();
  Node* import_stmt();
  Node* from_import_stmt();
  Node* dotted_name(bool* ok);
  Node* match_stmt();
  bool looks_like_match() const;
  Node* type_alias();
  void type_params(NodeList& out);
  Node* parameters(bool lambda, Op closer);
  Node* param(bool lambda, bool star_annotation);
  void set_ctx(Node* n, Ctx ctx, const char* verb);

  // ---- expressions (parser_expr.cc)
  Node* expression();
  Node* named_expression();
  Node* star_expression();
  Node* star_named_expression();
  Node* star_expressions();
  Node* yield_expression();
  Node* disjunction();
  Node* conjunction();
  Node* inversion();
  Node* comparison();
  Node* bitwise_or();
  Node* binary(int level);
  Node* factor();
  Node* power();
  Node* primary();
  Node* atom();
  Node* lambda();
  Node* paren_atom();
  Node* list_atom();
  Node* brace_atom();
  Node* call(Node* func);
  void call_arguments(NodeList& args, NodeList& keywords, uint32_t open, Node** genexp_out);
  Node* subscript(Node* value);
  Node* slice();
  NodeList comprehension_clauses();
  Node* target_list(bool allow_tuple = true);  // for-loop / comprehension / with targets (no comparisons)
  Node* number();
  Node* strings();

  // ---- f-strings (parser_fstring.cc)
  Node* joined_str(size_t first, size_t last);
  void fstring_parts(uint32_t begin, uint32_t end, bool raw, bool triple, bool spec, std::string& pend_value,
                     std::vector<uint32_t>& pend_source, uint32_t& pend_begin, size_t values_mark, uint32_t* stop);
  void flush_literal(std::string& value, std::vector<uint32_t>& source, uint32_t begin, uint32_t end);
  Node* replacement_field(uint32_t open, bool raw, bool triple, std::string& pend_value,
                          std::vector<uint32_t>& pend_source, uint32_t& pend_begin, uint32_t* after);

  // ---- patterns (parser_pattern.cc)
  Node* patterns();
  Node* as_pattern();
  Node* or_pattern();
  Node* closed_pattern();
  Node* literal_expr();
  Node* sequence_pattern(Op closer, uint32_t begin);
  Node* mapping_pattern();
  Node* class_pattern(Node* cls);

  Module& m_;
  SourceFilePtr file_;
  std::string_view text_;
  std::vector<Diagnostic>& diags_;
  std::vector<Token> toks_;
  size_t pos_ = 0;
  uint32_t last_end_ = 0;
  bool failed_ = false;
  int depth_ = 0;
  Token eof_;
  std::vector<Node*> scratch_;
  bool assign_hint_ = false;  // set_ctx under `=`: CPython suggests '==' in its message
};

// How CPython names an expression in "cannot assign to ..." messages.
const char* describe_target(const Node* n);

// How deep the tree may nest. Every later pass over the AST (revision facts, evaluation,
// lowering, dumps) recurses on it, so the parser refuses what would overflow their stacks.
// CPython refuses about as much: 3.11 raises "maximum recursion depth exceeded during ast
// construction" from about 3,000 levels (2,989 chained `+` pass, 3,000 elif branches do not).
// Brackets stop earlier, at 200, in the lexer (CPython's "too many nested parentheses").
inline constexpr int kMaxNesting = 3000;
inline constexpr const char* kTooDeep = "too deeply nested: more than 3000 levels of operators, calls or branches";

// Bounds recursion (unary operators, `not`, `**`, if-else and lambda chains): each level is a
// level of the budget, so 100,000 of them are a diagnostic, not a stack overflow.
struct DepthGuard {
  Parser& p;
  bool ok;
  explicit DepthGuard(Parser& parser) : p(parser) {
    ok = ++p.depth_ <= kMaxNesting;
    if (!ok && !p.failed_) p.error(p.cur().span, kTooDeep);
  }
  ~DepthGuard() { --p.depth_; }
};

// A left-associative chain (`a + b + c`, `a.b.c`, `f()()`, `x[0][0]`) is built by a loop, not by
// recursion, but each link nests the tree one level deeper, so each link spends one level of
// the same budget until the chain ends. link() is false (and the error reported) when it is spent.
struct ChainDepth {
  Parser& p;
  int links = 0;
  explicit ChainDepth(Parser& parser) : p(parser) {}
  bool link() {
    ++links;
    if (++p.depth_ <= kMaxNesting) return true;
    if (!p.failed_) p.error(p.cur().span, kTooDeep);
    return false;
  }
  ~ChainDepth() { p.depth_ -= links; }
};

}  // namespace miglint::python
