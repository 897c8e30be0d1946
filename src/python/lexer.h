// The Python 3.12 lexer: a file's text to tokens (INDENT/DEDENT, NEWLINE, strings, numbers...).
#pragma once

#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"
#include "python/token.h"

namespace miglint::python {

// A `# ...` comment; kept apart from the tokens so suppressions can be read later.
struct Comment {
  Span span;  // from '#' to the end of the line, line terminator excluded
};

struct LexResult {
  std::vector<Token> tokens;  // always ends with EndMarker
  std::vector<Comment> comments;
};

struct LexOptions {
  bool emit_nl = false;  // also emit NL tokens (blank lines, newlines inside brackets)
  // Lex only [begin, end) as if inside brackets: no INDENT/DEDENT/NEWLINE. The parser uses it
  // for the expressions inside f-string replacement fields.
  bool expression_mode = false;
  uint32_t begin = 0;
  uint32_t end = UINT32_MAX;
};

// Never fails: problems become `python-syntax-error` diagnostics and the token stream goes on.
LexResult lex(const SourceFilePtr& file, std::vector<Diagnostic>& diags, const LexOptions& options = {});

// Where a string literal ends, given the offset of its first prefix letter or quote
// (f-strings with nested replacement fields included). Returns false if it is unterminated,
// with `end` at the place the scan stopped.
bool scan_string_literal(std::string_view text, uint32_t begin, uint32_t& end);

// Whether `p` is a string prefix (r, b, u, f, rb, br, fr, rf in any case); sets its flags.
bool string_prefix_flags(std::string_view p, bool* raw, bool* fstr);

// A "python-syntax-error" diagnostic at a span.
Diagnostic syntax_error(const SourceFilePtr& file, Span span, std::string message);

// Length of the UTF-8 sequence starting with byte `c` (1 for ASCII and for invalid bytes).
int utf8_length(unsigned char c);
// Decodes one code point at text[i] (returns U+FFFD for malformed input), sets `len`.
uint32_t utf8_decode(std::string_view text, size_t i, int& len);
void utf8_append(std::string& out, uint32_t cp);

}  // namespace miglint::python
