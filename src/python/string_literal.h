// Decoding Python string literals to their values, keeping a map from every decoded byte back
// to the source byte it came from (so an SQL error inside a string lands on the right line:col).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_file.h"

namespace miglint::python {

struct StringPrefix {
  bool raw = false, bytes = false, fstring = false, unicode = false;
  uint32_t prefix_len = 0;  // letters before the opening quote
  uint32_t quote_len = 1;   // 1 or 3
};

// The prefix of a complete literal token's text (e.g. `rb'''x'''`).
StringPrefix string_prefix_of(std::string_view token_text);

// A literal's value. `value` is UTF-8 for str, raw bytes for bytes.
struct DecodedString {
  std::string value;
  // source[i] is the file offset of the character or escape that produced value[i];
  // source[value.size()] is the offset just past the last decoded content (the closing quote).
  std::vector<uint32_t> source;
  bool is_bytes = false;
  bool approximate = false;  // a \N{...} name miglint does not know became U+FFFD

  // Maps a decoded byte offset (0..value.size()) to a file offset.
  uint32_t source_offset(size_t decoded) const {
    if (source.empty()) return 0;
    return decoded < source.size() ? source[decoded] : source.back();
  }
};

// Decodes source bytes [begin, end) of a literal's content (between the quotes) and appends
// to `out`. For f-string literal parts pass `fstring` so `{{`/`}}` become `{`/`}`.
// Bad escapes are python-syntax-error diagnostics (the rest of the string still decodes).
void decode_string_part(const SourceFilePtr& file, uint32_t begin, uint32_t end, bool raw, bool bytes,
                        bool fstring, DecodedString& out, std::vector<Diagnostic>& diags);

// Decodes one complete literal token (not an f-string) and appends its value.
void decode_literal(const SourceFilePtr& file, Span token, DecodedString& out, std::vector<Diagnostic>& diags);

// Decodes an implicit concatenation of literal tokens ("a" 'b' """c"""), none of them f-strings.
DecodedString decode_literals(const SourceFilePtr& file, const std::vector<Span>& tokens,
                              std::vector<Diagnostic>& diags);

// The code point of a Unicode character name (case-insensitive), or 0xFFFFFFFF if unknown.
// Knows ASCII and Latin-1 names, common punctuation and symbols, Greek letters and the
// algorithmic CJK names: a deliberate subset, not the whole Unicode database.
uint32_t unicode_lookup(std::string_view name);

}  // namespace miglint::python
