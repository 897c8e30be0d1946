// Whole-file checks around the parser: the encoding CPython requires before it tokenizes, and a
// limit on how many syntax errors one file reports.
#include "python/source_checks.h"

#include <fmt/format.h>

#include <algorithm>

namespace miglint::python {
namespace {

Diagnostic syntax_error(const SourceFilePtr& file, Span span, std::string message, std::string help = {}) {
  Diagnostic d;
  d.rule = "python-syntax-error";
  d.location = {file, span, {}};
  d.message = std::move(message);
  d.help = std::move(help);
  return d;
}

}  // namespace

namespace {

// A UTF-16 file without a byte-order mark: its first characters are ASCII, so every other byte
// of them is NUL (the second of each pair in little-endian, the first in big-endian). Such a
// file would otherwise be reported only as "cannot contain null bytes" at column 2.
bool looks_like_utf16(std::string_view text) {
  size_t pairs = std::min<size_t>(text.size() / 2, 32);
  if (pairs == 0) return false;
  bool le = true, be = true;
  for (size_t i = 0; i < pairs; ++i) {
    char a = text[2 * i], b = text[2 * i + 1];
    le = le && a != '\0' && b == '\0';
    be = be && a == '\0' && b != '\0';
  }
  return le || be;
}

}  // namespace

// CPython refuses a file with NUL bytes before tokenizing it, with one error; so do we, instead
// of a flood of "invalid character" errors from a binary or UTF-16 file.
std::optional<Diagnostic> check_binary(const SourceFilePtr& file) {
  std::string_view text = file->text();
  auto at = [&](size_t i) { return Span{static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1)}; };
  constexpr const char* kUtf16Help = "re-save the file as UTF-8 (Alembic imports it with Python, which fails the same way)";
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF"))
    return syntax_error(file, at(0), "the file is UTF-16 encoded; Python source must be UTF-8", kUtf16Help);
  if (size_t nul = text.find('\0'); nul != std::string_view::npos) {
    if (looks_like_utf16(text))
      return syntax_error(file, at(0),
                          "source code cannot contain null bytes: the file looks UTF-16 encoded (without a "
                          "byte-order mark); Python source must be UTF-8",
                          kUtf16Help);
    return syntax_error(file, at(nul), "source code cannot contain null bytes",
                        "this is not a Python text file; remove it from the versions folder");
  }
  return std::nullopt;
}

// CPython decodes string literals and names as UTF-8 while it tokenizes, but never comments:
// `compile()` of the bytes, which is how Alembic imports a revision, accepts a Latin-1 "é" in a
// comment. So every byte outside `comments` (sorted, as the lexer returns them) must be UTF-8.
std::optional<Diagnostic> check_utf8(const SourceFilePtr& file, const std::vector<Span>& comments) {
  std::string_view text = file->text();
  auto next_comment = comments.begin();
  size_t i = 0;
  while (i < text.size()) {
    while (next_comment != comments.end() && next_comment->end <= i) ++next_comment;
    if (next_comment != comments.end() && next_comment->begin <= i) {
      i = next_comment->end;  // a comment: any bytes up to the end of its line
      continue;
    }
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = len != 0 && i + len <= text.size() && !(len == 2 && c < 0xC2);
    for (size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (ok && len == 3) {  // overlong forms and UTF-16 surrogates
      unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
    }
    if (ok && len == 4) {
      unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
      ok = c <= 0xF4 && !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (!ok) {
      // CPython's wording, without its "in position N": that counts from the start of the string
      // literal or name, which would contradict the line:column reported.
      const char* why = len == 0 || (len == 2 && c < 0xC2) || c > 0xF4 ? "invalid start byte"
                        : i + len > text.size()                          ? "unexpected end of data"
                                                                         : "invalid continuation byte";
      return syntax_error(file, Span{static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1)},
                          fmt::format("(unicode error) 'utf-8' codec can't decode byte 0x{:02x}: {}", c, why),
                          "Python reads source files as UTF-8; re-save the file as UTF-8");
    }
    i += len;
  }
  return std::nullopt;
}

// One broken construct can make the tokenizer complain at every following bracket or byte;
// people need the first few, not hundreds. Keep one error per line and message, at most
// kMaxErrors per file, and say how many more there were.
void limit_errors(std::vector<Diagnostic>& diags, size_t before) {
  constexpr size_t kMaxErrors = 10;
  size_t kept = before;
  size_t hidden = 0;
  for (size_t i = before; i < diags.size(); ++i) {
    const Diagnostic& d = diags[i];
    bool repeat = kept > before && diags[kept - 1].message == d.message &&
                  d.location.file->line_col(diags[kept - 1].location.span.begin).line ==
                      d.location.file->line_col(d.location.span.begin).line;
    if (repeat) continue;
    if (kept - before == kMaxErrors) {
      ++hidden;
      continue;
    }
    if (kept != i) diags[kept] = std::move(diags[i]);
    ++kept;
  }
  diags.resize(kept);
  if (hidden) diags.back().notes.push_back({fmt::format("{} more syntax error{} in this file not shown", hidden, hidden == 1 ? "" : "s"), std::nullopt});
}

}  // namespace miglint::python
