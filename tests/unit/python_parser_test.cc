#include <catch2/catch.hpp>

#include <string>

#include "python/ast_dump.h"
#include "python/parser.h"

using namespace miglint;
using namespace miglint::python;

namespace {
struct Parsed {
  std::shared_ptr<Module> module;
  std::vector<Diagnostic> diags;
  LineCol at(size_t i) const { return module->file->line_col(diags.at(i).location.span.begin); }
};
Parsed parse(std::string text) {
  Parsed p;
  p.module = parse_module(std::make_shared<SourceFile>("t.py", std::move(text)), p.diags);
  return p;
}
const Node* expr_of(const Parsed& p, size_t stmt = 0) {
  const Node* s = p.module->body()[stmt];
  return s->kind == Kind::Expr ? s->a : s->kind == Kind::Assign ? s->a : s;
}
}  // namespace

TEST_CASE("parser: operator precedence", "[python][parser]") {
  Parsed p = parse("a or b and not c < d | e ^ f & g << h + i * -j ** k\n");
  REQUIRE(p.diags.empty());
  const Node* e = expr_of(p);
  REQUIRE(e->kind == Kind::BoolOp);  // or
  const Node* and_ = e->la[1];
  REQUIRE(and_->kind == Kind::BoolOp);
  const Node* not_ = and_->la[1];
  REQUIRE(not_->kind == Kind::UnaryOp);
  const Node* cmp = not_->a;
  REQUIRE(cmp->kind == Kind::Compare);
  const Node* bor = cmp->la[0];
  CHECK(static_cast<BinOpKind>(bor->op) == BinOpKind::BitOr);
  const Node* mul = bor->b->b->b->b->b;  // ^ & << + then *
  REQUIRE(mul->kind == Kind::BinOp);
  CHECK(static_cast<BinOpKind>(mul->op) == BinOpKind::Mult);
  const Node* neg = mul->b;
  REQUIRE(neg->kind == Kind::UnaryOp);  // -(j ** k)
  CHECK(static_cast<BinOpKind>(neg->a->op) == BinOpKind::Pow);
}

TEST_CASE("parser: positions follow CPython (parentheses included in the parent)", "[python][parser]") {
  Parsed p = parse("x = (a) + f(b)[1].c\n");
  REQUIRE(p.diags.empty());
  const Node* add = expr_of(p);
  CHECK(add->span == Span{4, 19});
  CHECK(add->a->span == Span{5, 6});  // the Name itself excludes its parentheses
  CHECK(add->b->kind == Kind::Attribute);
  CHECK(add->b->span == Span{10, 19});
}

TEST_CASE("parser: PEP 701 f-strings (3.12) with nested quotes, specs, conversions and =", "[python][parser]") {
  Parsed p = parse("s = f\"{d[\"key\"]!r:>{width}} {f\"{x=}\"} {y = :.2f}!\"\n");
  REQUIRE(p.diags.empty());
  const Node* js = expr_of(p);
  REQUIRE(js->kind == Kind::JoinedStr);
  std::string dump = dump_ast(*p.module);
  INFO(dump);
  REQUIRE(js->la.size() == 6);
  const Node* fv = js->la[0];
  REQUIRE(fv->kind == Kind::FormattedValue);
  CHECK(fv->num == 'r');
  REQUIRE(fv->a->kind == Kind::Subscript);
  CHECK(fv->a->b->str == "key");
  CHECK(p.module->file->slice(fv->a->b->span) == "\"key\"");  // spans are file offsets
  REQUIRE(fv->b->kind == Kind::JoinedStr);                      // the format spec
  CHECK(fv->b->la[0]->str == ">");
  CHECK(fv->b->la[1]->kind == Kind::FormattedValue);
  const Node* nested = js->la[2];
  REQUIRE(nested->kind == Kind::FormattedValue);
  REQUIRE(nested->a->kind == Kind::JoinedStr);
  CHECK(nested->a->la[0]->str == "x=");
  CHECK(nested->a->la[1]->num == 'r');  // `=` without a spec implies !r
  CHECK(js->la[3]->str == " y = ");
  CHECK(js->la[4]->num == -1);          // `=` with a spec keeps format()
  CHECK(js->la[5]->str == "!");
}

TEST_CASE("parser: f-string errors", "[python][parser]") {
  Parsed empty = parse("x = f'{}'\n");
  REQUIRE(empty.diags.size() == 1);
  CHECK(empty.diags[0].message == "f-string: valid expression required before '}'");
  CHECK(empty.at(0) == LineCol{1, 7});
  Parsed brace = parse("x = f'a } b'\n");
  REQUIRE(brace.diags.size() == 1);
  CHECK(brace.diags[0].message == "f-string: single '}' is not allowed");
  CHECK(brace.at(0) == LineCol{1, 9});
  Parsed conv = parse("x = f'{a!z}'\n");
  REQUIRE(conv.diags.size() == 1);
  CHECK(conv.diags[0].message == "f-string: invalid conversion character: expected 's', 'r', or 'a'");
}

