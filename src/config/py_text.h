// Python str semantics on UTF-8 text (isspace, strip, lower) that configparser relies on.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace miglint::config {

// Decodes one code point at `i` and advances `i`; an invalid byte decodes as itself
// (so callers never loop forever) and sets `*invalid` when given.
char32_t decode_utf8(std::string_view text, size_t& i, bool* invalid = nullptr);
void append_utf8(std::string& out, char32_t cp);

// Python's str.isspace(): the characters `\s` and str.strip() treat as whitespace.
bool is_py_space(char32_t cp);

// Byte offsets of the first and one-past-last non-space code point in [begin, end);
// first == last when the range is all whitespace.
void py_strip_range(std::string_view text, size_t begin, size_t end, size_t& first, size_t& last);
std::string_view py_strip(std::string_view text);
std::string_view py_rstrip(std::string_view text);

// Number of code points before byte offset `end` starting at `begin` (configparser compares
// indentation in characters, not bytes).
size_t count_code_points(std::string_view text, size_t begin, size_t end);

// str.lower() for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic capitals: enough for
// option names; other scripts are left unchanged (documented in docs/configuration.md).
std::string py_lower(std::string_view text);

// Python's repr() of a str, for messages that quote values the way Python errors do.
std::string py_repr(std::string_view text);

}  // namespace miglint::config
