// Python str semantics on UTF-8 text; see py_text.h.
#include "config/py_text.h"

#include <fmt/format.h>

namespace miglint::config {

char32_t decode_utf8(std::string_view text, size_t& i, bool* invalid) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len = (b0 & 0xE0) == 0xC0 ? 2 : (b0 & 0xF0) == 0xE0 ? 3 : (b0 & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 0 || i + len > text.size()) {
    if (invalid) *invalid = true;
    ++i;
    return b0;
  }
  char32_t cp = b0 & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    unsigned char b = byte(i + k);
    if ((b & 0xC0) != 0x80) {
      if (invalid) *invalid = true;
      ++i;
      return b0;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are invalid for Python's decoder too.
  static const char32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    if (invalid) *invalid = true;
    ++i;
    return b0;
  }
  i += len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_py_space(char32_t cp) {
  // CPython's _PyUnicode_IsWhitespace: bidirectional types WS, B, S plus Zs.
  switch (cp) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D:
    case 0x1C: case 0x1D: case 0x1E: case 0x1F: case 0x20:
    case 0x85: case 0xA0: case 0x1680:
    case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

void py_strip_range(std::string_view text, size_t begin, size_t end, size_t& first, size_t& last) {
  first = end;
  last = begin;
  size_t i = begin;
  while (i < end) {
    size_t start = i;
    char32_t cp = decode_utf8(text, i);
    if (!is_py_space(cp)) {
      if (first == end) first = start;
      last = i;
    }
  }
  if (first == end) first = last = begin;  // all whitespace: empty at the start (rstrip gives "")
}

std::string_view py_strip(std::string_view text) {
  size_t first, last;
  py_strip_range(text, 0, text.size(), first, last);
  return text.substr(first, last - first);
}

std::string_view py_rstrip(std::string_view text) {
  size_t first, last;
  py_strip_range(text, 0, text.size(), first, last);
  return text.substr(0, last);
}

size_t count_code_points(std::string_view text, size_t begin, size_t end) {
  size_t n = 0;
  for (size_t i = begin; i < end;) {
    decode_utf8(text, i);
    ++n;
  }
  return n;
}

static char32_t lower_cp(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;            // Latin-1
  if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x138 && cp != 0x149 && cp != 0x178) {
    // Latin Extended-A alternates upper/lower, with a phase shift in 0x139..0x148 and 0x179..0x17E.
    bool shifted = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    bool upper = shifted ? (cp % 2 == 1) : (cp % 2 == 0);
    return upper ? cp + 1 : cp;
  }
  if (cp == 0x178) return 0xFF;
  if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 32;        // Greek
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;                       // Cyrillic
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

std::string py_lower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t start = i;
    bool invalid = false;
    char32_t cp = decode_utf8(text, i, &invalid);
    if (invalid) {
      out.append(text.substr(start, i - start));
    } else {
      append_utf8(out, lower_cp(cp));
    }
  }
  return out;
}

std::string py_repr(std::string_view text) {
  // Python prefers single quotes unless the text holds ' and no ".
  bool has_single = text.find('\'') != std::string_view::npos;
  bool has_double = text.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  for (unsigned char c : text) {
    if (c == '\\') out += "\\\\";
    else if (c == static_cast<unsigned char>(quote)) out += std::string("\\") + quote;
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c == 0x7F) out += fmt::format("\\x{:02x}", c);
    else out += static_cast<char>(c);
  }
  out += quote;
  return out;
}

}  // namespace miglint::config
