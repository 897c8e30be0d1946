// Bad input to the Python front end: one clear diagnostic, never a flood, never a crash.
#include <catch2/catch.hpp>

#include <string>

#include "python/ast.h"
#include "python/parser.h"

using namespace miglint;

namespace {

std::vector<Diagnostic> parse(std::string text) {
  std::vector<Diagnostic> diags;
  auto file = std::make_shared<SourceFile>("bad.py", std::move(text));
  auto module = python::parse_module(file, diags);
  REQUIRE(module);
  CHECK(module->has_errors == !diags.empty());
  return diags;
}

}  // namespace

TEST_CASE("a binary file is one error at its first NUL byte", "[python][bad-input]") {
  auto diags = parse(std::string("revision = 'a'\nx = 1\x00\x01\x02\xff\xfe", 21));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].message == "source code cannot contain null bytes");
  CHECK(diags[0].location.span.begin == 20);
}

TEST_CASE("invalid UTF-8 is one error with CPython's message", "[python][bad-input]") {
  auto diags = parse("x = 'caf\xe9'\n");
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].message == "(unicode error) 'utf-8' codec can't decode byte 0xe9: invalid continuation byte");
  // Overlong encodings and surrogates are invalid too; valid multi-byte text is fine.
  CHECK(parse("x = '\xc0\xaf'\n").size() == 1);
  CHECK(parse("x = '\xed\xa0\x80'\n").size() == 1);
  CHECK(parse("x = 'caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80'\n").empty());
}

TEST_CASE("a UTF-16 file is named as such", "[python][bad-input]") {
  auto diags = parse(std::string("\xff\xfer\0e\0v\0", 8));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].message == "the file is UTF-16 encoded; Python source must be UTF-8");
}

TEST_CASE("10,000 nested brackets give one diagnostic", "[python][bad-input]") {
  auto diags = parse("x = " + std::string(10000, '(') + std::string(10000, ')') + "\n");
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].message == "too many nested parentheses");
}

TEST_CASE("many errors are capped with a count of the rest", "[python][bad-input]") {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "x = = 1\n";
  auto diags = parse(text);
  REQUIRE(diags.size() == 10);
  REQUIRE(diags.back().notes.size() == 1);
  CHECK(diags.back().notes[0].message == "40 more syntax errors in this file not shown");
}
