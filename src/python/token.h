// Python tokens: kinds, operators and keywords, each a byte span into the file's text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/span.h"

namespace miglint::python {

enum class Tok : uint8_t {
  EndMarker,
  Name,     // identifiers and keywords (see Token::kw)
  Number,
  String,   // one string literal with its prefix, f-strings included (parsed later by the parser)
  Newline,  // end of a logical line
  NL,       // a newline that ends no logical line (blank line, inside brackets); only if asked for
  Indent,
  Dedent,
  Op,       // see Token::op
  Error,    // a character the lexer could not use (already reported)
};

// Operators and delimiters, longest spellings first in the lexer's table.
enum class Op : uint8_t {
  None,
  LPar, RPar, LSqb, RSqb, LBrace, RBrace, Colon, Comma, Semi, Dot, Ellipsis,
  Plus, Minus, Star, Slash, DoubleSlash, Percent, DoubleStar, At, LShift, RShift,
  Amper, VBar, Circumflex, Tilde, Less, Greater, LessEqual, GreaterEqual, EqEqual, NotEqual,
  Rarrow, Equal, ColonEqual, Exclamation,
  PlusEqual, MinusEqual, StarEqual, SlashEqual, DoubleSlashEqual, PercentEqual, DoubleStarEqual,
  AtEqual, LShiftEqual, RShiftEqual, AmperEqual, VBarEqual, CircumflexEqual,
};

// Keywords; soft keywords (match, case, type, _) are ordinary names to the lexer but tagged
// so the parser can recognise them in context without comparing text.
enum class Kw : uint8_t {
  None,
  False_, None_, True_, And, As, Assert, Async, Await, Break, Class, Continue, Def, Del, Elif,
  Else, Except, Finally, For, From, Global, If, Import, In, Is, Lambda, Nonlocal, Not, Or, Pass,
  Raise, Return, Try, While, With, Yield,
  // soft keywords from here on
  Match, Case, Type, Underscore,
};

inline bool is_hard_keyword(Kw k) { return k != Kw::None && k < Kw::Match; }

struct Token {
  Tok kind = Tok::EndMarker;
  Op op = Op::None;
  Kw kw = Kw::None;
  Span span;
};

std::string_view op_spelling(Op op);
Kw keyword_of(std::string_view name);  // Kw::None for a plain name

// The operator table, longest spellings first (so a first match is the longest match).
struct OpSpelling {
  const char* text;
  Op op;
};
const OpSpelling* op_table(size_t& count);
std::string_view tok_name(Tok kind);

}  // namespace miglint::python
