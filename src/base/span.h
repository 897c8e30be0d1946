// Byte ranges into a source text; the only position type the pipeline passes around.
#pragma once

#include <cstdint>

namespace miglint {

// Half-open byte range [begin, end) into one SourceFile's text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;

  constexpr uint32_t size() const { return end - begin; }
  constexpr bool empty() const { return begin == end; }
  constexpr bool contains(uint32_t offset) const { return offset >= begin && offset < end; }
  friend constexpr bool operator==(Span, Span) = default;
};

// 1-based line and column; column counts bytes (as CPython's col_offset + 1 does) unless
// a caller converts it. Only produced when reporting.
struct LineCol {
  uint32_t line = 1;
  uint32_t column = 1;
  friend constexpr bool operator==(LineCol, LineCol) = default;
};

}  // namespace miglint
