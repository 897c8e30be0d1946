#include <catch2/catch.hpp>

#include "python/lexer.h"

using namespace miglint;
using namespace miglint::python;

namespace {
struct Lexed {
  SourceFilePtr file;
  LexResult result;
  std::vector<Diagnostic> diags;
  std::string kinds() const {  // "NAME OP NUMBER NEWLINE ENDMARKER"
    std::string out;
    for (const Token& t : result.tokens) {
      if (!out.empty()) out += ' ';
      out += tok_name(t.kind);
    }
    return out;
  }
  std::string text(size_t i) const { return std::string(file->slice(result.tokens[i].span)); }
};
Lexed lex_text(std::string text, bool nl = false) {
  Lexed l;
  l.file = std::make_shared<SourceFile>("t.py", std::move(text));
  LexOptions o;
  o.emit_nl = nl;
  l.result = lex(l.file, l.diags, o);
  return l;
}
}  // namespace

TEST_CASE("lexer: indentation produces INDENT/DEDENT and NEWLINE vs NL", "[python][lexer]") {
  Lexed l = lex_text("if x:\n    y = 1\n\n    # c\n    z\nw\n", true);
  CHECK(l.kinds() ==
        "NAME NAME OP NEWLINE INDENT NAME OP NUMBER NEWLINE NL NL NAME NEWLINE DEDENT NAME NEWLINE ENDMARKER");
  CHECK(l.diags.empty());
  REQUIRE(l.result.comments.size() == 1);
  CHECK(l.file->slice(l.result.comments[0].span) == "# c");
}

TEST_CASE("lexer: brackets join lines implicitly, backslash explicitly", "[python][lexer]") {
  Lexed l = lex_text("x = (1,\n  2)\ny = 1 + \\\n  2\n");
  CHECK(l.kinds() == "NAME OP OP NUMBER OP NUMBER OP NEWLINE NAME OP NUMBER OP NUMBER NEWLINE ENDMARKER");
  CHECK(l.diags.empty());
}

TEST_CASE("lexer: tabs count to multiples of 8 and inconsistent use is an error", "[python][lexer]") {
  Lexed ok = lex_text("if x:\n\ty\n\tz\n");
  CHECK(ok.diags.empty());
  Lexed bad = lex_text("if x:\n        y\n\tz\n");  // 8 spaces, then a tab: same column, different alt column
  REQUIRE(bad.diags.size() == 1);
  CHECK(bad.diags[0].message == "inconsistent use of tabs and spaces in indentation");
  CHECK(bad.file->line_col(bad.diags[0].location.span.begin) == LineCol{3, 2});
  Lexed unindent = lex_text("if x:\n    y\n  z\n");
  REQUIRE(unindent.diags.size() == 1);
  CHECK(unindent.diags[0].message == "unindent does not match any outer indentation level");
}

TEST_CASE("lexer: CRLF, lone CR and a BOM", "[python][lexer]") {
  Lexed l = lex_text("\xEF\xBB\xBFx = 1\r\ny = 2\rz\r\n");
  CHECK(l.kinds() == "NAME OP NUMBER NEWLINE NAME OP NUMBER NEWLINE NAME NEWLINE ENDMARKER");
  CHECK(l.result.tokens[0].span.begin == 3);
  CHECK(l.text(3) == "\r\n");
  CHECK(l.text(7) == "\r");
}

TEST_CASE("lexer: every string prefix, triple quotes and f-strings are one token", "[python][lexer]") {
  for (const char* p : {"", "r", "u", "R", "U", "b", "B", "br", "Rb", "bR", "f", "F", "fr", "Rf", "rF"}) {
    std::string src = std::string(p) + "'a\\'b' " + p + "\"\"\"x\n\"y\"\"\"\n";
    Lexed l = lex_text(src);
    INFO(src);
    CHECK(l.kinds() == "STRING STRING NEWLINE ENDMARKER");
    CHECK(l.diags.empty());
  }
  // PEP 701: the same quotes nested inside a replacement field, nested fields in a format spec
  Lexed f = lex_text("f\"{d[\"k\"]!r:>{width}} {f\"{x}\"}\" + 1\n");
  CHECK(f.kinds() == "STRING OP NUMBER NEWLINE ENDMARKER");
  CHECK(f.text(0) == "f\"{d[\"k\"]!r:>{width}} {f\"{x}\"}\"");
  Lexed names = lex_text("rb = bu\n");  // prefixes that are names
  CHECK(names.kinds() == "NAME OP NAME NEWLINE ENDMARKER");
}

