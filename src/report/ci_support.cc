// What the CI renderers share: escaping, URIs and fingerprints.
#include <filesystem>
#include <map>
#include <tuple>

#include "report/md5.h"
#include "report/render.h"

namespace miglint::report {
namespace {

std::string percent(unsigned char c) {
  static const char* hex = "0123456789ABCDEF";
  return {'%', hex[c >> 4], hex[c & 15]};
}

// Length of the valid UTF-8 sequence at `s[i]` and its code point; 0 when it is not valid.
size_t utf8_sequence(std::string_view s, size_t i, uint32_t& cp) {
  unsigned char c = s[i];
  size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  cp = len == 1 ? c : len == 2 ? c & 0x1f : len == 3 ? c & 0x0f : c & 0x07;
  for (size_t k = 1; k < len; ++k) {
    unsigned char cc = s[i + k];
    if ((cc >> 6) != 2) return 0;
    cp = cp << 6 | (cc & 0x3f);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  static const uint32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_len[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return len;
}

}  // namespace

std::string github_escape_data(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string github_escape_property(std::string_view text) {
  std::string out;
  for (char c : github_escape_data(text)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string xml_escape(std::string_view text, bool attribute) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = 0;
    size_t len = utf8_sequence(text, i, cp);
    bool allowed = len && (cp >= 0x20 || cp == '\t' || cp == '\n' || cp == '\r') && cp != 0xfffe && cp != 0xffff;
    if (!allowed) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      i += len ? len : 1;
      continue;
    }
    switch (cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      // A parser turns a literal CR (or CRLF) into LF, and in an attribute any of these into a space.
      case '\r': out += "&#13;"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      default: out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::vector<std::string> fingerprints(const std::vector<Diagnostic>& diagnostics) {
  // Lines are left out so a finding keeps its fingerprint when code above it moves; the
  // occurrence number tells apart identical findings in one file.
  std::map<std::tuple<std::string, std::string, std::string>, size_t> seen;
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics) {
    std::string path = d.location.display_path();
    size_t n = seen[{d.rule, path, d.message}]++;
    std::string key = d.rule + '\0' + path + '\0' + d.message + '\0' + std::to_string(n);
    out.push_back(md5_hex(key));
  }
  return out;
}

std::string uri_path(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '.' || c == '_' || c == '~' || c == '/';
    out += unreserved ? std::string(1, static_cast<char>(c)) : percent(c);
  }
  return out;
}

std::string file_uri(const std::string& path) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  std::string text = ec ? path : absolute.lexically_normal().generic_string();
  return "file://" + uri_path(text);
}

std::string installed_docs_url() { return file_uri(MIGLINT_INSTALL_PREFIX "/share/doc/miglint/rules") + "/"; }

std::string rule_doc_url(const CiOptions& ci, std::string_view rule) {
  return ci.docs_url + uri_path(rule) + ".md";
}

}  // namespace miglint::report