TEST_CASE("parser: syntax errors are diagnostics and parsing resumes at the next statement", "[python][parser]") {
  Parsed p = parse(
      "import os\n"
      "x = = 1\n"
      "def f(:):\n"
      "    pass\n"
      "y = 2\n"
      "if x\n"
      "    z = 3\n"
      "w = [1 2]\n"
      "last = 4\n");
  REQUIRE(p.diags.size() == 4);
  CHECK(p.diags[0].message == "invalid syntax");
  CHECK(p.at(0) == LineCol{2, 5});
  CHECK(p.diags[1].message == "invalid syntax");
  CHECK(p.at(1) == LineCol{3, 7});
  CHECK(p.diags[2].message == "expected ':'");
  CHECK(p.at(2) == LineCol{6, 5});
  CHECK(p.diags[3].message == "invalid syntax. Perhaps you forgot a comma?");
  CHECK(p.at(3) == LineCol{8, 6});
  for (const Diagnostic& d : p.diags) CHECK(d.rule == "python-syntax-error");
  // Every statement is there: good ones parsed, bad ones as Error nodes.
  NodeList body = p.module->body();
  REQUIRE(body.size() == 7);
  CHECK(body[0]->kind == Kind::Import);
  CHECK(body[1]->kind == Kind::Error);
  CHECK(body[2]->kind == Kind::Error);
  CHECK(body[3]->kind == Kind::Assign);
  CHECK(body[4]->kind == Kind::Error);
  CHECK(body[5]->kind == Kind::Error);
  CHECK(body[6]->kind == Kind::Assign);  // last = 4
  Parsed q = parse("w = [1 2]\nlast = 4\n");
  REQUIRE(q.module->body().size() == 2);
  CHECK(q.module->body()[1]->kind == Kind::Assign);
}

TEST_CASE("parser: common CPython messages", "[python][parser]") {
  struct Case { const char* src; const char* message; LineCol at; };
  const Case cases[] = {
      {"f() = 1\n", "cannot assign to function call here. Maybe you meant '==' instead of '='?", {1, 1}},
      {"for f() in x: pass\n", "cannot assign to function call", {1, 5}},
      {"print 'hello'\n", "Missing parentheses in call to 'print'. Did you mean print(...)?", {1, 1}},
      {"from x import\n", "invalid syntax", {1, 14}},
      {"from x import a,\n", "trailing comma not allowed without surrounding parentheses", {1, 17}},
      {"x = 5 $ 3\n", "invalid syntax", {1, 7}},
      {"x = 'a' b'b'\n", "cannot mix bytes and nonbytes literals", {1, 5}},
      {"del 1\n", "cannot delete literal", {1, 5}},
      {"x, y += 1\n", "'tuple' is an illegal expression for augmented assignment", {1, 1}},
      {"f(a=1, b)\n", "positional argument follows keyword argument", {1, 8}},
      {"def f(a=1, b): pass\n", "parameter without a default follows parameter with a default", {1, 12}},
      {"if x:\npass\n", "expected an indented block after 'if' statement on line 1", {2, 1}},
      {"  x = 1\n", "unexpected indent", {1, 3}},
      {"try:\n    pass\nx = 1\n", "expected 'except' or 'finally' block", {3, 1}},
      {"x = (1, 2\ny = 3\n", "'(' was never closed", {1, 5}},
      {"for x in y\n    pass\n", "expected ':'", {1, 11}},
      {"except ValueError:\n    pass\n", "invalid syntax", {1, 1}},
      {"x = 1 +\n", "invalid syntax", {1, 8}},
  };
  for (const Case& c : cases) {
    Parsed p = parse(c.src);
    INFO(c.src);
    REQUIRE_FALSE(p.diags.empty());
    CHECK(p.diags[0].message == c.message);
    CHECK(p.at(0) == c.at);
  }
}

TEST_CASE("parser: deep nesting is a diagnostic, not a stack overflow", "[python][parser]") {
  Parsed parens = parse("x = " + std::string(10000, '(') + "1" + std::string(10000, ')') + "\ny = 2\n");
  REQUIRE_FALSE(parens.diags.empty());
  CHECK(parens.diags[0].message == "too many nested parentheses");
  REQUIRE(parens.module->body().size() == 2);
  CHECK(parens.module->body()[1]->kind == Kind::Assign);

  Parsed unary = parse("x = " + std::string(10000, '-') + "1\n");
  REQUIRE_FALSE(unary.diags.empty());
  Parsed nots = parse("x = " + [] { std::string s; for (int i = 0; i < 10000; ++i) s += "not "; return s; }() + "y\n");
  REQUIRE_FALSE(nots.diags.empty());
  Parsed ok = parse("x = " + std::string(150, '[') + std::string(150, ']') + "\n");
  CHECK(ok.diags.empty());
  std::string chain = "if a:\n    pass\n";
  for (int i = 0; i < 2500; ++i) chain += "elif a:\n    pass\n";
  Parsed elifs = parse(chain);  // long elif chains are iterative
  CHECK(elifs.diags.empty());
  // ... but the tree they build nests one level per elif, which later passes recurse on: past
  // CPython's limit (about 3,000) the chain is one error, not a cascade or a stack overflow.
  for (int i = 0; i < 7500; ++i) chain += "elif a:\n    pass\n";
  Parsed too_many = parse(chain);
  REQUIRE(too_many.diags.size() == 1);
  CHECK(too_many.diags[0].message.starts_with("too deeply nested"));
  Parsed binop = parse("x = " + [] { std::string s = "1"; for (int i = 0; i < 100000; ++i) s += "+1"; return s; }() + "\n");
  REQUIRE(binop.diags.size() == 1);
  CHECK(binop.diags[0].message.starts_with("too deeply nested"));
}

