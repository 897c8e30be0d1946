// The Python lexer. Follows CPython's Parser/tokenizer.c: indentation with tabs to multiples
// of 8 checked against a tab size of 1 (TabError), implicit joining inside brackets, explicit
// joining with '\', and PEP 701 f-strings scanned as one STRING token (the parser splits them).
#include "python/lexer.h"

#include <fmt/format.h>

#include <cstring>

namespace miglint::python {
namespace {

constexpr int kMaxIndent = 100;  // CPython's MAXINDENT
constexpr int kMaxParen = 200;   // CPython's MAXLEVEL

bool is_ident_start(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80; }
bool is_ident_char(unsigned char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool is_newline_char(char c) { return c == '\n' || c == '\r'; }

// Characters that can never be part of an identifier; CPython reports them as invalid.
// (An approximation of Unicode's XID classes covering punctuation, symbols and spaces.)
bool is_invalid_ident_cp(uint32_t cp) {
  if (cp >= 0xA0 && cp <= 0xBF) return cp != 0xAA && cp != 0xB5 && cp != 0xB7 && cp != 0xBA;
  if (cp == 0xD7 || cp == 0xF7) return true;
  if (cp >= 0x2000 && cp <= 0x206F) return !(cp == 0x203F || cp == 0x2040 || cp == 0x2054);
  if (cp >= 0x20A0 && cp <= 0x20CF) return true;
  if (cp >= 0x2190 && cp <= 0x2BFF) return true;
  if (cp >= 0x3000 && cp <= 0x3003) return true;
  if (cp >= 0x3008 && cp <= 0x3020) return true;
  if (cp == 0xFEFF || cp == 0xFFFD) return true;
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return true;
  return false;
}

class Lexer {
 public:
  Lexer(const SourceFilePtr& file, std::vector<Diagnostic>& diags, const LexOptions& o)
      : file_(file), text_(file->text()), diags_(diags), opt_(o) {
    end_ = static_cast<uint32_t>(std::min<size_t>(o.end, text_.size()));
    pos_ = o.begin;
    if (!o.expression_mode && pos_ == 0 && text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    if (o.expression_mode) paren_depth_ = 1;
  }

  LexResult run();

 private:
  void error(Span s, std::string msg) {
    if (errors_++ < 20) diags_.push_back(syntax_error(file_, s, std::move(msg)));
  }
  void push(Tok k, uint32_t b, uint32_t e, Op op = Op::None, Kw kw = Kw::None) {
    out_.tokens.push_back(Token{k, op, kw, Span{b, e}});
  }
  uint32_t newline_len(uint32_t p) const {
    if (p >= end_) return 0;
    if (text_[p] == '\n') return 1;
    if (text_[p] == '\r') return (p + 1 < end_ && text_[p + 1] == '\n') ? 2 : 1;
    return 0;
  }
  uint32_t line_of(uint32_t p) const { return file_->line_col(p).line; }
  bool at_line_start_indentation();
  void lex_number();
  void lex_string(uint32_t start);
  void lex_name();
  void lex_op();

  SourceFilePtr file_;
  std::string_view text_;
  std::vector<Diagnostic>& diags_;
  LexOptions opt_;
  LexResult out_;
  uint32_t pos_ = 0, end_ = 0;
  int errors_ = 0;
  int paren_depth_ = 0;
  std::vector<std::pair<char, uint32_t>> parens_;  // open bracket and its offset
  std::vector<int> indents_{0}, alt_indents_{0};
  bool at_bol_ = true;
  bool line_has_tokens_ = false;
  bool too_deep_ = false;  // inside lines indented past kMaxIndent levels (reported once)
};

// Handles indentation at the start of a logical line; returns false at a blank/comment line.
bool Lexer::at_line_start_indentation() {
  int col = 0, altcol = 0;
  uint32_t p = pos_;
  for (; p < end_; ++p) {
    char c = text_[p];
    if (c == ' ') { ++col; ++altcol; }
    else if (c == '\t') { col = (col / 8 + 1) * 8; ++altcol; }
    else if (c == '\f') { col = altcol = 0; }
    else break;
  }
  pos_ = p;
  if (p >= end_ || text_[p] == '#' || newline_len(p) > 0) return false;  // blank line
  if (text_[p] == '\\' && newline_len(p + 1) > 0) return true;  // continuation: CPython ignores indent here too
  Span here{p, p};
  // Past CPython's 100 levels of indentation: one error at the first such line (CPython stops
  // there), and every line nested under it starts with an Error token, so the parser skips it
  // silently instead of reporting each one ("expected an indented block", ...).
  if (col > indents_.back() && indents_.size() >= kMaxIndent) {
    if (!too_deep_) error(here, "too many levels of indentation");
    too_deep_ = true;
    push(Tok::Error, p, p);
    return true;
  }
  too_deep_ = false;
  if (col == indents_.back()) {
    if (altcol != alt_indents_.back()) error(here, "inconsistent use of tabs and spaces in indentation");
  } else if (col > indents_.back()) {
    if (altcol <= alt_indents_.back()) error(here, "inconsistent use of tabs and spaces in indentation");
    indents_.push_back(col);
    alt_indents_.push_back(altcol);
    push(Tok::Indent, p, p);
  } else {
    while (indents_.size() > 1 && col < indents_.back()) {
      indents_.pop_back();
      alt_indents_.pop_back();
      push(Tok::Dedent, p, p);
    }
    if (col != indents_.back()) {
      error(here, "unindent does not match any outer indentation level");
    } else if (altcol != alt_indents_.back()) {
      error(here, "inconsistent use of tabs and spaces in indentation");
    }
  }
  return true;
}

LexResult Lexer::run() {
  out_.tokens.reserve((end_ - pos_) / 4 + 8);
  while (true) {
    if (at_bol_) {  // indentation only matters outside brackets
      at_bol_ = false;
      if (paren_depth_ == 0) at_line_start_indentation();
    }
    // Skip blanks.
    while (pos_ < end_ && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\f')) ++pos_;
    if (pos_ >= end_) break;
    unsigned char c = text_[pos_];
    uint32_t start = pos_;
    if (c == '#') {
      while (pos_ < end_ && !is_newline_char(text_[pos_])) ++pos_;
      out_.comments.push_back(Comment{Span{start, pos_}});
      continue;
    }
    if (uint32_t nl = newline_len(pos_)) {
      pos_ += nl;
      if (paren_depth_ == 0 && line_has_tokens_) {
        push(Tok::Newline, start, pos_);
        line_has_tokens_ = false;
      } else if (opt_.emit_nl) {
        push(Tok::NL, start, pos_);
      }
      at_bol_ = true;
      continue;
    }
    if (c == '\\') {
      uint32_t nl = newline_len(pos_ + 1);
      if (nl == 0) {
        if (pos_ + 1 >= end_) error(Span{start, start + 1}, "unexpected EOF while parsing");
        else error(Span{start + 1, start + 2}, "unexpected character after line continuation character");
        pos_ += 1;
        continue;
      }
      pos_ += 1 + nl;
      if (pos_ >= end_ && !opt_.expression_mode) error(Span{start, start + 1}, "unexpected EOF while parsing");
      continue;
    }
    line_has_tokens_ = true;
    if (is_digit(c) || (c == '.' && pos_ + 1 < end_ && is_digit(text_[pos_ + 1]))) {
      lex_number();
    } else if (c == '\'' || c == '"') {
      lex_string(start);
    } else if (is_ident_start(c)) {
      lex_name();
    } else {
      lex_op();
    }
  }
  // End of input: close the last logical line, unwind indentation, report open brackets.
  if (!opt_.expression_mode) {
    if (!parens_.empty()) {
      auto [ch, off] = parens_.back();
      error(Span{off, off + 1}, fmt::format("'{}' was never closed", ch));
    }
    if (line_has_tokens_) push(Tok::Newline, end_, end_);
    while (indents_.size() > 1) {
      indents_.pop_back();
      push(Tok::Dedent, end_, end_);
    }
  }
  push(Tok::EndMarker, end_, end_);
  return std::move(out_);
}

void Lexer::lex_name() {
  uint32_t start = pos_;
  while (pos_ < end_ && is_ident_char(text_[pos_])) {
    unsigned char c = text_[pos_];
    if (c >= 0x80) {
      int len;
      uint32_t cp = utf8_decode(text_.substr(0, end_), pos_, len);
      if (is_invalid_ident_cp(cp)) {
        if (pos_ == start) {
          std::string ch;
          utf8_append(ch, cp);
          error(Span{pos_, pos_ + static_cast<uint32_t>(len)},
                fmt::format("invalid character '{}' (U+{:04X})", ch, cp));
          pos_ += len;
          push(Tok::Error, start, pos_);
          return;
        }
        break;
      }
      pos_ += len;
    } else {
      ++pos_;
    }
  }
  std::string_view word = text_.substr(start, pos_ - start);
  if (pos_ < end_ && (text_[pos_] == '\'' || text_[pos_] == '"') && string_prefix_flags(word, nullptr, nullptr)) {
    lex_string(start);
    return;
  }
  push(Tok::Name, start, pos_, Op::None, keyword_of(word));
}

void Lexer::lex_string(uint32_t start) {
  uint32_t end;
  uint32_t q = start;
  while (text_[q] != '\'' && text_[q] != '"') ++q;
  bool triple = q + 2 < end_ && text_[q + 1] == text_[q] && text_[q + 2] == text_[q];
  if (!scan_string_literal(text_.substr(0, end_), start, end)) {
    bool fstr = false;
    string_prefix_flags(text_.substr(start, q - start), nullptr, &fstr);
    uint32_t detected = line_of(std::min(end, end_ > 0 ? end_ - 1 : 0));
    if (triple) {
      error(Span{start, start + 3}, fmt::format("unterminated triple-quoted {} literal (detected at line {})",
                                                fstr ? "f-string" : "string", detected));
    } else {
      error(Span{start, start + 1}, fmt::format("unterminated {} literal (detected at line {})",
                                                fstr ? "f-string" : "string", detected));
    }
    // Resume at the end of the line (single quotes) or of the input (triple quotes).
    if (!triple) {
      end = q + 1;
      while (end < end_ && !is_newline_char(text_[end])) ++end;
    } else {
      end = end_;
    }
    pos_ = end;
    push(Tok::Error, start, end);
    return;
  }
  pos_ = end;
  push(Tok::String, start, end);
}

void Lexer::lex_number() {
  uint32_t start = pos_;
  auto digits = [&](auto pred, const char* kind) {
    // digits with single underscores between them
    bool any = false;
    while (pos_ < end_) {
      if (pred(text_[pos_])) { ++pos_; any = true; continue; }
      if (text_[pos_] == '_' && any && pos_ + 1 < end_ && pred(text_[pos_ + 1])) { ++pos_; continue; }
      if (text_[pos_] == '_') {
        error(Span{pos_, pos_ + 1}, fmt::format("invalid {} literal", kind));
        ++pos_;
        continue;
      }
      break;
    }
    return any;
  };
  bool bad = false;
  char c = text_[pos_];
  if (c == '0' && pos_ + 1 < end_ && std::strchr("xXoObB", text_[pos_ + 1]) && text_[pos_ + 1] != 0) {
    char k = text_[pos_ + 1] | 0x20;
    pos_ += 2;
    if (pos_ < end_ && text_[pos_] == '_') ++pos_;
    const char* kind = k == 'x' ? "hexadecimal" : k == 'o' ? "octal" : "binary";
    bool any = k == 'x' ? digits(is_hex, kind)
             : k == 'o' ? digits([](char d) { return d >= '0' && d <= '7'; }, kind)
                        : digits([](char d) { return d == '0' || d == '1'; }, kind);
    if (!any || (pos_ < end_ && is_digit(text_[pos_]))) {
      if (pos_ < end_ && is_digit(text_[pos_]))
        error(Span{pos_, pos_ + 1}, fmt::format("invalid digit '{}' in {} literal", text_[pos_], kind));
      else
        error(Span{start, pos_}, fmt::format("invalid {} literal", kind));
      bad = true;
    }
  } else {
    bool is_float = false;
    if (c != '.') digits(is_digit, "decimal");
    if (pos_ < end_ && text_[pos_] == '.') {
      is_float = true;
      ++pos_;
      if (pos_ < end_ && is_digit(text_[pos_])) digits(is_digit, "decimal");
    }
    if (pos_ < end_ && (text_[pos_] | 0x20) == 'e') {
      uint32_t save = pos_;
      ++pos_;
      if (pos_ < end_ && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (pos_ < end_ && is_digit(text_[pos_])) {
        digits(is_digit, "decimal");
        is_float = true;
      } else {
        pos_ = save;
        error(Span{start, pos_ + 1}, "invalid decimal literal");
        bad = true;
      }
    }
    if (pos_ < end_ && (text_[pos_] | 0x20) == 'j') {
      ++pos_;
      is_float = true;
    }
    if (!is_float && !bad) {
      // "0007" is not allowed; "0", "00", "0_0" are.
      std::string_view t = text_.substr(start, pos_ - start);
      if (t.size() > 1 && t[0] == '0' && t.find_first_not_of("0_") != std::string_view::npos)
        error(Span{start, pos_},
              "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
    }
  }
  // A name glued to a number is an error, except for keywords CPython still tolerates (1if x else y).
  if (!bad && pos_ < end_ && is_ident_start(text_[pos_])) {
    std::string_view rest = text_.substr(pos_, std::min<uint32_t>(8, end_ - pos_));
    bool kw = false;
    for (std::string_view k : {"and", "else", "for", "if", "in", "is", "not", "or"})
      if (rest.substr(0, k.size()) == k) kw = true;
    if (!kw) {
      error(Span{start, pos_ + 1}, "invalid decimal literal");
      while (pos_ < end_ && is_ident_char(text_[pos_])) ++pos_;
    }
  }
  push(Tok::Number, start, pos_);
}

void Lexer::lex_op() {
  uint32_t start = pos_;
  unsigned char c = text_[pos_];
  size_t op_count;
  const OpSpelling* ops = op_table(op_count);
  for (size_t k = 0; k < op_count; ++k) {
    const OpSpelling& e = ops[k];
    if (e.text[0] != static_cast<char>(c)) continue;  // cheap first-character filter
    size_t len = e.text[1] == 0 ? 1 : e.text[2] == 0 ? 2 : 3;
    if (pos_ + len <= end_ && text_.compare(pos_, len, e.text, len) == 0) {
      pos_ += static_cast<uint32_t>(len);
      switch (e.op) {
        case Op::LPar: case Op::LSqb: case Op::LBrace:
          if (parens_.size() >= kMaxParen) {
            // An Error token rather than the bracket: the parser stops here instead of
            // recursing into thousands more levels (its own budget is deeper than 200 brackets).
            error(Span{start, pos_}, "too many nested parentheses");
            parens_.push_back({static_cast<char>(c), start});
            ++paren_depth_;
            push(Tok::Error, start, pos_);
            return;
          }
          parens_.push_back({static_cast<char>(c), start});
          ++paren_depth_;
          break;
        case Op::RPar: case Op::RSqb: case Op::RBrace: {
          char want = c == ')' ? '(' : c == ']' ? '[' : '{';
          // A bracket the lexer reports becomes an Error token, so the parser adds no second
          // message for the same place.
          if (parens_.empty()) {
            if (!opt_.expression_mode) {
              error(Span{start, pos_}, fmt::format("unmatched '{}'", static_cast<char>(c)));
              push(Tok::Error, start, pos_);
              return;
            }
          } else {
            bool mismatch = parens_.back().first != want;
            if (mismatch) {
              error(Span{start, pos_}, fmt::format("closing parenthesis '{}' does not match opening parenthesis '{}'",
                                                   static_cast<char>(c), parens_.back().first));
            }
            parens_.pop_back();
            --paren_depth_;
            if (mismatch) {
              push(Tok::Error, start, pos_);
              return;
            }
          }
          break;
        }
        default: break;
      }
      push(Tok::Op, start, pos_, e.op);
      return;
    }
  }
  int len = 1;
  uint32_t cp = c >= 0x80 ? utf8_decode(text_, pos_, len) : c;
  std::string ch;
  utf8_append(ch, cp);
  if (c >= 0x80 || c < 0x20 || c == 0x7f)  // '$', '?', '`' are plain "invalid syntax" in CPython
    error(Span{start, start + len}, c < 0x20 || c == 0x7f ? fmt::format("invalid non-printable character U+{:04X}", cp)
                                                          : fmt::format("invalid character '{}' (U+{:04X})", ch, cp));
  else
    error(Span{start, start + len}, "invalid syntax");
  pos_ += len;
  push(Tok::Error, start, pos_);
}

}  // namespace

LexResult lex(const SourceFilePtr& file, std::vector<Diagnostic>& diags, const LexOptions& options) {
  return Lexer(file, diags, options).run();
}

}  // namespace miglint::python
