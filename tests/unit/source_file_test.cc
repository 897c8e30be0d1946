#include <catch2/catch.hpp>

#include "base/source_file.h"

using miglint::LineCol;
using miglint::SourceFile;

TEST_CASE("source_file maps offsets to 1-based lines and byte columns", "[base]") {
  SourceFile f("a.py", "ab\ncd\r\nef\rg");
  CHECK(f.line_count() == 4);
  CHECK(f.line_col(0) == LineCol{1, 1});
  CHECK(f.line_col(1) == LineCol{1, 2});
  CHECK(f.line_col(3) == LineCol{2, 1});
  CHECK(f.line_col(7) == LineCol{3, 1});
  CHECK(f.line_col(10) == LineCol{4, 1});
  CHECK(f.line_text(2) == "cd");
  CHECK(f.line_text(3) == "ef");
  CHECK(f.line_text(4) == "g");
  CHECK(f.line_text(5).empty());
}

TEST_CASE("source_file counts characters for display columns", "[base]") {
  SourceFile f("a.py", "x = \"\xC3\xA9t\xC3\xA9\" + y\n");
  // 'y' is at byte 14, character 11 (two 2-byte characters before it).
  CHECK(f.line_col(14) == LineCol{1, 15});
  CHECK(f.line_col_chars(14) == LineCol{1, 13});
}
