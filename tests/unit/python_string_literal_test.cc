#include <catch2/catch.hpp>

#include "python/string_literal.h"

using namespace miglint;
using namespace miglint::python;

namespace {
// Decodes the literal tokens at the given [begin, end) pairs of `src`.
DecodedString decode(const SourceFilePtr& f, std::vector<Span> tokens, std::vector<Diagnostic>* diags = nullptr) {
  std::vector<Diagnostic> local;
  return decode_literals(f, tokens, diags ? *diags : local);
}
SourceFilePtr file(std::string s) { return std::make_shared<SourceFile>("t.py", std::move(s)); }
Span whole(const SourceFilePtr& f) { return Span{0, static_cast<uint32_t>(f->text().size())}; }
}  // namespace

TEST_CASE("string literals: simple escapes map every byte back to its escape", "[python][string]") {
  auto f = file(R"('a\nb\\c\'d')");
  DecodedString d = decode(f, {whole(f)});
  CHECK(d.value == "a\nb\\c'd");
  // a:1  \n:2  b:4  \\:5  c:7  \':8  d:10  end:11
  CHECK(d.source == std::vector<uint32_t>{1, 2, 4, 5, 7, 8, 10, 11});
}

TEST_CASE("string literals: hex, octal, unicode and named escapes", "[python][string]") {
  auto f = file(R"("\x41\101\u00e9\U0001F600\N{BULLET}\N{latin small letter e with acute}z")");
  DecodedString d = decode(f, {whole(f)});
  CHECK(d.value == "AA\xC3\xA9\xF0\x9F\x98\x80\xE2\x80\xA2\xC3\xA9z");
  CHECK(d.source_offset(0) == 1);   // \x41
  CHECK(d.source_offset(1) == 5);   // \101
  CHECK(d.source_offset(2) == 9);   // first byte of é from \u00e9
  CHECK(d.source_offset(3) == 9);   // second byte, same escape
  CHECK(d.source_offset(4) == 15);  // \U0001F600
  CHECK(d.source_offset(8) == 25);  // \N{BULLET}
  CHECK(d.source_offset(11) == 35); // \N{latin ...}
  CHECK(d.source_offset(13) == 70); // z
  CHECK(d.source_offset(14) == 71); // end: the closing quote
  CHECK_FALSE(d.approximate);
}

TEST_CASE("string literals: raw strings keep backslashes", "[python][string]") {
  auto f = file(R"(r'\d+\'x')");
  DecodedString d = decode(f, {whole(f)});
  CHECK(d.value == R"(\d+\'x)");
  CHECK(d.source_offset(0) == 2);
}

TEST_CASE("string literals: triple quotes, line continuations and CRLF", "[python][string]") {
  auto f = file("'''a\r\nb\\\r\nc'''");
  DecodedString d = decode(f, {whole(f)});
  CHECK(d.value == "a\nb" "c");
  CHECK(d.source_offset(0) == 3);  // a
  CHECK(d.source_offset(1) == 4);  // the \r\n, decoded as one \n
  CHECK(d.source_offset(2) == 6);  // b
  CHECK(d.source_offset(3) == 10); // c after the continuation
}

TEST_CASE("string literals: implicit concatenation maps into each part", "[python][string]") {
  auto f = file("'ab' \"c\"\n  r'\\d'");
  DecodedString d = decode(f, {Span{0, 4}, Span{5, 8}, Span{11, 16}});
  CHECK(d.value == "abc\\d");
  CHECK(d.source == std::vector<uint32_t>{1, 2, 6, 13, 14, 15});
  // an SQL error at decoded offset 3 is reported at line 2, column 5
  CHECK(f->line_col(d.source_offset(3)) == LineCol{2, 5});
}

TEST_CASE("string literals: non-ASCII source bytes map one to one", "[python][string]") {
  auto f = file("'\xC3\xA9t\xC3\xA9'");
  DecodedString d = decode(f, {whole(f)});
  CHECK(d.value == "\xC3\xA9t\xC3\xA9");
  CHECK(d.source == std::vector<uint32_t>{1, 2, 3, 4, 5, 6});
}

TEST_CASE("string literals: bytes", "[python][string]") {
  auto f = file(R"(b'\x00\xff\u00e9\101')");
  DecodedString d = decode(f, {whole(f)});
  CHECK(d.is_bytes);
  CHECK(d.value == std::string("\x00\xff\\u00e9A", 9));
}

TEST_CASE("string literals: bad escapes are diagnostics, unknown ones are kept", "[python][string]") {
  std::vector<Diagnostic> diags;
  auto f = file(R"('\d \x4 \N{NOT A REAL NAME}')");
  DecodedString d = decode(f, {whole(f)}, &diags);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].message.find("truncated \\xXX escape") != std::string::npos);
  CHECK(diags[0].location.span.begin == 4);
  CHECK(d.value.substr(0, 2) == "\\d");
  CHECK(d.approximate);  // the unknown name became U+FFFD
}

TEST_CASE("string literals: prefixes", "[python][string]") {
  StringPrefix p = string_prefix_of("Rb'''x'''");
  CHECK(p.raw);
  CHECK(p.bytes);
  CHECK_FALSE(p.fstring);
  CHECK(p.prefix_len == 2);
  CHECK(p.quote_len == 3);
  CHECK(string_prefix_of("''").quote_len == 1);
  CHECK(string_prefix_of("F'x'").fstring);
}
