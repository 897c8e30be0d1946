// Finding where a string literal ends (f-strings with nested replacement fields included),
// shared by the lexer and the f-string parser; UTF-8 helpers; the syntax-error diagnostic.
#include "python/lexer.h"

namespace miglint::python {
namespace {

bool is_ident_start(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80; }
bool is_ident_char(unsigned char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }
bool is_newline_char(char c) { return c == '\n' || c == '\r'; }

bool scan_body(std::string_view text, uint32_t p, char q, bool triple, bool fstr, bool spec,
               uint32_t& end);

// Scans a replacement field of an f-string, `p` just after '{'; `end` is just after its '}'.
bool scan_field(std::string_view text, uint32_t p, char q, bool triple, uint32_t& end) {
  const uint32_t n = static_cast<uint32_t>(text.size());
  int depth = 0;
  while (p < n) {
    unsigned char c = text[p];
    if (is_ident_start(c)) {
      uint32_t s = p;
      while (p < n && is_ident_char(text[p])) ++p;
      if (p < n && (text[p] == '\'' || text[p] == '"') && string_prefix_flags(text.substr(s, p - s), nullptr, nullptr)) {
        if (!scan_string_literal(text, s, p)) { end = p; return false; }
      }
      continue;
    }
    if (c == '\'' || c == '"') {
      if (!scan_string_literal(text, p, p)) { end = p; return false; }
      continue;
    }
    switch (c) {
      case '(': case '[': case '{': ++depth; break;
      case ')': case ']': if (depth > 0) --depth; break;
      case '}':
        if (depth == 0) { end = p + 1; return true; }
        --depth;
        break;
      case ':':
        if (depth == 0) {
          uint32_t close;
          if (!scan_body(text, p + 1, q, triple, true, true, close)) { end = close; return false; }
          end = close + 1;
          return true;
        }
        break;
      case '#':
        while (p < n && !is_newline_char(text[p])) ++p;
        continue;
      case '\n': case '\r':
        if (!triple) { end = p; return false; }
        break;
      default: break;
    }
    ++p;
  }
  end = n;
  return false;
}

// Scans string contents from `p` (after the opening quote). For a format spec (`spec`), stops
// at the '}' that closes the field and `end` is that '}'.
bool scan_body(std::string_view text, uint32_t p, char q, bool triple, bool fstr, bool spec,
               uint32_t& end) {
  const uint32_t n = static_cast<uint32_t>(text.size());
  while (p < n) {
    char c = text[p];
    if (c == '\\') {
      if (fstr && p + 1 < n && (text[p + 1] == '{' || text[p + 1] == '}')) { ++p; continue; }
      p += (p + 2 < n && text[p + 1] == '\r' && text[p + 2] == '\n') ? 3 : 2;
      continue;
    }
    if (c == q && (!triple || (p + 2 < n && text[p + 1] == q && text[p + 2] == q))) {
      if (spec) { end = p; return false; }
      end = p + (triple ? 3 : 1);
      return true;
    }
    if (!triple && is_newline_char(c)) { end = p; return false; }
    if (fstr) {
      if (c == '{') {
        if (!spec && p + 1 < n && text[p + 1] == '{') { p += 2; continue; }
        if (!scan_field(text, p + 1, q, triple, p)) { end = p; return false; }
        continue;
      }
      if (c == '}') {
        if (spec) { end = p; return true; }
        if (p + 1 < n && text[p + 1] == '}') { p += 2; continue; }
      }
    }
    ++p;
  }
  end = n;
  return false;
}

}  // namespace

// Flags of a string prefix (any case, any order, as CPython accepts), or false if `p` is not one.
bool string_prefix_flags(std::string_view p, bool* raw, bool* fstr) {
  if (p.empty() || p.size() > 2) return false;
  bool r = false, b = false, u = false, f = false;
  for (char c : p) {
    switch (c | 0x20) {
      case 'r': if (r) return false; r = true; break;
      case 'b': if (b) return false; b = true; break;
      case 'u': if (u) return false; u = true; break;
      case 'f': if (f) return false; f = true; break;
      default: return false;
    }
  }
  if (u && p.size() > 1) return false;  // u combines with nothing
  if (b && f) return false;
  if (raw) *raw = r;
  if (fstr) *fstr = f;
  return true;
}

bool scan_string_literal(std::string_view text, uint32_t begin, uint32_t& end) {
  uint32_t p = begin;
  while (p < text.size() && text[p] != '\'' && text[p] != '"') ++p;
  bool fstr = false, raw = false;
  string_prefix_flags(text.substr(begin, p - begin), &raw, &fstr);
  if (p >= text.size()) { end = p; return false; }
  char q = text[p];
  bool triple = p + 2 < text.size() && text[p + 1] == q && text[p + 2] == q;
  return scan_body(text, p + (triple ? 3 : 1), q, triple, fstr, false, end);
}

Diagnostic syntax_error(const SourceFilePtr& file, Span span, std::string message) {
  Diagnostic d;
  d.rule = "python-syntax-error";
  d.severity = Severity::Error;
  d.location.file = file;
  d.location.span = span;
  d.message = std::move(message);
  return d;
}

int utf8_length(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}

uint32_t utf8_decode(std::string_view text, size_t i, int& len) {
  unsigned char c = text[i];
  len = utf8_length(c);
  if (len == 1) return c < 0x80 ? c : 0xFFFD;
  if (i + len > text.size()) { len = 1; return 0xFFFD; }
  uint32_t cp = c & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    unsigned char d = text[i + k];
    if ((d & 0xC0) != 0x80) { len = 1; return 0xFFFD; }
    cp = (cp << 6) | (d & 0x3F);
  }
  return cp;
}

void utf8_append(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace miglint::python
