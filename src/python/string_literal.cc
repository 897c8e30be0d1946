// String literal decoding with a decoded-to-source offset map. Mirrors CPython's
// _PyUnicode_DecodeUnicodeEscapeInternal / _PyBytes_DecodeEscape: unknown escapes are kept
// verbatim, \r\n and lone \r in the source are newlines (\n) in the value.
#include "python/string_literal.h"

#include <fmt/format.h>

#include <cctype>

#include "python/lexer.h"

namespace miglint::python {

StringPrefix string_prefix_of(std::string_view t) {
  StringPrefix p;
  size_t i = 0;
  while (i < t.size() && t[i] != '\'' && t[i] != '"') {
    switch (t[i] | 0x20) {
      case 'r': p.raw = true; break;
      case 'b': p.bytes = true; break;
      case 'f': p.fstring = true; break;
      case 'u': p.unicode = true; break;
      default: break;
    }
    ++i;
  }
  p.prefix_len = static_cast<uint32_t>(i);
  if (i + 2 < t.size() && t[i + 1] == t[i] && t[i + 2] == t[i] && t.size() >= i + 6) p.quote_len = 3;
  return p;
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void put(DecodedString& out, char c, uint32_t src) {
  out.value.push_back(c);
  out.source.push_back(src);
}

void put_cp(DecodedString& out, uint32_t cp, uint32_t src) {
  size_t before = out.value.size();
  utf8_append(out.value, cp);
  out.source.insert(out.source.end(), out.value.size() - before, src);
}

}  // namespace

void decode_string_part(const SourceFilePtr& file, uint32_t begin, uint32_t end, bool raw, bool bytes,
                        bool fstring, DecodedString& out, std::vector<Diagnostic>& diags) {
  std::string_view text = file->text();
  if (!out.source.empty() && out.source.size() == out.value.size() + 1) out.source.pop_back();  // old end
  out.is_bytes = bytes;
  out.value.reserve(out.value.size() + (end - begin));
  out.source.reserve(out.source.size() + (end - begin) + 1);
  uint32_t p = begin;
  auto bad = [&](uint32_t at, uint32_t len, std::string msg) {
    diags.push_back(syntax_error(file, Span{at, at + len}, std::move(msg)));
  };
  while (p < end) {
    char c = text[p];
    if (c == '\r') {  // newlines inside (triple-quoted) literals are normalised to \n
      put(out, '\n', p);
      p += (p + 1 < end && text[p + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (fstring && (c == '{' || c == '}') && p + 1 < end && text[p + 1] == c) {
      put(out, c, p);
      p += 2;
      continue;
    }
    if (c != '\\' || raw) {
      if (bytes && static_cast<unsigned char>(c) >= 0x80) {
        bad(p, 1, "bytes can only contain ASCII literal characters");
      }
      put(out, c, p);
      ++p;
      continue;
    }
    // An escape sequence.
    uint32_t esc = p;
    if (p + 1 >= end) {  // cannot happen in a well-formed token
      put(out, '\\', p);
      ++p;
      continue;
    }
    char e = text[p + 1];
    p += 2;
    switch (e) {
      case '\n': break;  // line continuation inside the literal
      case '\r': if (p < end && text[p] == '\n') ++p; break;
      case '\\': put(out, '\\', esc); break;
      case '\'': put(out, '\'', esc); break;
      case '"': put(out, '"', esc); break;
      case 'a': put(out, '\a', esc); break;
      case 'b': put(out, '\b', esc); break;
      case 'f': put(out, '\f', esc); break;
      case 'n': put(out, '\n', esc); break;
      case 'r': put(out, '\r', esc); break;
      case 't': put(out, '\t', esc); break;
      case 'v': put(out, '\v', esc); break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        uint32_t v = e - '0';
        for (int k = 0; k < 2 && p < end && text[p] >= '0' && text[p] <= '7'; ++k) v = v * 8 + (text[p++] - '0');
        if (bytes) put(out, static_cast<char>(v & 0xFF), esc);
        else put_cp(out, v, esc);
        break;
      }
      case 'x': {
        int h1 = p < end ? hex_value(text[p]) : -1;
        int h2 = p + 1 < end ? hex_value(text[p + 1]) : -1;
        if (h1 < 0 || h2 < 0) {
          bad(esc, 2, bytes ? fmt::format("(value error) invalid \\x escape at position {}", esc - begin)
                            : fmt::format("(unicode error) 'unicodeescape' codec can't decode bytes in position "
                                          "{}-{}: truncated \\xXX escape", esc - begin, p - begin - 1 + (h1 >= 0)));
          break;
        }
        p += 2;
        uint32_t v = h1 * 16 + h2;
        if (bytes) put(out, static_cast<char>(v), esc);
        else put_cp(out, v, esc);
        break;
      }
      case 'u': case 'U': case 'N': {
        if (bytes) {  // not escapes in bytes: kept verbatim
          put(out, '\\', esc);
          put(out, e, esc + 1);
          break;
        }
        if (e == 'N') {
          uint32_t close = p;
          if (p < end && text[p] == '{') {
            while (close < end && text[close] != '}') ++close;
          }
          if (p >= end || text[p] != '{' || close >= end) {
            bad(esc, 2, fmt::format("(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: "
                                    "malformed \\N character escape", esc - begin, esc - begin + 1));
            break;
          }
          uint32_t cp = unicode_lookup(text.substr(p + 1, close - p - 1));
          if (cp == 0xFFFFFFFF) {
            cp = 0xFFFD;
            out.approximate = true;
          }
          put_cp(out, cp, esc);
          p = close + 1;
          break;
        }
        int n = e == 'u' ? 4 : 8;
        uint32_t v = 0;
        int k = 0;
        for (; k < n && p + k < end && hex_value(text[p + k]) >= 0; ++k) v = v * 16 + hex_value(text[p + k]);
        if (k < n) {
          bad(esc, 2, fmt::format("(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: "
                                  "truncated \\{}{} escape", esc - begin, esc - begin + 1 + k, e,
                                  e == 'u' ? "XXXX" : "XXXXXXXX"));
          p += k;
          break;
        }
        p += n;
        if (v > 0x10FFFF) {
          bad(esc, 2, fmt::format("(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: "
                                  "illegal Unicode character", esc - begin, p - begin - 1));
          break;
        }
        put_cp(out, v, esc);
        break;
      }
      default:
        // Unknown escape: kept as is (CPython only warns). Non-ASCII follows verbatim.
        put(out, '\\', esc);
        --p;
        break;
    }
  }
  out.source.push_back(end);
}

void decode_literal(const SourceFilePtr& file, Span token, DecodedString& out, std::vector<Diagnostic>& diags) {
  std::string_view t = file->slice(token);
  StringPrefix pre = string_prefix_of(t);
  uint32_t open = token.begin + pre.prefix_len + pre.quote_len;
  uint32_t close = token.end - pre.quote_len;
  if (close < open) close = open;
  decode_string_part(file, open, close, pre.raw, pre.bytes, false, out, diags);
}

DecodedString decode_literals(const SourceFilePtr& file, const std::vector<Span>& tokens,
                              std::vector<Diagnostic>& diags) {
  DecodedString out;
  for (Span s : tokens) decode_literal(file, s, out, diags);
  if (out.source.empty()) out.source.push_back(tokens.empty() ? 0 : tokens.back().end);
  return out;
}

namespace {
struct NamedChar {
  const char* name;
  uint32_t cp;
};
// A small table of names; see unicode_lookup's comment.
constexpr NamedChar kNames[] = {
    {"NULL", 0x0}, {"CHARACTER TABULATION", 0x9}, {"LINE FEED", 0xA}, {"CARRIAGE RETURN", 0xD},
    {"SPACE", 0x20}, {"EXCLAMATION MARK", 0x21}, {"QUOTATION MARK", 0x22}, {"NUMBER SIGN", 0x23},
    {"DOLLAR SIGN", 0x24}, {"PERCENT SIGN", 0x25}, {"AMPERSAND", 0x26}, {"APOSTROPHE", 0x27},
    {"LEFT PARENTHESIS", 0x28}, {"RIGHT PARENTHESIS", 0x29}, {"ASTERISK", 0x2A}, {"PLUS SIGN", 0x2B},
    {"COMMA", 0x2C}, {"HYPHEN-MINUS", 0x2D}, {"FULL STOP", 0x2E}, {"SOLIDUS", 0x2F}, {"COLON", 0x3A},
    {"SEMICOLON", 0x3B}, {"LESS-THAN SIGN", 0x3C}, {"EQUALS SIGN", 0x3D}, {"GREATER-THAN SIGN", 0x3E},
    {"QUESTION MARK", 0x3F}, {"COMMERCIAL AT", 0x40}, {"LEFT SQUARE BRACKET", 0x5B},
    {"REVERSE SOLIDUS", 0x5C}, {"RIGHT SQUARE BRACKET", 0x5D}, {"LOW LINE", 0x5F}, {"GRAVE ACCENT", 0x60},
    {"LEFT CURLY BRACKET", 0x7B}, {"VERTICAL LINE", 0x7C}, {"RIGHT CURLY BRACKET", 0x7D}, {"TILDE", 0x7E},
    {"NO-BREAK SPACE", 0xA0}, {"COPYRIGHT SIGN", 0xA9}, {"REGISTERED SIGN", 0xAE}, {"DEGREE SIGN", 0xB0},
    {"PLUS-MINUS SIGN", 0xB1}, {"MICRO SIGN", 0xB5}, {"MIDDLE DOT", 0xB7}, {"SECTION SIGN", 0xA7},
    {"POUND SIGN", 0xA3}, {"YEN SIGN", 0xA5}, {"MULTIPLICATION SIGN", 0xD7}, {"DIVISION SIGN", 0xF7},
    {"LATIN SMALL LETTER SHARP S", 0xDF}, {"LATIN SMALL LETTER E WITH ACUTE", 0xE9},
    {"LATIN CAPITAL LETTER E WITH ACUTE", 0xC9}, {"LATIN SMALL LETTER A WITH GRAVE", 0xE0},
    {"LATIN SMALL LETTER E WITH GRAVE", 0xE8}, {"LATIN SMALL LETTER C WITH CEDILLA", 0xE7},
    {"LATIN SMALL LETTER U WITH DIAERESIS", 0xFC}, {"LATIN SMALL LETTER O WITH DIAERESIS", 0xF6},
    {"LATIN SMALL LETTER A WITH DIAERESIS", 0xE4}, {"LATIN SMALL LETTER N WITH TILDE", 0xF1},
    {"EN DASH", 0x2013}, {"EM DASH", 0x2014}, {"LEFT SINGLE QUOTATION MARK", 0x2018},
    {"RIGHT SINGLE QUOTATION MARK", 0x2019}, {"LEFT DOUBLE QUOTATION MARK", 0x201C},
    {"RIGHT DOUBLE QUOTATION MARK", 0x201D}, {"BULLET", 0x2022}, {"HORIZONTAL ELLIPSIS", 0x2026},
    {"EURO SIGN", 0x20AC}, {"TRADE MARK SIGN", 0x2122}, {"RIGHTWARDS ARROW", 0x2192},
    {"LEFTWARDS ARROW", 0x2190}, {"CHECK MARK", 0x2713}, {"BLACK STAR", 0x2605}, {"SNOWMAN", 0x2603},
    {"ZERO WIDTH SPACE", 0x200B}, {"ZERO WIDTH JOINER", 0x200D}, {"BYTE ORDER MARK", 0xFEFF},
    {"ZERO WIDTH NO-BREAK SPACE", 0xFEFF}, {"REPLACEMENT CHARACTER", 0xFFFD}, {"INFINITY", 0x221E},
    {"GREEK SMALL LETTER ALPHA", 0x3B1}, {"GREEK SMALL LETTER BETA", 0x3B2},
    {"GREEK SMALL LETTER GAMMA", 0x3B3}, {"GREEK SMALL LETTER DELTA", 0x3B4},
    {"GREEK SMALL LETTER PI", 0x3C0}, {"GREEK SMALL LETTER LAMDA", 0x3BB},
    {"GREEK CAPITAL LETTER OMEGA", 0x3A9}, {"GREEK CAPITAL LETTER SIGMA", 0x3A3},
    {"GRINNING FACE", 0x1F600}, {"PILE OF POO", 0x1F4A9}, {"THUMBS UP SIGN", 0x1F44D},
};
constexpr const char* kDigits[] = {"ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"};
}  // namespace

uint32_t unicode_lookup(std::string_view raw) {
  std::string name(raw);
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const auto& n : kNames)
    if (name == n.name) return n.cp;
  for (std::string_view pfx : {"LATIN CAPITAL LETTER ", "LATIN SMALL LETTER "}) {
    if (name.size() == pfx.size() + 1 && name.compare(0, pfx.size(), pfx) == 0) {
      char l = name.back();
      if (l >= 'A' && l <= 'Z') return pfx[6] == 'C' ? l : l + 32;
    }
  }
  for (int d = 0; d < 10; ++d)
    if (name == std::string("DIGIT ") + kDigits[d]) return '0' + d;
  std::string_view cjk = "CJK UNIFIED IDEOGRAPH-";
  if (name.size() >= cjk.size() + 4 && name.compare(0, cjk.size(), cjk) == 0) {
    uint32_t v = 0;
    for (size_t i = cjk.size(); i < name.size(); ++i) {
      int h = hex_value(name[i]);
      if (h < 0) return 0xFFFFFFFF;
      v = v * 16 + h;
    }
    if ((v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x20000 && v <= 0x2A6DF)) return v;
  }
  return 0xFFFFFFFF;
}

}  // namespace miglint::python