TEST_CASE("lexer: numbers", "[python][lexer]") {
  Lexed l = lex_text("1_000 0x_FF 0o17 0b1 3.14 10. .5 1e-5 2j 1_0.0_1e1_0J 0 00\n");
  CHECK(l.kinds() == "NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NEWLINE ENDMARKER");
  CHECK(l.diags.empty());
  CHECK(l.text(9) == "1_0.0_1e1_0J");
  Lexed bad = lex_text("x = 012\ny = 1__0\nz = 0b2\nw = 1abc\n");
  REQUIRE(bad.diags.size() == 4);
  CHECK(bad.diags[0].message == "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
  CHECK(bad.diags[1].message == "invalid decimal literal");
  CHECK(bad.diags[2].message == "invalid digit '2' in binary literal");
  CHECK(bad.diags[3].message == "invalid decimal literal");
  Lexed kw = lex_text("x = 1if y else 2\n");  // still tolerated by CPython
  CHECK(kw.diags.empty());
}

TEST_CASE("lexer: operators take the longest spelling", "[python][lexer]") {
  Lexed l = lex_text("a **= b // c -> d := e ... != <<= @\n");
  std::vector<Op> ops;
  for (const Token& t : l.result.tokens)
    if (t.kind == Tok::Op) ops.push_back(t.op);
  CHECK(ops == std::vector<Op>{Op::DoubleStarEqual, Op::DoubleSlash, Op::Rarrow, Op::ColonEqual, Op::Ellipsis,
                               Op::NotEqual, Op::LShiftEqual, Op::At});
}

TEST_CASE("lexer: keywords and soft keywords are tagged", "[python][lexer]") {
  Lexed l = lex_text("def match _ case type caf\xC3\xA9 None\n");
  CHECK(l.result.tokens[0].kw == Kw::Def);
  CHECK(l.result.tokens[1].kw == Kw::Match);
  CHECK(l.result.tokens[2].kw == Kw::Underscore);
  CHECK(l.result.tokens[3].kw == Kw::Case);
  CHECK(l.result.tokens[4].kw == Kw::Type);
  CHECK(l.result.tokens[5].kw == Kw::None);
  CHECK(l.text(5) == "caf\xC3\xA9");
  CHECK(l.result.tokens[6].kw == Kw::None_);
  CHECK(l.diags.empty());
}

TEST_CASE("lexer: errors are diagnostics with CPython's messages and the lexer goes on", "[python][lexer]") {
  Lexed l = lex_text("x = 'abc\ny = \"\"\"never\nclosed\n");
  REQUIRE(l.diags.size() == 2);
  CHECK(l.diags[0].rule == "python-syntax-error");
  CHECK(l.diags[0].message == "unterminated string literal (detected at line 1)");
  CHECK(l.file->line_col(l.diags[0].location.span.begin) == LineCol{1, 5});
  CHECK(l.diags[1].message == "unterminated triple-quoted string literal (detected at line 3)");
  CHECK(l.file->line_col(l.diags[1].location.span.begin) == LineCol{2, 5});
  CHECK(l.result.tokens.back().kind == Tok::EndMarker);

  Lexed inv = lex_text("a = b \xE2\x82\xAC c\n");
  REQUIRE(inv.diags.size() == 1);
  CHECK(inv.diags[0].message == "invalid character '\xE2\x82\xAC' (U+20AC)");
  CHECK(inv.file->line_col(inv.diags[0].location.span.begin) == LineCol{1, 7});

  Lexed paren = lex_text("x = (1,\n");
  REQUIRE(paren.diags.size() == 1);
  CHECK(paren.diags[0].message == "'(' was never closed");
  Lexed mismatch = lex_text("x = (1]\n");
  REQUIRE_FALSE(mismatch.diags.empty());
  CHECK(mismatch.diags[0].message == "closing parenthesis ']' does not match opening parenthesis '('");
  Lexed cont = lex_text("x = 1 \\ 2\n");
  REQUIRE(cont.diags.size() == 1);
  CHECK(cont.diags[0].message == "unexpected character after line continuation character");
}

TEST_CASE("lexer: no NEWLINE is lost at end of file without a final newline", "[python][lexer]") {
  Lexed l = lex_text("if x:\n  y");
  CHECK(l.kinds() == "NAME NAME OP NEWLINE INDENT NAME NEWLINE DEDENT ENDMARKER");
}
