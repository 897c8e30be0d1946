// Fuzz target: the Python front end (encoding check, lexer, parser, AST dump) on a whole file.
//
// Invariants beyond "no crash, no exception, no hang":
// - the token stream ends with one EndMarker, tokens come in file order, every token and
//   comment span lies inside the file (with and without NL tokens);
// - every diagnostic is a python-syntax-error located inside the file;
// - the Module has errors exactly when diagnostics were reported, and a tree without errors
//   holds no Error node;
// - every AST node's span, and every decoded string byte's source offset, lies inside the file,
//   the offsets of one Constant in file order.
#include <memory>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "python/ast.h"
#include "python/ast_dump.h"
#include "python/lexer.h"
#include "python/parser.h"

namespace {

using namespace miglint;
using namespace miglint::python;
using namespace miglint::fuzz;

void check_tokens(const SourceFile& file, const LexResult& lexed) {
  FUZZ_CHECK(!lexed.tokens.empty() && lexed.tokens.back().kind == Tok::EndMarker, "the tokens do not end with EndMarker");
  uint32_t last = 0;
  for (size_t i = 0; i < lexed.tokens.size(); ++i) {
    const Token& t = lexed.tokens[i];
    check_span(file, t.span, "token " + std::string(tok_name(t.kind)));
    FUZZ_CHECK(t.kind != Tok::EndMarker || i + 1 == lexed.tokens.size(), "EndMarker before the end of the tokens");
    FUZZ_CHECK(t.span.begin >= last, "token " + std::string(tok_name(t.kind)) + " at " + std::to_string(t.span.begin) +
                                         " before the previous token's start " + std::to_string(last));
    last = t.span.begin;
  }
  for (const Comment& c : lexed.comments) {
    check_span(file, c.span, "comment");
    FUZZ_CHECK(!c.span.empty() && file.text()[c.span.begin] == '#', "a comment that does not start with '#'");
  }
}

struct TreeCheck {
  const SourceFile& file;
  size_t errors = 0;
  size_t nodes = 0;

  void node(const Node* n) {
    if (!n) return;  // CPython's None (Dict.keys for **x, kw_defaults)
    ++nodes;
    std::string what = "node " + std::string(kind_name(n->kind));
    check_span(file, n->span, what);
    if (n->kind == Kind::Error) ++errors;
    if (n->str_source) {
      uint32_t prev = 0;
      for (size_t i = 0; i <= n->str.size(); ++i) {
        uint32_t at = n->str_source[i];
        FUZZ_CHECK(at <= file.text().size(), what + ": a decoded byte maps past the end of the file");
        FUZZ_CHECK(at >= prev, what + ": decoded bytes map to source offsets out of order");
        prev = at;
      }
    }
    for (const Node* child : {n->a, n->b, n->c}) node(child);
    for (const NodeList* list : {&n->la, &n->lb, &n->lc, &n->ld, &n->le})
      for (const Node* child : *list) node(child);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto file = std::make_shared<const SourceFile>("fuzz.py", std::string(reinterpret_cast<const char*>(data), size));

  // The lexer on its own, in both modes the front end uses. parse_module lexes only text that
  // passed the encoding check, but lex() promises never to fail on any text.
  for (bool nl : {false, true}) {
    std::vector<Diagnostic> diags;
    LexOptions options;
    options.emit_nl = nl;
    LexResult lexed = lex(file, diags, options);
    check_tokens(*file, lexed);
    check_diagnostics(diags, file.get());
  }

  std::vector<Diagnostic> diags;
  std::shared_ptr<Module> module = parse_module(file, diags);
  FUZZ_CHECK(module != nullptr, "parse_module returned null");
  check_diagnostics(diags, file.get());
  for (const Diagnostic& d : diags)
    FUZZ_CHECK(d.rule == "python-syntax-error", "the parser reported rule " + d.rule);
  FUZZ_CHECK(module->has_errors == !diags.empty(), "Module::has_errors disagrees with the diagnostics");
  if (!module->root) {
    FUZZ_CHECK(module->has_errors, "no tree and no error");
    return 0;
  }
  TreeCheck tree{*file};
  tree.node(module->root);
  FUZZ_CHECK(module->has_errors || tree.errors == 0, "an Error node in a tree without syntax errors");
  for (const Comment& c : module->comments) check_span(*file, c.span, "module comment");
  // The dump walks every field of every node, as `miglint dump --ast` does.
  std::string dump = dump_ast(*module);
  FUZZ_CHECK(!dump.empty(), "empty AST dump");
  return 0;
}
