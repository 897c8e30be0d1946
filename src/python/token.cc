// Operator spellings, keywords and token names.
#include "python/token.h"

namespace miglint::python {
namespace {

// Longest first so that a prefix scan finds the longest operator.
constexpr OpSpelling kOps[] = {
    {"**=", Op::DoubleStarEqual}, {"//=", Op::DoubleSlashEqual}, {">>=", Op::RShiftEqual},
    {"<<=", Op::LShiftEqual}, {"...", Op::Ellipsis}, {"->", Op::Rarrow}, {":=", Op::ColonEqual},
    {"**", Op::DoubleStar}, {"//", Op::DoubleSlash}, {"<<", Op::LShift}, {">>", Op::RShift},
    {"<=", Op::LessEqual}, {">=", Op::GreaterEqual}, {"==", Op::EqEqual}, {"!=", Op::NotEqual},
    {"+=", Op::PlusEqual}, {"-=", Op::MinusEqual}, {"*=", Op::StarEqual}, {"/=", Op::SlashEqual},
    {"%=", Op::PercentEqual}, {"@=", Op::AtEqual}, {"&=", Op::AmperEqual}, {"|=", Op::VBarEqual},
    {"^=", Op::CircumflexEqual}, {"(", Op::LPar}, {")", Op::RPar}, {"[", Op::LSqb},
    {"]", Op::RSqb}, {"{", Op::LBrace}, {"}", Op::RBrace}, {":", Op::Colon}, {",", Op::Comma},
    {";", Op::Semi}, {".", Op::Dot}, {"+", Op::Plus}, {"-", Op::Minus}, {"*", Op::Star},
    {"/", Op::Slash}, {"%", Op::Percent}, {"@", Op::At}, {"&", Op::Amper}, {"|", Op::VBar},
    {"^", Op::Circumflex}, {"~", Op::Tilde}, {"<", Op::Less}, {">", Op::Greater}, {"=", Op::Equal},
    {"!", Op::Exclamation},
};

}  // namespace

const OpSpelling* op_table(size_t& count) {
  count = sizeof(kOps) / sizeof(kOps[0]);
  return kOps;
}

Kw keyword_of(std::string_view s) {
  // Dispatch on the first letter: names are the most frequent tokens, keep this cheap.
  if (s.size() < 1 || s.size() > 8) return Kw::None;
  auto is = [&](std::string_view k) { return s == k; };
  switch (s[0]) {
    case 'F': return is("False") ? Kw::False_ : Kw::None;
    case 'N': return is("None") ? Kw::None_ : Kw::None;
    case 'T': return is("True") ? Kw::True_ : Kw::None;
    case '_': return s.size() == 1 ? Kw::Underscore : Kw::None;
    case 'a':
      return is("and") ? Kw::And : is("as") ? Kw::As : is("assert") ? Kw::Assert : is("async") ? Kw::Async
           : is("await") ? Kw::Await : Kw::None;
    case 'b': return is("break") ? Kw::Break : Kw::None;
    case 'c':
      return is("class") ? Kw::Class : is("continue") ? Kw::Continue : is("case") ? Kw::Case : Kw::None;
    case 'd': return is("def") ? Kw::Def : is("del") ? Kw::Del : Kw::None;
    case 'e': return is("elif") ? Kw::Elif : is("else") ? Kw::Else : is("except") ? Kw::Except : Kw::None;
    case 'f': return is("finally") ? Kw::Finally : is("for") ? Kw::For : is("from") ? Kw::From : Kw::None;
    case 'g': return is("global") ? Kw::Global : Kw::None;
    case 'i':
      return is("if") ? Kw::If : is("import") ? Kw::Import : is("in") ? Kw::In : is("is") ? Kw::Is : Kw::None;
    case 'l': return is("lambda") ? Kw::Lambda : Kw::None;
    case 'm': return is("match") ? Kw::Match : Kw::None;
    case 'n': return is("nonlocal") ? Kw::Nonlocal : is("not") ? Kw::Not : Kw::None;
    case 'o': return is("or") ? Kw::Or : Kw::None;
    case 'p': return is("pass") ? Kw::Pass : Kw::None;
    case 'r': return is("raise") ? Kw::Raise : is("return") ? Kw::Return : Kw::None;
    case 't': return is("try") ? Kw::Try : is("type") ? Kw::Type : Kw::None;
    case 'w': return is("while") ? Kw::While : is("with") ? Kw::With : Kw::None;
    case 'y': return is("yield") ? Kw::Yield : Kw::None;
    default: return Kw::None;
  }
}

std::string_view op_spelling(Op op) {
  for (const auto& e : kOps)
    if (e.op == op) return e.text;
  return "";
}

std::string_view tok_name(Tok kind) {
  switch (kind) {
    case Tok::EndMarker: return "ENDMARKER";
    case Tok::Name: return "NAME";
    case Tok::Number: return "NUMBER";
    case Tok::String: return "STRING";
    case Tok::Newline: return "NEWLINE";
    case Tok::NL: return "NL";
    case Tok::Indent: return "INDENT";
    case Tok::Dedent: return "DEDENT";
    case Tok::Op: return "OP";
    case Tok::Error: return "ERRORTOKEN";
  }
  return "?";
}

}  // namespace miglint::python
