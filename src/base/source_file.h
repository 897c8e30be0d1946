// A file's text with a line index, so spans can be turned into line:column when reporting.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/span.h"

namespace miglint {

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  std::string_view slice(Span span) const;

  // 1-based line and byte column of a byte offset (offsets past the end clamp to the end).
  LineCol line_col(uint32_t offset) const;
  // 1-based line and column counted in Unicode code points, as editors and SARIF expect (a
  // UTF-8 byte-order mark does not count).
  LineCol line_col_chars(uint32_t offset) const;
  // Text of a 1-based line, without its line terminator.
  std::string_view line_text(uint32_t line) const;
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }
  uint32_t line_start(uint32_t line) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;  // byte offset where each line begins
};

using SourceFilePtr = std::shared_ptr<const SourceFile>;

// Reads a whole file; returns nullptr and sets `error` (strerror text) on failure. The
// SourceFile is named `name` (how diagnostics show it) when given, else `path`.
SourceFilePtr read_source_file(const std::string& path, std::string* error, std::string name = {});

}  // namespace miglint