TEST_CASE("parser: 3.12 syntax (type aliases, type parameters)", "[python][parser]") {
  Parsed p = parse("type Point[T] = tuple[T, T]\ndef f[T: int, *Ts, **P](x: T) -> T: ...\nclass C[T]: pass\ntype = 1\n");
  REQUIRE(p.diags.empty());
  REQUIRE(p.module->body().size() == 4);
  CHECK(p.module->body()[0]->kind == Kind::TypeAlias);
  CHECK(p.module->body()[0]->la.size() == 1);
  CHECK(p.module->body()[1]->lc.size() == 3);
  CHECK(p.module->body()[3]->kind == Kind::Assign);
}

TEST_CASE("parser: soft keywords match and case stay names elsewhere", "[python][parser]") {
  Parsed p = parse("match = 1\nmatch(x)\nmatch x:\n    case [a, *_] if a:\n        pass\n    case {'k': v, **r}:\n        pass\n");
  REQUIRE(p.diags.empty());
  REQUIRE(p.module->body().size() == 3);
  CHECK(p.module->body()[1]->kind == Kind::Expr);
  CHECK(p.module->body()[2]->kind == Kind::Match);
  CHECK(p.module->body()[2]->la.size() == 2);
}

TEST_CASE("parser: comments are kept for suppressions", "[python][parser]") {
  Parsed p = parse("x = 1  # miglint: ignore[drop-column]\n# file comment\n");
  REQUIRE(p.module->comments.size() == 2);
  CHECK(p.module->file->slice(p.module->comments[0].span) == "# miglint: ignore[drop-column]");
}

TEST_CASE("parser: string constants keep their source map", "[python][parser]") {
  Parsed p = parse("op.execute(\n    \"SELECT 1;\"\n    \" SELEC 2\"\n)\n");
  REQUIRE(p.diags.empty());
  const Node* call = expr_of(p);
  const Node* s = call->la[0];
  REQUIRE(s->kind == Kind::Constant);
  CHECK(s->str == "SELECT 1; SELEC 2");
  // decoded offset 9 is the space that opens the second literal: line 3, column 6
  CHECK(p.module->file->line_col(s->source_offset(9)) == LineCol{3, 6});
  CHECK(p.module->file->line_col(s->source_offset(10)) == LineCol{3, 7});  // the misspelt SELEC
}

TEST_CASE("parser: f-string literal parts keep their source map", "[python][parser]") {
  Parsed p = parse("q = f\"SELECT {col}\\n FROM t\"\n");
  REQUIRE(p.diags.empty());
  const Node* js = expr_of(p);
  REQUIRE(js->la.size() == 3);
  const Node* tail = js->la[2];
  CHECK(tail->str == "\n FROM t");
  CHECK(tail->source_offset(0) == 18);  // the \n escape
  CHECK(tail->source_offset(2) == 21);  // F
}

TEST_CASE("parser: the canonical AST dump", "[python][parser]") {
  Parsed p = parse("x: int = f(1, *a, k=-2.5)\n");
  REQUIRE(p.diags.empty());
  CHECK(dump_ast(*p.module) ==
        "Module\n"
        "  body[1]:\n"
        "    - AnnAssign @1:0-1:25 simple=1\n"
        "      target: Name @1:0-1:1 id=\"x\" ctx=Store\n"
        "      annotation: Name @1:3-1:6 id=\"int\" ctx=Load\n"
        "      value: Call @1:9-1:25\n"
        "        func: Name @1:9-1:10 id=\"f\" ctx=Load\n"
        "        args[2]:\n"
        "          - Constant @1:11-1:12 value=num(1) kind=None\n"
        "          - Starred @1:14-1:16 ctx=Load\n"
        "            value: Name @1:15-1:16 id=\"a\" ctx=Load\n"
        "        keywords[1]:\n"
        "          - keyword @1:18-1:24 arg=\"k\"\n"
        "            value: UnaryOp @1:20-1:24 op=USub\n"
        "              operand: Constant @1:21-1:24 value=num(2.5) kind=None\n");
}
