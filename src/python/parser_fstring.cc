// f-strings (PEP 701): a STRING token is split into literal parts and replacement fields;
// each field's expression is lexed and parsed on its own, in place (spans stay file offsets).
#include <fmt/format.h>

#include "python/parser_impl.h"
#include "python/string_literal.h"

namespace miglint::python {

namespace {
bool ident_start(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80; }
bool ident_char(unsigned char c) { return ident_start(c) || (c >= '0' && c <= '9'); }
}  // namespace

void Parser::flush_literal(std::string& value, std::vector<uint32_t>& source, uint32_t begin, uint32_t end) {
  if (value.empty()) return;
  Node* c = node(Kind::Constant, Span{begin, end});
  c->op = static_cast<uint8_t>(ConstKind::Str);
  c->str = m_.save(value);
  uint32_t* src = m_.new_offsets(value.size() + 1);
  for (size_t i = 0; i < value.size(); ++i) src[i] = source[i];
  src[value.size()] = end;
  c->str_source = src;
  push(c);
  value.clear();
  source.clear();
}

Node* Parser::joined_str(size_t first, size_t last) {
  Span whole{toks_[first].span.begin, toks_[last - 1].span.end};
  size_t m = mark();
  std::string pv;
  std::vector<uint32_t> ps;
  uint32_t pb = whole.begin;
  for (size_t i = first; i < last && !failed_; ++i) {
    Span s = toks_[i].span;
    StringPrefix p = string_prefix_of(text(s));
    uint32_t open = s.begin + p.prefix_len + p.quote_len;
    uint32_t close = s.end - p.quote_len;
    if (!p.fstring) {
      DecodedString d;
      decode_string_part(file_, open, close, p.raw, false, false, d, diags_);
      if (pv.empty()) pb = open;
      pv += d.value;
      ps.insert(ps.end(), d.source.begin(), d.source.end() - 1);
      continue;
    }
    fstring_parts(open, close, p.raw, p.quote_len == 3, false, pv, ps, pb, m, nullptr);
  }
  flush_literal(pv, ps, pb, whole.end);
  Node* n = node(Kind::JoinedStr, whole);
  n->la = take(m);
  if (text_[whole.begin] == 'u')  // CPython marks the literal parts of a u"" ... f"" concatenation
    for (Node* part : n->la)
      if (part->kind == Kind::Constant) part->flags |= Node::kUnicodePrefix;
  return n;
}

// Walks literal text and fields in [begin, end). In a format spec (`spec`), stops at the '}'
// closing the field and stores its offset in *stop.
void Parser::fstring_parts(uint32_t begin, uint32_t end, bool raw, bool triple, bool spec, std::string& pv,
                           std::vector<uint32_t>& ps, uint32_t& pb, size_t, uint32_t* stop) {
  uint32_t p = begin, seg = begin;
  auto take_literal = [&](uint32_t upto) {
    if (upto <= seg) return;
    DecodedString d;
    decode_string_part(file_, seg, upto, raw, false, true, d, diags_);
    if (pv.empty()) pb = seg;
    pv += d.value;
    ps.insert(ps.end(), d.source.begin(), d.source.end() - 1);
  };
  while (p < end && !failed_) {
    char c = text_[p];
    if (c == '\\') {
      if (!raw && p + 2 < end && text_[p + 1] == 'N' && text_[p + 2] == '{') {
        while (p < end && text_[p] != '}') ++p;
        ++p;
      } else {
        p += raw ? 1 : 2;
      }
      continue;
    }
    if (c == '{') {
      if (p + 1 < end && text_[p + 1] == '{') { p += 2; continue; }
      take_literal(p);
      uint32_t after = p + 1;
      replacement_field(p, raw, triple, pv, ps, pb, &after);
      (void)end;
      p = seg = after;
      continue;
    }
    if (c == '}') {
      if (spec) {
        take_literal(p);
        *stop = p;
        return;
      }
      if (p + 1 < end && text_[p + 1] == '}') { p += 2; continue; }
      error(Span{p, p + 1}, "f-string: single '}' is not allowed");
      return;
    }
    ++p;
  }
  take_literal(std::min(p, end));
  if (spec && !failed_) {
    error(Span{begin, end}, "f-string: expecting '}'");
  }
}

Node* Parser::replacement_field(uint32_t open, bool raw, bool triple, std::string& pv, std::vector<uint32_t>& ps,
                                uint32_t& pb, uint32_t* after) {
  const uint32_t n = static_cast<uint32_t>(text_.size());
  uint32_t eb = open + 1, p = eb;
  int depth = 0;
  // Find where the expression ends: '}', ':', '!' (not '!='), or a debugging '='.
  while (p < n) {
    unsigned char c = text_[p];
    if (ident_start(c)) {
      uint32_t s = p;
      while (p < n && ident_char(text_[p])) ++p;
      if (p < n && (text_[p] == '\'' || text_[p] == '"')) {
        StringPrefix sp = string_prefix_of(text_.substr(s, p - s + 1));
        if (sp.prefix_len == p - s) scan_string_literal(text_, s, p);
      }
      continue;
    }
    if (c == '\'' || c == '"') {
      scan_string_literal(text_, p, p);
      continue;
    }
    if (p + 1 < n && text_[p + 1] == '=' && (c == '=' || c == '!' || c == '<' || c == '>')) { p += 2; continue; }
    if (c == '(' || c == '[' || c == '{') ++depth;
    else if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
    else if (depth == 0 && (c == '}' || c == ':' || c == '!' || c == '=')) break;
    else if (!triple && (c == '\n' || c == '\r') && depth == 0) break;
    ++p;
  }
  uint32_t ee = p;
  bool blank = true;
  for (uint32_t i = eb; i < ee; ++i)
    if (text_[i] != ' ' && text_[i] != '\t' && text_[i] != '\n' && text_[i] != '\r') blank = false;
  if (blank) {
    error(Span{open, ee + 1}, fmt::format("f-string: valid expression required before '{}'", ee < n ? text_[ee] : '}'));
    return nullptr;
  }
  LexOptions lo;
  lo.expression_mode = true;
  lo.begin = eb;
  lo.end = ee;
  LexResult lexed = lex(file_, diags_, lo);
  Parser sub(m_, diags_, std::move(lexed.tokens));
  sub.depth_ = depth_ + 8;
  Node* expr = sub.parse_fstring_expression(Span{eb, ee});
  if (sub.failed()) {
    failed_ = true;
    m_.has_errors = true;
    return nullptr;
  }
  Node* fv = node(Kind::FormattedValue, Span{open, 0});
  fv->a = expr;
  fv->num = -1;
  uint32_t q = ee;
  bool debug = false;
  if (q < n && text_[q] == '=') {
    debug = true;
    ++q;
    while (q < n && (text_[q] == ' ' || text_[q] == '\t')) ++q;
    if (pv.empty()) pb = eb;
    for (uint32_t i = eb; i < q; ++i) {  // the expression text is kept verbatim
      pv.push_back(text_[i]);
      ps.push_back(i);
    }
  }
  // The literal ends at the '{', or after the `expr=` text a debugging field appends to it (its
  // bytes map inside the braces; ending at '{' would put the map's end before them).
  flush_literal(pv, ps, pb, debug ? q : open);
  if (q < n && text_[q] == '!') {
    ++q;
    char conv = q < n ? text_[q] : 0;
    if (conv == 's' || conv == 'r' || conv == 'a') {
      fv->num = conv;
      ++q;
    } else {
      error(Span{q, q + 1}, conv == '}' || conv == ':' ? "f-string: missing conversion character"
                                                       : "f-string: invalid conversion character: expected 's', 'r', or 'a'");
      return nullptr;
    }
  }
  if (q < n && text_[q] == ':') {
    size_t sm = mark();
    std::string sv;
    std::vector<uint32_t> sp;
    uint32_t sb = q + 1, stop = q + 1;
    // the spec runs to the '}' closing this field; the literal's end bounds the search
    uint32_t lit_end = n;
    fstring_parts(q + 1, lit_end, raw, triple, true, sv, sp, sb, sm, &stop);
    if (failed_) return nullptr;
    flush_literal(sv, sp, sb, stop);
    Node* spec = node(Kind::JoinedStr, Span{q + 1, stop});
    spec->la = take(sm);
    fv->b = spec;
    q = stop;
  } else if (debug && fv->num == -1) {
    fv->num = 'r';
  }
  if (q >= n || text_[q] != '}') {
    error(Span{q, q + 1}, "f-string: expecting '}'");
    return nullptr;
  }
  *after = q + 1;
  fv->span.end = q + 1;
  push(fv);
  return fv;
}

Node* Parser::parse_fstring_expression(Span field) {
  Node* e;
  if (at_kw(Kw::Yield)) e = yield_expression();
  else e = star_expressions();
  if (!failed_ && cur().kind != Tok::EndMarker) {
    error(cur().span, at_op(Op::Equal) || at_op(Op::ColonEqual) || at_op(Op::Exclamation)
                          ? "f-string: expecting '}'" : "f-string: expecting '=', or '!', or ':', or '}'");
  }
  (void)field;
  return e;
}

}  // namespace miglint::python
